// SPDX-License-Identifier: GPL-2.0
/* drmbench: timing, statistics and the line protocol to the host. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

static double clock_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/*
 * CPU time of this thread, kernel time included: a blocking commit runs the
 * driver's work in our context, while waiting for a vblank is not counted.
 */
double cpu_ms(void)
{
	return clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

void bench_value(const char *key, double value)
{
	printf("BENCH %s %.3f\n", key, value);
	fflush(stdout);
}

static void line(const char *tag, const char *key, const char *fmt, va_list ap)
{
	printf("%s %s ", tag, key);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
}

void bench_na(const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("BENCH_NA", key, fmt, ap);
	va_end(ap);
}

void bench_info(const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line("BENCH_INFO", key, fmt, ap);
	va_end(ap);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v in place. */
double median(double *v, unsigned int n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * The harness (tests/vm/vmrun.py) answers "@@SCREENDUMP name" on our stdout
 * with a line on ttyS1 once QEMU has written the dump.
 */
int screendump(const char *name)
{
	char ack[16] = "";
	FILE *tty;

	printf("@@SCREENDUMP %s\n", name);
	fflush(stdout);
	tty = fopen("/dev/ttyS1", "r");
	if (!tty)
		return -1;
	if (!fgets(ack, sizeof(ack), tty))
		ack[0] = 0;
	fclose(tty);
	return strncmp(ack, "ok", 2) ? -1 : 0;
}
