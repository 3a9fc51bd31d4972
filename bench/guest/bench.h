/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drmbench: shared helpers.  Every figure goes out as one line the host
 * parses (bench/report.py):
 *
 *	BENCH <key> <number>		a measurement
 *	BENCH_NA <key> <reason...>	could not be measured, and why
 *	BENCH_INFO <key> <text...>	context (method used, mode, counts)
 */
#ifndef DRMBENCH_BENCH_H
#define DRMBENCH_BENCH_H

#include <stdint.h>
#include "kms.h"

double now_ms(void);
double cpu_ms(void);
void bench_value(const char *key, double value);
void bench_na(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bench_info(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
double median(double *v, unsigned int n);
/* Ask the host for a QEMU screen dump named NAME; 0 once it is written. */
int screendump(const char *name);

struct bench_opts {
	double seconds;		/* length of each rate measurement */
	unsigned int switches;	/* modesets timed */
	int dump;		/* take screen dumps for the placement check */
	const char *only;	/* "full", "small" or "modeset": that test alone */
};

int load_main(int argc, char **argv);
int console_main(int argc, char **argv);
int selected(const struct bench_opts *o, const char *test);
void bench_updates(struct kms *k, const struct bench_opts *o);
void bench_modeset(struct kms *k, const struct bench_opts *o);
void bench_vblank(struct kms *k);
void bench_reference(void);

#endif
