// SPDX-License-Identifier: GPL-2.0
/* The [Strings] table: %key% -> value, keys compared without case. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "inf_internal.h"

const char *inf_strtab_get(const struct inf_strtab *t, const char *key,
			   size_t keylen)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		if (strlen(t->items[i].key) == keylen &&
		    !strncasecmp(t->items[i].key, key, keylen))
			return t->items[i].value;
	return NULL;
}

/* The first definition wins, as a later localized section only fills gaps. */
int inf_strtab_add(struct inf_strtab *t, const char *key, const char *value)
{
	struct inf_str *it;

	if (inf_strtab_get(t, key, strlen(key)))
		return 0;
	if (inf_grow(&t->items, &t->cap, t->n, sizeof(*t->items)))
		return -1;
	it = &t->items[t->n];
	it->key = strdup(key);
	it->value = strdup(value);
	if (!it->key || !it->value) {
		free(it->key);
		free(it->value);
		return -1;
	}
	t->n++;
	return 0;
}

void inf_strtab_free(struct inf_strtab *t)
{
	unsigned int i;

	for (i = 0; i < t->n; i++) {
		free(t->items[i].key);
		free(t->items[i].value);
	}
	free(t->items);
	memset(t, 0, sizeof(*t));
}
