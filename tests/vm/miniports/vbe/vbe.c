// SPDX-License-Identifier: GPL-2.0
/*
 * vpvbe.sys: a miniport that drives the adapter only through its video
 * BIOS (VBE), for QEMU's std VGA and Cirrus (SeaVGABIOS serves VBE for
 * both).
 *
 * Every mode comes from the VBE mode list (0x4f00, 0x4f01) and is set with
 * 0x4f02 through the Int10 interface of VideoPortQueryServices; the frame
 * buffer is the mode's linear frame buffer.  So the display IOCTLs make it
 * an ordinary adapter for drm-glue.  IOCTL_VIDEO_RESET_DEVICE goes back to
 * 80x25 text with INT 10h AH=00h through VideoPortInt10.
 *
 * Last in the list is VGA's own 640x480 16-colour mode (INT 10h mode 12h,
 * 4 planes of 1 bit at A0000, what a generic VGA miniport offers), with the
 * attribute controller's palette set to the identity so that a pixel's
 * value is its DAC entry; IOCTL_VIDEO_SET_COLOR_REGISTERS loads the DAC
 * (INT 10h AX=1012h).
 *
 * The private IOCTLs (vbe.h) run the conformance sequence and the hostile
 * calls; checks print "VBE PASS <name>" / "VBE FAIL <name>: <why>".
 */
#include <ntdef.h>
#include <devioctl.h>
#include <ddk/dderror.h>
#include <ddk/miniport.h>
#include <ntddvdeo.h>
#include <ddk/video.h>
#include "vbe.h"

#define MAX_MODES	64
#define NO_MODE		0xffffffffu

typedef struct _VBE_MODE {
	USHORT Number;
	USHORT Width, Height, Pitch;
	UCHAR Bpp;
	BOOLEAN Planar;			/* VGA mode 12h, set by INT 10h AH=00h */
	UCHAR RedSize, RedPos, GreenSize, GreenPos, BlueSize, BluePos;
	ULONG Lfb;
} VBE_MODE;

typedef struct _VBE_EXT {
	VIDEO_PORT_INT10_INTERFACE Int10;
	BOOLEAN HaveInt10;
	USHORT BufSeg, BufOff;		/* 512 bytes for VBE blocks */
	ULONG VramSize;
	ULONG Version;
	VBE_MODE Modes[MAX_MODES];
	ULONG NumModes;
	ULONG ModeListLength;		/* entries in the BIOS's list */
	ULONG Current;			/* index, or NO_MODE */
	PVOID Fb;			/* our own LFB mapping (the test pattern) */
	ULONG FbLength;
} VBE_EXT, *PVBE_EXT;

static ULONG Failures;

#define REPORT(ok, name, fmt, ...)					\
	do {								\
		if (ok) {						\
			VideoPortDebugPrint(Error, "VBE PASS %s\n", name); \
		} else {						\
			Failures++;					\
			VideoPortDebugPrint(Error, "VBE FAIL %s: " fmt, name, \
					    ##__VA_ARGS__);		\
		}							\
	} while (0)

static USHORT Get16(const UCHAR *p)
{
	return p[0] | p[1] << 8;
}

static ULONG Get32(const UCHAR *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (ULONG)p[3] << 24;
}

/* One VBE function with ES:DI at our buffer; AX 0x004f is success. */
static BOOLEAN VbeCall(PVBE_EXT e, ULONG Ax, ULONG Bx, ULONG Cx, PUCHAR Block, ULONG Len)
{
	INT10_BIOS_ARGUMENTS b;

	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = Ax;
	b.Ebx = Bx;
	b.Ecx = Cx;
	b.SegEs = e->BufSeg;
	b.Edi = e->BufOff;
	if (Block && e->Int10.Int10WriteMemory(e->Int10.Context, e->BufSeg, e->BufOff,
					       Block, Len) != NO_ERROR)
		return FALSE;
	if (e->Int10.Int10CallBios(e->Int10.Context, &b) != NO_ERROR ||
	    (b.Eax & 0xffff) != 0x004f)
		return FALSE;
	if (Block && e->Int10.Int10ReadMemory(e->Int10.Context, e->BufSeg, e->BufOff,
					      Block, Len) != NO_ERROR)
		return FALSE;
	return TRUE;
}

/* 0x4f00 and 0x4f01 for every listed mode: the usable linear modes. */
static BOOLEAN VbeReadModes(PVBE_EXT e)
{
	UCHAR info[512], mi[256];
	USHORT seg, off, list[256];
	ULONG n, i;

	VideoPortZeroMemory(info, sizeof(info));
	VideoPortMoveMemory(info, "VBE2", 4);
	if (!VbeCall(e, 0x4f00, 0, 0, info, sizeof(info)) ||
	    info[0] != 'V' || info[1] != 'E' || info[2] != 'S' || info[3] != 'A')
		return FALSE;
	e->Version = Get16(info + 4);
	e->VramSize = Get16(info + 18) << 16;
	off = Get16(info + 14);
	seg = Get16(info + 16);
	for (n = 0; n < 256; n++) {
		if (e->Int10.Int10ReadMemory(e->Int10.Context, seg, off + 2 * n, &list[n], 2) !=
		    NO_ERROR || list[n] == 0xffff)
			break;
	}
	e->ModeListLength = n;
	e->NumModes = 0;
	for (i = 0; i < n && e->NumModes < MAX_MODES; i++) {
		VBE_MODE *m = &e->Modes[e->NumModes];
		USHORT attr;

		VideoPortZeroMemory(mi, sizeof(mi));
		if (!VbeCall(e, 0x4f01, 0, list[i], mi, sizeof(mi)))
			continue;
		attr = Get16(mi);
		/* supported, graphics, linear frame buffer; direct colour 16/32 bpp */
		if ((attr & 0x91) != 0x91 || mi[27] != 6 || (mi[25] != 32 && mi[25] != 16))
			continue;
		m->Number = list[i];
		m->Width = Get16(mi + 18);
		m->Height = Get16(mi + 20);
		m->Pitch = e->Version >= 0x300 && Get16(mi + 50) ? Get16(mi + 50) : Get16(mi + 16);
		m->Bpp = mi[25];
		m->RedSize = mi[31];
		m->RedPos = mi[32];
		m->GreenSize = mi[33];
		m->GreenPos = mi[34];
		m->BlueSize = mi[35];
		m->BluePos = mi[36];
		m->Lfb = Get32(mi + 40);
		if (m->Width && m->Height && m->Lfb &&
		    (ULONG)m->Pitch * m->Height <= e->VramSize)
			e->NumModes++;
	}
	if (e->NumModes && e->NumModes < MAX_MODES) {
		VBE_MODE *m = &e->Modes[e->NumModes++];

		VideoPortZeroMemory(m, sizeof(*m));
		m->Number = 0x12;
		m->Width = 640;
		m->Height = 480;
		m->Pitch = 80;		/* bytes per line of each plane */
		m->Bpp = 4;
		m->Planar = TRUE;
		m->Lfb = 0xa0000;
	}
	return e->NumModes > 0;
}

/*
 * INT 10h AH=00h to VGA mode @Mode (bit 7: keep video memory), then the
 * attribute controller's 16 palette registers to 0..15 (AX=1002h; the 17th
 * byte is the overscan colour), as the BIOS's defaults map 6 and 8-15
 * elsewhere in the DAC.
 */
static BOOLEAN VgaSetMode(PVBE_EXT e, ULONG Mode)
{
	INT10_BIOS_ARGUMENTS b;
	UCHAR regs[17];
	ULONG i;

	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = Mode & 0xff;
	if (e->Int10.Int10CallBios(e->Int10.Context, &b) != NO_ERROR)
		return FALSE;
	for (i = 0; i < 16; i++)
		regs[i] = (UCHAR)i;
	regs[16] = 0;
	if (e->Int10.Int10WriteMemory(e->Int10.Context, e->BufSeg, e->BufOff, regs,
				      sizeof(regs)) != NO_ERROR)
		return FALSE;
	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = 0x1002;
	b.SegEs = e->BufSeg;
	b.Edx = e->BufOff;
	if (e->Int10.Int10CallBios(e->Int10.Context, &b) != NO_ERROR)
		return FALSE;
	/* AH=0Fh: the BIOS reports the mode it set */
	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = 0x0f00;
	return e->Int10.Int10CallBios(e->Int10.Context, &b) == NO_ERROR &&
	       (b.Eax & 0x7f) == (Mode & 0x7f);
}

/* IOCTL_VIDEO_SET_COLOR_REGISTERS: 8-bit components to the 6-bit DAC (AX=1012h). */
static VP_STATUS VbeSetColors(PVBE_EXT e, PVIDEO_REQUEST_PACKET rp)
{
	PVIDEO_CLUT clut = rp->InputBuffer;
	ULONG header = FIELD_OFFSET(VIDEO_CLUT, LookupTable);
	ULONG first, count, i, done, n;
	INT10_BIOS_ARGUMENTS b;
	UCHAR dac[3 * 128];

	if (rp->InputBufferLength < header)
		return ERROR_INSUFFICIENT_BUFFER;
	first = clut->FirstEntry;
	count = clut->NumEntries;
	if (rp->InputBufferLength < header + count * sizeof(ULONG))
		return ERROR_INSUFFICIENT_BUFFER;
	if (count == 0 || first >= 256 || count > 256 - first)
		return ERROR_INVALID_PARAMETER;
	/* in pieces that fit the 512-byte buffer */
	for (done = 0; done < count; done += n) {
		n = count - done > 128 ? 128 : count - done;
		for (i = 0; i < n; i++) {
			dac[3 * i] = clut->LookupTable[done + i].RgbArray.Red >> 2;
			dac[3 * i + 1] = clut->LookupTable[done + i].RgbArray.Green >> 2;
			dac[3 * i + 2] = clut->LookupTable[done + i].RgbArray.Blue >> 2;
		}
		if (e->Int10.Int10WriteMemory(e->Int10.Context, e->BufSeg, e->BufOff, dac,
					      3 * n) != NO_ERROR)
			return ERROR_INVALID_PARAMETER;
		VideoPortZeroMemory(&b, sizeof(b));
		b.Eax = 0x1012;
		b.Ebx = first + done;
		b.Ecx = n;
		b.SegEs = e->BufSeg;
		b.Edx = e->BufOff;
		if (e->Int10.Int10CallBios(e->Int10.Context, &b) != NO_ERROR)
			return ERROR_INVALID_PARAMETER;
	}
	return NO_ERROR;
}

static BOOLEAN VbeSetMode(PVBE_EXT e, ULONG Index, BOOLEAN NoClear, ULONG *Us)
{
	LONGLONG f, t0, t1;
	BOOLEAN ok;

	t0 = VideoPortQueryPerformanceCounter(e, &f);
	if (e->Modes[Index].Planar)
		ok = VgaSetMode(e, e->Modes[Index].Number | (NoClear ? 0x80 : 0));
	else
		ok = VbeCall(e, 0x4f02,
			     e->Modes[Index].Number | 0x4000 | (NoClear ? 0x8000 : 0), 0,
			     NULL, 0);
	t1 = VideoPortQueryPerformanceCounter(e, NULL);
	if (Us)
		*Us = f ? (ULONG)((t1 - t0) * 1000000 / f) : 0;
	if (ok)
		e->Current = Index;
	return ok;
}

/* INT 10h AH=00h AL=03h: 80x25 text, through the old VideoPortInt10. */
static VP_STATUS VbeTextMode(PVBE_EXT e)
{
	VIDEO_X86_BIOS_ARGUMENTS b;
	VP_STATUS st;

	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = 0x0003;
	st = VideoPortInt10(e, &b);
	if (st == NO_ERROR)
		e->Current = NO_MODE;
	return st;
}

static VP_STATUS NTAPI HwFindAdapter(PVOID HwDeviceExtension, PVOID HwContext,
				     PWSTR ArgumentString, PVIDEO_PORT_CONFIG_INFO ConfigInfo,
				     PUCHAR Again)
{
	PVBE_EXT e = HwDeviceExtension;
	/* the ports the BIOS programs: VGA, and Bochs' VBE index/data pair */
	VIDEO_ACCESS_RANGE r[2];
	ULONG len = 512;
	VP_STATUS st;

	VideoPortZeroMemory(r, sizeof(r));
	r[0].RangeStart.LowPart = 0x3b0;
	r[0].RangeLength = 0x30;
	r[0].RangeInIoSpace = 1;
	r[0].RangeVisible = 1;
	r[0].RangeShareable = 1;
	r[1].RangeStart.LowPart = 0x1ce;
	r[1].RangeLength = 3;	/* 16-bit index at 0x1ce, 16-bit data at 0x1cf */
	r[1].RangeInIoSpace = 1;
	r[1].RangeVisible = 1;
	r[1].RangeShareable = 1;
	st = VideoPortVerifyAccessRanges(e, 2, r);
	if (st != NO_ERROR)
		return st;
	e->Current = NO_MODE;
	e->Int10.Size = sizeof(e->Int10);
	e->Int10.Version = VIDEO_PORT_INT10_INTERFACE_VERSION_1;
	st = VideoPortQueryServices(e, VideoPortServicesInt10, (PINTERFACE)&e->Int10);
	REPORT(e->Int10.Int10CallBios && e->Int10.Int10AllocateBuffer,
	       "int10_interface_complete", "a NULL function pointer\n");
	if (st != NO_ERROR) {
		VideoPortDebugPrint(Error, "VBE no Int10 interface: status %lu\n", st);
		return ERROR_DEV_NOT_EXIST;
	}
	e->Int10.InterfaceReference(e->Int10.Context);
	e->HaveInt10 = TRUE;
	st = e->Int10.Int10AllocateBuffer(e->Int10.Context, &e->BufSeg, &e->BufOff, &len);
	REPORT(st == NO_ERROR && len >= 512, "allocate_buffer", "status %lu len %lu\n", st, len);
	if (st != NO_ERROR)
		return ERROR_DEV_NOT_EXIST;
	REPORT(VbeReadModes(e), "vbe_mode_list", "no usable linear mode\n");
	VideoPortDebugPrint(Error, "VBE version %lx, %lu modes listed, %lu usable, %lu KiB\n",
			    e->Version, e->ModeListLength, e->NumModes, e->VramSize >> 10);
	ConfigInfo->BusInterruptLevel = 0;
	ConfigInfo->BusInterruptVector = 0;
	*Again = FALSE;
	return e->NumModes ? NO_ERROR : ERROR_DEV_NOT_EXIST;
}

static BOOLEAN NTAPI HwInitialize(PVOID HwDeviceExtension)
{
	return TRUE;
}

static void FillModeInfo(PVBE_EXT e, ULONG i, PVIDEO_MODE_INFORMATION mi)
{
	VBE_MODE *m = &e->Modes[i];

	VideoPortZeroMemory(mi, sizeof(*mi));
	mi->Length = sizeof(*mi);
	mi->ModeIndex = i;
	mi->VisScreenWidth = m->Width;
	mi->VisScreenHeight = m->Height;
	mi->ScreenStride = m->Pitch;
	mi->NumberOfPlanes = m->Planar ? 4 : 1;
	mi->BitsPerPlane = m->Planar ? 1 : m->Bpp;
	mi->Frequency = 60;
	mi->XMillimeter = 320;
	mi->YMillimeter = 240;
	mi->NumberRedBits = m->RedSize;
	mi->NumberGreenBits = m->GreenSize;
	mi->NumberBlueBits = m->BlueSize;
	mi->RedMask = ((1u << m->RedSize) - 1) << m->RedPos;
	mi->GreenMask = ((1u << m->GreenSize) - 1) << m->GreenPos;
	mi->BlueMask = ((1u << m->BlueSize) - 1) << m->BluePos;
	mi->AttributeFlags = VIDEO_MODE_COLOR | VIDEO_MODE_GRAPHICS;
	mi->VideoMemoryBitmapWidth = m->Width;
	mi->VideoMemoryBitmapHeight = e->VramSize / m->Pitch;
	if (m->Planar) {
		/* 16 colours from the 6-bit DAC; each plane is 64 KiB at A0000 */
		mi->AttributeFlags |= VIDEO_MODE_PALETTE_DRIVEN | VIDEO_MODE_MANAGED_PALETTE;
		mi->NumberRedBits = mi->NumberGreenBits = mi->NumberBlueBits = 6;
		mi->RedMask = mi->GreenMask = mi->BlueMask = 0;
		mi->VideoMemoryBitmapHeight = 0x10000 / m->Pitch;
	}
}

static VP_STATUS MapFb(PVBE_EXT e, ULONG Index, PVOID *Virt, ULONG *Len, BOOLEAN User)
{
	PHYSICAL_ADDRESS pa;
	ULONG space = User ? VIDEO_MEMORY_SPACE_USER_MODE : 0;

	pa.QuadPart = e->Modes[Index].Lfb;
	*Len = (ULONG)e->Modes[Index].Pitch * e->Modes[Index].Height;
	return VideoPortMapMemory(e, pa, Len, &space, Virt);
}

static VP_STATUS SetAndDraw(PVBE_EXT e, PVIDEO_REQUEST_PACKET rp)
{
	struct vbe_result *res = rp->OutputBuffer;
	ULONG in, w, h, bpp, i, x, y, us = 0;
	VIDEO_X86_BIOS_ARGUMENTS b;
	VP_STATUS st;

	if (rp->InputBufferLength < sizeof(ULONG) || rp->OutputBufferLength < sizeof(*res))
		return ERROR_INSUFFICIENT_BUFFER;
	in = *(ULONG *)rp->InputBuffer;
	w = in & 0xfff;
	h = (in >> 12) & 0xfff;
	bpp = ((in >> 24) & 0x7f) * 8;
	VideoPortZeroMemory(res, sizeof(*res));
	rp->StatusBlock->Information = sizeof(*res);
	res->version = e->Version;
	res->nmodes = e->ModeListLength;
	for (i = 0; i < e->NumModes; i++)
		if (e->Modes[i].Width == w && e->Modes[i].Height == h && e->Modes[i].Bpp == bpp)
			break;
	REPORT(i < e->NumModes, "vbe_mode_found", "no %lux%lux%lu linear mode\n", w, h, bpp);
	if (i == e->NumModes) {
		res->status = 1;
		return NO_ERROR;
	}
	res->mode = e->Modes[i].Number;
	res->pitch = e->Modes[i].Pitch;
	res->lfb = e->Modes[i].Lfb;
	REPORT(VbeSetMode(e, i, in >> 31, &us), "vbe_set_mode", "0x4f02 failed\n");
	res->set_us = us;
	VideoPortDebugPrint(Error, "VBE mode 0x%x set in %lu us\n", res->mode, us);

	/* the BIOS agrees, asked through the old VideoPortInt10 */
	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = 0x4f03;
	st = VideoPortInt10(e, &b);
	REPORT(st == NO_ERROR && (b.Eax & 0xffff) == 0x004f && (b.Ebx & 0x1ff) == res->mode,
	       "vbe_current_mode", "status %lu ax %lx bx %lx\n", st, b.Eax, b.Ebx);

	if (e->Fb)
		VideoPortUnmapMemory(e, e->Fb, NULL);
	e->Fb = NULL;
	st = MapFb(e, i, &e->Fb, &e->FbLength, FALSE);
	REPORT(st == NO_ERROR, "map_lfb", "status %lu\n", st);
	if (st != NO_ERROR) {
		res->status = 2;
		return NO_ERROR;
	}
	for (y = 0; y < e->Modes[i].Height; y++) {
		PUCHAR row = (PUCHAR)e->Fb + y * e->Modes[i].Pitch;

		for (x = 0; x < e->Modes[i].Width; x++) {
			ULONG p = VBE_PATTERN(x, y);

			if (bpp == 32)
				((volatile ULONG *)row)[x] = p;
			else	/* RGB565 */
				((volatile USHORT *)row)[x] = (p >> 8 & 0xf800) |
							      (p >> 5 & 0x07e0) |
							      (p >> 3 & 0x001f);
		}
	}
	return NO_ERROR;
}


/* ---- hostile calls: each fails cleanly, the BIOS keeps working ---------- */

static VP_STATUS Call(PVBE_EXT e, ULONG Ax, USHORT Es, ULONG Di, ULONG *OutAx)
{
	INT10_BIOS_ARGUMENTS b;
	VP_STATUS st;

	VideoPortZeroMemory(&b, sizeof(b));
	b.Eax = Ax;
	b.SegEs = Es;
	b.Edi = Di;
	st = e->Int10.Int10CallBios(e->Int10.Context, &b);
	if (OutAx)
		*OutAx = b.Eax;
	return st;
}

/* Point INT 10h at @Code (in a buffer of ours), call it, put the vector back. */
static VP_STATUS CallCode(PVBE_EXT e, const UCHAR *Code, ULONG Len)
{
	USHORT seg, off;
	ULONG blen = 16, vec, saved;
	VP_STATUS st;

	if (e->Int10.Int10AllocateBuffer(e->Int10.Context, &seg, &off, &blen) != NO_ERROR)
		return 0xffff;
	e->Int10.Int10WriteMemory(e->Int10.Context, seg, off, (PVOID)Code, Len);
	e->Int10.Int10ReadMemory(e->Int10.Context, 0, 0x40, &saved, 4);
	vec = (ULONG)seg << 16 | off;
	e->Int10.Int10WriteMemory(e->Int10.Context, 0, 0x40, &vec, 4);
	st = Call(e, 0x4f03, 0, 0, NULL);
	e->Int10.Int10WriteMemory(e->Int10.Context, 0, 0x40, &saved, 4);
	e->Int10.Int10FreeBuffer(e->Int10.Context, seg, off);
	return st;
}

static BOOLEAN BiosStillWorks(PVBE_EXT e)
{
	ULONG ax = 0;

	return Call(e, 0x4f03, 0, 0, &ax) == NO_ERROR && (ax & 0xffff) == 0x004f;
}

static ULONG Hostile(PVBE_EXT e)
{
	static const UCHAR loop[] = { 0xeb, 0xfe };			/* jmp $ */
	static const UCHAR ud[] = { 0x0f, 0xff };			/* undefined opcode */
	static const UCHAR port80[] = { 0xe6, 0x80, 0xcf };		/* out 0x80, al; iret */
	ULONG before = Failures, len, ax, i, n;
	USHORT seg, off, segs[16], offs[16];
	UCHAR buf[32];
	VP_STATUS st;

	REPORT(VideoPortInt10(e, NULL) == ERROR_INVALID_PARAMETER, "int10_null_args",
	       "accepted NULL\n");
	REPORT(e->Int10.Int10CallBios(e->Int10.Context, NULL) == ERROR_INVALID_PARAMETER,
	       "callbios_null_args", "accepted NULL\n");

	/* garbage registers: unknown functions, ES:DI across the end of low memory */
	st = Call(e, 0xdeadbeef, 0xffff, 0xfff0, &ax);
	REPORT(st == NO_ERROR || st == ERROR_INVALID_PARAMETER, "garbage_registers",
	       "status %lu\n", st);
	st = Call(e, 0x4f01, 0xffff, 0xfff0, &ax);
	REPORT(st == NO_ERROR || st == ERROR_INVALID_PARAMETER, "mode_info_past_1mib",
	       "status %lu\n", st);
	REPORT(BiosStillWorks(e), "bios_works_after_garbage", "0x4f03 failed\n");

	/* a handler that loops forever, one that faults, one that pokes port 0x80 */
	st = CallCode(e, loop, sizeof(loop));
	REPORT(st == ERROR_INVALID_PARAMETER, "endless_loop_stopped", "status %lu\n", st);
	REPORT(BiosStillWorks(e), "bios_works_after_loop", "0x4f03 failed\n");
	st = CallCode(e, ud, sizeof(ud));
	REPORT(st == ERROR_INVALID_PARAMETER, "invalid_opcode_fails", "status %lu\n", st);
	st = CallCode(e, port80, sizeof(port80));
	REPORT(st == NO_ERROR, "foreign_port_call_returns", "status %lu\n", st);
	REPORT(BiosStillWorks(e), "bios_works_after_faults", "0x4f03 failed\n");

	/* buffers out of range */
	st = e->Int10.Int10ReadMemory(e->Int10.Context, 0xffff, 0xfff0, buf, sizeof(buf));
	REPORT(st == ERROR_INVALID_PARAMETER, "read_past_1mib", "status %lu\n", st);
	st = e->Int10.Int10WriteMemory(e->Int10.Context, 0xa000, 0, buf, sizeof(buf));
	REPORT(st == ERROR_INVALID_PARAMETER, "write_vga_window", "status %lu\n", st);
	st = e->Int10.Int10ReadMemory(e->Int10.Context, 0x2000, 0, NULL, 4);
	REPORT(st == ERROR_INVALID_PARAMETER, "read_null_buffer", "status %lu\n", st);
	len = 0x20000;
	st = e->Int10.Int10AllocateBuffer(e->Int10.Context, &seg, &off, &len);
	REPORT(st == ERROR_NOT_ENOUGH_MEMORY, "allocate_too_big", "status %lu\n", st);
	st = e->Int10.Int10FreeBuffer(e->Int10.Context, 0x1234, 0);
	REPORT(st == ERROR_INVALID_PARAMETER, "free_unknown_buffer", "status %lu\n", st);
	for (n = 0; n < 16; n++) {
		len = 0x10000;
		if (e->Int10.Int10AllocateBuffer(e->Int10.Context, &segs[n], &offs[n], &len) !=
		    NO_ERROR)
			break;
	}
	REPORT(n > 0 && n < 16, "allocate_until_full", "%lu buffers of 64 KiB\n", n);
	for (i = 0; i < n; i++)
		e->Int10.Int10FreeBuffer(e->Int10.Context, segs[i], offs[i]);
	st = n ? e->Int10.Int10FreeBuffer(e->Int10.Context, segs[0], offs[0]) : 0;
	REPORT(st == ERROR_INVALID_PARAMETER, "double_free", "status %lu\n", st);
	REPORT(BiosStillWorks(e), "bios_works_after_hostile", "0x4f03 failed\n");
	return Failures - before;
}

static BOOLEAN NTAPI HwStartIO(PVOID HwDeviceExtension, PVIDEO_REQUEST_PACKET rp)
{
	PVBE_EXT e = HwDeviceExtension;
	VP_STATUS st = NO_ERROR;
	ULONG i;

	rp->StatusBlock->Information = 0;
	switch (rp->IoControlCode) {
	case IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES: {
		PVIDEO_NUM_MODES n = rp->OutputBuffer;

		if (rp->OutputBufferLength < sizeof(*n)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		n->NumModes = e->NumModes;
		n->ModeInformationLength = sizeof(VIDEO_MODE_INFORMATION);
		rp->StatusBlock->Information = sizeof(*n);
		break;
	}
	case IOCTL_VIDEO_QUERY_AVAIL_MODES:
		if (rp->OutputBufferLength < e->NumModes * sizeof(VIDEO_MODE_INFORMATION)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		for (i = 0; i < e->NumModes; i++)
			FillModeInfo(e, i, (PVIDEO_MODE_INFORMATION)rp->OutputBuffer + i);
		rp->StatusBlock->Information = e->NumModes * sizeof(VIDEO_MODE_INFORMATION);
		break;
	case IOCTL_VIDEO_QUERY_CURRENT_MODE:
		if (e->Current == NO_MODE) {
			st = ERROR_INVALID_FUNCTION;
			break;
		}
		if (rp->OutputBufferLength < sizeof(VIDEO_MODE_INFORMATION)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		FillModeInfo(e, e->Current, rp->OutputBuffer);
		rp->StatusBlock->Information = sizeof(VIDEO_MODE_INFORMATION);
		break;
	case IOCTL_VIDEO_SET_CURRENT_MODE: {
		ULONG m;

		if (rp->InputBufferLength < sizeof(VIDEO_MODE)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		m = ((PVIDEO_MODE)rp->InputBuffer)->RequestedMode;
		if ((m & ~VIDEO_MODE_NO_ZERO_MEMORY) >= e->NumModes) {
			st = ERROR_INVALID_PARAMETER;
			break;
		}
		if (!VbeSetMode(e, m & ~VIDEO_MODE_NO_ZERO_MEMORY,
				!!(m & VIDEO_MODE_NO_ZERO_MEMORY), NULL))
			st = ERROR_INVALID_PARAMETER;
		break;
	}
	case IOCTL_VIDEO_SET_COLOR_REGISTERS:
		st = VbeSetColors(e, rp);
		break;
	case IOCTL_VIDEO_RESET_DEVICE:
		st = VbeTextMode(e);
		REPORT(st == NO_ERROR, "reset_text_mode", "status %lu\n", st);
		break;
	case IOCTL_VIDEO_MAP_VIDEO_MEMORY: {
		PVIDEO_MEMORY_INFORMATION mi = rp->OutputBuffer;
		PVOID v = ((PVIDEO_MEMORY)rp->InputBuffer)->RequestedVirtualAddress;
		ULONG len;

		if (rp->InputBufferLength < sizeof(VIDEO_MEMORY) ||
		    rp->OutputBufferLength < sizeof(*mi)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		if (e->Current == NO_MODE) {
			st = ERROR_INVALID_PARAMETER;
			break;
		}
		st = MapFb(e, e->Current, &v, &len, TRUE);
		if (st != NO_ERROR)
			break;
		mi->VideoRamBase = mi->FrameBufferBase = v;
		mi->VideoRamLength = mi->FrameBufferLength = len;
		rp->StatusBlock->Information = sizeof(*mi);
		break;
	}
	case IOCTL_VIDEO_UNMAP_VIDEO_MEMORY:
		if (rp->InputBufferLength < sizeof(VIDEO_MEMORY)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		st = VideoPortUnmapMemory(e, ((PVIDEO_MEMORY)rp->InputBuffer)->
					  RequestedVirtualAddress, NULL);
		break;
	case IOCTL_VBE_SET_AND_DRAW:
		st = SetAndDraw(e, rp);
		break;
	case IOCTL_VBE_TEXT:
		st = VbeTextMode(e);
		REPORT(st == NO_ERROR, "int10_text_mode", "status %lu\n", st);
		break;
	case IOCTL_VBE_HOSTILE:
		if (rp->OutputBufferLength < sizeof(ULONG)) {
			st = ERROR_INSUFFICIENT_BUFFER;
			break;
		}
		*(ULONG *)rp->OutputBuffer = Hostile(e);
		rp->StatusBlock->Information = sizeof(ULONG);
		break;
	default:
		st = ERROR_INVALID_FUNCTION;
	}
	rp->StatusBlock->Status = st;
	return TRUE;
}

ULONG NTAPI DriverEntry(PVOID Context1, PVOID Context2)
{
	VIDEO_HW_INITIALIZATION_DATA hw;

	VideoPortZeroMemory(&hw, sizeof(hw));
	hw.HwInitDataSize = sizeof(hw);
	hw.AdapterInterfaceType = PCIBus;
	hw.HwFindAdapter = HwFindAdapter;
	hw.HwInitialize = HwInitialize;
	hw.HwStartIO = HwStartIO;
	hw.HwDeviceExtensionSize = sizeof(VBE_EXT);
	return VideoPortInitialize(Context1, Context2, &hw, NULL);
}
