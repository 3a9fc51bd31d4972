// SPDX-License-Identifier: GPL-2.0
/*
 * Memory-mapped register access on addresses from GetDeviceBase/MapMemory.
 * The buffer forms repeat the access on the same register (a FIFO), as the
 * DDK documents; they are not memcpy.
 */
#include <linux/io.h>
#include "videoport/vp.h"
#include "videoport/export.h"

#define VP_IOMEM(p) ((void __iomem *)(p))

#define VP_REG_RW(Suffix, type, rd, wr)						\
VP_EXPORT(VIDEOPRT, type, VideoPortReadRegister##Suffix, type *reg)		\
{										\
	return rd(VP_IOMEM(reg));						\
}										\
VP_EXPORT(VIDEOPRT, void, VideoPortWriteRegister##Suffix, type *reg, type v)	\
{										\
	wr(v, VP_IOMEM(reg));							\
}										\
VP_EXPORT(VIDEOPRT, void, VideoPortReadRegisterBuffer##Suffix, type *reg,	\
	  type *buf, u32 count)							\
{										\
	u32 i;									\
										\
	for (i = 0; i < count; i++)						\
		buf[i] = rd(VP_IOMEM(reg));					\
}										\
VP_EXPORT(VIDEOPRT, void, VideoPortWriteRegisterBuffer##Suffix, type *reg,	\
	  const type *buf, u32 count)						\
{										\
	u32 i;									\
										\
	for (i = 0; i < count; i++)						\
		wr(buf[i], VP_IOMEM(reg));					\
}

VP_REG_RW(Uchar, u8, readb, writeb)
VP_REG_RW(Ushort, u16, readw, writew)
VP_REG_RW(Ulong, u32, readl, writel)
