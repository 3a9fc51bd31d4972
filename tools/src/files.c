// SPDX-License-Identifier: GPL-2.0
/* File helpers for installing drivers below a root directory. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "src/files.h"
#include "src/vpwrap.h"

int vp_mkdir_p(const char *dir)
{
	char *p = vp_fmt("%s", dir), *s;
	int r = 0;

	for (s = p + 1; s && *s && !r; s = strchr(s + 1, '/')) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			r = -1;
		*s = '/';
	}
	if (!r && mkdir(p, 0755) && errno != EEXIST)
		r = -1;
	if (r)
		vp_err("cannot create %s: %s", p, strerror(errno));
	free(p);
	return r;
}

#define READ_MAX (64L << 20)	/* a long, as ftell() answers */

void *vp_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size = -1;

	if (f && !fseek(f, 0, SEEK_END))
		size = ftell(f);
	if (size >= 0 && size <= READ_MAX && !fseek(f, 0, SEEK_SET))
		data = malloc((size_t)size + 1);
	if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
		free(data);
		data = NULL;
	}
	if (!data)
		vp_err("cannot read %s: %s", path,
		       size > READ_MAX ? "file too large" :
		       errno ? strerror(errno) : "read error");
	if (f)
		fclose(f);
	*len = (size_t)size;
	return data;
}

int vp_copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = NULL;
	char *tmp = vp_fmt("%s.tmp", to), buf[65536];
	size_t n;
	int r = -1;

	if (in)
		out = fopen(tmp, "wb");
	while (out && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (out && !ferror(in) && !ferror(out) && !fclose(out)) {
		out = NULL;
		r = rename(tmp, to);
	}
	if (r)
		vp_err("cannot copy %s to %s: %s", from, to, strerror(errno));
	if (out)
		fclose(out);
	if (in)
		fclose(in);
	if (r)
		unlink(tmp);
	free(tmp);
	return r;
}

static char *match_in(const char *dir, const char *name, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;

	while (d && !found && (e = readdir(d)))
		if (strlen(e->d_name) == len &&
		    !strncasecmp(e->d_name, name, len))
			found = vp_fmt("%s/%s", dir, e->d_name);
	if (d)
		closedir(d);
	return found;
}

char *vp_find_nocase(const char *dir, const char *rel)
{
	char *cur = vp_fmt("%s", dir), *next;

	while (*rel) {
		size_t n = strcspn(rel, "/");

		next = match_in(cur, rel, n);
		free(cur);
		if (!next)
			return NULL;
		cur = next;
		rel += n + (rel[n] == '/');
	}
	return cur;
}

int vp_write_atomic(const char *path, vp_writer write, const void *ctx)
{
	char *tmp = vp_fmt("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int r = -1;

	if (f) {
		r = write(f, ctx);
		if (fclose(f) || r)
			r = -1;
		if (!r)
			r = rename(tmp, path);
	}
	if (r) {
		vp_err("cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return r;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int vp_list_dir(const char *dir, const char *ext, char ***names,
		unsigned int *n)
{
	DIR *d = opendir(dir);
	size_t el = strlen(ext);
	struct dirent *e;
	unsigned int cap = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l <= el || strcmp(e->d_name + l - el, ext))
			continue;
		if (inf_grow(names, &cap, *n, sizeof(**names)))
			break;
		(*names)[(*n)++] = vp_fmt("%.*s", (int)(l - el), e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

void vp_free_names(char **names, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
