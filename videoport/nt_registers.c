// SPDX-License-Identifier: GPL-2.0
/*
 * ntoskrnl's memory-mapped register access (READ_REGISTER_*,
 * WRITE_REGISTER_* and the buffer forms).  The single accesses forward to
 * the VideoPort forms (registers.c).  The buffer forms differ: ntoskrnl's
 * copy between the buffer and *consecutive* register addresses (x64 builds
 * them on rep movs), while VideoPortRead/WriteRegisterBuffer* repeat one
 * register.  Each element is one access of its width, in order.
 */
#include <linux/io.h>
#include "videoport/vp.h"
#include "videoport/export.h"

#define NT_REG(Suffix, SUFFIX, type, rd, wr)					\
type WINAPI VideoPortReadRegister##Suffix(type *reg);				\
void WINAPI VideoPortWriteRegister##Suffix(type *reg, type v);			\
VP_EXPORT(NTOSKRNL, type, READ_REGISTER_##SUFFIX, type *reg)			\
{										\
	return VideoPortReadRegister##Suffix(reg);				\
}										\
VP_EXPORT(NTOSKRNL, void, WRITE_REGISTER_##SUFFIX, type *reg, type v)		\
{										\
	VideoPortWriteRegister##Suffix(reg, v);					\
}										\
VP_EXPORT(NTOSKRNL, void, READ_REGISTER_BUFFER_##SUFFIX, type *reg, type *buf,	\
	  u32 n)								\
{										\
	type __iomem *r = (type __iomem *)reg;					\
	u32 i;									\
										\
	for (i = 0; i < n; i++)							\
		buf[i] = rd(r + i);						\
}										\
VP_EXPORT(NTOSKRNL, void, WRITE_REGISTER_BUFFER_##SUFFIX, type *reg,		\
	  const type *buf, u32 n)						\
{										\
	type __iomem *r = (type __iomem *)reg;					\
	u32 i;									\
										\
	for (i = 0; i < n; i++)							\
		wr(buf[i], r + i);						\
}

NT_REG(Uchar, UCHAR, u8, readb, writeb)
NT_REG(Ushort, USHORT, u16, readw, writew)
NT_REG(Ulong, ULONG, u32, readl, writel)
