// SPDX-License-Identifier: GPL-2.0
/*
 * vpcover.sys: the coverage miniport.
 *
 * Binds to QEMU's std VGA (1234:1111) and calls each export beyond the
 * core set (the rest of videoprt.sys, the ntoskrnl.exe/hal.dll subset) with the
 * cases the DDK documents, reporting each check through VideoPortDebugPrint:
 *
 *	COVERAGE PASS <name>
 *	COVERAGE FAIL <name>: <why>
 *
 * tests/suites/62-vm-exports.sh turns them into PASS:/FAIL: lines and
 * checks the log lines some exports leave (DbgPrint, LogError, the
 * "not supported" lines).
 *
 * The DDC check talks to an I2C EEPROM that this file emulates behind the
 * four I2C line callbacks, so the export's bit-banging is checked bit by
 * bit against a known EDID.
 */
#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>

#define PASSIVE_LEVEL	0
#define DISPATCH_LEVEL	2

/* ntoskrnl.exe / hal.dll imports (prototypes as the WDK declares them) */
typedef ULONG_PTR KSPIN_LOCK;
UCHAR NTAPI READ_PORT_UCHAR(PUCHAR);
USHORT NTAPI READ_PORT_USHORT(PUSHORT);
VOID NTAPI WRITE_PORT_UCHAR(PUCHAR, UCHAR);
VOID NTAPI WRITE_PORT_USHORT(PUSHORT, USHORT);
VOID NTAPI READ_PORT_BUFFER_UCHAR(PUCHAR, PUCHAR, ULONG);
VOID NTAPI WRITE_PORT_BUFFER_UCHAR(PUCHAR, PUCHAR, ULONG);
ULONG NTAPI READ_REGISTER_ULONG(volatile ULONG *);
VOID NTAPI WRITE_REGISTER_ULONG(volatile ULONG *, ULONG);
USHORT NTAPI READ_REGISTER_USHORT(volatile USHORT *);
VOID NTAPI READ_REGISTER_BUFFER_UCHAR(volatile UCHAR *, PUCHAR, ULONG);
VOID NTAPI WRITE_REGISTER_BUFFER_UCHAR(volatile UCHAR *, PUCHAR, ULONG);
VOID NTAPI READ_REGISTER_BUFFER_ULONG(volatile ULONG *, PULONG, ULONG);
VOID NTAPI WRITE_REGISTER_BUFFER_ULONG(volatile ULONG *, PULONG, ULONG);
VOID NTAPI KeStallExecutionProcessor(ULONG);
UCHAR NTAPI KeGetCurrentIrql(void);
VOID NTAPI KeInitializeSpinLock(KSPIN_LOCK *);
UCHAR NTAPI KeAcquireSpinLockRaiseToDpc(KSPIN_LOCK *);
VOID NTAPI KeReleaseSpinLock(KSPIN_LOCK *, UCHAR);
VOID NTAPI KeAcquireSpinLockAtDpcLevel(KSPIN_LOCK *);
VOID NTAPI KeReleaseSpinLockFromDpcLevel(KSPIN_LOCK *);
PVOID NTAPI ExAllocatePool(ULONG, SIZE_T);
PVOID NTAPI ExAllocatePoolWithTag(ULONG, SIZE_T, ULONG);
VOID NTAPI ExFreePool(PVOID);
VOID NTAPI ExFreePoolWithTag(PVOID, ULONG);
VOID NTAPI RtlZeroMemory(PVOID, SIZE_T);
VOID NTAPI RtlFillMemory(PVOID, SIZE_T, UCHAR);
VOID NTAPI RtlMoveMemory(PVOID, const VOID *, SIZE_T);
VOID NTAPI RtlCopyMemory(PVOID, const VOID *, SIZE_T);
SIZE_T NTAPI RtlCompareMemory(const VOID *, const VOID *, SIZE_T);
void *memcpy(void *, const void *, size_t);
void *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);
int memcmp(const void *, const void *, size_t);
size_t strlen(const char *);
int strcmp(const char *, const char *);
int strncmp(const char *, const char *, size_t);
char *strcpy(char *, const char *);
char *strncpy(char *, const char *, size_t);
size_t wcslen(const wchar_t *);
ULONG __cdecl DbgPrint(PCSTR, ...);
ULONG __cdecl DbgPrintEx(ULONG, ULONG, PCSTR, ...);
int __cdecl sprintf(char *, const char *, ...);
int __cdecl _snprintf(char *, size_t, const char *, ...);
int __cdecl _vsnprintf(char *, size_t, const char *, __builtin_va_list);
int __cdecl swprintf(wchar_t *, const wchar_t *, ...);
int __cdecl _snwprintf(wchar_t *, size_t, const wchar_t *, ...);
LONGLONG NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER);
VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER);
ULONG NTAPI KeQueryTimeIncrement(void);
/* video.h spells it VideoPortUnLockBuffer; the export is VideoPortUnlockBuffer */
VOID NTAPI VideoPortUnlockBuffer(PVOID, PVOID);
/* XP's second spelling of VideoPortCheckForDeviceExistence */
BOOLEAN NTAPI VideoPortCheckForDeviceExistance(PVOID, USHORT, USHORT, UCHAR, USHORT, USHORT, ULONG);

static ULONG Failures;

#define REPORT(ok, name, fmt, ...)					\
	do {								\
		if (ok) {						\
			VideoPortDebugPrint(Error, "COVERAGE PASS %s\n", name); \
		} else {						\
			Failures++;					\
			VideoPortDebugPrint(Error, "COVERAGE FAIL %s: " fmt, name, \
					    ##__VA_ARGS__);		\
		}							\
	} while (0)

typedef struct _COVER_EXT {
	PVOID Fb;		/* first page of the frame buffer (GetDeviceBase) */
	PVOID Mmio;		/* BAR2 */
	ULONG ChildCalls;
	/* the emulated DDC EEPROM */
	UCHAR Scl, SdaM, SdaS, Shift, Bit, State, Ptr, Acked;
	UCHAR Present;		/* answers at 0xA0 */
	UCHAR Edid[128];
	/* DMA */
	UCHAR DmaIrql;
	ULONG DmaElements, DmaBytes;
	ULONGLONG DmaFirst;
	PVP_SCATTER_GATHER_LIST DmaList;
} COVER_EXT, *PCOVER_EXT;

/* ---- time ------------------------------------------------------------- */

static void CheckTime(PCOVER_EXT e)
{
	LARGE_INTEGER f, t1, t2;
	LONGLONG a, b;

	a = VideoPortQueryPerformanceCounter(e, &f.QuadPart);
	VideoPortStallExecution(1000);
	b = VideoPortQueryPerformanceCounter(e, NULL);
	REPORT(f.QuadPart == 10000000, "vp_perf_frequency", "%I64d\n", f.QuadPart);
	REPORT(b - a >= 10000 && b - a < 10000000, "vp_perf_counter_advances",
	       "1 ms stall took %I64d ticks\n", b - a);
	a = KeQueryPerformanceCounter(&f);
	KeStallExecutionProcessor(2000);
	b = KeQueryPerformanceCounter(NULL);
	REPORT(f.QuadPart == 10000000, "ke_perf_frequency", "%I64d\n", f.QuadPart);
	REPORT(b - a >= 20000 && b - a < 20000000, "ke_stall_execution_processor",
	       "2 ms stall took %I64d ticks\n", b - a);
	VideoPortQuerySystemTime(&t1);
	KeQuerySystemTime(&t2);
	/* 2020-01-01 as a FILETIME; the two clocks within a second */
	REPORT(t1.QuadPart > 132223104000000000LL, "vp_query_system_time", "%I64d\n",
	       t1.QuadPart);
	REPORT(t2.QuadPart >= t1.QuadPart && t2.QuadPart - t1.QuadPart < 10000000,
	       "ke_query_system_time", "%I64d vs %I64d\n", t2.QuadPart, t1.QuadPart);
	REPORT(KeQueryTimeIncrement() == 156250, "ke_query_time_increment", "%lu\n",
	       KeQueryTimeIncrement());
}

/* ---- OS and device questions ------------------------------------------- */

static void CheckInfo(PCOVER_EXT e)
{
	VPOSVERSIONINFO v;
	ULONG vga = 7;
	VP_STATUS st;
	INTERFACE itf;
	VIDEO_PORT_INT10_INTERFACE i10;
	PVOID second = NULL;

	VideoPortZeroMemory(&v, sizeof(v));
	v.Size = 8;
	REPORT(VideoPortGetVersion(e, &v) == ERROR_INVALID_PARAMETER, "get_version_small_size",
	       "accepted Size 8\n");
	v.Size = sizeof(v);
	st = VideoPortGetVersion(e, &v);
	REPORT(st == NO_ERROR && v.MajorVersion == 5 && v.MinorVersion == 1 &&
	       v.BuildNumber == 2600, "get_version_xp", "status %lu, %lu.%lu.%lu\n", st,
	       v.MajorVersion, v.MinorVersion, v.BuildNumber);
	REPORT(!VideoPortIsNoVesa(), "is_no_vesa", "TRUE\n");

	REPORT(VideoPortCheckForDeviceExistence(e, 0x1234, 0x1111, 0, 0, 0, 0),
	       "device_existence", "std VGA not found\n");
	REPORT(!VideoPortCheckForDeviceExistence(e, 0x1234, 0xdead, 0, 0, 0, 0),
	       "device_existence_absent", "found 1234:dead\n");
	REPORT(VideoPortCheckForDeviceExistance(e, 0x1234, 0x1111, 0, 0, 0, 0),
	       "device_existance_alias", "std VGA not found\n");
	REPORT(!VideoPortCheckForDeviceExistence(e, 0x1234, 0x1111, 0x77, 0, 0,
						 CDE_USE_REVISION),
	       "device_existence_revision", "revision 0x77 matched\n");

	st = VideoPortGetVgaStatus(e, &vga);
	REPORT(st == NO_ERROR && vga == 1, "get_vga_status", "status %lu, vga %lu\n", st, vga);
	REPORT(VideoPortGetVgaStatus(e, NULL) == ERROR_INVALID_PARAMETER,
	       "get_vga_status_null", "accepted NULL\n");

	REPORT(VideoPortGetAssociatedDeviceExtension(e) == e, "associated_device_extension",
	       "not the adapter's own extension\n");
	REPORT(VideoPortGetAssociatedDeviceExtension((PVOID)&vga) == NULL,
	       "associated_device_extension_unknown", "non-NULL\n");

	st = VideoPortCreateSecondaryDisplay(e, &second, 0);
	REPORT(st == NO_ERROR && second && second != e, "create_secondary_display",
	       "status %lu, %p\n", st, second);
	REPORT(VideoPortCreateSecondaryDisplay(e, NULL, 0) == ERROR_INVALID_PARAMETER,
	       "create_secondary_display_null", "accepted NULL\n");

	VideoPortZeroMemory(&itf, sizeof(itf));
	itf.Size = sizeof(itf);
	/* too small for the Int10 interface */
	st = VideoPortQueryServices(e, VideoPortServicesInt10, &itf);
	REPORT(st == ERROR_INVALID_PARAMETER, "query_services_int10_small", "status %lu\n", st);
	/* no BIOS helper in this guest: not available, but every function is there */
	VideoPortZeroMemory(&i10, sizeof(i10));
	i10.Size = sizeof(i10);
	i10.Version = VIDEO_PORT_INT10_INTERFACE_VERSION_1;
	st = VideoPortQueryServices(e, VideoPortServicesInt10, (PINTERFACE)&i10);
	REPORT(st == ERROR_INVALID_FUNCTION && i10.Int10CallBios && i10.Int10AllocateBuffer &&
	       i10.Int10FreeBuffer && i10.Int10ReadMemory && i10.Int10WriteMemory &&
	       i10.InterfaceReference && i10.InterfaceDereference,
	       "query_services_int10", "status %lu or a NULL function\n", st);
	if (i10.Int10CallBios) {
		INT10_BIOS_ARGUMENTS b;
		USHORT seg, off;
		ULONG len = 16;

		VideoPortZeroMemory(&b, sizeof(b));
		b.Eax = 0x4f00;
		REPORT(i10.Int10CallBios(i10.Context, &b) == ERROR_INVALID_PARAMETER,
		       "int10_callbios_fails_cleanly", "not ERROR_INVALID_PARAMETER\n");
		REPORT(i10.Int10AllocateBuffer(i10.Context, &seg, &off, &len) ==
		       ERROR_NOT_ENOUGH_MEMORY, "int10_allocate_fails_cleanly",
		       "not ERROR_NOT_ENOUGH_MEMORY\n");
		i10.InterfaceDereference(i10.Context);
	}
	st = VideoPortQueryServices(e, VideoPortServicesAGP, &itf);
	REPORT(st == ERROR_INVALID_FUNCTION, "query_services_agp", "status %lu\n", st);
	st = VideoPortQueryServices(e, VideoPortServicesInt10, NULL);
	REPORT(st == ERROR_INVALID_PARAMETER, "query_services_null", "status %lu\n", st);

	VideoPortLogError(e, NULL, 0x12345678, 0x9abc);
	VideoPortFlushRegistry(e);
	VideoPortAcquireDeviceLock(e);
	VideoPortReleaseDeviceLock(e);
	REPORT(1, "device_lock_pair", "\n");
}

/* ---- unsupported exports: documented failures, logged once ------------- */

static void CheckUnsupported(PCOVER_EXT e)
{
	VIDEO_X86_BIOS_ARGUMENTS bios;
	VIDEO_PORT_AGP_SERVICES agp;
	VIDEO_ACCESS_RANGE r;
	VP_STATUS st;

	VideoPortZeroMemory(&bios, sizeof(bios));
	/* no BIOS helper in this guest: Int10 fails as documented, logged once */
	st = VideoPortInt10(e, &bios);
	st |= VideoPortInt10(e, &bios) << 8;
	REPORT(st == (ERROR_INVALID_PARAMETER | (ERROR_INVALID_PARAMETER << 8)), "int10_fails",
	       "status 0x%lx\n", st);
	REPORT(!VideoPortGetAgpServices(e, &agp), "agp_services_false", "TRUE\n");
	VideoPortZeroMemory(&r, sizeof(r));
	st = VideoPortSetTrappedEmulatorPorts(e, 1, &r);
	st |= VideoPortSetTrappedEmulatorPorts(e, 1, &r);	/* twice: one log line */
	REPORT(st != NO_ERROR, "trapped_ports_fails", "NO_ERROR\n");
	REPORT(VideoPortRegisterBugcheckCallback(e, 0xea, NULL, 0) != NO_ERROR,
	       "bugcheck_callback_fails", "NO_ERROR\n");
	REPORT(VideoPortGetDeviceData(e, VpMachineData, NULL, NULL) != NO_ERROR,
	       "device_data_fails", "NO_ERROR\n");
	REPORT(!VideoPortLockPages(e, NULL, NULL, NULL, 0), "lock_pages_false", "TRUE\n");
	REPORT(VideoPortGetDmaContext(e, NULL) == NULL, "dma_context_null", "non-NULL\n");
	REPORT(!VideoPortGetAssociatedDeviceID(e), "associated_device_id_null",
	       "non-NULL\n");
}

/* ---- pool, memory and strings ------------------------------------------ */

static void CheckPoolMemory(PCOVER_EXT e)
{
	static const wchar_t hello[] = L"Hello, World";
	static const wchar_t shout[] = L"hELLO, wORLD";
	UCHAR a[32], b[32];
	char s[16];
	PUCHAR p, q;
	PVOID buf = NULL;
	int i, ok;

	p = ExAllocatePoolWithTag(0 /* NonPagedPool */, 100, 0x5643f956);
	q = ExAllocatePool(1 /* PagedPool */, 4000);
	REPORT(p && q && !((ULONG_PTR)p & 15), "ex_allocate_pool", "%p %p\n", p, q);
	if (p && q) {
		memset(p, 0x5a, 100);
		memset(q, 0xa5, 4000);
		REPORT(p[99] == 0x5a && q[3999] == 0xa5, "ex_pool_usable", "\n");
		ExFreePoolWithTag(p, 0x5643f956);
		ExFreePool(q);
	}
	ExFreePool(a);	/* not ours: refused, nothing freed */
	REPORT(VideoPortAllocateBuffer(e, 64, &buf) == NO_ERROR && buf, "allocate_buffer",
	       "%p\n", buf);
	VideoPortReleaseBuffer(e, buf);
	REPORT(VideoPortAllocateBuffer(e, 64, NULL) == ERROR_INVALID_PARAMETER,
	       "allocate_buffer_null", "accepted NULL\n");

	for (i = 0; i < 32; i++)
		a[i] = i;
	RtlMoveMemory(a + 1, a, 16);	/* overlapping */
	REPORT(a[1] == 0 && a[16] == 15 && a[17] == 17, "rtl_move_memory_overlap",
	       "%u %u %u\n", a[1], a[16], a[17]);
	RtlCopyMemory(b, a, 32);
	REPORT(RtlCompareMemory(a, b, 32) == 32, "rtl_copy_compare", "\n");
	b[7] ^= 1;
	REPORT(RtlCompareMemory(a, b, 32) == 7, "rtl_compare_memory_prefix", "%Iu\n",
	       RtlCompareMemory(a, b, 32));
	RtlFillMemory(b, 32, 0xcc);
	ok = b[0] == 0xcc && b[31] == 0xcc;
	RtlZeroMemory(b + 8, 8);
	REPORT(ok && b[7] == 0xcc && b[8] == 0 && b[15] == 0 && b[16] == 0xcc,
	       "rtl_fill_zero_memory", "\n");

	memcpy(b, a, 32);
	REPORT(!memcmp(a, b, 32), "memcpy_memcmp", "\n");
	b[3] = 0xff;
	REPORT(memcmp(a, b, 32) < 0 && memcmp(b, a, 32) > 0, "memcmp_sign", "\n");
	memmove(b + 2, b, 8);
	REPORT(b[2] == a[0] && b[5] == 0xff, "memmove_overlap", "\n");
	memset(b, 7, 4);
	REPORT(b[0] == 7 && b[3] == 7, "memset", "\n");

	REPORT(strlen("vpwrap") == 6 && strlen("") == 0, "strlen", "\n");
	REPORT(strcmp("abc", "abd") < 0 && strcmp("abc", "abc") == 0 && strcmp("b", "a") > 0,
	       "strcmp", "\n");
	REPORT(strncmp("abcX", "abcY", 3) == 0 && strncmp("abcX", "abcY", 4) < 0, "strncmp",
	       "\n");
	strcpy(s, "copy");
	REPORT(!strcmp(s, "copy"), "strcpy", "\n");
	memset(s, 'x', sizeof(s));
	strncpy(s, "ab", 6);
	REPORT(s[0] == 'a' && s[2] == 0 && s[5] == 0 && s[6] == 'x', "strncpy_pads", "\n");
	REPORT(wcslen(hello) == 12 && wcslen(L"") == 0, "wcslen", "%Iu\n", wcslen(hello));
	REPORT(_wcsicmp(hello, shout) == 0 && _wcsicmp(L"a", L"B") < 0 &&
	       _wcsicmp(L"b", L"A") > 0, "wcsicmp", "\n");

	DbgPrint("DBGPRINT s=%s d=%d ws=%ws x=%I64x\n", "narrow", -42, L"wide",
		 0x123456789abcdefULL);
	DbgPrintEx(77, 0, "DBGPRINTEX error level shown %u\n", 1u);
	DbgPrintEx(77, 3, "DBGPRINTEX info level hidden\n");
}

/* ---- the sprintf family ----------------------------------------------- */

static int Vs(char *buf, size_t n, const char *fmt, ...)
{
	__builtin_va_list ap;
	int r;

	__builtin_va_start(ap, fmt);
	r = _vsnprintf(buf, n, fmt, ap);
	__builtin_va_end(ap);
	return r;
}

static void CheckSprintf(PCOVER_EXT e)
{
	static const char want[] = "-42|   42|42   |00042|+42| 42|3000000000|beef|BEEF|0xff|"
		"10|010|Q|str|tru|     right|l   |%|-5000000000|123456789abcdef|7|-2|44|"
		"wide|wideS|"
#ifdef _WIN64
		"0000000000001234"	/* %p: as many digits as a pointer has */
#else
		"00001234"
#endif
		"|abc|uni";
	static const wchar_t wwant[] = L"wide-narrow-7-W-n";
	char buf[200], small[8];
	wchar_t wbuf[40];
	ANSI_STRING as = { 3, 7, "abcdef" };
	UNICODE_STRING us = { 6, 14, L"unicode" };
	int n, i, ok;

	n = sprintf(buf, "%d|%5d|%-5d|%05d|%+d|% d|%u|%x|%X|%#x|%o|%#o|%c|%s|%.3s|%10s|%-4s|%%|"
		    "%I64d|%I64x|%lld|%hd|%hhu|%ws|%S|%p|%Z|%wZ",
		    -42, 42, 42, 42, 42, 42, 3000000000u, 0xbeef, 0xbeef, 255, 8, 8, 'Q', "str",
		    "truncate", "right", "l", -5000000000LL, 0x123456789abcdefULL, 7LL, -2, 300,
		    L"wide", L"wideS", (PVOID)0x1234, &as, &us);
	REPORT(n == (int)sizeof(want) - 1 && !strcmp(buf, want), "sprintf_formats",
	       "%d: %s\n", n, buf);

	memset(small, 'Z', sizeof(small));
	n = _snprintf(small, 4, "%s", "abcdef");
	REPORT(n == -1 && !memcmp(small, "abcdZ", 5), "snprintf_truncates_to_minus_one",
	       "%d\n", n);
	memset(small, 'Z', sizeof(small));
	n = _snprintf(small, 3, "abc");
	REPORT(n == 3 && small[3] == 'Z', "snprintf_exact_fit_no_nul", "%d\n", n);
	n = _snprintf(small, 8, "a%cc", 'b');
	REPORT(n == 3 && !strcmp(small, "abc"), "snprintf_fits", "%d\n", n);
	n = Vs(small, 8, "%d-%d", 1, 2);
	REPORT(n == 3 && !strcmp(small, "1-2"), "vsnprintf_ms_va_list", "%d %s\n", n, small);

	n = swprintf(wbuf, L"%s-%S-%d-%c-%C", L"wide", "narrow", 7, L'W', 'n');
	ok = n == 17;
	for (i = 0; ok && i <= 17; i++)
		ok = wbuf[i] == wwant[i];
	REPORT(ok, "swprintf_widths", "%d\n", n);
	n = _snwprintf(wbuf, 3, L"%d", 12345);
	REPORT(n == -1 && wbuf[0] == L'1' && wbuf[2] == L'3', "snwprintf_truncates", "%d\n", n);
}

/* ---- executive spin locks ---------------------------------------------- */

static void CheckKeSpinLocks(PCOVER_EXT e)
{
	KSPIN_LOCK l1, l2 = 0;	/* l2: zeroed, never initialized (x64 inline init) */
	UCHAR old, in1, in2, ke, after;

	KeInitializeSpinLock(&l1);
	REPORT(KeGetCurrentIrql() == PASSIVE_LEVEL, "ke_get_current_irql", "%u\n",
	       KeGetCurrentIrql());
	old = KeAcquireSpinLockRaiseToDpc(&l1);
	in1 = VideoPortGetCurrentIrql();
	ke = KeGetCurrentIrql();
	KeAcquireSpinLockAtDpcLevel(&l2);
	in2 = VideoPortGetCurrentIrql();
	KeReleaseSpinLockFromDpcLevel(&l2);
	KeReleaseSpinLock(&l1, old);
	after = VideoPortGetCurrentIrql();
	REPORT(old == PASSIVE_LEVEL && in1 == DISPATCH_LEVEL && ke == DISPATCH_LEVEL &&
	       in2 == DISPATCH_LEVEL && after == PASSIVE_LEVEL, "ke_spin_lock_irql",
	       "old %u, held %u/%u, at dpc %u, after %u\n", old, in1, ke, in2, after);
	/* nested: acquire at DISPATCH_LEVEL returns DISPATCH_LEVEL */
	old = KeAcquireSpinLockRaiseToDpc(&l1);
	in1 = KeAcquireSpinLockRaiseToDpc(&l2);
	KeReleaseSpinLock(&l2, in1);
	in2 = VideoPortGetCurrentIrql();
	KeReleaseSpinLock(&l1, old);
	REPORT(in1 == DISPATCH_LEVEL && in2 == DISPATCH_LEVEL &&
	       VideoPortGetCurrentIrql() == PASSIVE_LEVEL, "ke_spin_lock_nested",
	       "inner old %u, after inner %u\n", in1, in2);
}

/* ---- ports and registers ----------------------------------------------- */

static void CheckPortsRegisters(PCOVER_EXT e)
{
	UCHAR rgb[3] = { 0x11, 0x22, 0x33 }, back[3] = { 0, 0, 0 };
	ULONG w[4] = { 0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10 }, r[4];
	UCHAR str[16] = "..PATTERN..", scan[16];
	volatile ULONG *fb = e->Fb;
	USHORT id;
	int i, ok;

	/* VGA DAC entry 5 through the hal forms (0x3c8 write index, 0x3c7 read index) */
	WRITE_PORT_UCHAR((PUCHAR)0x3c8, 5);
	WRITE_PORT_BUFFER_UCHAR((PUCHAR)0x3c9, rgb, 3);
	WRITE_PORT_UCHAR((PUCHAR)0x3c7, 5);
	READ_PORT_BUFFER_UCHAR((PUCHAR)0x3c9, back, 3);
	REPORT(back[0] == 0x11 && back[1] == 0x22 && back[2] == 0x33, "hal_port_buffer_uchar",
	       "%x %x %x\n", back[0], back[1], back[2]);
	WRITE_PORT_UCHAR((PUCHAR)0x3c7, 5);
	REPORT(READ_PORT_UCHAR((PUCHAR)0x3c9) == 0x11, "hal_port_uchar", "\n");
	WRITE_PORT_USHORT((PUSHORT)0x1ce, 0);
	id = READ_PORT_USHORT((PUSHORT)0x1cf);
	REPORT((id & 0xfff0) == 0xb0c0, "hal_port_ushort", "DISPI id 0x%x\n", id);
	REPORT(READ_PORT_UCHAR((PUCHAR)0x20000) == 0xff, "hal_port_out_of_range", "\n");

	if (!fb || !e->Mmio) {
		REPORT(0, "registers_mapped", "fb %p mmio %p\n", fb, e->Mmio);
		return;
	}
	id = READ_REGISTER_USHORT((PUSHORT)((PUCHAR)e->Mmio + 0x500));
	REPORT((id & 0xfff0) == 0xb0c0, "nt_register_ushort", "DISPI id 0x%x\n", id);
	/* ntoskrnl's buffer forms walk consecutive addresses */
	WRITE_REGISTER_BUFFER_ULONG(fb, w, 4);
	ok = 1;
	for (i = 0; i < 4; i++)
		ok &= READ_REGISTER_ULONG(fb + i) == w[i];
	REPORT(ok, "nt_register_buffer_ulong_consecutive", "%lx %lx\n",
	       READ_REGISTER_ULONG(fb), READ_REGISTER_ULONG(fb + 3));
	READ_REGISTER_BUFFER_ULONG(fb, r, 4);
	REPORT(r[0] == w[0] && r[3] == w[3], "nt_read_register_buffer_ulong", "%lx\n", r[3]);
	WRITE_REGISTER_ULONG(fb + 8, 0xdeadbeef);
	REPORT(READ_REGISTER_ULONG(fb + 8) == 0xdeadbeef, "nt_register_ulong", "\n");
	WRITE_REGISTER_BUFFER_UCHAR((PUCHAR)fb + 64, str, 16);
	READ_REGISTER_BUFFER_UCHAR((PUCHAR)fb + 64, scan, 16);
	REPORT(!memcmp(str, scan, 16), "nt_register_buffer_uchar", "\n");
	REPORT(VideoPortScanRom(e, (PUCHAR)fb + 64, 16, (PUCHAR)"PATTERN"), "scan_rom_found",
	       "not found\n");
	REPORT(!VideoPortScanRom(e, (PUCHAR)fb + 64, 16, (PUCHAR)"NOPE"), "scan_rom_absent",
	       "found\n");
	REPORT(!VideoPortScanRom(e, (PUCHAR)fb + 64, 8, (PUCHAR)"PATTERN"),
	       "scan_rom_bounded", "found beyond RomLength\n");
}

/* ---- DMA --------------------------------------------------------------- */

static VOID NTAPI ExecuteDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
			     PVP_SCATTER_GATHER_LIST sg, PVOID Context)
{
	PCOVER_EXT e = HwDeviceExtension;
	ULONG i;

	e->DmaIrql = VideoPortGetCurrentIrql();
	e->DmaElements = sg->NumberOfElements;
	e->DmaBytes = 0;
	for (i = 0; i < sg->NumberOfElements; i++)
		e->DmaBytes += sg->Elements[i].Length;
	e->DmaFirst = sg->NumberOfElements ? sg->Elements[0].Address.QuadPart : 0;
	e->DmaList = sg;
}

static void CheckDma(PCOVER_EXT e)
{
	VP_DEVICE_DESCRIPTION d = { TRUE, TRUE, FALSE, 1 << 20 };
	PHYSICAL_ADDRESS la, highest;
	PVP_DMA_ADAPTER da;
	PUCHAR buf, p;
	ULONG len, actual = 0;
	PVOID mdl;
	VP_STATUS st;

	da = VideoPortGetDmaAdapter(e, &d);
	REPORT(da != NULL, "get_dma_adapter", "NULL\n");
	if (!da)
		return;
	la.QuadPart = 0;
	p = VideoPortAllocateCommonBuffer(e, da, 8192, &la, FALSE, NULL);
	REPORT(p && la.QuadPart && !(la.QuadPart & 0xfff) && la.QuadPart < 0x100000000LL,
	       "allocate_common_buffer", "%p at %I64x\n", p, la.QuadPart);
	if (p) {
		memset(p, 0x3c, 8192);
		REPORT(p[8191] == 0x3c, "common_buffer_usable", "\n");
		VideoPortReleaseCommonBuffer(e, da, 8192, la, p, FALSE);
	}
	REPORT(VideoPortAllocateCommonBuffer(e, (PVP_DMA_ADAPTER)&d, 4096, &la, FALSE, NULL) ==
	       NULL, "common_buffer_bad_adapter", "non-NULL\n");
	p = VideoPortGetCommonBuffer(e, 4096, 0, &la, &actual, TRUE);
	REPORT(p && actual == 4096 && la.QuadPart, "get_common_buffer", "%p %lu\n", p, actual);
	if (p)
		VideoPortFreeCommonBuffer(e, 4096, p, la, TRUE);
	highest.QuadPart = 0xffffffffLL;
	p = VideoPortAllocateContiguousMemory(e, 4096, highest);
	REPORT(p != NULL, "allocate_contiguous_memory", "NULL\n");

	/* streaming DMA: 10000 bytes starting 100 bytes into a pool buffer */
	buf = VideoPortAllocatePool(e, VpNonPagedPool, 3 * 4096 + 512, 0x56446d61);
	mdl = buf ? VideoPortLockBuffer(e, buf + 100, 10000, VpModifyAccess) : NULL;
	REPORT(mdl != NULL, "lock_buffer", "NULL\n");
	REPORT(VideoPortLockBuffer(e, (PVOID)0x10000, 4096, VpReadAccess) == NULL,
	       "lock_buffer_user_address", "locked a user address\n");
	if (mdl) {
		len = 6000;
		e->DmaIrql = 0xff;
		st = VideoPortStartDma(e, da, mdl, 1000, &len, ExecuteDma, NULL, TRUE);
		REPORT(st == NO_ERROR && len == 6000 && e->DmaBytes == 6000 &&
		       e->DmaElements >= 1 && e->DmaFirst, "start_dma",
		       "status %lu, len %lu, %lu bytes in %lu elements\n", st, len, e->DmaBytes,
		       e->DmaElements);
		/* bus addresses are physical here: the page offset must be the buffer's */
		REPORT((e->DmaFirst & 0xfff) == (((ULONG_PTR)buf + 1100) & 0xfff),
		       "start_dma_first_address", "%I64x for %p\n", e->DmaFirst, buf + 1100);
		REPORT(e->DmaIrql == DISPATCH_LEVEL, "start_dma_execute_irql", "%u\n", e->DmaIrql);
		REPORT(VideoPortGetCurrentIrql() == PASSIVE_LEVEL, "start_dma_irql_restored",
		       "%u\n", VideoPortGetCurrentIrql());
		if (st == NO_ERROR)
			VideoPortCompleteDma(e, da, e->DmaList, TRUE);
		/* a request past the buffer's end is cut to what is left */
		len = 4000;
		st = VideoPortStartDma(e, da, mdl, 9000, &len, ExecuteDma, NULL, FALSE);
		REPORT(st == NO_ERROR && len == 1000 && e->DmaBytes == 1000, "start_dma_tail",
		       "status %lu, len %lu\n", st, len);
		if (st == NO_ERROR)
			VideoPortCompleteDma(e, da, e->DmaList, FALSE);
		len = 10;
		REPORT(VideoPortStartDma(e, da, mdl, 10000, &len, ExecuteDma, NULL, FALSE) ==
		       ERROR_INVALID_PARAMETER, "start_dma_offset_past_end", "accepted\n");
		VideoPortUnlockBuffer(e, mdl);
	}
	if (buf)
		VideoPortFreePool(e, buf);
	VideoPortPutDmaAdapter(e, da);
}

/*
 * StartDma hands us the list in ExecuteDma; CompleteDma needs it back.  A
 * second routine keeps it so the pair can be checked.
 */
static PVP_SCATTER_GATHER_LIST KeptList;
static ULONG KeptCount;

static VOID NTAPI KeepDma(PVOID HwDeviceExtension, PVP_DMA_ADAPTER VpDmaAdapter,
			  PVP_SCATTER_GATHER_LIST sg, PVOID Context)
{
	KeptList = sg;
	KeptCount = sg->NumberOfElements;
}

static void CheckDmaComplete(PCOVER_EXT e)
{
	VP_DEVICE_DESCRIPTION d = { TRUE, TRUE, FALSE, 0 };
	PVP_DMA_ADAPTER da = VideoPortGetDmaAdapter(e, &d);
	PUCHAR buf = VideoPortAllocatePool(e, VpNonPagedPool, 8192, 0x56446d61);
	PVOID mdl = buf && da ? VideoPortLockBuffer(e, buf, 8192, VpReadAccess) : NULL;
	ULONG len = 8192;
	VP_STATUS st = ERROR_INVALID_FUNCTION;

	if (mdl && VideoPortStartDma(e, da, mdl, 0, &len, KeepDma, NULL, TRUE) == NO_ERROR)
		st = VideoPortCompleteDma(e, da, KeptList, TRUE);
	REPORT(st == NO_ERROR && KeptList && KeptCount >= 1,
	       "complete_dma", "status %lu\n", st);
	REPORT(VideoPortCompleteDma(e, da, NULL, TRUE) == ERROR_INVALID_PARAMETER,
	       "complete_dma_null", "accepted NULL\n");
	if (mdl)
		VideoPortUnlockBuffer(e, mdl);
	if (buf)
		VideoPortFreePool(e, buf);
	if (da)
		VideoPortPutDmaAdapter(e, da);
}

/* ---- DDC: an I2C EEPROM emulated behind the line callbacks -------------- */

enum { I2C_IDLE, I2C_ADDR, I2C_WRITE, I2C_READ, I2C_NACKED };

static void SlaveByte(PCOVER_EXT e)
{
	/* a complete byte was received (8 bits clocked in): ACK it or not */
	if (e->State == I2C_ADDR) {
		if (!e->Present || (e->Shift & 0xfe) != 0xa0) {
			e->State = I2C_IDLE;
			return;
		}
		e->State = (e->Shift & 1) ? I2C_READ : I2C_WRITE;
	} else if (e->State == I2C_WRITE) {
		e->Ptr = e->Shift;
	}
	e->SdaS = 0;	/* ACK during the ninth clock */
	e->Acked = 1;
}

static void SlaveSclFall(PCOVER_EXT e)
{
	if (e->State == I2C_READ) {
		if (e->Acked) {			/* address ACK done: first data bit */
			e->Acked = 0;
			e->Bit = 0;
		} else if (e->Bit < 7) {
			e->Bit++;
		} else if (e->Bit == 7) {	/* release SDA for the master's ACK */
			e->Bit = 8;
			e->SdaS = 1;
			return;
		} else {			/* after the master's ACK clock */
			if (e->State == I2C_NACKED)
				return;
			e->Ptr++;
			e->Bit = 0;
		}
		e->SdaS = (e->Edid[e->Ptr & 127] >> (7 - e->Bit)) & 1;
		return;
	}
	if (e->Acked) {			/* end of our ACK clock */
		e->Acked = 0;
		e->SdaS = 1;
		e->Bit = 0;
		e->Shift = 0;
		if (e->State == I2C_READ)
			SlaveSclFall(e);
		return;
	}
	if ((e->State == I2C_ADDR || e->State == I2C_WRITE) && e->Bit == 8)
		SlaveByte(e);
}

static void SlaveSclRise(PCOVER_EXT e)
{
	if ((e->State == I2C_ADDR || e->State == I2C_WRITE) && !e->Acked && e->Bit < 8) {
		e->Shift = (e->Shift << 1) | e->SdaM;
		e->Bit++;
	} else if (e->State == I2C_READ && !e->Acked && e->Bit == 8 && e->SdaM) {
		e->State = I2C_NACKED;		/* master NACK: stop sending */
		e->SdaS = 1;
	}
}

static VOID NTAPI WriteClock(PVOID ext, UCHAR v)
{
	PCOVER_EXT e = ext;

	v = !!v;
	if (v == e->Scl)
		return;
	e->Scl = v;
	if (v)
		SlaveSclRise(e);
	else
		SlaveSclFall(e);
}

static VOID NTAPI WriteData(PVOID ext, UCHAR v)
{
	PCOVER_EXT e = ext;

	v = !!v;
	if (e->Scl && v != e->SdaM) {
		if (!v) {			/* START (or repeated START) */
			e->State = I2C_ADDR;
			e->Bit = 0;
			e->Shift = 0;
			e->Acked = 0;
			e->SdaS = 1;
		} else {			/* STOP */
			e->State = I2C_IDLE;
			e->SdaS = 1;
		}
	}
	e->SdaM = v;
}

static UCHAR NTAPI ReadClock(PVOID ext)
{
	return ((PCOVER_EXT)ext)->Scl;
}

static UCHAR NTAPI ReadData(PVOID ext)
{
	PCOVER_EXT e = ext;

	return e->SdaM && e->SdaS;
}

static void CheckDdc(PCOVER_EXT e)
{
	static const UCHAR hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	DDC_CONTROL ddc;
	I2C_CALLBACKS cb = { WriteClock, WriteData, ReadClock, ReadData };
	UCHAR edid[128], sum = 0;
	BOOLEAN ok;
	int i;

	memcpy(e->Edid, hdr, 8);
	for (i = 8; i < 127; i++)
		e->Edid[i] = (UCHAR)(i * 37 + 1);
	for (i = 0; i < 127; i++)
		sum += e->Edid[i];
	e->Edid[127] = (UCHAR)-sum;
	e->Scl = e->SdaM = e->SdaS = 1;
	e->Present = 1;
	e->State = I2C_IDLE;

	VideoPortZeroMemory(&ddc, sizeof(ddc));
	ddc.Size = sizeof(ddc);
	ddc.I2CCallbacks = cb;
	ddc.EdidSegment = 0;
	memset(edid, 0, sizeof(edid));
	ok = VideoPortDDCMonitorHelper(e, &ddc, edid, sizeof(edid));
	REPORT(ok && !memcmp(edid, e->Edid, 128), "ddc_monitor_helper",
	       "ok %u, bytes %02x %02x .. %02x vs %02x\n", ok, edid[0], edid[8], edid[127],
	       e->Edid[127]);
	memset(edid, 0, sizeof(edid));
	ok = VideoPortDDCMonitorHelper(e, &cb, edid, sizeof(edid));
	REPORT(ok && !memcmp(edid, e->Edid, 128), "ddc_monitor_helper_w2k_callbacks",
	       "ok %u\n", ok);
	e->Present = 0;
	ok = VideoPortDDCMonitorHelper(e, &ddc, edid, sizeof(edid));
	REPORT(!ok, "ddc_no_monitor", "TRUE with nothing on the bus\n");
	e->Present = 1;
}

/* the I2C interface of VideoPortQueryServices, against the same EEPROM */
static BOOLEAN I2cRead16(PCOVER_EXT e, PVIDEO_PORT_I2C_INTERFACE i, PVOID cb, PUCHAR out)
{
	UCHAR w[1] = { 0 }, a0[1] = { 0xa0 }, a1[1] = { 0xa1 };

	return i->I2CStart(e, cb) && i->I2CWrite(e, cb, a0, 1) && i->I2CWrite(e, cb, w, 1) &&
	       i->I2CStart(e, cb) && i->I2CWrite(e, cb, a1, 1) && i->I2CRead(e, cb, out, 16) &&
	       i->I2CStop(e, cb);
}

static void CheckI2cInterface(PCOVER_EXT e)
{
	I2C_CALLBACKS cb = { WriteClock, WriteData, ReadClock, ReadData };
	VIDEO_PORT_I2C_INTERFACE i;
	VIDEO_PORT_I2C_INTERFACE_2 i2;
	VIDEO_I2C_CONTROL ctl;
	UCHAR out[16], a2[1] = { 0xa2 };
	VP_STATUS st;

	VideoPortZeroMemory(&i, sizeof(i));
	i.Size = 8;
	i.Version = VIDEO_PORT_I2C_INTERFACE_VERSION_1;
	st = VideoPortQueryServices(e, VideoPortServicesI2C, (PINTERFACE)&i);
	REPORT(st == ERROR_INVALID_PARAMETER, "i2c_interface_small_size", "status %lu\n", st);
	i.Size = sizeof(i);
	st = VideoPortQueryServices(e, VideoPortServicesI2C, (PINTERFACE)&i);
	REPORT(st == NO_ERROR && i.I2CStart && i.I2CRead, "i2c_interface", "status %lu\n", st);
	if (st != NO_ERROR)
		return;
	memset(out, 0, sizeof(out));
	REPORT(I2cRead16(e, &i, &cb, out) && !memcmp(out, e->Edid, 16), "i2c_interface_read",
	       "%02x %02x\n", out[0], out[1]);
	/* nobody at 0xA2: the address byte is not acknowledged */
	REPORT(i.I2CStart(e, &cb) && !i.I2CWrite(e, &cb, a2, 1) && i.I2CStop(e, &cb),
	       "i2c_interface_nack", "acknowledged\n");

	VideoPortZeroMemory(&i2, sizeof(i2));
	i2.Size = sizeof(i2);
	i2.Version = VIDEO_PORT_I2C_INTERFACE_VERSION_2;
	st = VideoPortQueryServices(e, VideoPortServicesI2C, (PINTERFACE)&i2);
	ctl.WriteClockLine = WriteClock;
	ctl.WriteDataLine = WriteData;
	ctl.ReadClockLine = ReadClock;
	ctl.ReadDataLine = ReadData;
	ctl.I2CDelay = 20;	/* 2 us half periods */
	memset(out, 0, sizeof(out));
	REPORT(st == NO_ERROR &&
	       I2cRead16(e, (PVIDEO_PORT_I2C_INTERFACE)&i2, &ctl, out) &&
	       !memcmp(out, e->Edid, 16), "i2c_interface_2_read", "status %lu, %02x\n", st,
	       out[0]);
}

/* ---- config info's GetProcAddress, child enumeration ------------------- */

static void CheckProcAddress(PCOVER_EXT e, PVIDEO_PORT_CONFIG_INFO ci)
{
	PVOID p;

	p = ci->VideoPortGetProcAddress(e, (PUCHAR)"VideoPortGetVersion");
	REPORT(p == (PVOID)VideoPortGetVersion, "get_proc_address", "%p vs %p\n", p,
	       (PVOID)VideoPortGetVersion);
	p = ci->VideoPortGetProcAddress(e, (PUCHAR)"VideoPortNoSuchExport");
	REPORT(p == NULL, "get_proc_address_unknown", "%p\n", p);
}

static VP_STATUS NTAPI HwGetChild(PVOID HwDeviceExtension, PVIDEO_CHILD_ENUM_INFO info,
				  PVIDEO_CHILD_TYPE type, PUCHAR desc, PULONG uid, PULONG unused)
{
	PCOVER_EXT e = HwDeviceExtension;
	DDC_CONTROL ddc;
	I2C_CALLBACKS cb = { WriteClock, WriteData, ReadClock, ReadData };

	if (info->ChildIndex != 1)
		return ERROR_NO_MORE_DEVICES;
	e->ChildCalls++;
	*type = Monitor;
	*uid = 0x1234;
	VideoPortZeroMemory(&ddc, sizeof(ddc));
	ddc.Size = sizeof(ddc);
	ddc.I2CCallbacks = cb;
	if (!e->Present ||
	    !VideoPortDDCMonitorHelper(e, &ddc, desc, info->ChildDescriptorSize))
		return VIDEO_ENUM_INVALID_DEVICE;
	return ERROR_MORE_DATA;
}

/* ---- the miniport ------------------------------------------------------ */

static VP_STATUS NTAPI HwFindAdapter(PVOID HwDeviceExtension, PVOID HwContext,
				     PWSTR ArgumentString, PVIDEO_PORT_CONFIG_INFO ConfigInfo,
				     PUCHAR Again)
{
	PCOVER_EXT e = HwDeviceExtension;
	VIDEO_ACCESS_RANGE r[4];
	VP_STATUS st;

	VideoPortZeroMemory(r, sizeof(r));
	st = VideoPortGetAccessRanges(e, 0, NULL, 4, r, NULL, NULL, NULL);
	if (st != NO_ERROR)
		return st;
	e->Fb = VideoPortGetDeviceBase(e, r[0].RangeStart, 4096, FALSE);
	e->Mmio = VideoPortGetDeviceBase(e, r[1].RangeStart, r[1].RangeLength, FALSE);

	CheckTime(e);
	CheckInfo(e);
	CheckUnsupported(e);
	CheckPoolMemory(e);
	CheckSprintf(e);
	CheckKeSpinLocks(e);
	CheckPortsRegisters(e);
	CheckDma(e);
	CheckDmaComplete(e);
	CheckDdc(e);
	CheckI2cInterface(e);
	CheckProcAddress(e, ConfigInfo);
	ConfigInfo->BusInterruptLevel = 0;
	ConfigInfo->BusInterruptVector = 0;
	*Again = FALSE;
	return NO_ERROR;
}

static BOOLEAN NTAPI HwInitialize(PVOID HwDeviceExtension)
{
	PCOVER_EXT e = HwDeviceExtension;
	ULONG before = e->ChildCalls;
	VP_STATUS st;

	/* the Video Port enumerated the children once after HwFindAdapter... */
	st = VideoPortEnumerateChildren(e, NULL);
	/* ...and again now */
	REPORT(st == NO_ERROR && e->ChildCalls == before + 1, "enumerate_children",
	       "status %lu, child calls %lu -> %lu\n", st, before, e->ChildCalls);
	VideoPortDebugPrint(Error, "COVERAGE DONE failures=%lu\n", Failures);
	return TRUE;
}

static BOOLEAN NTAPI HwStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET rp)
{
	rp->StatusBlock->Status = ERROR_INVALID_FUNCTION;
	return TRUE;
}

static ULONG HwContextToken;

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hw;

	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
	hw.HwStartIO = HwStartIO;
	hw.HwGetVideoChildDescriptor = HwGetChild;
	hw.HwDeviceExtensionSize = sizeof(COVER_EXT);
	return VideoPortInitialize(Context1, Context2, &hw, &HwContextToken);
}
