// SPDX-License-Identifier: GPL-2.0
/*
 * HwStartIO with METHOD_BUFFERED semantics: one system buffer of
 * max(input, output) bytes holds the input on the way in and the output on
 * the way out (the miniport sees InputBuffer == OutputBuffer, as on
 * Windows).  Information, the number of bytes returned, is checked against
 * the output buffer before anything is copied back.  Requests to one
 * adapter are serialized and run at PASSIVE_LEVEL, as XP does.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "videoport/vp.h"

/* The largest request buffer we pass (mode lists, pointer shapes). */
#define VP_IOCTL_MAX (1u << 20)

int vp_start_io(struct vp_adapter *a, u32 code, const void *in, u32 in_len,
		void *out, u32 out_len, u32 *ret_len)
{
	struct win_status_block sb = { .status = ERROR_INVALID_FUNCTION };
	struct win_request_packet rp;
	u32 size = max(in_len, out_len);
	void *buf = NULL;
	int ret;
	u8 ok;

	*ret_len = 0;
	if (size > VP_IOCTL_MAX || (in_len && !in) || (out_len && !out))
		return -EINVAL;
	if (size) {
		buf = kzalloc(size, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		if (in_len)
			memcpy(buf, in, in_len);
	}
	rp.io_control_code = code;
	rp.status_block = &sb;
	rp.input_buffer = in_len ? buf : NULL;
	rp.input_buffer_length = in_len;
	rp.output_buffer = out_len ? buf : NULL;
	rp.output_buffer_length = out_len;

	mutex_lock(&a->io_lock);
	ok = (u8)VP_CALL(a->drv, a, a->drv->hw.start_io, a->ext, &rp);
	mutex_unlock(&a->io_lock);

	if (!ok && sb.status == NO_ERROR)
		sb.status = ERROR_INVALID_FUNCTION;	/* FALSE: request not handled */
	ret = vp_status_to_errno(sb.status);	/* adapter.h's table */
	if (!ret) {
		if (sb.information > out_len) {
			vp_warn_ratelimited(a->drv, "%s: IOCTL 0x%x returned %llu bytes into a %u-byte buffer\n",
				a->name, code, (u64)sb.information, out_len);
			ret = -EPROTO;
		} else {
			if (sb.information)
				memcpy(out, buf, sb.information);
			*ret_len = sb.information;
		}
	}
	kfree(buf);
	return ret;
}
