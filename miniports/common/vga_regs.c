// SPDX-License-Identifier: GPL-2.0
/*
 * VGA register access through videoprt's port or register accessors, so
 * that the same driver runs whether the adapter exposes the VGA block as
 * I/O ports or as MMIO.  Callers hold the device lock around sequences.
 */
#include "miniport.h"

UCHAR VgaRead(const VGA_REGS *Vga, USHORT Port)
{
	PUCHAR Reg = Vga->Base + (Port - VGA_PORT_FIRST);

	return Vga->Mmio ? VideoPortReadRegisterUchar(Reg) :
			   VideoPortReadPortUchar(Reg);
}

VOID VgaWrite(const VGA_REGS *Vga, USHORT Port, UCHAR Value)
{
	PUCHAR Reg = Vga->Base + (Port - VGA_PORT_FIRST);

	if (Vga->Mmio)
		VideoPortWriteRegisterUchar(Reg, Value);
	else
		VideoPortWritePortUchar(Reg, Value);
}

UCHAR VgaReadIndexed(const VGA_REGS *Vga, USHORT IndexPort, UCHAR Index)
{
	VgaWrite(Vga, IndexPort, Index);
	return VgaRead(Vga, IndexPort + 1);
}

VOID VgaWriteIndexed(const VGA_REGS *Vga, USHORT IndexPort, UCHAR Index,
		     UCHAR Value)
{
	VgaWrite(Vga, IndexPort, Index);
	VgaWrite(Vga, IndexPort + 1, Value);
}

VOID VgaWriteAttr(const VGA_REGS *Vga, UCHAR Index, UCHAR Value)
{
	VgaWrite(Vga, VGA_AR_INDEX, Index);
	VgaWrite(Vga, VGA_AR_INDEX, Value);
}

VOID VgaLoadDac(const VGA_REGS *Vga, ULONG First, ULONG Count,
		const UCHAR *Rgbx, ULONG DacBits)
{
	ULONG Shift = DacBits >= 8 ? 0 : 8 - DacBits;
	ULONG i;

	/* The write index auto-increments after every third component. */
	VgaWrite(Vga, VGA_DAC_WRITE_INDEX, (UCHAR)First);
	for (i = 0; i < Count; i++, Rgbx += 4) {
		VgaWrite(Vga, VGA_DAC_DATA, Rgbx[0] >> Shift);
		VgaWrite(Vga, VGA_DAC_DATA, Rgbx[1] >> Shift);
		VgaWrite(Vga, VGA_DAC_DATA, Rgbx[2] >> Shift);
	}
}

VOID VgaScreenOn(const VGA_REGS *Vga, BOOLEAN On)
{
	/*
	 * Reading input status 1 puts the attribute controller's flip-flop in
	 * index state, so the next 0x3C0 write is an index write whatever
	 * state the BIOS or a previous driver left it in.
	 */
	(VOID)VgaRead(Vga, VGA_INPUT_STATUS_1);
	VgaWrite(Vga, VGA_AR_INDEX, On ? VGA_AR_PALETTE_SOURCE : 0);
}
