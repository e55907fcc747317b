/* Case- and accent-insensitive text (fold.h). ASCII, most of what an
 * organiser types, is lowered in place without GLib; anything else is
 * decomposed (NFD), case folded, and stripped of combining marks. */
#include "config.h"

#include "convene/fold.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

void fold_cat(struct str *out, const char *text)
{
	gchar *nfd, *folded;

	if (ascii(text) || !g_utf8_validate(text, -1, NULL)) {
		size_t from = out->len;

		str_cat(out, text);
		for (size_t i = from; i < out->len; i++)
			if (out->buf[i] >= 'A' && out->buf[i] <= 'Z')
				out->buf[i] = (char)(out->buf[i] - 'A' + 'a');
		return;
	}
	nfd = g_utf8_normalize(text, -1, G_NORMALIZE_NFD);
	folded = g_utf8_casefold(nfd ? nfd : text, -1);
	for (const gchar *p = folded; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_ismark(c))
			str_catn(out, p, (size_t)(g_utf8_next_char(p) - p));
	}
	g_free(folded);
	g_free(nfd);
}

int fold_contains(const char *haystack, const char *needle)
{
	struct str h, n;
	int yes;

	if (!*needle)
		return 1;
	str_init(&h);
	str_init(&n);
	fold_cat(&h, haystack);
	fold_cat(&n, needle);
	yes = h.buf && n.buf && strstr(h.buf, n.buf) != NULL;
	str_done(&h);
	str_done(&n);
	return yes;
}

int fold_equal(const char *a, const char *b)
{
	struct str fa, fb;
	int eq;

	str_init(&fa);
	str_init(&fb);
	fold_cat(&fa, a);
	fold_cat(&fb, b);
	eq = strcmp(fa.buf ? fa.buf : "", fb.buf ? fb.buf : "") == 0;
	str_done(&fa);
	str_done(&fb);
	return eq;
}

int fold_compare(const char *a, const char *b)
{
	struct str fa, fb;
	int r;

	str_init(&fa);
	str_init(&fb);
	fold_cat(&fa, a);
	fold_cat(&fb, b);
	r = strcoll(fa.buf ? fa.buf : "", fb.buf ? fb.buf : "");
	str_done(&fa);
	str_done(&fb);
	return r ? r : strcoll(a, b);
}
