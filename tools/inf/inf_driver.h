/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a display INF installs for one architecture: for each miniport
 * image, the PCI IDs it binds (from the [Manufacturer] models section for
 * that architecture), its service, where its file comes from
 * (CopyFiles + SourceDisksFiles/Names) and the registry values it gets:
 * the device key (DDInstall.SoftwareSettings AddReg, which is what
 * VideoPortGetRegistryParameters reads) and the service key (AddReg of the
 * service install section).
 */
#ifndef VPWRAP_TOOLS_INF_DRIVER_H
#define VPWRAP_TOOLS_INF_DRIVER_H

#include "inf.h"
#include "inf_addreg.h"
#include "inf_hwid.h"

enum inf_arch { INF_ARCH_X86_64, INF_ARCH_I686 };

struct inf_regs {
	unsigned int n;
	unsigned int cap;
	struct inf_reg *r;
};

void inf_regs_free(struct inf_regs *regs);

struct inf_driver {
	char *install;		/* the DDInstall section used, decorated */
	char *desc;		/* device description of the first model */
	char *service;		/* AddService name */
	char *image;		/* file name, e.g. "vpbochs.sys" */
	char *source;		/* relative to the INF's folder, '/'-separated */
	unsigned int nids;
	unsigned int idcap;
	struct inf_pci_id *ids;
	struct inf_regs devregs;
	struct inf_regs svcregs;
};

struct inf_drivers {
	unsigned int n;
	unsigned int cap;
	struct inf_driver *d;
};

/* "x86_64"/"amd64" or "i686"/"i386"/"x86"; -1 if unknown. */
int inf_arch_parse(const char *s, enum inf_arch *arch);
const char *inf_arch_name(enum inf_arch arch);

/*
 * Everything the INF installs for @arch.  Returns 0 with at least one
 * driver, or -1 with inf->error set ("file:line: why").
 */
int inf_resolve(struct inf *inf, enum inf_arch arch, struct inf_drivers *out);
void inf_drivers_free(struct inf_drivers *ds);

/* Internal steps of inf_resolve (inf_install.c). */
int inf_resolve_install(struct inf *inf, enum inf_arch arch,
			const struct inf_entry *model, struct inf_driver *d);
void inf_driver_free(struct inf_driver *d);
/* disk path + subdir + name -> "a/b/name" (inf_path.c) */
int inf_source_path(struct inf *inf, unsigned int line, const char *disk,
		    const char *subdir, const char *name, char **out);

#endif
