// SPDX-License-Identifier: GPL-2.0
/* INF text: sections, fields, quotes, comments, continuations, strings,
 * encodings and syntax errors with file and line. */
#include <stdlib.h>
#include <string.h>
#include "test_util.h"

static void sections_and_keys(void **state)
{
	struct inf *inf = parse_str("; header comment\n"
				    "[Version]\n"
				    "Signature = \"$Windows NT$\"\n"
				    "\n"
				    "[ Files ]   \n"
				    "a.sys\n"
				    "[version]\r\n"
				    "Class=Display\r\n"
				    "[files]\n"
				    "b.sys , , x\n");
	const struct inf_section *v, *f;

	(void)state;
	assert_null(inf->error);
	assert_int_equal(inf->nsections, 2);
	v = inf_section(inf, "VERSION");
	assert_non_null(v);
	assert_int_equal(v->line, 2);
	assert_int_equal(v->nentries, 2);	/* merged */
	assert_string_equal(inf_field(inf_find_key(v, "signature"), 0),
			    "$Windows NT$");
	assert_string_equal(inf_field(inf_find_key(v, "CLASS"), 0), "Display");
	f = inf_section(inf, "files");
	assert_non_null(f);
	assert_string_equal(f->name, "Files");
	assert_null(f->entries[0].key);
	assert_string_equal(f->entries[0].fields[0], "a.sys");
	assert_int_equal(f->entries[1].nfields, 3);
	assert_string_equal(f->entries[1].fields[0], "b.sys");
	assert_string_equal(f->entries[1].fields[1], "");
	assert_string_equal(f->entries[1].fields[2], "x");
	assert_int_equal(f->entries[1].line, 10);
	assert_null(inf_section(inf, "Strings"));
	inf_free(inf);
}

static void quotes_and_comments(void **state)
{
	struct inf *inf = parse_str("[S]\n"
				    "k = \"a, b\" , \" spaced \"  ; comment, ignored\n"
				    "\"say \"\"hi\"\"\";x\n"
				    "semi = \"a;b\", c;d\n"
				    "mixed = pre\"  in  \"post\n"
				    "eq = \"x=y\", 1\n"
				    "empty = \n"
				    "q = \"\"\n");
	const struct inf_entry *e;

	(void)state;
	assert_null(inf->error);
	e = entry_of(inf, "S", 0);
	assert_string_equal(e->key, "k");
	assert_int_equal(e->nfields, 2);
	assert_string_equal(e->fields[0], "a, b");
	assert_string_equal(e->fields[1], " spaced ");
	e = entry_of(inf, "S", 1);
	assert_null(e->key);
	assert_int_equal(e->nfields, 1);
	assert_string_equal(e->fields[0], "say \"hi\"");
	e = entry_of(inf, "S", 2);
	assert_int_equal(e->nfields, 2);
	assert_string_equal(e->fields[0], "a;b");
	assert_string_equal(e->fields[1], "c");
	assert_string_equal(inf_field(entry_of(inf, "S", 3), 0), "pre  in  post");
	e = entry_of(inf, "S", 4);
	assert_string_equal(e->key, "eq");
	assert_string_equal(e->fields[0], "x=y");
	e = entry_of(inf, "S", 5);
	assert_string_equal(e->key, "empty");
	assert_int_equal(e->nfields, 0);
	assert_string_equal(inf_field(e, 3), "");
	e = entry_of(inf, "S", 6);
	assert_int_equal(e->nfields, 1);
	assert_string_equal(e->fields[0], "");
	inf_free(inf);
}

static void continuation_lines(void **state)
{
	struct inf *inf = parse_str("[S]\n"
				    "HKR,,Bin,1,01,02,\\\n"
				    "   03,04 \\   ; comment after the backslash\n"
				    "   ,05\n"
				    "next = 1\n"
				    "last = \\\n");
	const struct inf_entry *e;

	(void)state;
	assert_null(inf->error);
	e = entry_of(inf, "S", 0);
	assert_int_equal(e->line, 2);
	assert_int_equal(e->nfields, 9);
	assert_string_equal(e->fields[6], "03");
	assert_string_equal(e->fields[7], "04");
	assert_string_equal(e->fields[8], "05");
	e = entry_of(inf, "S", 1);
	assert_int_equal(e->line, 5);
	e = entry_of(inf, "S", 2);
	assert_string_equal(e->key, "last");
	assert_int_equal(e->nfields, 0);
	inf_free(inf);
}

static void strings_substitution(void **state)
{
	struct inf *inf = parse_str("[S]\n"
				    "%Mfg% = %MODELS%, \"%desc% (quoted)\"\n"
				    "path = %12%\\x.sys, 100%%, %nosuch%, 50%\n"
				    "loc = %OnlyLocal%\n"
				    "[Strings.0409]\n"
				    "OnlyLocal = \"from 0409\"\n"
				    "mfg = \"wrong, 0409 comes second\"\n"
				    "[Strings]\n"
				    "MFG = \"ACME, Inc.\"\n"
				    "models = Models\n"
				    "Desc = \"Rage \"\"3D\"\"\"\n"
				    "Plain = a, b\n");
	const struct inf_entry *e;

	(void)state;
	assert_null(inf->error);
	e = entry_of(inf, "S", 0);
	assert_string_equal(e->key, "ACME, Inc.");
	assert_int_equal(e->nfields, 2);	/* substituted text is not re-split */
	assert_string_equal(e->fields[0], "Models");
	assert_string_equal(e->fields[1], "Rage \"3D\" (quoted)");
	e = entry_of(inf, "S", 1);
	assert_string_equal(e->fields[0], "%12%\\x.sys");
	assert_string_equal(e->fields[1], "100%");
	assert_string_equal(e->fields[2], "%nosuch%");
	assert_string_equal(e->fields[3], "50%");
	assert_string_equal(inf_field(entry_of(inf, "S", 2), 0), "from 0409");
	assert_true(has_warning(inf, "test.inf:3: undefined string %nosuch%"));
	assert_false(has_warning(inf, "%12%"));
	assert_string_equal(inf_field(entry_of(inf, "Strings", 3), 0), "a");
	inf_free(inf);
}

/* The same INF as UTF-16LE (with and without BOM) and UTF-8 with BOM reads
 * exactly as the ASCII original. */
static void assert_same_parse(const struct inf *a, const struct inf *b)
{
	unsigned int i, j, k;

	assert_null(b->error);
	assert_int_equal(a->nsections, b->nsections);
	for (i = 0; i < a->nsections; i++) {
		const struct inf_section *x = &a->sections[i];
		const struct inf_section *y = &b->sections[i];

		assert_string_equal(x->name, y->name);
		assert_int_equal(x->nentries, y->nentries);
		for (j = 0; j < x->nentries; j++) {
			assert_int_equal(x->entries[j].line, y->entries[j].line);
			assert_int_equal(x->entries[j].nfields,
					 y->entries[j].nfields);
			for (k = 0; k < x->entries[j].nfields; k++)
				assert_string_equal(x->entries[j].fields[k],
						    y->entries[j].fields[k]);
		}
	}
}

static void utf16le_and_bom(void **state)
{
	size_t len, wlen;
	char *ascii = read_fixture("acme.inf", &len);
	struct inf *a = inf_parse("acme.inf", ascii, len), *b;
	char *wide, *u8;

	(void)state;
	assert_null(a->error);
	assert_true(a->nsections > 20);
	wide = to_utf16le(ascii, len, 1, &wlen);
	b = inf_parse("acme16.inf", wide, wlen);
	assert_same_parse(a, b);
	inf_free(b);
	b = inf_parse("acme16nobom.inf", wide + 2, wlen - 2);
	assert_same_parse(a, b);
	inf_free(b);
	u8 = malloc(len + 3);
	assert_non_null(u8);
	memcpy(u8, "\xef\xbb\xbf", 3);
	memcpy(u8 + 3, ascii, len);
	b = inf_parse("acme8.inf", u8, len + 3);
	assert_same_parse(a, b);
	inf_free(b);
	free(u8);
	free(wide);
	free(ascii);
	inf_free(a);
}

static void non_ascii_text(void **state)
{
	/* "Gerät": UTF-16 with a surrogate pair, and ANSI (Latin-1) */
	static const char w[] = "\xff\xfe[\0S\0]\0\n\0k\0=\0G\0\xe4\0r\0"
				"\x3d\xd8\x00\xde\n\0";
	struct inf *inf = inf_parse("w.inf", w, sizeof(w) - 1);

	(void)state;
	assert_null(inf->error);
	assert_string_equal(inf_field(entry_of(inf, "S", 0), 0),
			    "G\xc3\xa4r\xf0\x9f\x98\x80");
	inf_free(inf);
	inf = parse_str("[S]\nk=Ger\xe4t\n");
	assert_string_equal(inf_field(entry_of(inf, "S", 0), 0), "Ger\xc3\xa4t");
	inf_free(inf);
	inf = parse_str("[S]\nk=Ger\xc3\xa4t\n\x1a[junk after Ctrl-Z\n");
	assert_null(inf->error);
	assert_string_equal(inf_field(entry_of(inf, "S", 0), 0), "Ger\xc3\xa4t");
	inf_free(inf);
}

static void syntax_errors(void **state)
{
	static const struct {
		const char *text;
		size_t len;		/* 0: strlen */
		unsigned int line;
		const char *msg;
	} cases[] = {
		{ "[S]\nk = \"open\n", 0, 2, "unterminated quoted string" },
		{ "[S]\n\n[T\nx=1\n", 0, 3, "section header without ']'" },
		{ "[S] x\n", 0, 1, "text after section header" },
		{ "[ ]\n", 0, 1, "empty section name" },
		{ "; c\n\nstray=1\n[S]\n", 0, 3, "line outside of any section" },
		{ "[S]\nk=a\0b\n", 10, 2, "NUL byte in text" },
		{ "\xff\xfe[\0S\0]", 7, 0, "odd number of bytes" },
		{ "\xff\xfe[\0\n\0\x00\xdc", 8, 2, "lone low surrogate" },
		{ "\xff\xfe\x00\xd8x\0", 6, 1, "lone high surrogate" },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = cases[i].len ? cases[i].len : strlen(cases[i].text);
		struct inf *inf = inf_parse("test.inf", cases[i].text, n);

		assert_error(inf, cases[i].line, cases[i].msg);
		inf_free(inf);
	}
}

static void load_missing_file(void **state)
{
	struct inf *inf = inf_load("/nonexistent/card.inf");

	(void)state;
	assert_error(inf, 0, "cannot open");
	inf_free(inf);
}

int run_syntax_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sections_and_keys),
		cmocka_unit_test(quotes_and_comments),
		cmocka_unit_test(continuation_lines),
		cmocka_unit_test(strings_substitution),
		cmocka_unit_test(utf16le_and_bom),
		cmocka_unit_test(non_ascii_text),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(load_missing_file),
	};

	return cmocka_run_group_tests_name("inf syntax", tests, NULL, NULL);
}
