/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Our own mirror of the Windows types a video miniport shares with the
 * Video Port, for x64 and x86.  Layouts follow the DDK's video.h/ntddvdeo.h;
 * every offset that matters is pinned by a static_assert (the numbers were
 * taken from mingw-w64's headers compiled for x86_64 and for i686), so a
 * typo cannot silently shift a field.  Names are lower case, but each struct says which Windows type it
 * mirrors.  No mingw header is included in the kernel.
 */
#ifndef VPWRAP_VIDEOPORT_WINTYPES_H
#define VPWRAP_VIDEOPORT_WINTYPES_H

#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>

/*
 * The calling convention of the functions shared with the miniport: the
 * Windows x64 convention, or on x86 __stdcall (arguments on the stack, the
 * callee pops them; the kernel's -mregparm=3 is undone).  WINAPI_CDECL is
 * for variadic functions (__cdecl on x86: the caller pops), WINAPI_FASTCALL
 * for the few x86 functions that take their first two arguments in ECX and
 * EDX (Kf*, Interlocked*).  On x64 there is only one convention.
 */
#ifdef CONFIG_X86_64
#define WINAPI		__attribute__((ms_abi))
#define WINAPI_CDECL	__attribute__((ms_abi))
#define WINAPI_FASTCALL	__attribute__((ms_abi))
#else
#define WINAPI		__attribute__((stdcall, regparm(0)))
#define WINAPI_CDECL	__attribute__((cdecl, regparm(0)))
#define WINAPI_FASTCALL	__attribute__((fastcall))
#endif

/* A layout value for x64 or for x86. */
#ifdef CONFIG_X86_64
#define WIN_ABI(x64, x86)	(x64)
#else
#define WIN_ABI(x64, x86)	(x86)
#endif

/*
 * ULONG_PTR: as wide as a pointer, like Linux's long on both.  64-bit
 * integers in Windows structures are 8-byte aligned on x86 too, where
 * Linux's i386 ABI aligns them to 4 only.
 */
typedef unsigned long win_ulong_ptr;
typedef u64 __aligned(8) win_u64;

/*
 * The va_list of a Windows variadic function (WINAPI_CDECL): Microsoft's
 * x64 one (8-byte slots), or on x86 the plain stack one, the same as
 * Linux's i386 va_list (4-byte slots, 64-bit values take two).
 */
#ifdef CONFIG_X86_64
typedef __builtin_ms_va_list win_va_list;
#define win_va_start(ap, last)	__builtin_ms_va_start(ap, last)
#define win_va_end(ap)		__builtin_ms_va_end(ap)
#else
typedef __builtin_va_list win_va_list;
#define win_va_start(ap, last)	__builtin_va_start(ap, last)
#define win_va_end(ap)		__builtin_va_end(ap)
#endif

/* IRQLs (x64 values) */
#define PASSIVE_LEVEL	0
#define APC_LEVEL	1
#define DISPATCH_LEVEL	2
/*
 * The device IRQL we report while HwVidInterrupt or a VpHighPriority
 * SynchronizeExecution routine runs.  Windows picks one from the interrupt
 * vector; miniports only compare it with DISPATCH_LEVEL, so any value
 * between DISPATCH_LEVEL and CLOCK_LEVEL (13) is faithful.
 */
#define VP_DIRQL	12
#define HIGH_LEVEL	15

/* VP_STATUS (Win32 error codes) */
#define NO_ERROR			0
#define ERROR_INVALID_FUNCTION		1
#define ERROR_NOT_ENOUGH_MEMORY		8
#define ERROR_DEV_NOT_EXIST		55
#define ERROR_INVALID_PARAMETER		87
#define ERROR_INSUFFICIENT_BUFFER	122
#define ERROR_INVALID_NAME		123
#define ERROR_MORE_DATA			234
#define ERROR_IO_PENDING		997
#define ERROR_CONTINUE			1246
#define ERROR_NO_MORE_DEVICES		1248
#define VIDEO_ENUM_MORE_DEVICES		ERROR_CONTINUE
#define VIDEO_ENUM_NO_MORE_DEVICES	ERROR_NO_MORE_DEVICES
#define VIDEO_ENUM_INVALID_DEVICE	ERROR_INVALID_NAME

/* NTSTATUS */
#define STATUS_SUCCESS			0x00000000
#define STATUS_TIMEOUT			0x00000102
#define STATUS_UNSUCCESSFUL		0xC0000001
#define STATUS_NOT_IMPLEMENTED		0xC0000002
#define STATUS_INVALID_PARAMETER	0xC000000D
#define STATUS_NO_SUCH_DEVICE		0xC000000E
#define STATUS_INSUFFICIENT_RESOURCES	0xC000009A
#define STATUS_REVISION_MISMATCH	0xC0000059
#define STATUS_INVALID_IMAGE_FORMAT	0xC000007B

/* INTERFACE_TYPE, BUS_DATA_TYPE, KINTERRUPT_MODE */
#define WIN_BUS_INTERNAL	0
#define WIN_BUS_ISA		1
#define WIN_BUS_PCI		5
#define WIN_PCI_CONFIGURATION	4
#define WIN_LEVEL_SENSITIVE	0
#define WIN_LATCHED		1

/* VideoPortGetDeviceBase / VideoPortMapMemory InIoSpace flags */
#define VIDEO_MEMORY_SPACE_MEMORY	0x00
#define VIDEO_MEMORY_SPACE_IO		0x01
#define VIDEO_MEMORY_SPACE_USER_MODE	0x02
#define VIDEO_MEMORY_SPACE_DENSE	0x04
#define VIDEO_MEMORY_SPACE_P6CACHE	0x08

/* VideoPortSynchronizeExecution priorities */
#define VP_LOW_PRIORITY		0
#define VP_MEDIUM_PRIORITY	1
#define VP_HIGH_PRIORITY	2

/* VIDEO_CHILD_TYPE */
#define WIN_CHILD_MONITOR	1
#define DISPLAY_ADAPTER_HW_ID	0xFFFFFFFFu

/* VideoPortCreateEvent EventFlag: bit 0 set = notification (else
 * synchronization, auto-reset), bit 1 set = initially signaled */
#define VP_NOTIFICATION_EVENT	1
#define VP_INITIAL_EVENT_SIGNALED	2
#define WAIT_TIMEOUT		258

/* UNICODE_STRING */
struct win_unicode_string {
	u16 length;		/* bytes, without the terminating NUL */
	u16 maximum_length;
	u16 *buffer;
};
static_assert(sizeof(struct win_unicode_string) == WIN_ABI(16, 8));

/* VIDEO_ACCESS_RANGE */
struct win_access_range {
	win_u64 start;		/* PHYSICAL_ADDRESS RangeStart */
	u32 length;
	u8 in_io_space;
	u8 visible;
	u8 shareable;
	u8 passive;
};
static_assert(sizeof(struct win_access_range) == 16);

/* IO_RESOURCE_DESCRIPTOR: only the generic Port/Memory form is read. */
struct win_io_resource_descriptor {
	u8 option;
	u8 type;		/* CmResourceTypePort 1, Memory 3 */
	u8 share_disposition;
	u8 spare1;
	u16 flags;
	u16 spare2;
	u32 length;
	u32 alignment;
	win_u64 minimum_address;
	win_u64 maximum_address;
};
static_assert(sizeof(struct win_io_resource_descriptor) == 32);
#define WIN_RES_PORT	1
#define WIN_RES_MEMORY	3

/* VIDEO_HW_INITIALIZATION_DATA */
struct win_hw_init_data {
	u32 size;			/* HwInitDataSize */
	u32 interface_type;
	void *find_adapter;		/* HwFindAdapter */
	void *initialize;		/* HwInitialize */
	void *interrupt;		/* HwInterrupt */
	void *start_io;			/* HwStartIO */
	u32 device_extension_size;
	u32 starting_device_number;
	void *reset_hw;
	void *timer;
	/* W2K */
	void *start_dma;
	void *set_power_state;
	void *get_power_state;
	void *get_child_descriptor;
	void *query_interface;
	u32 child_device_extension_size;
	struct win_access_range *legacy_resource_list;
	u32 legacy_resource_count;
	void *get_legacy_resources;
	u8 allow_early_enumeration;
	/* XP */
	u32 reserved;
};
#define VP_HW_INIT_SIZE_NT4	WIN_ABI(64, 40)
#define VP_HW_INIT_SIZE_W2K	WIN_ABI(140, 80)
#define VP_HW_INIT_SIZE_XP	WIN_ABI(144, 84)
static_assert(offsetof(struct win_hw_init_data, start_dma) == VP_HW_INIT_SIZE_NT4);
static_assert(offsetof(struct win_hw_init_data, get_child_descriptor) == WIN_ABI(88, 52));
static_assert(offsetof(struct win_hw_init_data, legacy_resource_count) == WIN_ABI(120, 68));
static_assert(offsetof(struct win_hw_init_data, reserved) == VP_HW_INIT_SIZE_W2K);
static_assert(sizeof(struct win_hw_init_data) == VP_HW_INIT_SIZE_XP);

/* VIDEO_PORT_CONFIG_INFO */
struct win_config_info {
	u32 length;
	u32 system_io_bus_number;
	u32 adapter_interface_type;
	u32 bus_interrupt_level;
	u32 bus_interrupt_vector;
	u32 interrupt_mode;
	u32 num_emulator_access_entries;
	void *emulator_access_entries;
	win_ulong_ptr emulator_access_entries_context;
	win_u64 vdm_physical_video_memory_address;
	u32 vdm_physical_video_memory_length;
	u32 hardware_state_size;
	u32 dma_channel;
	u32 dma_port;
	u8 dma_shareable;
	u8 interrupt_shareable;
	/* W2K */
	u8 master;
	u32 dma_width;
	u32 dma_speed;
	u8 map_buffers;
	u8 need_physical_addresses;
	u8 demand_mode;
	u32 maximum_transfer_length;
	u32 number_of_physical_breaks;
	u8 scatter_gather;
	u32 maximum_scatter_gather_chunk_size;
	void *get_proc_address;		/* VideoPortGetProcAddress */
	u16 *driver_registry_path;
	/* XP */
	win_u64 system_memory_size;
};
static_assert(offsetof(struct win_config_info, interrupt_mode) == 20);
static_assert(offsetof(struct win_config_info, vdm_physical_video_memory_address) == WIN_ABI(48, 40));
static_assert(offsetof(struct win_config_info, master) == WIN_ABI(74, 66));
static_assert(offsetof(struct win_config_info, get_proc_address) == WIN_ABI(104, 96));
static_assert(offsetof(struct win_config_info, system_memory_size) == WIN_ABI(120, 104));
static_assert(sizeof(struct win_config_info) == WIN_ABI(128, 112));

/* STATUS_BLOCK and VIDEO_REQUEST_PACKET */
struct win_status_block {
	union {
		u32 status;	/* VP_STATUS in the NTSTATUS slot */
		void *pointer;
	};
	win_ulong_ptr information;
};
static_assert(sizeof(struct win_status_block) == WIN_ABI(16, 8));

struct win_request_packet {
	u32 io_control_code;
	struct win_status_block *status_block;
	void *input_buffer;
	u32 input_buffer_length;
	void *output_buffer;
	u32 output_buffer_length;
};
static_assert(offsetof(struct win_request_packet, input_buffer_length) == WIN_ABI(24, 12));
static_assert(sizeof(struct win_request_packet) == WIN_ABI(48, 24));

/* VIDEO_CHILD_ENUM_INFO */
struct win_child_enum_info {
	u32 size;
	u32 child_descriptor_size;
	u32 child_index;
	u32 acpi_hw_id;
	void *child_hw_device_extension;
};
static_assert(sizeof(struct win_child_enum_info) == WIN_ABI(24, 20));

/* ntddvdeo.h: IOCTL codes (FILE_DEVICE_VIDEO, METHOD_BUFFERED) */
#define VP_IOCTL(fn)	((0x23u << 16) | ((fn) << 2))
#define IOCTL_VIDEO_QUERY_AVAIL_MODES		VP_IOCTL(0x100)
#define IOCTL_VIDEO_QUERY_NUM_AVAIL_MODES	VP_IOCTL(0x101)
#define IOCTL_VIDEO_QUERY_CURRENT_MODE		VP_IOCTL(0x102)
#define IOCTL_VIDEO_SET_CURRENT_MODE		VP_IOCTL(0x103)
#define IOCTL_VIDEO_RESET_DEVICE		VP_IOCTL(0x104)
#define IOCTL_VIDEO_SET_COLOR_REGISTERS		VP_IOCTL(0x107)
#define IOCTL_VIDEO_ENABLE_POINTER		VP_IOCTL(0x10e)
#define IOCTL_VIDEO_DISABLE_POINTER		VP_IOCTL(0x10f)
#define IOCTL_VIDEO_SET_POINTER_ATTR		VP_IOCTL(0x110)
#define IOCTL_VIDEO_SET_POINTER_POSITION	VP_IOCTL(0x112)
#define IOCTL_VIDEO_QUERY_POINTER_CAPABILITIES	VP_IOCTL(0x114)
#define IOCTL_VIDEO_MAP_VIDEO_MEMORY		VP_IOCTL(0x116)
#define IOCTL_VIDEO_UNMAP_VIDEO_MEMORY		VP_IOCTL(0x117)
#define IOCTL_VIDEO_SET_POWER_MANAGEMENT	VP_IOCTL(0x11b)
static_assert(IOCTL_VIDEO_QUERY_AVAIL_MODES == 2294784);
static_assert(IOCTL_VIDEO_SET_POWER_MANAGEMENT == 2294892);

/* VIDEO_MODE_INFORMATION */
struct win_mode_info {
	u32 length;
	u32 mode_index;
	u32 vis_screen_width;
	u32 vis_screen_height;
	u32 screen_stride;
	u32 number_of_planes;
	u32 bits_per_plane;
	u32 frequency;
	u32 x_millimeter;
	u32 y_millimeter;
	u32 number_red_bits;
	u32 number_green_bits;
	u32 number_blue_bits;
	u32 red_mask;
	u32 green_mask;
	u32 blue_mask;
	u32 attribute_flags;
	u32 video_memory_bitmap_width;
	u32 video_memory_bitmap_height;
	u32 driver_specific_attribute_flags;
};
static_assert(offsetof(struct win_mode_info, red_mask) == 52);
static_assert(sizeof(struct win_mode_info) == 80);
#define VIDEO_MODE_COLOR		0x01
#define VIDEO_MODE_GRAPHICS		0x02
#define VIDEO_MODE_PALETTE_DRIVEN	0x04

/* VIDEO_NUM_MODES */
struct win_num_modes {
	u32 num_modes;
	u32 mode_information_length;
};

/* VIDEO_MEMORY and VIDEO_MEMORY_INFORMATION */
struct win_video_memory {
	void *requested_virtual_address;
};

struct win_memory_info {
	void *video_ram_base;
	u32 video_ram_length;
	void *frame_buffer_base;
	u32 frame_buffer_length;
};
static_assert(offsetof(struct win_memory_info, frame_buffer_base) == WIN_ABI(16, 8));
static_assert(sizeof(struct win_memory_info) == WIN_ABI(32, 16));

/* VIDEO_CLUT: header, then one RGBX quad per entry */
struct win_clut {
	u16 num_entries;
	u16 first_entry;
	u8 rgbx[][4];
};

/* VIDEO_POINTER_CAPABILITIES / ATTRIBUTES / POSITION */
struct win_pointer_caps {
	u32 flags;
	u32 max_width;
	u32 max_height;
	u32 hw_ptr_bitmap_start;
	u32 hw_ptr_bitmap_end;
};
static_assert(sizeof(struct win_pointer_caps) == 20);
#define VIDEO_MODE_ASYNC_POINTER	0x01
#define VIDEO_MODE_MONO_POINTER		0x02
#define VIDEO_MODE_COLOR_POINTER	0x04

struct win_pointer_attr {
	u32 flags;
	u32 width;
	u32 height;
	u32 width_in_bytes;
	u32 enable;
	s16 column;
	s16 row;
	u8 pixels[];
};
static_assert(offsetof(struct win_pointer_attr, pixels) == 24);

struct win_pointer_position {
	s16 column;
	s16 row;
};

/* VIDEO_POWER_MANAGEMENT */
struct win_power_management {
	u32 length;
	u32 dpms_version;
	u32 power_state;
};

/* The miniport callbacks, as the Video Port calls them. */
typedef u32 (WINAPI *win_driver_entry_fn)(void *driver_object, void *registry_path);
typedef u32 (WINAPI *win_find_adapter_fn)(void *ext, void *context, u16 *args,
					  struct win_config_info *cfg, u8 *again);
typedef u8 (WINAPI *win_bool_ext_fn)(void *ext);	/* HwInitialize, HwInterrupt */
typedef void (WINAPI *win_void_ext_fn)(void *ext);	/* HwTimer */
typedef u8 (WINAPI *win_start_io_fn)(void *ext, struct win_request_packet *rp);
typedef void (WINAPI *win_dpc_fn)(void *ext, void *context);
typedef u8 (WINAPI *win_sync_fn)(void *context);
typedef u32 (WINAPI *win_registry_cb_fn)(void *ext, void *context, u16 *name,
					 void *data, u32 len);
typedef u32 (WINAPI *win_child_fn)(void *ext, struct win_child_enum_info *info,
				   u32 *type, u8 *descriptor, u32 *uid, u32 *unused);
typedef u32 (WINAPI *win_power_fn)(void *ext, u32 hw_id, struct win_power_management *pm);

#endif /* VPWRAP_VIDEOPORT_WINTYPES_H */
