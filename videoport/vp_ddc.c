// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortDDCMonitorHelper: reads a monitor's EDID over the DDC bus by
 * bit-banging I2C through the miniport's four line callbacks (the
 * I2C_CALLBACKS in its DDC_CONTROL; W2K miniports pass I2C_CALLBACKS
 * directly).  Standard mode timing (about 100 kHz, 5 us half periods),
 * clock stretching honoured for up to 2 ms per edge, EDID from the EEPROM
 * at 0xA0, E-DDC segment pointer at 0x60 for segments above 0.
 */
#include <linux/delay.h>
#include "videoport/vp.h"
#include "videoport/nt_export.h"

/* I2C_CALLBACKS */
struct win_i2c_callbacks {
	void *write_clock;	/* VOID (PVOID ext, UCHAR level) */
	void *write_data;
	void *read_clock;	/* UCHAR (PVOID ext) */
	void *read_data;
};

/* DDC_CONTROL */
struct win_ddc_control {
	u32 size;
	struct win_i2c_callbacks i2c;
	u8 edid_segment;
};
static_assert(offsetof(struct win_ddc_control, i2c) == 8);
static_assert(sizeof(struct win_ddc_control) == 48);

#define VP_DDC_EDID_ADDR	0xa0
#define VP_DDC_SEGMENT_ADDR	0x60
#define VP_I2C_HALF_US		5
#define VP_I2C_STRETCH_US	2000

struct vp_i2c {
	struct vp_adapter *a;
	void *ext;
	const struct win_i2c_callbacks *cb;
};

static void vp_i2c_sda(struct vp_i2c *b, int v)
{
	VP_CALL(b->a->drv, b->a, b->cb->write_data, b->ext, v);
	udelay(VP_I2C_HALF_US);
}

static void vp_i2c_scl_low(struct vp_i2c *b)
{
	VP_CALL(b->a->drv, b->a, b->cb->write_clock, b->ext, 0);
	udelay(VP_I2C_HALF_US);
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
	udelay(VP_I2C_HALF_US);
	return true;
}

static bool vp_i2c_sda_read(struct vp_i2c *b)
{
	return (u8)VP_CALL(b->a->drv, b->a, b->cb->read_data, b->ext) != 0;
}

static bool vp_i2c_start(struct vp_i2c *b)
{
	vp_i2c_sda(b, 1);
	if (!vp_i2c_scl_high(b))
		return false;
	vp_i2c_sda(b, 0);
	vp_i2c_scl_low(b);
	return true;
}

static void vp_i2c_stop(struct vp_i2c *b)
{
	vp_i2c_sda(b, 0);
	vp_i2c_scl_high(b);
	vp_i2c_sda(b, 1);
}

/* Returns true if the slave acknowledged. */
static bool vp_i2c_write(struct vp_i2c *b, u8 byte)
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

static bool vp_i2c_read(struct vp_i2c *b, u8 *byte, bool ack)
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

/* One attempt at reading @len bytes of EDID segment @seg from offset 0. */
static bool vp_ddc_read(struct vp_i2c *b, u8 seg, u8 *buf, u32 len)
{
	bool ok = false;
	u32 i;

	if (seg) {
		/* E-DDC: the segment pointer does not exist on plain DDC monitors */
		if (!vp_i2c_start(b) || !vp_i2c_write(b, VP_DDC_SEGMENT_ADDR) ||
		    !vp_i2c_write(b, seg))
			goto out;
	}
	if (!vp_i2c_start(b) || !vp_i2c_write(b, VP_DDC_EDID_ADDR) ||
	    !vp_i2c_write(b, 0))
		goto out;
	if (!vp_i2c_start(b) || !vp_i2c_write(b, VP_DDC_EDID_ADDR | 1))
		goto out;
	for (i = 0; i < len; i++)
		if (!vp_i2c_read(b, &buf[i], i + 1 < len))
			goto out;
	ok = true;
out:
	vp_i2c_stop(b);
	return ok;
}

static const u8 vp_edid_header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };

/*
 * Returns TRUE if an EDID was read into @edid: for segment 0 its header
 * must be the EDID header.  Three attempts, as monitors sometimes miss the
 * first transfer after a mode change.
 */
VP_EXPORT(VIDEOPRT, u8, VideoPortDDCMonitorHelper, void *ext, void *ddc, u8 *edid,
	  u32 edid_size)
{
	struct vp_adapter *a = vp_adapter_from_ext(ext);
	const struct win_ddc_control *ctl = ddc;
	struct vp_i2c b = { .a = a, .ext = ext };
	u8 seg = 0;
	u32 len, tries;

	if (!a || !ddc || !edid || !edid_size)
		return 0;
	if (ctl->size == sizeof(*ctl)) {
		b.cb = &ctl->i2c;
		seg = ctl->edid_segment;
	} else {
		b.cb = ddc;	/* W2K: the I2C_CALLBACKS themselves */
	}
	if (!b.cb->write_clock || !b.cb->write_data || !b.cb->read_clock ||
	    !b.cb->read_data)
		return 0;
	len = min_t(u32, edid_size, 256);
	for (tries = 0; tries < 3; tries++) {
		vp_i2c_stop(&b);	/* free a bus a slave may still hold */
		if (!vp_ddc_read(&b, seg, edid, len))
			continue;
		if (seg || len < sizeof(vp_edid_header) ||
		    !memcmp(edid, vp_edid_header, sizeof(vp_edid_header)))
			return 1;
	}
	return 0;
}
