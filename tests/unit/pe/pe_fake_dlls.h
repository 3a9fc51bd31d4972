/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Export tables with fake addresses below 4 GiB, for loads whose code never
 * runs (i386 images, the benchmark, the fuzzer): what the fixtures import,
 * hal.dll!KeForwarded forwarded to ntoskrnl.exe!KeReal, and a forwarder
 * loop (KeLoop) between the two.
 */
#ifndef PE_FAKE_DLLS_H
#define PE_FAKE_DLLS_H

#include <stdint.h>
#include "pe-loader/pe_loader.h"

#define T_FAKE_VPINIT	0x10001000u
#define T_FAKE_DATA	0x10002000u
#define T_FAKE_HAL17	0x10003000u
#define T_FAKE_KEREAL	0x10004000u

static const struct pe_export pe_fake_videoprt[] = {
	{ "VideoPortInitialize", (void *)(uintptr_t)T_FAKE_VPINIT, 0, NULL },
	{ "VpDataValue", (void *)(uintptr_t)T_FAKE_DATA, 0, NULL },
};

static const struct pe_export pe_fake_hal[] = {
	{ "HalOrdinal17", (void *)(uintptr_t)T_FAKE_HAL17, 17, NULL },
	{ "KeForwarded", NULL, 0, "ntoskrnl.exe!KeReal" },
	{ "KeLoop", NULL, 0, "ntoskrnl.exe!KeLoop" },
};

static const struct pe_export pe_fake_nt[] = {
	{ "KeReal", (void *)(uintptr_t)T_FAKE_KEREAL, 0, NULL },
	{ "KeLoop", NULL, 0, "hal.dll!KeLoop" },
};

static const struct pe_export_dll pe_fake_dlls[3] = {
	{ "videoprt.sys", pe_fake_videoprt, 2 },
	{ "hal.dll", pe_fake_hal, 3 },
	{ "ntoskrnl.exe", pe_fake_nt, 2 },
};

#endif
