// SPDX-License-Identifier: GPL-2.0
/*
 * I2C master bit-banged through the miniport's line callbacks: the
 * miniport knows how to drive and read SCL/SDA on its hardware (GPIO or
 * DDC registers), we know the protocol.  Clock stretching is honoured for
 * up to 2 ms per edge.  Each line access is a callback into the miniport
 * (a nested bridge call: these run from inside a miniport call).
 */
#include <linux/delay.h>
#include "videoport/vp.h"
#include "videoport/vp_i2c.h"

#define VP_I2C_STRETCH_US 2000

bool vp_i2c_init(struct vp_i2c *b, void *ext, const struct win_i2c_callbacks *cb,
		 unsigned int half_us)
{
	b->a = vp_adapter_from_ext(ext);
	b->ext = ext;
	b->cb = cb;
	b->half_us = clamp(half_us, 1u, 1000u);
	return b->a && cb && cb->write_clock && cb->write_data && cb->read_clock &&
	       cb->read_data;
}

static void vp_i2c_sda(struct vp_i2c *b, int v)
{
	VP_CALL(b->a->drv, b->a, b->cb->write_data, b->ext, v);
	udelay(b->half_us);
}

static void vp_i2c_scl_low(struct vp_i2c *b)
{
	VP_CALL(b->a->drv, b->a, b->cb->write_clock, b->ext, 0);
	udelay(b->half_us);
}

/* Releases SCL and waits while a slave stretches the clock. */
static bool vp_i2c_scl_high(struct vp_i2c *b)
{
	unsigned int t;

	VP_CALL(b->a->drv, b->a, b->cb->write_clock, b->ext, 1);
	for (t = 0; !(u8)VP_CALL(b->a->drv, b->a, b->cb->read_clock, b->ext); t++) {
		if (t >= VP_I2C_STRETCH_US)
			return false;
		udelay(1);
	}
	udelay(b->half_us);
	return true;
}

static bool vp_i2c_sda_read(struct vp_i2c *b)
{
	return (u8)VP_CALL(b->a->drv, b->a, b->cb->read_data, b->ext) != 0;
}

bool vp_i2c_start(struct vp_i2c *b)
{
	vp_i2c_sda(b, 1);
	if (!vp_i2c_scl_high(b))
		return false;
	vp_i2c_sda(b, 0);
	vp_i2c_scl_low(b);
	return true;
}

bool vp_i2c_stop(struct vp_i2c *b)
{
	bool ok;

	vp_i2c_sda(b, 0);
	ok = vp_i2c_scl_high(b);
	vp_i2c_sda(b, 1);
	return ok;
}

bool vp_i2c_write(struct vp_i2c *b, u8 byte)
{
	bool ack;
	int i;

	for (i = 7; i >= 0; i--) {
		vp_i2c_sda(b, (byte >> i) & 1);
		if (!vp_i2c_scl_high(b))
			return false;
		vp_i2c_scl_low(b);
	}
	vp_i2c_sda(b, 1);
	if (!vp_i2c_scl_high(b))
		return false;
	ack = !vp_i2c_sda_read(b);
	vp_i2c_scl_low(b);
	return ack;
}

bool vp_i2c_read(struct vp_i2c *b, u8 *byte, bool ack)
{
	u8 v = 0;
	int i;

	vp_i2c_sda(b, 1);
	for (i = 0; i < 8; i++) {
		if (!vp_i2c_scl_high(b))
			return false;
		v = (v << 1) | vp_i2c_sda_read(b);
		vp_i2c_scl_low(b);
	}
	vp_i2c_sda(b, ack ? 0 : 1);
	if (!vp_i2c_scl_high(b))
		return false;
	vp_i2c_scl_low(b);
	vp_i2c_sda(b, 1);
	*byte = v;
	return true;
}
