# SPDX-License-Identifier: GPL-2.0
#
# vpwrap top-level Makefile.
#
#   make                      module for the test kernel (Debian 12's linux-image-amd64,
#                             or KVER=6.12 / rt / 7.3 / <release>), miniports, tools
#   make KDIR=/lib/modules/$(uname -r)/build module
#                             module for the running kernel (real hardware)
#   make check                every test; ends with "N passed, N failed"
#   make check-debug          the VM suites on a kernel built here with lockdep, KASAN,
#                             UBSAN and debug objects (scripts/debug-kernel.sh; long)
#   make demo                 boot QEMU's std VGA with the bundled miniport, write a PNG
#   make bench                vpwrap against the native DRM drivers
#
# Module objects are built out of tree in .build/<release>/ (a tree of symlinks),
# so that one checkout can hold builds for several kernels at once.
#
# The export list is the VP_EXPORT annotations in videoport/'s sources (one per
# export, videoport/export.h).  `make module` reads the table they leave in the
# built module and writes it as videoport/out/exports.txt, which the tool, the
# test miniports' import libraries and the tests take from there.  An i386
# module's list (which adds the x86-only Kf* and MSVC helper exports) goes to
# videoport/out/exports-i386.txt.

KVER ?=
ifeq ($(KDIR),)
KREL := $(shell scripts/kernel.sh resolve $(KVER) 2>/dev/null)
KDIR := /lib/modules/$(KREL)/build
else
KREL := $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h 2>/dev/null)
endif
BUILD := $(CURDIR)/.build/$(KREL)
MODULE_DIRS := wrapper pe-loader videoport drm-glue include

.PHONY: all module module-tree kernel miniports tools check check-debug demo bench clean deps install

all: module miniports tools

kernel:
	@scripts/kernel.sh fetch $(KVER) >/dev/null

module-tree:
	@mkdir -p $(BUILD)
	@cp -f Kbuild $(BUILD)/Kbuild
	@for d in $(MODULE_DIRS); do \
		[ -d $$d ] || continue; \
		mkdir -p $(BUILD)/$$d; \
		cp -rsf $(CURDIR)/$$d/. $(BUILD)/$$d/; \
	done
	@find -L $(BUILD) -type l -exec rm -f {} + 2>/dev/null || true
	@rm -rf $(addsuffix /out,$(addprefix $(BUILD)/,$(MODULE_DIRS)))

# A kernel that the host's release does not package (KVER=7.3) is built in
# its own release's build root: scripts/kernel.sh run enters it.
module: $(if $(filter /lib/modules/$(KREL)/build,$(KDIR)),kernel) module-tree
	scripts/kernel.sh run $(KREL) $(MAKE) -C $(KDIR) M=$(BUILD) $(KBUILD_ARGS) modules
	@echo "module: $(BUILD)/vpwrap.ko"
	@if command -v python3 >/dev/null; then \
		python3 videoport/gen-exports.py $(BUILD)/vpwrap.ko videoport/out; \
	else \
		echo "module: no python3, the export list in videoport/out/ not written" >&2; \
	fi

miniports:
	@if [ -f miniports/Makefile ]; then $(MAKE) -C miniports; fi

tools:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools; fi

deps:
	@scripts/deps.sh

check:
	@scripts/deps.sh
	@KVER=$(KVER) tests/check.sh

# The suites that boot a guest, minus the ones that only repeat others on
# other kernels (11, 12, 13, 9x), the thousand-image fuzz boot (80) and the
# trust suites (85, 86: module signing and lockdown, not memory or locking).
DEBUG_SUITES ?= 10* 30* 43* 50* 60* 61* 62* 63* 64* 65* 66* 70* 71* 81* 82* 83* 84*

check-debug:
	@scripts/deps.sh
	@KVER=debug SUITES="$(DEBUG_SUITES)" tests/check.sh

demo:
	@scripts/deps.sh
	@KVER=$(KVER) scripts/demo.sh

bench:
	@scripts/deps.sh
	@KVER=$(KVER) bench/run.sh

install: module tools
	scripts/kernel.sh run $(KREL) $(MAKE) -C $(KDIR) M=$(BUILD) modules_install
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools install; fi

clean:
	rm -rf .build out videoport/out
	@for d in miniports tools tests/unit tests/vm tests/fuzz; do \
		[ -f $$d/Makefile ] && $(MAKE) -C $$d clean || true; done
