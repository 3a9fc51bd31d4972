// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench: the guest half of `make bench`.  The same program runs on the
 * native DRM driver and on vpwrap, so any difference is the driver's.
 *
 *	drmbench load -- CMD...		load time and kernel memory (load.c)
 *	drmbench run [-s SECONDS] [-m SWITCHES] [-d] [-o TEST] [CARD]
 *					host-load reference (calib.c), vblank
 *					rate (vblank.c), update rates
 *					(update.c), modeset (modeset.c)
 *	drmbench console [-n LINES] [-r RUNS] [TTY]
 *					time per line of the framebuffer
 *					console (console.c)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

/* -o TEST (for profiling one path): is this test to run? */
int selected(const struct bench_opts *o, const char *test)
{
	return !o->only || !strcmp(o->only, test);
}

static int run_main(int argc, char **argv)
{
	struct bench_opts o = { .seconds = 2.0, .switches = 20, .dump = 0 };
	const char *card = "/dev/dri/card0";
	struct kms k;
	int c, r;

	while ((c = getopt(argc, argv, "s:m:do:")) != -1) {
		switch (c) {
		case 's':
			o.seconds = atof(optarg);
			break;
		case 'm':
			o.switches = atoi(optarg);
			break;
		case 'd':
			o.dump = 1;
			break;
		case 'o':
			o.only = optarg;
			break;
		default:
			fprintf(stderr, "usage: drmbench run [-s SECONDS] [-m SWITCHES] [-d]"
				" [-o full|small|modeset] [CARD]\n");
			return 2;
		}
	}
	if (optind < argc)
		card = argv[optind];
	r = kms_open(&k, card, KMS_LEGACY_OK);
	if (r) {
		bench_na("device", "%s: %s", card, strerror(-r));
		return 1;
	}
	bench_info("device", "connector %u crtc %u plane %u, %u modes, %u formats, atomic %s",
		   k.conn, k.crtc, k.primary, k.num_modes, k.num_formats,
		   k.atomic ? "yes" : "no");
	bench_reference();
	bench_vblank(&k);
	bench_updates(&k, &o);
	if (selected(&o, "modeset"))
		bench_modeset(&k, &o);
	kms_close(&k);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "load")) {
		int skip = argc >= 3 && !strcmp(argv[2], "--") ? 3 : 2;

		return load_main(argc - skip, argv + skip);
	}
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return run_main(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "console"))
		return console_main(argc - 1, argv + 1);
	fprintf(stderr, "usage: drmbench load -- CMD... | drmbench run [options] |"
		" drmbench console [options]\n");
	return 2;
}
