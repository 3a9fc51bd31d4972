// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench console [-n LINES] [-r RUNS] [-b] [TTY]: how long the
 * framebuffer console (fbcon on the driver's fbdev) takes per line of text.
 *
 * Each run writes LINES lines of 80 characters to the console's tty, one
 * write() per line; the screen is full, so every line scrolls it.  After
 * each line the writer yields, so a driver that flushes the console from a
 * worker (a shadow buffer copied to the screen) flushes after every line,
 * as for a writer that prints a line at a time, and where the flushes fall
 * does not depend on timer ticks.  With -b (bulk) the lines go back to
 * back: flushes then cover several lines, as many as the scheduler lets
 * pile up, so that figure moves from run to run by a few percent.  A run
 * ends when the CPU has gone idle,
 * i.e. the last flush is done and the screen shows the last line: the time
 * from the first write to then is the console's, whatever does the work
 * (writer, damage worker or none).  Idle is seen in /proc/schedstat, whose
 * rq_cpu_time sums the time tasks (not the idle task) held the CPU, in ns;
 * that sum is also the run's CPU time.
 *
 *	BENCH console_line_us	median over runs, µs per line until drawn
 *	BENCH console_cpu_line_us	the CPU time of it
 *	BENCH console_spread_pct	(max - min) / median of the runs
 *	BENCH_INFO console_fb	fbdev name, size, depth; text columns x rows
 *	BENCH_INFO console_runs	every run's µs per line
 * and with -b the same keys as console_bulk_*.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "bench.h"

#define MAX_RUNS	32
/* One look for idleness: sleep this long, then ask whether anything ran. */
#define IDLE_SLICE_US	500
/*
 * Task time in one idle look that still counts as idle: our own look
 * (reading /proc/schedstat, the sleep's syscalls) is a few tens of µs; a
 * flush of the console is milliseconds.
 */
#define IDLE_NOISE_NS	200000ULL
#define IDLE_TIMEOUT_MS	10000.0

struct console_opts {
	unsigned int lines, runs;
	int bulk;
	const char *prefix;	/* of the keys: console or console_bulk */
};

/* Sum of the task time of all CPUs (ns), or 0 when unknown. */
static unsigned long long task_ns(int fd)
{
	char buf[4096], *p;
	unsigned long long sum = 0, v[9];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = 0;
	for (p = strstr(buf, "\ncpu"); p; p = strstr(p + 1, "\ncpu")) {
		/* cpuN yld_count 0 sched_count sched_goidle ttwu_count
		 * ttwu_local rq_cpu_time run_delay pcount
		 */
		if (sscanf(p + 1, "cpu%*u %llu %llu %llu %llu %llu %llu %llu %llu %llu",
			   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
			   &v[8]) == 9)
			sum += v[6];
	}
	return sum;
}

/*
 * Wait until a look of IDLE_SLICE_US finds no task work: returns the time
 * that look began (ms) and stores the task time up to it in *busy; a
 * negative time if the CPU never went idle.
 */
static double wait_idle(int fd, unsigned long long *busy)
{
	double start = now_ms(), t;
	unsigned long long a, b;

	do {
		a = task_ns(fd);
		t = now_ms();
		if (t - start > IDLE_TIMEOUT_MS)
			return -1;
		usleep(IDLE_SLICE_US);
		b = task_ns(fd);
	} while (b - a >= IDLE_NOISE_NS);
	*busy = a;
	return t;
}

static int write_lines(int tty, unsigned int n, unsigned int first, int bulk)
{
	char line[96];
	unsigned int i;
	int len;

	for (i = 0; i < n; i++) {
		/* 80 characters and the newline */
		len = snprintf(line, sizeof(line),
			       "line %7u: the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGH\n",
			       first + i);
		if (write(tty, line, len) != len)
			return errno ? -errno : -EIO;
		if (!bulk)
			sched_yield();
	}
	return 0;
}

static int sysfs_read(const char *name, char *buf, size_t size)
{
	char path[96];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/class/graphics/fb0/%s", name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	ok = fgets(buf, size, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

/* The runs on an open tty; fd: /proc/schedstat.  0, or why not measured. */
static const char *measure(const struct console_opts *o, int tty, int fd, unsigned int rows)
{
	double us[MAX_RUNS], cpu_us[MAX_RUNS], t0, t1, mid;
	char key[48], text[MAX_RUNS * 12] = "";
	unsigned long long b0, b1;
	unsigned int i;
	size_t len;
	int r;

	/* Fill the screen so that every timed line scrolls it. */
	r = write_lines(tty, rows ? rows + 1 : 100, 0, o->bulk);
	if (r)
		return strerror(-r);
	for (i = 0; i < o->runs; i++) {
		if (wait_idle(fd, &b0) < 0)
			return "the CPU did not go idle before a run";
		t0 = now_ms();
		r = write_lines(tty, o->lines, (i + 1) * o->lines, o->bulk);
		if (r)
			return strerror(-r);
		t1 = wait_idle(fd, &b1);
		if (t1 < 0)
			return "the CPU did not go idle after a run";
		us[i] = (t1 - t0) * 1e3 / o->lines;
		cpu_us[i] = (b1 - b0) / 1e3 / o->lines;
		len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s%.1f", i ? " " : "", us[i]);
	}
	snprintf(key, sizeof(key), "%s_runs", o->prefix);
	bench_info(key, "%u x %u lines, us per line: %s", o->runs, o->lines, text);
	/* median() sorts: first and last are then the extremes */
	mid = median(us, o->runs);
	snprintf(key, sizeof(key), "%s_line_us", o->prefix);
	bench_value(key, mid);
	snprintf(key, sizeof(key), "%s_cpu_line_us", o->prefix);
	bench_value(key, median(cpu_us, o->runs));
	snprintf(key, sizeof(key), "%s_spread_pct", o->prefix);
	bench_value(key, mid ? (us[o->runs - 1] - us[0]) * 100 / mid : 0);
	return NULL;
}

int console_main(int argc, char **argv)
{
	struct console_opts o = { .lines = 500, .runs = 5, .prefix = "console" };
	const char *ttyname = "/dev/tty1", *why = NULL;
	char name[64], size[32], bpp[16], key[48];
	struct winsize ws = { 0 };
	int c, tty, fd = -1;

	while ((c = getopt(argc, argv, "n:r:b")) != -1) {
		switch (c) {
		case 'n':
			o.lines = atoi(optarg);
			break;
		case 'r':
			o.runs = atoi(optarg);
			break;
		case 'b':
			o.bulk = 1;
			o.prefix = "console_bulk";
			break;
		default:
			fprintf(stderr, "usage: drmbench console [-n LINES] [-r RUNS] [-b] [TTY]\n");
			return 2;
		}
	}
	if (optind < argc)
		ttyname = argv[optind];
	if (!o.lines || !o.runs || o.runs > MAX_RUNS) {
		fprintf(stderr, "drmbench console: 1..%d runs of at least one line\n", MAX_RUNS);
		return 2;
	}
	snprintf(key, sizeof(key), "%s_line_us", o.prefix);
	if (sysfs_read("name", name, sizeof(name)) ||
	    sysfs_read("virtual_size", size, sizeof(size)) ||
	    sysfs_read("bits_per_pixel", bpp, sizeof(bpp))) {
		bench_na(key, "no fbdev (/sys/class/graphics/fb0)");
		return 1;
	}
	tty = open(ttyname, O_WRONLY | O_NOCTTY);
	if (tty < 0) {
		bench_na(key, "%s: %s", ttyname, strerror(errno));
		return 1;
	}
	fd = open("/proc/schedstat", O_RDONLY);
	if (fd < 0 || !task_ns(fd)) {
		why = "no task time in /proc/schedstat (CONFIG_SCHEDSTATS)";
	} else {
		ioctl(tty, TIOCGWINSZ, &ws);
		/* virtual_size is "W,H" */
		size[strcspn(size, ",")] = 'x';
		bench_info("console_fb", "%s %s %s bpp, text %ux%u", name, size, bpp,
			   ws.ws_col, ws.ws_row);
		why = measure(&o, tty, fd, ws.ws_row);
	}
	if (fd >= 0)
		close(fd);
	close(tty);
	if (why) {
		bench_na(key, "%s: %s", ttyname, why);
		return 1;
	}
	return 0;
}
