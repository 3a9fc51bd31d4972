#!/bin/bash
# drm-glue on QEMU's cirrus-vga with the bundled vpcirrus.sys: the checks of
# suite 70, plus the hardware cursor placed at odd coordinates, also partly
# off screen.
export DRM_SUITE_DEV=cirrus DRM_SUITE_MINIPORT=vpcirrus.sys
export DRM_SUITE_MODES=${DRM_SUITE_MODES:-640x480,800x600,1024x768}
# odd coordinates; partly off the left/top and the right/bottom edges
# 1920x1080 is too tall for the CL-GD5446: a forced EDID cannot add it
export DRM_SUITE_EDID_1080=absent
export DRM_SUITE_CURSOR="301,203 -5,-7 1011,751"
# 1024x768 XRGB8888 is 24 bpp on the CL-GD5446 (its pitch tops out at 4088):
# only RGB565 has the layout of a mode for zero-copy scanout
export DRM_SUITE_ZEROCOPY=${DRM_SUITE_ZEROCOPY-RG16}
exec bash "$ROOT/tests/suites/70-vm-drm-std.sh"
