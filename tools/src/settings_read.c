// SPDX-License-Identifier: GPL-2.0
/* Reading back what `list` shows from a settings file. */
#include <stdlib.h>
#include <string.h>
#include "src/settings.h"

static char *rest_of(char *line, const char *word)
{
	size_t n = strlen(word);
	char *end;

	if (strncmp(line, word, n) || (line[n] != ' ' && line[n] != '\t'))
		return NULL;
	line += n;
	while (*line == ' ' || *line == '\t')
		line++;
	end = line + strlen(line);
	while (end > line && strchr(" \t\r\n", end[-1]))
		*--end = '\0';
	return line;
}

static int add_pci(struct vp_settings_summary *s, const char *tail)
{
	char **p = realloc(s->pci, (s->npci + 1) * sizeof(*p));

	if (!p)
		return -1;
	s->pci = p;
	p[s->npci] = strdup(tail);
	if (!p[s->npci])
		return -1;
	s->npci++;
	return 0;
}

int vp_read_settings(const char *path, struct vp_settings_summary *s)
{
	FILE *f = fopen(path, "r");
	char line[1024], *v;
	int r = 0;

	memset(s, 0, sizeof(*s));
	if (!f)
		return -1;
	while (!r && fgets(line, sizeof(line), f)) {
		if ((v = rest_of(line, "image")) && !s->image) {
			s->image = strdup(v);
			r = s->image ? 0 : -1;
		} else if ((v = rest_of(line, "pci"))) {
			r = add_pci(s, v);
		}
	}
	fclose(f);
	if (!r && s->image)
		return 0;
	vp_settings_summary_free(s);
	return -1;
}

void vp_settings_summary_free(struct vp_settings_summary *s)
{
	unsigned int i;

	for (i = 0; i < s->npci; i++)
		free(s->pci[i]);
	free(s->pci);
	free(s->image);
	memset(s, 0, sizeof(*s));
}
