// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap inspect card.sys: what pe-loader's parser (the module's own) finds
 * in the image, and each import checked against the export list of the
 * module for the image's architecture (an i386 image against the i386
 * module's, which has the x86-only exports) and the list of imports refused
 * by design (videoport/refused.c).
 *
 * Exit: 0 the driver can load, 1 it cannot (imports missing or refused, or
 * built for another architecture), 2 the loader refuses the image, 3 the
 * tool has no export list to judge the imports by (and none is refused).
 */
#include <stdlib.h>
#include "pe-loader/pe_loader.h"
#include "src/exports.h"
#include "src/files.h"
#include "src/image_check.h"
#include "src/vpwrap.h"
#include "videoport/refused.h"

#define EXIT_NO_EXPORTS 3
#define ERR_LEN 1024

struct tally {
	unsigned int implemented, unsupported, missing, refused;
};

static const char *machine_name(unsigned int m)
{
	return m == PE_MACHINE_AMD64 ? "AMD64" : m == PE_MACHINE_I386 ? "i386" :
	       "unknown";
}

static unsigned int arch_machine(enum inf_arch arch)
{
	return arch == INF_ARCH_X86_64 ? PE_MACHINE_AMD64 : PE_MACHINE_I386;
}

/* The module whose export list judges an image: the one it is built for. */
static enum inf_arch image_arch(const struct pe_info *pi)
{
	return pi->hdr.machine == PE_MACHINE_I386 ? INF_ARCH_I686 :
						    INF_ARCH_X86_64;
}

static void print_headers(const struct pe_header_info *pi)
{
	printf("format      %s, machine %s (0x%x), subsystem %u\n",
	       pi->pe32plus ? "PE32+" : "PE32", machine_name(pi->machine),
	       pi->machine, pi->subsystem);
	printf("image base  0x%llx, size 0x%x, entry RVA 0x%x\n",
	       (unsigned long long)pi->image_base, pi->size_of_image,
	       pi->entry_rva);
	printf("alignment   section 0x%x, file 0x%x; timestamp 0x%08x\n",
	       pi->section_alignment, pi->file_alignment, pi->timestamp);
}

static void print_sections(const struct pe_info *pi)
{
	unsigned int i;

	printf("relocations %u%s; .pdata %u entries; /GS cookie %s\n",
	       pi->nrelocs, pi->has_reloc_dir ? "" : " (no .reloc)",
	       pi->pdata_count, pi->has_cookie ? "yes" : "no");
	printf("sections    %u\n", pi->nsections);
	for (i = 0; i < pi->nsections; i++) {
		const struct pe_section_info *s = &pi->sections[i];
		u32 c = s->characteristics;

		printf("  %-8s rva 0x%06x size 0x%06x  %c%c%c%s\n", s->name,
		       s->rva, s->vsize, c & PE_SCN_MEM_READ ? 'r' : '-',
		       c & PE_SCN_MEM_WRITE ? 'w' : '-',
		       c & PE_SCN_MEM_EXECUTE ? 'x' : '-',
		       c & PE_SCN_DISCARDABLE ? " discardable" : "");
	}
}

/* What the module does with the import; *@reason is set for "refused". */
static const char *judge(enum inf_arch arch, const char *dll,
			 const struct pe_import_info *im, struct tally *t,
			 const char **reason)
{
	enum vp_export_status st = VP_EXPORT_MISSING;

	*reason = NULL;
	if (vp_exports_available(arch) && im->name)
		st = vp_export_lookup(arch, dll, im->name);
	if (st == VP_EXPORT_IMPLEMENTED) {
		t->implemented++;
		return "implemented";
	}
	if (st == VP_EXPORT_UNSUPPORTED) {
		t->unsupported++;
		return "unsupported";
	}
	/* As the module does: only what does not resolve is refused. */
	if (im->name)
		*reason = vp_refused_reason(dll, im->name);
	if (*reason) {
		t->refused++;
		return "refused";
	}
	if (!vp_exports_available(arch))
		return "export list not available";
	t->missing++;
	return "missing";
}

static void print_imports(const struct pe_info *pi, struct tally *t)
{
	unsigned int i, j;

	for (i = 0; i < pi->ndlls; i++) {
		const struct pe_import_dll_info *d = &pi->dlls[i];

		printf("imports     %s (%u)\n", d->dll, d->count);
		for (j = 0; j < d->count; j++) {
			const struct pe_import_info *im = &d->imports[j];
			const char *reason;
			const char *st = judge(image_arch(pi), d->dll, im, t,
					       &reason);

			if (im->name)
				printf("  %-40s %s", im->name, st);
			else
				printf("  #%-39u %s", im->ordinal, st);
			if (reason)
				printf(": %s", reason);
			putchar('\n');
		}
	}
}

static int verdict(const struct pe_info *pi, const struct tally *t,
		   enum inf_arch arch)
{
	if (pi->hdr.machine != arch_machine(arch)) {
		printf("result      cannot load: %s image, the module runs %s\n",
		       machine_name(pi->hdr.machine), inf_arch_name(arch));
		return EXIT_FAIL;
	}
	if (!vp_exports_available(arch) && t->refused) {
		printf("result      cannot load: %u refused (the export list is not available)\n",
		       t->refused);
		return EXIT_FAIL;
	}
	if (!vp_exports_available(arch)) {
		printf("result      unknown: export list not available (this vpwrap was built without videoport/out/%s: build the %s module first)\n",
		       arch == INF_ARCH_I686 ? "exports-i386.txt" : "exports.txt",
		       inf_arch_name(arch));
		return EXIT_NO_EXPORTS;
	}
	printf("result      %u implemented, %u unsupported, %u missing",
	       t->implemented, t->unsupported, t->missing);
	/* Shown only when there are any: the line is unchanged otherwise. */
	if (t->refused)
		printf(", %u refused", t->refused);
	printf(": %s\n", t->missing || t->refused ? "cannot load" : "can load");
	return t->missing || t->refused ? EXIT_FAIL : EXIT_OK;
}

static int parse_file(const char *path, struct pe_info **pi, char *err)
{
	size_t len;
	void *data = vp_read_file(path, &len);
	int r;

	if (!data)
		return -ENOENT;
	r = pe_parse(path, data, len, pi, err, ERR_LEN);
	free(data);
	return r;
}

int cmd_inspect(const struct vp_opts *o)
{
	struct pe_info *pi = NULL;
	struct tally t = { 0 };
	char err[ERR_LEN] = "";
	int r = parse_file(o->argv[0], &pi, err);

	if (r == -ENOENT && !pi && !*err)
		return EXIT_USAGE;	/* vp_read_file said why */
	printf("file        %s\n", o->argv[0]);
	if (pi) {
		print_headers(&pi->hdr);
		print_sections(pi);
	}
	if (!r) {
		print_imports(pi, &t);
		r = verdict(pi, &t, o->arch);
	} else {
		printf("result      refused by the loader: %s\n", err);
		r = EXIT_USAGE;
	}
	pe_info_free(pi);
	return r;
}

int vp_image_check(const char *path, enum inf_arch arch)
{
	struct pe_info *pi = NULL;
	char err[ERR_LEN] = "";
	int r = parse_file(path, &pi, err);

	if (r && *err)
		vp_err("%s", err);
	if (!r && pi->hdr.machine != arch_machine(arch)) {
		vp_err("%s: a %s image, not %s (see --arch)", path,
		       machine_name(pi->hdr.machine), inf_arch_name(arch));
		r = -1;
	}
	pe_info_free(pi);
	return r ? -1 : 0;
}
