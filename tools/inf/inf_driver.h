/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a display INF installs for one architecture: for each miniport
 * image, the PCI IDs it binds (from the [Manufacturer] models sections for
 * that architecture), its service, where its file comes from (CopyFiles,
 * SourceDisksFiles/Names, the layout file, or the disk itself), every
 * other file the install section copies and why vpwrap skips it, and the
 * registry values it gets: the device key (DDInstall.SoftwareSettings
 * AddReg, which is what VideoPortGetRegistryParameters reads) and the
 * service key (AddReg of the service install section).
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

/* What a copied file is, which says why vpwrap does or does not need it. */
enum inf_file_role {
	INF_FILE_MINIPORT,	/* the device's service binary: installed */
	INF_FILE_DISPLAY_DLL,	/* named by InstalledDisplayDrivers */
	INF_FILE_COINSTALLER,	/* copied or named by DDInstall.CoInstallers */
	INF_FILE_OPENGL,	/* named by OpenGLDriverName */
	INF_FILE_CONTROL_PANEL,	/* .cpl */
	INF_FILE_HELP,		/* .hlp .chm .cnt */
	INF_FILE_KERNEL_DRIVER,	/* another .sys */
	INF_FILE_PROGRAM,	/* .exe */
	INF_FILE_LIBRARY,	/* another .dll */
	INF_FILE_WIN9X,		/* .vxd .drv .386 */
	INF_FILE_SETUP,		/* .inf .cat .pnf */
	INF_FILE_OTHER,
};

/* "the display driver DLL that pairs with the miniport: ..." */
const char *inf_file_role_why(enum inf_file_role role);

struct inf_file {
	char *name;		/* name on the target */
	char *dest;		/* "%12%" or "%11%\sub", from [DestinationDirs] */
	unsigned int line;	/* the file-list line (or CopyFiles=@) */
	enum inf_file_role role;
};

struct inf_driver {
	char *install;		/* the DDInstall section used, decorated */
	char *desc;		/* device description of the first model */
	unsigned int nmodels;	/* model lines that chose this image */
	char *service;		/* AddService name */
	char *image;		/* file name, e.g. "vpbochs.sys" */
	char *date, *version;	/* DriverVer of the install section or [Version] */
	/*
	 * Where the image may be, relative to the INF's folder and
	 * '/'-separated, in the order to try: one path when a
	 * [SourceDisksFiles] (or layout file) lists it, else the
	 * [SourceDisksNames] folders and the INF's own folder.
	 */
	unsigned int nsources;
	unsigned int srccap;
	char **sources;
	char *source_how;	/* for people: how the sources were found */
	unsigned int nfiles;
	unsigned int filecap;
	struct inf_file *files;	/* every file copied, the image included */
	unsigned int nids;
	unsigned int idcap;
	struct inf_pci_id *ids;
	struct inf_regs devregs;
	struct inf_regs svcregs;
};

/* Facts of the package as a whole, from [Version]. */
struct inf_package {
	char *provider;
	char *class_name;
	char *date, *version;	/* DriverVer, "" if none */
	char *catalog;		/* CatalogFile for the architecture, "" if none */
	char *models;		/* the models sections used: "[A.NTamd64] [B]" */
};

struct inf_drivers {
	unsigned int n;
	unsigned int cap;
	struct inf_driver *d;
	struct inf_package pkg;
};

/*
 * The other INF files a driver disk holds (Include=, LayoutFile=): @open
 * returns @name, looked up next to the INF, parsed; NULL if the disk has no
 * such file.  The resolver owns (and frees) what it returns.  A NULL disk
 * has no other files.
 */
struct inf_disk {
	struct inf *(*open)(void *ctx, const char *name);
	void *ctx;
};

/* "x86_64"/"amd64" or "i686"/"i386"/"x86"; -1 if unknown. */
int inf_arch_parse(const char *s, enum inf_arch *arch);
const char *inf_arch_name(enum inf_arch arch);

/*
 * Everything the INF installs for @arch.  Returns 0 with at least one
 * driver, or -1 with inf->error set ("file:line: why").
 */
int inf_resolve(struct inf *inf, enum inf_arch arch,
		const struct inf_disk *disk, struct inf_drivers *out);
void inf_drivers_free(struct inf_drivers *ds);
void inf_driver_free(struct inf_driver *d);

#endif
