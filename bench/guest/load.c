// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench load -- CMD...: time from starting CMD (modprobe of a display
 * driver) until /dev/dri/card0 can be opened, and the kernel memory the
 * driver took: slab and vmalloc deltas from /proc/meminfo, and the size of
 * the modules that CMD added (module text and data live outside both).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define CARD		"/dev/dri/card0"
#define POLL_US		500
#define TIMEOUT_MS	60000.0
/* A driver may register its device from deferred work after modprobe returns. */
#define AFTER_EXIT_MS	10000.0
/* Deferred work (fbdev set-up, console redraw) settles before we count. */
#define SETTLE_US	1000000

struct mem {
	long slab_kb, vmalloc_kb, modules_kb;
};

static long meminfo_kb(const char *field)
{
	char line[128];
	size_t len = strlen(field);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':') {
			v = strtol(line + len + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* Sum of /proc/modules sizes, in kB. */
static long modules_kb(void)
{
	char name[64];
	long size, sum = 0;
	FILE *f = fopen("/proc/modules", "r");

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld%*[^\n]", name, &size) == 2)
		sum += size;
	fclose(f);
	return sum / 1024;
}

/* Reclaimable caches would make the slab delta depend on file activity. */
static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	sync();
	if (fd >= 0) {
		if (write(fd, "3", 1) < 0)
			perror("drop_caches");
		close(fd);
	}
}

static void snapshot(struct mem *m)
{
	drop_caches();
	m->slab_kb = meminfo_kb("Slab");
	m->vmalloc_kb = meminfo_kb("VmallocUsed");
	m->modules_kb = modules_kb();
}

static int card_ready(void)
{
	int fd = open(CARD, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

static void na_all(const char *why)
{
	bench_na("load_ms", "%s", why);
	bench_na("mem_slab_kb", "%s", why);
	bench_na("mem_vmalloc_kb", "%s", why);
	bench_na("mem_modules_kb", "%s", why);
}

int load_main(int argc, char **argv)
{
	double t0, ready = -1, exited = -1, t, cpu = -1;
	struct rusage ru;
	struct mem before, after;
	int status = 0;
	char why[160];
	pid_t pid;

	if (argc < 1) {
		fprintf(stderr, "usage: drmbench load -- CMD [ARGS...]\n");
		return 2;
	}
	if (card_ready()) {
		na_all(CARD " exists before loading");
		return 1;
	}
	snapshot(&before);
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		na_all(strerror(errno));
		return 1;
	}
	if (!pid) {
		execvp(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		t = now_ms();
		if (ready < 0 && card_ready())
			ready = t - t0;
		if (exited < 0 && wait4(pid, &status, WNOHANG, &ru) == pid) {
			exited = now_ms() - t0;
			/* The driver's probe runs in modprobe's context: its CPU. */
			cpu = ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 +
			      ru.ru_stime.tv_sec * 1e3 + ru.ru_stime.tv_usec / 1e3;
		}
		if ((ready >= 0 && exited >= 0) || t - t0 > TIMEOUT_MS)
			break;
		if (exited >= 0 && (!WIFEXITED(status) || WEXITSTATUS(status)))
			break;	/* the command failed: no device will come */
		if (exited >= 0 && t - t0 - exited > AFTER_EXIT_MS)
			break;
		usleep(POLL_US);
	}
	if (exited >= 0) {
		bench_value("modprobe_ms", exited);
		bench_value("modprobe_cpu_ms", cpu);
	}
	if (ready < 0) {
		if (exited < 0)
			snprintf(why, sizeof(why), "%s still running after %.0f s",
				 argv[0], TIMEOUT_MS / 1e3);
		else if (WIFEXITED(status) && WEXITSTATUS(status))
			snprintf(why, sizeof(why), "%s exited with %d, no %s",
				 argv[0], WEXITSTATUS(status), CARD);
		else
			snprintf(why, sizeof(why), "no %s after %s returned", CARD, argv[0]);
		na_all(why);
		return 1;
	}
	bench_value("load_ms", ready);
	usleep(SETTLE_US);
	snapshot(&after);
	bench_value("mem_slab_kb", after.slab_kb - before.slab_kb);
	bench_value("mem_vmalloc_kb", after.vmalloc_kb - before.vmalloc_kb);
	bench_value("mem_modules_kb", after.modules_kb - before.modules_kb);
	return 0;
}
