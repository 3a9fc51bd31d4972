/* SPDX-License-Identifier: GPL-2.0 */
/* PCI hardware IDs: PCI\VEN_xxxx&DEV_yyyy[&SUBSYS_ssssvvvv][&REV_rr][&CC_..] */
#ifndef VPWRAP_TOOLS_INF_HWID_H
#define VPWRAP_TOOLS_INF_HWID_H

struct inf_pci_id {
	unsigned short vendor;
	unsigned short device;
	unsigned short subvendor;	/* low half of SUBSYS_ */
	unsigned short subdevice;	/* high half of SUBSYS_ */
	unsigned char rev;
	unsigned char has_subsys;
	unsigned char has_rev;
	unsigned char class_len;	/* 0, or 2/3 bytes from CC_xxxx[xx] */
	unsigned int class_code;
};

/* 1: a PCI ID; 0: another bus (not an error); -1: a malformed PCI ID. */
int inf_parse_pci_id(const char *s, struct inf_pci_id *id);
int inf_pci_id_equal(const struct inf_pci_id *a, const struct inf_pci_id *b);

#endif
