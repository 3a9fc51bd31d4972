// SPDX-License-Identifier: GPL-2.0
/*
 * vpwrap sign NAME|FILE [--key KEY] [--cert CERT]: sign a miniport the way
 * modules are signed, so that a kernel that requires module signatures
 * (Secure Boot lockdown) loads it.  The kernel's own scripts/sign-file does
 * the signing; the default key is the one DKMS signs modules with and
 * enrols in the MOK list (/var/lib/dkms/mok.key, mok.pub).  A signature
 * already on the file is replaced, not stacked.  The file is rewritten
 * through a temporary copy renamed into place.
 */
#include <errno.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "src/files.h"
#include "src/vpwrap.h"

#define SIG_MARKER	"~Module signature appended~\n"
#define SIG_INFO_LEN	12	/* struct module_signature */
#define DKMS_KEY	"/var/lib/dkms/mok.key"
#define DKMS_CERT	"/var/lib/dkms/mok.pub"

/* $VPWRAP_SIGN_FILE, the running kernel's build tree, any linux-kbuild. */
static char *find_sign_file(void)
{
	const char *env = getenv("VPWRAP_SIGN_FILE");
	struct utsname u;
	char *p = NULL;
	glob_t g;

	if (env)
		return vp_fmt("%s", env);
	if (!uname(&u)) {
		p = vp_fmt("/lib/modules/%s/build/scripts/sign-file", u.release);
		if (!access(p, X_OK))
			return p;
		free(p);
		p = NULL;
	}
	if (!glob("/usr/lib/linux-kbuild-*/scripts/sign-file", 0, NULL, &g)) {
		if (g.gl_pathc)
			p = vp_fmt("%s", g.gl_pathv[g.gl_pathc - 1]);
		globfree(&g);
	}
	return p;
}

/* Length of @data without an appended signature (all of it if none). */
static size_t unsigned_len(const unsigned char *data, size_t len)
{
	const size_t m = sizeof(SIG_MARKER) - 1;
	uint32_t sig;

	if (len < m + SIG_INFO_LEN || memcmp(data + len - m, SIG_MARKER, m))
		return len;
	len -= m + SIG_INFO_LEN;
	sig = (uint32_t)data[len + 8] << 24 | data[len + 9] << 16 |
	      data[len + 10] << 8 | data[len + 11];
	return sig < len ? len - sig : len + m + SIG_INFO_LEN;
}

struct body {
	const void *data;
	size_t len;
};

static int write_body(FILE *f, const void *ctx)
{
	const struct body *b = ctx;

	return fwrite(b->data, 1, b->len, f) == b->len ? 0 : -1;
}

static int run_sign_file(const char *tool, const char *key, const char *cert,
			 const char *file)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		execl(tool, tool, "sha256", key, cert, file, (char *)NULL);
		fprintf(stderr, "vpwrap: cannot run %s: %s\n", tool, strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

int cmd_sign(const struct vp_opts *o)
{
	const char *key = o->key ? o->key : DKMS_KEY;
	const char *cert = o->cert ? o->cert : DKMS_CERT;
	const char *what = o->argv[0];
	char *path, *tool, *tmp;
	struct body b;
	void *data;
	size_t len;
	int r = EXIT_FAIL;

	if (strchr(what, '/')) {
		path = vp_fmt("%s", what);
	} else if (vp_name_valid(what)) {
		path = vp_fw_file(o, what, ".sys");
	} else {
		vp_err("'%s': not a driver name or a path", what);
		return EXIT_USAGE;
	}
	tool = find_sign_file();
	if (!tool || access(tool, X_OK)) {
		vp_err("no scripts/sign-file (install linux-headers-$(uname -r), or set VPWRAP_SIGN_FILE)");
		free(tool);
		free(path);
		return EXIT_FAIL;
	}
	if (access(key, R_OK) || access(cert, R_OK)) {
		vp_err("cannot read the key %s or the certificate %s (--key, --cert)",
		       key, cert);
		goto out;
	}
	data = vp_read_file(path, &len);
	if (!data)
		goto out;
	b.data = data;
	b.len = unsigned_len(data, len);
	tmp = vp_fmt("%s.unsigned", path);
	if (!vp_write_atomic(tmp, write_body, &b)) {
		if (!run_sign_file(tool, key, cert, tmp) && !rename(tmp, path)) {
			printf("signed %s with %s%s\n", path, cert,
			       b.len < len ? " (old signature replaced)" : "");
			r = EXIT_OK;
		} else {
			vp_err("%s failed; %s left as it was", tool, path);
			unlink(tmp);
		}
	}
	free(tmp);
	free(data);
out:
	free(tool);
	free(path);
	return r;
}
