/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The conformance miniport's private IOCTLs (FILE_DEVICE_VIDEO, functions
 * 0x800+, METHOD_BUFFERED), shared with the guest programs that send them
 * through /sys/kernel/debug/vpwrap-videoport/<pci>/ioctl.
 */
#ifndef VPCONFORM_H
#define VPCONFORM_H

#define CONF_IOCTL(n) ((0x23u << 16) | ((0x800u + (n)) << 2))

/* Start the timer and the self-requeuing DPC (on the caller's CPU). */
#define IOCTL_CONF_COUNTER_START	CONF_IOCTL(0)
/* Input: ULONG n.  n locked increments from StartIO, with SynchronizeExecution calls. */
#define IOCTL_CONF_COUNTER_RUN		CONF_IOCTL(1)
/* Stop timer and DPC, check the counter, print the verdicts; output: 5 ULONGs. */
#define IOCTL_CONF_COUNTER_STOP		CONF_IOCTL(2)
/* Input: 16 floats.  Uses xmm0-15; output: 16 floats, out[i] = in[i] * 2 + 1. */
#define IOCTL_CONF_SSE			CONF_IOCTL(3)
/*
 * Input: CONF_BENCH_INPUT.  Pairs times Acquire(ext, Lock, &old) then
 * Release(ext, Lock, old), both through a function pointer, in one loop
 * whatever the functions are: vpwrap's lock benchmark gives it its own
 * functions (a native lock pair, empty ones) to compare with VideoPort's
 * on the same loop.  Acquire 0 means VideoPortAcquireSpinLock and
 * VideoPortReleaseSpinLock on the miniport's own lock.  An input of one
 * ULONG is Pairs alone.
 */
#define IOCTL_CONF_BENCH		CONF_IOCTL(4)

typedef struct {
	ULONG Pairs;
	ULONG Reserved;
	ULONG64 Acquire;	/* VOID NTAPI (PVOID, PVOID Lock, PUCHAR OldIrql) */
	ULONG64 Release;	/* VOID NTAPI (PVOID, PVOID Lock, UCHAR NewIrql) */
	ULONG64 Lock;
} CONF_BENCH_INPUT;

/*
 * Input: ULONG n.  n times: fill xmm6-15, sleep in VideoPortWaitForSingleObject
 * (1 ms timeout), check xmm6-15 (callee-saved under the Windows ABI) kept
 * their values.  Output: ULONG number of corrupted rounds.
 */
#define IOCTL_CONF_SSE_SLEEP		CONF_IOCTL(5)

#endif /* VPCONFORM_H */
