// SPDX-License-Identifier: GPL-2.0
/*
 * I/O port access.  A miniport's port "address" is what GetDeviceBase or
 * MapMemory returned for an I/O range: the port number as a pointer, as on
 * Windows.  Anything outside the 64K port space is bad input: ignored on
 * write, all ones on read, reported once per driver.
 */
#include <linux/io.h>
#include "videoport/vp.h"
#include "videoport/export.h"

static inline bool vp_port_ok(const void *port, unsigned int width, u32 count)
{
	unsigned long p = (unsigned long)port;

	if (likely(p <= 0x10000 - width && (u64)count * width <= 0x10000 - p))
		return true;
	vp_warn_once(vp_current_driver(), VP_ONCE_BAD_PORT,
		     "port access at %p (width %u, count %u) outside the I/O space, ignored\n",
		     port, width, count);
	return false;
}

#define VP_PORT_RW(Suffix, type, width, in, out, ins, outs)			\
VP_EXPORT(VIDEOPRT, type, VideoPortReadPort##Suffix, type *port)		\
{										\
	if (!vp_port_ok(port, width, 1))					\
		return (type)~0;						\
	return in((unsigned long)port);						\
}										\
VP_EXPORT(VIDEOPRT, void, VideoPortWritePort##Suffix, type *port, type v)	\
{										\
	if (vp_port_ok(port, width, 1))						\
		out(v, (unsigned long)port);					\
}										\
VP_EXPORT(VIDEOPRT, void, VideoPortReadPortBuffer##Suffix, type *port,	\
	  type *buf, u32 count)							\
{										\
	if (vp_port_ok(port, width, 1))						\
		ins((unsigned long)port, buf, count);				\
}										\
VP_EXPORT(VIDEOPRT, void, VideoPortWritePortBuffer##Suffix, type *port,	\
	  const type *buf, u32 count)						\
{										\
	if (vp_port_ok(port, width, 1))						\
		outs((unsigned long)port, buf, count);				\
}

VP_PORT_RW(Uchar, u8, 1, inb, outb, insb, outsb)
VP_PORT_RW(Ushort, u16, 2, inw, outw, insw, outsw)
VP_PORT_RW(Ulong, u32, 4, inl, outl, insl, outsl)
