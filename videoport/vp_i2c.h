/* SPDX-License-Identifier: GPL-2.0 */
/*
 * I2C bit-banged through a miniport's four line callbacks (vp_i2c.c), for
 * VideoPortDDCMonitorHelper and the I2C interface of VideoPortQueryServices.
 */
#ifndef VPWRAP_VIDEOPORT_VP_I2C_H
#define VPWRAP_VIDEOPORT_VP_I2C_H

#include <linux/types.h>

struct vp_adapter;

/* I2C_CALLBACKS */
struct win_i2c_callbacks {
	void *write_clock;	/* VOID (PVOID ext, UCHAR level) */
	void *write_data;
	void *read_clock;	/* UCHAR (PVOID ext) */
	void *read_data;
};

struct vp_i2c {
	struct vp_adapter *a;
	void *ext;
	const struct win_i2c_callbacks *cb;
	unsigned int half_us;	/* half a clock period */
};

/* Standard mode (about 100 kHz). */
#define VP_I2C_HALF_US 5

/* false if @ext is not an adapter's or a callback is missing */
bool vp_i2c_init(struct vp_i2c *b, void *ext, const struct win_i2c_callbacks *cb,
		 unsigned int half_us);
bool vp_i2c_start(struct vp_i2c *b);
bool vp_i2c_stop(struct vp_i2c *b);
/* true if the slave acknowledged */
bool vp_i2c_write(struct vp_i2c *b, u8 byte);
/* @ack: acknowledge the byte (more to read) */
bool vp_i2c_read(struct vp_i2c *b, u8 *byte, bool ack);

/* VideoPortQueryServices(VideoPortServicesI2C): fills VIDEO_PORT_I2C_INTERFACE(_2) */
u32 vp_i2c_interface(void *ext, void *iface);

#endif /* VPWRAP_VIDEOPORT_VP_I2C_H */
