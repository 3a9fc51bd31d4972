/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of one resolution: the INF being installed, the other INFs of
 * the disk it pulled in (Include=, LayoutFile=), and section lookups across
 * them the way SetupAPI searches an INF with its included files.  Internal
 * to the resolver.
 */
#ifndef VPWRAP_TOOLS_INF_CTX_H
#define VPWRAP_TOOLS_INF_CTX_H

#include "inf_driver.h"

#define INF_MAX_OPEN	16	/* INF files in one resolution */
#define INF_MAX_NEEDS	16	/* Needs= sections of one section */

struct inf_ctx {
	struct inf *main;
	enum inf_arch arch;
	const struct inf_disk *disk;
	unsigned int n;			/* infs[0] is main */
	struct inf *infs[INF_MAX_OPEN];
	unsigned int nabsent;		/* Include=/LayoutFile= not on the disk */
	char *absent[INF_MAX_OPEN];
};

/* A section and the INF file it is in. */
struct inf_sref {
	struct inf *inf;
	const struct inf_section *sec;
};

/* A section and the Needs= sections it pulls in, in processing order. */
struct inf_srefs {
	unsigned int n;
	struct inf_sref s[1 + INF_MAX_NEEDS];
};

void inf_ctx_init(struct inf_ctx *c, struct inf *main, enum inf_arch arch,
		  const struct inf_disk *disk);
void inf_ctx_free(struct inf_ctx *c);

/* [name] in @first's INF, then in main and the included INFs; 1 if found. */
int inf_ctx_section(const struct inf_ctx *c, const struct inf *first,
		    const char *name, struct inf_sref *out);
/* [base.NTamd64|.NTx86], [base.NT], [base]: the platform rule. */
int inf_ctx_decorated(const struct inf_ctx *c, const char *base,
		      struct inf_sref *out);
/* [base+suffix], e.g. the install section's ".Services". */
int inf_ctx_suffixed(const struct inf_ctx *c, const struct inf *first,
		     const char *base, const char *suffix, struct inf_sref *out);

/*
 * Open INF @name from the disk unless it is open or known absent.
 * Returns the INF, or NULL (absent: recorded; error: set in main).
 */
struct inf *inf_ctx_open(struct inf_ctx *c, const char *name);
int inf_ctx_is_absent(const struct inf_ctx *c, const char *name);

/*
 * @s followed by the sections its Needs= lines name, after opening what
 * its Include= lines name.  Needs= in a needed section is not followed
 * (Windows does not nest them).  -1 only with an error set.
 */
int inf_ctx_needs(struct inf_ctx *c, struct inf_sref s, struct inf_srefs *out);

/* A Windows system INF that driver disks include, or NULL. */
const char *inf_system_inf(const char *name);

/* "x86" or "amd64": the platform suffix of [SourceDisksNames.x86] etc. */
const char *inf_ctx_plat(const struct inf_ctx *c);

/* Internal steps of inf_resolve. */
int inf_resolve_install(struct inf_ctx *c, const struct inf_entry *model,
			struct inf_driver *d);
int inf_read_service(struct inf_ctx *c, struct inf_sref inst,
		     struct inf_driver *d);
int inf_read_files(struct inf_ctx *c, struct inf_sref inst,
		   struct inf_driver *d);
int inf_read_source(struct inf_ctx *c, struct inf *inf, const char *src,
		    struct inf_driver *d);
int inf_read_package(struct inf_ctx *c, struct inf_package *pkg);
/* DriverVer of @e into @date and @version (strdup'ed). */
int inf_read_driverver(struct inf *inf, const struct inf_entry *e,
		       char **date, char **version);
/* disk path + subdir + name -> "a/b/name" (inf_path.c) */
int inf_source_path(struct inf *inf, unsigned int line, const char *disk,
		    const char *subdir, const char *name, char **out);
/* Every `AddReg = a, b` of @secs; @device routes HKLM ...\Device0 to HKR. */
int inf_add_regs(struct inf_ctx *c, const struct inf_srefs *secs,
		 const char *service, int device, struct inf_regs *regs);

#endif
