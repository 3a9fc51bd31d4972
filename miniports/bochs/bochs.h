/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vpbochs.sys: QEMU's standard VGA (PCI 1234:1111), programmed through the
 * Bochs VBE "DISPI" interface.
 *
 *   BAR0  linear frame buffer (16 MiB by default, -global VGA.vgamem_mb=N)
 *   BAR2  4 KiB MMIO (QEMU 1.3+): EDID blob at 0x000, VGA ports 0x3C0-0x3DF
 *         at 0x400, DISPI registers at 0x500 + index * 2
 *   I/O   0x1CE/0x1CF DISPI index/data, 0x3C0-0x3DF VGA; used only when the
 *         MMIO BAR is absent (-global VGA.mmio=false, old machine types)
 */
#ifndef VP_BOCHS_H
#define VP_BOCHS_H

#include "miniport.h"

#define BOCHS_VENDOR_ID		0x1234
#define BOCHS_DEVICE_ID		0x1111

#define BOCHS_MMIO_SIZE		0x1000
#define BOCHS_MMIO_EDID		0x000
#define BOCHS_MMIO_EDID_SIZE	0x400
#define BOCHS_MMIO_VGA		0x400	/* stands for port 0x3C0 */
#define BOCHS_MMIO_DISPI	0x500

#define BOCHS_DISPI_IO_PORT	0x1CE	/* index; data at 0x1CF */
#define BOCHS_DISPI_IO_LEN	2

/* DISPI register indices */
#define DISPI_INDEX_ID			0x0
#define DISPI_INDEX_XRES		0x1
#define DISPI_INDEX_YRES		0x2
#define DISPI_INDEX_BPP			0x3
#define DISPI_INDEX_ENABLE		0x4
#define DISPI_INDEX_BANK		0x5
#define DISPI_INDEX_VIRT_WIDTH		0x6
#define DISPI_INDEX_VIRT_HEIGHT		0x7
#define DISPI_INDEX_X_OFFSET		0x8
#define DISPI_INDEX_Y_OFFSET		0x9
#define DISPI_INDEX_VIDEO_MEMORY_64K	0xA

#define DISPI_ID0		0xB0C0	/* IDs 0xB0C0..0xB0C5 are Bochs VBE */
#define DISPI_ID5		0xB0C5

/* DISPI_INDEX_ENABLE bits */
#define DISPI_ENABLED		0x01
#define DISPI_8BIT_DAC		0x20
#define DISPI_LFB_ENABLED	0x40
#define DISPI_NOCLEARMEM	0x80

typedef struct _BOCHS_DEVICE {
	MP_DEVICE Common;	/* first: the shared code's view of us */
	PUCHAR DispiIo;		/* port 0x1CE mapping when there is no BAR2 */
	USHORT DispiId;
} BOCHS_DEVICE, *PBOCHS_DEVICE;

/* DISPI access; I/O-port callers hold the device lock (index then data). */
USHORT BochsDispiRead(PBOCHS_DEVICE Dev, USHORT Index);
VOID BochsDispiWrite(PBOCHS_DEVICE Dev, USHORT Index, USHORT Value);

/* Hardware hooks (MP_HW_OPS). */
VP_STATUS BochsSetMode(PMP_DEVICE Dev, const MP_MODE *Mode, BOOLEAN NoClear);
VOID BochsReset(PMP_DEVICE Dev);
ULONG BochsReadEdid(PMP_DEVICE Dev, PUCHAR Buffer, ULONG Length);

#endif /* VP_BOCHS_H */
