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
 * Input: CONF_BENCH_INPUT.  Pairs times a lock pair, both calls through a
 * function pointer, in one loop per Kind whatever the functions are:
 * vpwrap's lock benchmark gives it its own functions (a native lock pair,
 * empty ones) to compare with the miniport's imports on the same loop.
 * Acquire 0 means the imports themselves, on the miniport's own lock.  An
 * input of one ULONG is Pairs alone (Kind 0).
 *
 *	Kind	pair					loop runs at
 *	0	Acquire(ext, Lock, &old) Release(ext, Lock, old)	PASSIVE_LEVEL
 *		(VideoPortAcquireSpinLock/VideoPortReleaseSpinLock)
 *	1	Acquire(ext, Lock) Release(ext, Lock)	DISPATCH_LEVEL
 *		(VideoPortAcquireSpinLockAtDpcLevel/...FromDpcLevel)
 *	2	Acquire(Lock) Release(Lock)		DISPATCH_LEVEL
 *		(KeAcquireSpinLockAtDpcLevel/KeReleaseSpinLockFromDpcLevel)
 *	3	old = Acquire(Lock) Release(Lock, old)	PASSIVE_LEVEL
 *		(x64: KeAcquireSpinLockRaiseToDpc/KeReleaseSpinLock, x86: the
 *		__fastcall KfAcquireSpinLock/KfReleaseSpinLock)
 *
 * The loops of kinds 1 and 2 raise to DISPATCH_LEVEL around themselves
 * (KeAcquireSpinLock on another lock: interrupts stay on).
 */
#define IOCTL_CONF_BENCH		CONF_IOCTL(4)

enum {
	CONF_BENCH_VP,
	CONF_BENCH_VP_DPC,
	CONF_BENCH_KE_DPC,
	CONF_BENCH_KE,
	CONF_BENCH_KINDS,
};

typedef struct {
	ULONG Pairs;
	ULONG Kind;
	ULONG64 Acquire;
	ULONG64 Release;
	ULONG64 Lock;
} CONF_BENCH_INPUT;

/*
 * Input: ULONG n.  n times: fill xmm6-15, sleep in VideoPortWaitForSingleObject
 * (1 ms timeout), check xmm6-15 (callee-saved under the Windows ABI) kept
 * their values.  Output: ULONG number of corrupted rounds.
 */
#define IOCTL_CONF_SSE_SLEEP		CONF_IOCTL(5)

#endif /* VPCONFORM_H */
