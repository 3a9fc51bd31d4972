// SPDX-License-Identifier: GPL-2.0
/*
 * hal.dll's port access (READ_PORT_*, WRITE_PORT_* and the buffer forms).
 * On Windows videoprt.sys forwards its VideoPortRead/WritePort* exports to
 * these; here they forward the other way, so both share one checked
 * implementation (ports.c): same port numbers, same semantics (the buffer
 * forms repeat the access on one port, like the ins/outs instructions).
 */
#include "videoport/vp.h"
#include "videoport/export.h"

#define HAL_PORT(Suffix, SUFFIX, type)						\
type WINAPI VideoPortReadPort##Suffix(type *port);				\
void WINAPI VideoPortWritePort##Suffix(type *port, type v);			\
void WINAPI VideoPortReadPortBuffer##Suffix(type *port, type *buf, u32 n);	\
void WINAPI VideoPortWritePortBuffer##Suffix(type *port, const type *buf, u32 n); \
VP_EXPORT(HAL, type, READ_PORT_##SUFFIX, type *port)				\
{										\
	return VideoPortReadPort##Suffix(port);					\
}										\
VP_EXPORT(HAL, void, WRITE_PORT_##SUFFIX, type *port, type v)			\
{										\
	VideoPortWritePort##Suffix(port, v);					\
}										\
VP_EXPORT(HAL, void, READ_PORT_BUFFER_##SUFFIX, type *port, type *buf, u32 n)	\
{										\
	VideoPortReadPortBuffer##Suffix(port, buf, n);				\
}										\
VP_EXPORT(HAL, void, WRITE_PORT_BUFFER_##SUFFIX, type *port, const type *buf,	\
	  u32 n)								\
{										\
	VideoPortWritePortBuffer##Suffix(port, buf, n);				\
}

HAL_PORT(Uchar, UCHAR, u8)
HAL_PORT(Ushort, USHORT, u16)
HAL_PORT(Ulong, ULONG, u32)
