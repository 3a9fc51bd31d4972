// SPDX-License-Identifier: GPL-2.0
/*
 * The I2C interface of VideoPortQueryServices (VIDEO_PORT_I2C_INTERFACE,
 * versions 1 and 2): start, stop, write and read on a bus the miniport
 * drives through its line callbacks, with the I2C master of vp_i2c.c.
 * Version 2 passes a VIDEO_I2C_CONTROL: the callbacks and the bus delay
 * (in 100 ns units, taken as the half clock period).
 */
#include <linux/math.h>
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/thunk.h"
#include "videoport/vp_i2c.h"

/* VIDEO_PORT_I2C_INTERFACE(_2): INTERFACE, then the four operations */
struct win_i2c_interface {
	u16 size;
	u16 version;
	void *context;
	void *reference;
	void *dereference;
	void *start;
	void *stop;
	void *write;
	void *read;
};
static_assert(sizeof(struct win_i2c_interface) == WIN_ABI(64, 32));

/* VIDEO_I2C_CONTROL */
struct win_i2c_control {
	struct win_i2c_callbacks cb;
	u32 delay;		/* 100 ns units */
};

/* InterfaceReference/Dereference: __cdecl, as miniport.h declares them */
static void WINAPI_CDECL vp_i2c_ref(void *context)
{
	/* the interface has no state of its own to keep alive */
}

static bool vp_i2c_setup(struct vp_i2c *b, void *ext, const void *p, bool v2)
{
	const struct win_i2c_control *ctl = p;

	if (!p)
		return false;
	return vp_i2c_init(b, ext, p, v2 ? DIV_ROUND_UP(ctl->delay, 10) : VP_I2C_HALF_US);
}

static u8 vp_i2c_do_start(void *ext, const void *p, bool v2)
{
	struct vp_i2c b;

	return vp_i2c_setup(&b, ext, p, v2) && vp_i2c_start(&b);
}

static u8 vp_i2c_do_stop(void *ext, const void *p, bool v2)
{
	struct vp_i2c b;

	return vp_i2c_setup(&b, ext, p, v2) && vp_i2c_stop(&b);
}

/* Every byte must be acknowledged. */
static u8 vp_i2c_do_write(void *ext, const void *p, bool v2, const u8 *buf, u32 len)
{
	struct vp_i2c b;
	u32 i;

	if (!vp_i2c_setup(&b, ext, p, v2) || (!buf && len))
		return 0;
	for (i = 0; i < len; i++)
		if (!vp_i2c_write(&b, buf[i]))
			return 0;
	return 1;
}

/* Acknowledges every byte but the last, which ends the read. */
static u8 vp_i2c_do_read(void *ext, const void *p, bool v2, u8 *buf, u32 len)
{
	struct vp_i2c b;
	u32 i;

	if (!vp_i2c_setup(&b, ext, p, v2) || (!buf && len))
		return 0;
	for (i = 0; i < len; i++)
		if (!vp_i2c_read(&b, &buf[i], i + 1 < len))
			return 0;
	return 1;
}

static u8 WINAPI vp_i2c_start1(void *ext, void *cb)
{
	return vp_i2c_do_start(ext, cb, false);
}

static u8 WINAPI vp_i2c_stop1(void *ext, void *cb)
{
	return vp_i2c_do_stop(ext, cb, false);
}

static u8 WINAPI vp_i2c_write1(void *ext, void *cb, const u8 *buf, u32 len)
{
	return vp_i2c_do_write(ext, cb, false, buf, len);
}

static u8 WINAPI vp_i2c_read1(void *ext, void *cb, u8 *buf, u32 len)
{
	return vp_i2c_do_read(ext, cb, false, buf, len);
}

static u8 WINAPI vp_i2c_start2(void *ext, void *ctl)
{
	return vp_i2c_do_start(ext, ctl, true);
}

static u8 WINAPI vp_i2c_stop2(void *ext, void *ctl)
{
	return vp_i2c_do_stop(ext, ctl, true);
}

static u8 WINAPI vp_i2c_write2(void *ext, void *ctl, const u8 *buf, u32 len)
{
	return vp_i2c_do_write(ext, ctl, true, buf, len);
}

static u8 WINAPI vp_i2c_read2(void *ext, void *ctl, u8 *buf, u32 len)
{
	return vp_i2c_do_read(ext, ctl, true, buf, len);
}

/* Fills the interface the miniport asked for (by Size and Version). */
u32 vp_i2c_interface(void *ext, void *p)
{
	struct win_i2c_interface *itf = p;
	bool v2;

	if (itf->size < sizeof(*itf) || (itf->version != 1 && itf->version != 2))
		return ERROR_INVALID_PARAMETER;
	v2 = itf->version == 2;
	itf->context = ext;
	/* Miniport code calls these: through their IBT stubs (ibt.h). */
	itf->reference = vp_export_thunk(vp_i2c_ref);
	itf->dereference = itf->reference;
	itf->start = vp_export_thunk(v2 ? (void *)vp_i2c_start2 : (void *)vp_i2c_start1);
	itf->stop = vp_export_thunk(v2 ? (void *)vp_i2c_stop2 : (void *)vp_i2c_stop1);
	itf->write = vp_export_thunk(v2 ? (void *)vp_i2c_write2 : (void *)vp_i2c_write1);
	itf->read = vp_export_thunk(v2 ? (void *)vp_i2c_read2 : (void *)vp_i2c_read1);
	if (!itf->reference || !itf->start || !itf->stop || !itf->write || !itf->read)
		return ERROR_NOT_ENOUGH_MEMORY;
	return NO_ERROR;
}
