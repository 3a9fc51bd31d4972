/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the MSVC-shaped test miniports share: the few DDK types and
 * imports they use (declared here: the images are built without any
 * Windows headers) and their registration with the Video Port, a PCI
 * miniport whose HwFindAdapter is the test.
 */
#ifndef MSVC32_H
#define MSVC32_H

typedef unsigned char UCHAR;
typedef unsigned long ULONG;
typedef long LONG;
typedef long long LONGLONG;
typedef unsigned long long ULONGLONG;
typedef void *PVOID;
typedef ULONG VP_STATUS;

#define DECLSPEC_IMPORT __declspec(dllimport)
#define NO_ERROR		0
#define ERROR_DEV_NOT_EXIST	55

typedef VP_STATUS (__stdcall *find_adapter_fn)(PVOID ext, PVOID hw_context, PVOID args,
					       PVOID config, UCHAR *again);

struct hw_init_data {			/* VIDEO_HW_INITIALIZATION_DATA, NT4 part */
	ULONG size;
	ULONG interface_type;
	PVOID find_adapter, initialize, interrupt, start_io;
	ULONG device_extension_size;
	ULONG starting_device_number;
	PVOID reset_hw, timer;
};

DECLSPEC_IMPORT ULONG __stdcall VideoPortInitialize(PVOID, PVOID, struct hw_init_data *, PVOID);
DECLSPEC_IMPORT void __cdecl VideoPortDebugPrint(ULONG, const char *, ...);

#define say(...) VideoPortDebugPrint(0, __VA_ARGS__)

static UCHAR __stdcall hw_initialize(PVOID ext)
{
	return 1;
}

static UCHAR __stdcall hw_start_io(PVOID ext, PVOID req)
{
	return 0;
}

/* DriverEntry's VideoPortInitialize for a PCI miniport around @find. */
static ULONG register_miniport(PVOID driver_object, PVOID registry_path, find_adapter_fn find)
{
	struct hw_init_data hw = {
		.size = sizeof(hw),
		.interface_type = 5,		/* PCIBus */
		.find_adapter = (PVOID)find,
		.initialize = (PVOID)hw_initialize,
		.start_io = (PVOID)hw_start_io,
		.device_extension_size = 64,
	};

	return VideoPortInitialize(driver_object, registry_path, &hw, 0);
}

#endif /* MSVC32_H */
