/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A driver's settings: the PCI IDs it binds to and the registry defaults
 * (the INF's AddReg), parsed from the text file the vpwrap tool installs
 * beside the image (tools/settings-format.md), e.g.
 *
 *	image vpbochs.sys
 *	pci 1234:1111
 *	pci 1234:1111 subsys 1af4:1100
 *	reg dword VideoDebugLevel 0
 *	reg sz Name "value"
 *	reg multi_sz Name "a" "b"
 *	reg binary Name 01 02
 *
 * Bad input is refused as a whole, with a message naming file and line.
 */
#ifndef VPWRAP_WRAPPER_SETTINGS_H
#define VPWRAP_WRAPPER_SETTINGS_H

#include <linux/types.h>

struct vpw_registry;

/* Match any subsystem ID: the same value as PCI_ANY_ID. */
#define VPW_PCI_ANY	(~0U)

struct vpw_pci_id {
	u32 vendor, device;
	u32 subvendor, subdevice;	/* VPW_PCI_ANY unless "subsys" given */
};

struct vpw_reg_default {
	char *name;
	u32 type;		/* VPW_REG_* */
	void *data;		/* Windows representation, as registry.h */
	size_t len;
};

#define VPW_SETTINGS_IDS_MAX	64
#define VPW_SETTINGS_REGS_MAX	256

struct vpw_settings {
	char *image;		/* "image" line, NULL if absent */
	unsigned int nids;
	struct vpw_pci_id ids[VPW_SETTINGS_IDS_MAX];
	unsigned int nregs;
	struct vpw_reg_default regs[VPW_SETTINGS_REGS_MAX];
};

/*
 * Parse @len bytes of @text (need not be NUL-terminated).  @origin names
 * the file in messages.  Returns 0 and a new *out, or -EINVAL (message
 * logged with the line number) / -ENOMEM.
 */
int vpw_settings_parse(const char *origin, const char *text, size_t len,
		       struct vpw_settings **out);
void vpw_settings_free(struct vpw_settings *s);

/*
 * Parse one PCI ID list "vvvv:dddd[,vvvv:dddd...]" (the pci_ids= module
 * parameter) into @s, replacing its IDs.  0 or -EINVAL.
 */
int vpw_settings_set_ids(struct vpw_settings *s, const char *list);

/* Copy the registry defaults into @reg.  0 or the first error. */
int vpw_settings_seed(const struct vpw_settings *s, struct vpw_registry *reg);

/*
 * One "Name:type:value" override (the reg= module parameter; type is
 * dword, qword, sz, expand_sz, multi_sz (values separated by '|') or binary
 * (hex bytes)), stored into @reg.  0 or -EINVAL / -ENOMEM.
 */
int vpw_settings_reg_override(struct vpw_registry *reg, const char *spec);

#endif /* VPWRAP_WRAPPER_SETTINGS_H */
