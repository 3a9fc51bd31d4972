/* SPDX-License-Identifier: GPL-2.0 */
/* File helpers for installing: directories, copies, atomic writes. */
#ifndef VPWRAP_TOOLS_FILES_H
#define VPWRAP_TOOLS_FILES_H

#include <stdio.h>

int vp_mkdir_p(const char *dir);
/* The whole file (at most 64 MiB), or NULL with a message. */
void *vp_read_file(const char *path, size_t *len);
int vp_copy_file(const char *from, const char *to);
/*
 * @rel ('/'-separated) below @dir, each component matched without case as
 * Windows would; returns a malloc'ed path or NULL if there is none.
 */
char *vp_find_nocase(const char *dir, const char *rel);

/* Write @path through a temporary file renamed into place. */
typedef int (*vp_writer)(FILE *f, const void *ctx);
int vp_write_atomic(const char *path, vp_writer write, const void *ctx);

/* Sorted names of @dir's entries ending in @ext, without it; -1 if no dir. */
int vp_list_dir(const char *dir, const char *ext, char ***names,
		unsigned int *n);
void vp_free_names(char **names, unsigned int n);

#endif
