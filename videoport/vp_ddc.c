// SPDX-License-Identifier: GPL-2.0
/*
 * VideoPortDDCMonitorHelper: reads a monitor's EDID over the DDC bus by
 * bit-banging I2C through the miniport's four line callbacks (the
 * I2C_CALLBACKS in its DDC_CONTROL; W2K miniports pass I2C_CALLBACKS
 * directly), with the I2C master of vp_i2c.c in standard mode: EDID from
 * the EEPROM at 0xA0, E-DDC segment pointer at 0x60 for segments above 0.
 */
#include "videoport/vp.h"
#include "videoport/export.h"
#include "videoport/vp_i2c.h"

/* DDC_CONTROL */
struct win_ddc_control {
	u32 size;
	struct win_i2c_callbacks i2c;
	u8 edid_segment;
};
static_assert(offsetof(struct win_ddc_control, i2c) == WIN_ABI(8, 4));
static_assert(sizeof(struct win_ddc_control) == WIN_ABI(48, 24));

#define VP_DDC_EDID_ADDR	0xa0
#define VP_DDC_SEGMENT_ADDR	0x60

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
	const struct win_ddc_control *ctl = ddc;
	const struct win_i2c_callbacks *cb = ddc;	/* W2K: the callbacks themselves */
	struct vp_i2c b;
	u8 seg = 0;
	u32 len, tries;

	if (!ddc || !edid || !edid_size)
		return 0;
	if (ctl->size == sizeof(*ctl)) {
		cb = &ctl->i2c;
		seg = ctl->edid_segment;
	}
	if (!vp_i2c_init(&b, ext, cb, VP_I2C_HALF_US))
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
