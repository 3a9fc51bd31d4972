// SPDX-License-Identifier: GPL-2.0
/*
 * The device spin lock: held around every multi-register sequence (index
 * then data, DAC index then components, a whole mode set), so that a
 * pointer move or palette load arriving on another CPU cannot interleave
 * with it.  Held briefly; nothing inside may sleep or touch pageable data.
 */
#include "miniport.h"

UCHAR MpLock(PMP_DEVICE Dev)
{
	UCHAR OldIrql;

	VideoPortAcquireSpinLock(Dev, Dev->Lock, &OldIrql);
	return OldIrql;
}

VOID MpUnlock(PMP_DEVICE Dev, UCHAR OldIrql)
{
	VideoPortReleaseSpinLock(Dev, Dev->Lock, OldIrql);
}
