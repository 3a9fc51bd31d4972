// SPDX-License-Identifier: GPL-2.0
/*
 * [Version] and [Manufacturer]: which models section applies to the target
 * architecture and which PCI IDs each install section binds.
 *
 * Decorations follow Windows: for x86_64 a models section needs an NTamd64
 * decoration; on x86 NTx86 or plain NT decorations apply, and an
 * undecorated section when none does.  Among the decorations that apply,
 * the one with the closest OS version wins (vpwrap stands in for XP, 5.1,
 * and XP x64, 5.2).  When nothing applies the error says which kernel the
 * driver needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_ctx.h"
#include "inf_internal.h"

int inf_arch_parse(const char *s, enum inf_arch *arch)
{
	if (!strcmp(s, "x86_64") || !strcasecmp(s, "amd64"))
		*arch = INF_ARCH_X86_64;
	else if (!strcmp(s, "i686") || !strcmp(s, "i386") ||
		 !strcasecmp(s, "x86"))
		*arch = INF_ARCH_I686;
	else
		return -1;
	return 0;
}

const char *inf_arch_name(enum inf_arch arch)
{
	return arch == INF_ARCH_X86_64 ? "x86_64" : "i686";
}

static int check_version(struct inf *inf)
{
	const struct inf_section *v = inf_section(inf, "Version");
	const struct inf_entry *sig = inf_find_key(v, "Signature");
	const struct inf_entry *cls = inf_find_key(v, "Class");
	const char *s = inf_field(sig, 0);

	if (!v)
		return inf_fail(inf, 0, "no [Version] section");
	if (!sig)
		return inf_fail(inf, v->line, "[Version] has no Signature");
	if (strcasecmp(s, "$Windows NT$") && strcasecmp(s, "$Chicago$"))
		return inf_fail(inf, sig->line, "unknown Signature '%s'", s);
	if (strcasecmp(inf_field(cls, 0), "Display"))
		inf_warn(inf, cls ? cls->line : v->line,
			 "Class is '%s', not Display", inf_field(cls, 0));
	return 0;
}

/*
 * A TargetOSVersion decoration: NT[arch][.major[.minor[.product[.suite
 * [.build]]]]].  No arch means any platform.
 */
enum deco_arch { DECO_ANY, DECO_X86, DECO_AMD64, DECO_IA64, DECO_OTHER };

struct deco {
	enum deco_arch arch;
	unsigned int major, minor, product, suite;
};

static int deco_number(const char *s, size_t n, unsigned int *out)
{
	char buf[16];

	if (!n)
		return 0;
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return inf_parse_u32(buf, out);
}

static int parse_deco(const char *s, struct deco *d)
{
	static const struct {
		const char *name;
		enum deco_arch arch;
	} arches[] = {
		{ "", DECO_ANY }, { "x86", DECO_X86 }, { "amd64", DECO_AMD64 },
		{ "ia64", DECO_IA64 }, { "arm", DECO_OTHER }, { "arm64", DECO_OTHER },
	};
	unsigned int *nums[] = { &d->major, &d->minor, &d->product, &d->suite };
	size_t n, i;

	memset(d, 0, sizeof(*d));
	if (strncasecmp(s, "NT", 2))
		return -1;
	s += 2;
	n = strcspn(s, ".");
	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (strlen(arches[i].name) == n &&
		    !strncasecmp(s, arches[i].name, n))
			break;
	if (i == sizeof(arches) / sizeof(arches[0]))
		return -1;
	d->arch = arches[i].arch;
	for (i = 0, s += n; *s == '.'; i++, s += n) {
		n = strcspn(++s, ".");
		if (i < 4 && deco_number(s, n, nums[i]))
			return -1;
	}
	return 0;
}

/*
 * Does @d apply to the Windows vpwrap stands in for: XP (5.1) on x86,
 * XP x64 / Server 2003 SP1 (5.2) on x86_64, a workstation with no suite?
 * Since Server 2003 SP1 an x64 models section needs the NTamd64 decoration.
 */
static int deco_applies(const struct deco *d, enum inf_arch arch)
{
	unsigned int major = 5, minor = arch == INF_ARCH_X86_64 ? 2 : 1;

	if (arch == INF_ARCH_X86_64 ? d->arch != DECO_AMD64 :
	    d->arch != DECO_X86 && d->arch != DECO_ANY)
		return 0;
	if (d->major > major || (d->major == major && d->minor > minor))
		return 0;
	return (!d->product || d->product == 1) && !d->suite;
}

/* The closer OS version wins, then a named architecture over none. */
static int deco_better(const struct deco *a, const struct deco *b)
{
	if (a->major != b->major)
		return a->major > b->major;
	if (a->minor != b->minor)
		return a->minor > b->minor;
	return a->arch != DECO_ANY && b->arch == DECO_ANY;
}

/*
 * Index of the decoration field to use, 0 for the undecorated section
 * (x86 only, when no decoration applies), -1 for none.
 */
static int pick_decoration(const struct inf_entry *m, enum inf_arch arch)
{
	struct deco best = { 0 }, d;
	unsigned int i;
	int pick = -1;

	for (i = 1; i < m->nfields; i++) {
		if (parse_deco(m->fields[i], &d) || !deco_applies(&d, arch))
			continue;
		if (pick < 0 || deco_better(&d, &best)) {
			best = d;
			pick = (int)i;
		}
	}
	if (pick < 0 && arch == INF_ARCH_I686)
		pick = 0;
	return pick;
}

/*
 * [models.deco] for @arch, or the undecorated [models] on x86; NULL if
 * none applies (no error) or if a decorated one is missing (error unless
 * @quiet).
 */
static const struct inf_section *models_section(struct inf *inf,
						const struct inf_entry *m,
						enum inf_arch arch, int quiet)
{
	const struct inf_section *sec;
	int d = pick_decoration(m, arch);
	char *name;

	if (d < 0)
		return NULL;
	if (asprintf(&name, "%s%s%s", m->fields[0], d ? "." : "",
		     d ? m->fields[d] : "") < 0) {
		if (!quiet)
			inf_fail(inf, m->line, "out of memory");
		return NULL;
	}
	sec = inf_section(inf, name);
	/* an x86 fallback that is not there: the INF has no x86 models */
	if (!sec && !quiet && d)
		inf_fail(inf, m->line, "models section [%s] not found", name);
	free(name);
	return sec;
}

/*
 * Lines of a models section that are directives, not models: Windows
 * merges sections of the same name, and inbox INFs use one name for a
 * models section and an install section.
 */
static int is_directive(const struct inf_entry *e)
{
	static const char *const names[] = {
		"CopyFiles", "CopyINF", "AddReg", "DelReg", "BitReg",
		"AddProperty", "DelProperty", "Include", "Needs", "DelFiles",
		"RenFiles", "FeatureScore", "LogConfig", "ProfileItems",
		"UpdateInis", "UpdateIniFields", "Ini2Reg", "RegisterDlls",
		"UnregisterDlls", "ExcludeID", "DriverVer", "AddService",
		"DelService", "Reboot", "Restart",
	};
	const char *k = e->key ? e->key : e->nfields == 1 ? e->fields[0] : "";
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(k, names[i]))
			return 1;
	return 0;
}

/* Has any models section for @arch a line with a PCI hardware ID? */
static int serves(struct inf *inf, const struct inf_section *mfg,
		  enum inf_arch arch)
{
	struct inf_pci_id id;
	unsigned int i, j, k;

	for (i = 0; i < mfg->nentries; i++) {
		const struct inf_entry *m = &mfg->entries[i];
		const struct inf_section *s;

		if (!m->nfields || !*m->fields[0])
			continue;
		s = models_section(inf, m, arch, 1);
		for (j = 0; s && j < s->nentries; j++)
			for (k = 1; k < s->entries[j].nfields; k++)
				if (!is_directive(&s->entries[j]) &&
				    inf_parse_pci_id(s->entries[j].fields[k], &id) > 0)
					return 1;
	}
	return 0;
}

/* Why no device matched @arch, as the error of the [Manufacturer] line. */
static void no_device(struct inf *inf, const struct inf_section *mfg,
		      enum inf_arch arch)
{
	unsigned int i, j, later = 0, foreign = 0;
	struct deco d;

	if (arch == INF_ARCH_X86_64 && serves(inf, mfg, INF_ARCH_I686)) {
		inf_fail(inf, mfg->line, "this driver is 32-bit: it runs on an i386 kernel (see README); its models have no NTamd64 section for x86_64");
		return;
	}
	if (arch == INF_ARCH_I686 && serves(inf, mfg, INF_ARCH_X86_64)) {
		inf_fail(inf, mfg->line, "this driver is 64-bit: it runs on an x86_64 kernel (see README); its models are for NTamd64 only");
		return;
	}
	for (i = 0; i < mfg->nentries; i++)
		for (j = 1; j < mfg->entries[i].nfields; j++) {
			if (parse_deco(mfg->entries[i].fields[j], &d))
				continue;
			foreign |= d.arch == DECO_IA64 || d.arch == DECO_OTHER;
			later |= d.major > 5;
		}
	if (foreign)
		inf_fail(inf, mfg->line, "no PCI display device for %s: this driver is for Itanium or ARM Windows, which vpwrap cannot run",
			 inf_arch_name(arch));
	else if (later)
		inf_fail(inf, mfg->line, "no PCI display device for %s: its models are for Windows Vista (6.0) or later, whose display drivers are not XP miniports",
			 inf_arch_name(arch));
	else
		inf_fail(inf, mfg->line, "no PCI display device for %s",
			 inf_arch_name(arch));
}

static struct inf_driver *find_image(struct inf_drivers *ds, const char *img)
{
	unsigned int i;

	for (i = 0; i < ds->n; i++)
		if (!strcasecmp(ds->d[i].image, img))
			return &ds->d[i];
	return NULL;
}

static int add_id(struct inf_driver *d, const struct inf_pci_id *id)
{
	unsigned int i;

	for (i = 0; i < d->nids; i++)
		if (inf_pci_id_equal(&d->ids[i], id))
			return 0;
	if (inf_grow(&d->ids, &d->idcap, d->nids, sizeof(*d->ids)))
		return -1;
	d->ids[d->nids++] = *id;
	return 0;
}

/* The PCI IDs of one model line; other buses are skipped with a warning. */
static int model_ids(struct inf *inf, const struct inf_entry *e,
		     struct inf_driver *d)
{
	struct inf_pci_id id;
	unsigned int i;

	for (i = 1; i < e->nfields; i++) {
		int r = inf_parse_pci_id(e->fields[i], &id);

		if (r < 0)
			return inf_fail(inf, e->line, "bad PCI hardware ID '%s'",
					e->fields[i]);
		if (r == 0 && *e->fields[i])
			inf_warn(inf, e->line, "not a PCI ID, skipped: %s",
				 e->fields[i]);
		if (r > 0 && add_id(d, &id))
			return inf_fail(inf, e->line, "out of memory");
	}
	return 0;
}

/* One model line: resolve its install section, merge by image file. */
static int add_model(struct inf_ctx *c, const struct inf_entry *e,
		     struct inf_drivers *ds)
{
	struct inf *inf = c->main;
	struct inf_driver d = { 0 }, *old;
	unsigned int i, j;

	if (is_directive(e))
		return 0;
	if (e->nfields < 2 || !*e->fields[0])
		return inf_fail(inf, e->line,
				"model line needs an install section and a hardware ID");
	if (model_ids(inf, e, &d) || !d.nids ||
	    inf_resolve_install(c, e, &d)) {
		inf_driver_free(&d);
		return inf->error ? -1 : 0;
	}
	d.nmodels = 1;
	old = find_image(ds, d.image);
	if (!old) {
		if (inf_grow(&ds->d, &ds->cap, ds->n, sizeof(*ds->d))) {
			inf_driver_free(&d);
			return inf_fail(inf, e->line, "out of memory");
		}
		ds->d[ds->n++] = d;
		return 0;
	}
	if (strcasecmp(old->install, d.install))
		inf_warn(inf, e->line, "%s also installed by [%s]; using the settings of [%s]",
			 d.image, d.install, old->install);
	old->nmodels++;
	for (i = 0; i < d.nids; i++)
		if (add_id(old, &d.ids[i]))
			break;
	j = i < d.nids;
	inf_driver_free(&d);
	return j ? inf_fail(inf, e->line, "out of memory") : 0;
}

/* "[A.NTamd64] [B]": the models sections used, for people. */
static int note_models(struct inf *inf, struct inf_package *pkg,
		       const struct inf_section *models)
{
	char *s;

	if (asprintf(&s, "%s%s[%s]", pkg->models ? pkg->models : "",
		     pkg->models ? " " : "", models->name) < 0)
		return inf_fail(inf, models->line, "out of memory");
	free(pkg->models);
	pkg->models = s;
	return 0;
}

static int resolve_models(struct inf_ctx *c, const struct inf_section *mfg,
			  struct inf_drivers *out)
{
	const struct inf_section *models;
	unsigned int i, j;

	for (i = 0; i < mfg->nentries; i++) {
		const struct inf_entry *m = &mfg->entries[i];

		if (!m->nfields || !*m->fields[0])
			return inf_fail(c->main, m->line,
					"manufacturer without a models section");
		models = models_section(c->main, m, c->arch, 0);
		if (c->main->error)
			return -1;
		if (!models)
			continue;
		if (note_models(c->main, &out->pkg, models))
			return -1;
		for (j = 0; j < models->nentries; j++)
			if (add_model(c, &models->entries[j], out))
				return -1;
	}
	return 0;
}

int inf_resolve(struct inf *inf, enum inf_arch arch,
		const struct inf_disk *disk, struct inf_drivers *out)
{
	const struct inf_section *mfg;
	struct inf_ctx c;
	unsigned int i;

	memset(out, 0, sizeof(*out));
	if (inf->error || check_version(inf))
		return -1;
	mfg = inf_section(inf, "Manufacturer");
	if (!mfg)
		return inf_fail(inf, 0, "no [Manufacturer] section");
	inf_ctx_init(&c, inf, arch, disk);
	if (!inf_read_package(&c, &out->pkg) && !resolve_models(&c, mfg, out) &&
	    !out->n)
		no_device(inf, mfg, arch);
	inf_ctx_free(&c);
	for (i = 0; !inf->error && i < out->n; i++)
		if (!out->d[i].date &&
		    (!(out->d[i].date = strdup(out->pkg.date)) ||
		     !(out->d[i].version = strdup(out->pkg.version))))
			inf_fail(inf, 0, "out of memory");
	if (!inf->error)
		return 0;
	inf_drivers_free(out);
	return -1;
}

static void package_free(struct inf_package *p)
{
	free(p->provider);
	free(p->class_name);
	free(p->date);
	free(p->version);
	free(p->catalog);
	free(p->models);
}

void inf_drivers_free(struct inf_drivers *ds)
{
	unsigned int i;

	for (i = 0; i < ds->n; i++)
		inf_driver_free(&ds->d[i]);
	free(ds->d);
	package_free(&ds->pkg);
	memset(ds, 0, sizeof(*ds));
}
