// SPDX-License-Identifier: GPL-2.0
/*
 * Mode setting and reset through DISPI, and the EDID blob QEMU places at
 * the start of BAR2 (edid=on, the default).
 */
#include "bochs.h"

VP_STATUS BochsSetMode(PMP_DEVICE Common, const MP_MODE *Mode, BOOLEAN NoClear)
{
	PBOCHS_DEVICE Dev = (PBOCHS_DEVICE)Common;
	USHORT Enable = DISPI_ENABLED | DISPI_LFB_ENABLED | DISPI_8BIT_DAC;
	USHORT XRes, YRes, Bpp;
	UCHAR OldIrql;

	/* QEMU clears the frame buffer on enable unless told not to. */
	if (NoClear)
		Enable |= DISPI_NOCLEARMEM;

	OldIrql = MpLock(Common);
	/* Geometry may only change while the interface is disabled. */
	BochsDispiWrite(Dev, DISPI_INDEX_ENABLE, 0);
	BochsDispiWrite(Dev, DISPI_INDEX_BPP, (USHORT)Mode->Bpp);
	BochsDispiWrite(Dev, DISPI_INDEX_XRES, (USHORT)Mode->Width);
	BochsDispiWrite(Dev, DISPI_INDEX_YRES, (USHORT)Mode->Height);
	BochsDispiWrite(Dev, DISPI_INDEX_BANK, 0);
	BochsDispiWrite(Dev, DISPI_INDEX_VIRT_WIDTH, (USHORT)Mode->Width);
	BochsDispiWrite(Dev, DISPI_INDEX_VIRT_HEIGHT,
			(USHORT)Mode->BitmapHeight);
	BochsDispiWrite(Dev, DISPI_INDEX_X_OFFSET, 0);
	BochsDispiWrite(Dev, DISPI_INDEX_Y_OFFSET, 0);
	BochsDispiWrite(Dev, DISPI_INDEX_ENABLE, Enable);
	/* The mode set leaves the palette source bit alone: show the frame. */
	VgaScreenOn(&Common->Vga, TRUE);

	/* The device rejects geometry it cannot do; check it took ours. */
	XRes = BochsDispiRead(Dev, DISPI_INDEX_XRES);
	YRes = BochsDispiRead(Dev, DISPI_INDEX_YRES);
	Bpp = BochsDispiRead(Dev, DISPI_INDEX_BPP);
	MpUnlock(Common, OldIrql);

	if (XRes != Mode->Width || YRes != Mode->Height || Bpp != Mode->Bpp) {
		VideoPortDebugPrint(Error,
			"vpbochs: mode %lux%lux%lu not accepted (%u x %u x %u)\n",
			Mode->Width, Mode->Height, Mode->Bpp, XRes, YRes, Bpp);
		return ERROR_INVALID_PARAMETER;
	}
	return NO_ERROR;
}

VOID BochsReset(PMP_DEVICE Common)
{
	PBOCHS_DEVICE Dev = (PBOCHS_DEVICE)Common;
	UCHAR OldIrql = MpLock(Common);

	/* Back to VGA scan-out; the VGA BIOS state is the next owner's. */
	BochsDispiWrite(Dev, DISPI_INDEX_ENABLE, 0);
	MpUnlock(Common, OldIrql);
}

static const UCHAR BochsEdidHeader[8] = {
	0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00
};

ULONG BochsReadEdid(PMP_DEVICE Common, PUCHAR Buffer, ULONG Length)
{
	PBOCHS_DEVICE Dev = (PBOCHS_DEVICE)Common;
	UCHAR Block[128];
	ULONG Total, i;
	UCHAR Sum = 0;

	/* Without BAR2 (or with edid=off) there is no EDID to read. */
	if (!Dev->Common.Mmio || Length < sizeof(Block))
		return 0;

	for (i = 0; i < sizeof(Block); i++) {
		Block[i] = VideoPortReadRegisterUchar(Dev->Common.Mmio +
						      BOCHS_MMIO_EDID + i);
		Sum += Block[i];
	}
	for (i = 0; i < sizeof(BochsEdidHeader); i++)
		if (Block[i] != BochsEdidHeader[i])
			return 0;
	if (Sum != 0)
		return 0;

	/* Base block plus its extensions, as far as BAR2 and the caller allow. */
	Total = (1 + Block[126]) * sizeof(Block);
	if (Total > BOCHS_MMIO_EDID_SIZE)
		Total = BOCHS_MMIO_EDID_SIZE;
	if (Total > Length)
		Total = Length - Length % sizeof(Block);

	VideoPortMoveMemory(Buffer, Block, sizeof(Block));
	for (i = sizeof(Block); i < Total; i++)
		Buffer[i] = VideoPortReadRegisterUchar(Dev->Common.Mmio +
						       BOCHS_MMIO_EDID + i);
	return Total;
}
