// SPDX-License-Identifier: GPL-2.0
/*
 * DISPI register access.  Through BAR2 every register has its own 16-bit
 * slot; through I/O ports it is an index write followed by a data access,
 * which is why callers on that path hold the device lock.
 */
#include "bochs.h"

USHORT BochsDispiRead(PBOCHS_DEVICE Dev, USHORT Index)
{
	if (Dev->Common.Mmio)
		return VideoPortReadRegisterUshort(
			(PUSHORT)(Dev->Common.Mmio + BOCHS_MMIO_DISPI + Index * 2));
	VideoPortWritePortUshort((PUSHORT)Dev->DispiIo, Index);
	return VideoPortReadPortUshort((PUSHORT)(Dev->DispiIo + 1));
}

VOID BochsDispiWrite(PBOCHS_DEVICE Dev, USHORT Index, USHORT Value)
{
	if (Dev->Common.Mmio) {
		VideoPortWriteRegisterUshort(
			(PUSHORT)(Dev->Common.Mmio + BOCHS_MMIO_DISPI + Index * 2),
			Value);
		return;
	}
	VideoPortWritePortUshort((PUSHORT)Dev->DispiIo, Index);
	VideoPortWritePortUshort((PUSHORT)(Dev->DispiIo + 1), Value);
}
