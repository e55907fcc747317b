/* Text by display width and element colours. Text is decoded from UTF-8 a
 * character at a time and each character's wcwidth counted, so a wide
 * character that would straddle the edge is replaced, never split. */
#include "config.h"

#include "convene/ui_draw.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static attr_t attrs[COL_COUNT];

static const struct {
	const char *name;
	short fg, bg;
	attr_t extra; /* added in colour */
	attr_t mono;  /* used alone without colour */
} elements[COL_COUNT] = {
	[COL_NORMAL] = { "normal", -1, -1, 0, 0 },
	[COL_TITLE] = { "title", COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[COL_STATUS] = { "status", COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[COL_HEADER] = { "header", COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[COL_SELECTED] = { "selected", COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
	[COL_CURSOR] = { "cursor", COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE | A_BOLD },
	[COL_HARD] = { "hard", COLOR_RED, -1, A_BOLD, A_BOLD },
	[COL_SOFT] = { "soft", COLOR_YELLOW, -1, 0, A_UNDERLINE },
	[COL_ERROR] = { "error", COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[COL_PICKED] = { "picked", COLOR_BLACK, COLOR_MAGENTA, A_BOLD, A_BOLD | A_REVERSE },
	[COL_UNAVAILABLE] = { "unavailable", COLOR_RED, -1, A_DIM, A_DIM },
	[COL_PLENARY] = { "plenary", COLOR_WHITE, COLOR_BLUE, 0, A_BOLD },
	[COL_TALK] = { "talk", COLOR_BLACK, COLOR_GREEN, 0, 0 },
	[COL_WORKSHOP] = { "workshop", COLOR_BLACK, COLOR_CYAN, 0, 0 },
	[COL_ACTIVITY] = { "activity", COLOR_WHITE, COLOR_MAGENTA, 0, 0 },
	[COL_COMMON] = { "common", COLOR_BLACK, COLOR_WHITE, 0, A_DIM },
};

static const char *const colour_names[] = { "black", "red",     "green", "yellow",
					    "blue",  "magenta", "cyan",  "white" };

/* A colour name or number; -1 for "default"; -2 if unknown. */
static short colour_parse(const char *s)
{
	long n;

	if (str_ieq(s, "default"))
		return -1;
	for (size_t i = 0; i < ARRAY_SIZE(colour_names); i++)
		if (str_ieq(s, colour_names[i]))
			return (short)i;
	if (parse_int(s, 0, 255, &n) == 0 && n < COLORS)
		return (short)n;
	return -2;
}

/* Read colours.NAME = "FG BG" over the defaults of element i. */
static void user_colour(const struct settings *cfg, int i, short *fg, short *bg,
			struct str *warnings)
{
	char *key = xasprintf("colours.%s", elements[i].name);
	const char *v = cfg ? settings_extra(cfg, key) : NULL;
	char a[32] = "", b[32] = "";

	if (v && sscanf(v, "%31s %31s", a, b) >= 1) {
		short f = colour_parse(a), g = *b ? colour_parse(b) : *bg;

		if (f == -2 || g == -2)
			str_catf(warnings, "%s: \"%s\" is not \"FOREGROUND BACKGROUND\" colours\n",
				 key, v);
		else {
			*fg = f;
			*bg = g;
		}
	}
	free(key);
}

void ui_colours_init(const struct settings *cfg, struct str *warnings)
{
	/* NO_COLOR (no-color.org): any value turns colour off. */
	const char *no_colour = getenv("NO_COLOR");
	int colour = has_colors() && (!cfg || settings_bool(cfg, "ui.colour")) &&
		     !(no_colour && *no_colour);

	if (colour && start_color() == OK) {
		use_default_colors();
		for (int i = 0; i < COL_COUNT; i++) {
			short fg = elements[i].fg, bg = elements[i].bg;

			user_colour(cfg, i, &fg, &bg, warnings);
			init_pair((short)(i + 1), fg, bg);
			attrs[i] = COLOR_PAIR(i + 1) | elements[i].extra;
		}
		return;
	}
	for (int i = 0; i < COL_COUNT; i++)
		attrs[i] = elements[i].mono;
}

attr_t ui_attr(enum ui_colour c)
{
	return attrs[c];
}

enum ui_colour ui_kind_colour(enum session_kind k)
{
	switch (k) {
	case KIND_KEYNOTE:
	case KIND_PLENARY:
		return COL_PLENARY;
	case KIND_TALK:
	case KIND_PANEL:
		return COL_TALK;
	case KIND_WORKSHOP:
		return COL_WORKSHOP;
	case KIND_CAROUSEL:
	case KIND_WORLD_CAFE:
		return COL_ACTIVITY;
	default:
		return COL_COMMON;
	}
}

int ui_put(WINDOW *w, int y, int x, const char *text, int width, attr_t attr)
{
	int limit, used = 0, nbuf = 0;
	wchar_t buf[64];
	mbstate_t st;
	size_t len;
	attr_t old;
	short pair;

	if (!text)
		text = "";
	limit = utf8_width(text) <= width ? width : width - 1;
	len = strlen(text);
	if (width <= 0)
		return 0;
	wattr_get(w, &old, &pair, NULL);
	wattrset(w, attr);
	wmove(w, y, x);
	memset(&st, 0, sizeof(st));
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, text, len, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			wc = L'?';
			n = 1;
		}
		if (n == 0)
			break;
		cw = wcwidth(wc);
		if (cw < 0 || wc < L' ') {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > limit)
			break;
		buf[nbuf++] = wc;
		used += cw;
		text += n;
		len -= n;
		if (nbuf == (int)ARRAY_SIZE(buf)) {
			waddnwstr(w, buf, nbuf);
			nbuf = 0;
		}
	}
	if (nbuf)
		waddnwstr(w, buf, nbuf);
	if (limit < width && used < width) {
		waddnwstr(w, L"\u2026", 1);
		used++;
	}
	while (used < width) {
		waddch(w, ' ');
		used++;
	}
	wattr_set(w, old, pair, NULL);
	return used;
}

int ui_put_line(WINDOW *w, int y, int x, const char *text, attr_t attr)
{
	return ui_put(w, y, x, text, getmaxx(w) - x, attr);
}

/* The bytes of the longest start of s (up to its end or a newline) that
 * fits in width columns, and where the last space in it is (-1: none). */
static size_t fit(const char *s, int width, long *space)
{
	mbstate_t st;
	size_t i = 0;
	int w = 0;

	memset(&st, 0, sizeof(st));
	*space = -1;
	while (s[i] && s[i] != '\n') {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, strlen(s + i), &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			n = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
		}
		if (w + cw > width)
			break;
		if (s[i] == ' ')
			*space = (long)i;
		w += cw;
		i += n;
	}
	return i;
}

int ui_wrap(const char *text, int width, char ***out)
{
	int n = 0, cap = 16;
	const char *p = text;

	*out = xcalloc((size_t)cap, sizeof(char *));
	if (width < 1)
		width = 1;
	while (*p || n == 0) {
		long space;
		size_t len = fit(p, width, &space), next;

		if (p[len] && p[len] != '\n' && space > 0) {
			len = (size_t)space; /* break at the space, and skip it */
			next = len + 1;
		} else {
			if (len == 0 && p[len] && p[len] != '\n')
				len = 1; /* a character wider than the width */
			next = len + (p[len] == '\n');
		}
		if (n == cap)
			*out = xreallocarray(*out, (size_t)(cap *= 2), sizeof(char *));
		(*out)[n++] = xstrndup(p, len);
		p += next;
		if (!*p)
			break;
	}
	return n;
}

void ui_wrap_free(char **lines, int n)
{
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

void ui_abbrev(const char *text, int width, struct str *out)
{
	size_t n = mbstowcs(NULL, text, 0);
	wchar_t *wc;
	int head, tail, w = 0, a, b;
	char mb[MB_LEN_MAX];

	if (n == (size_t)-1 || utf8_width(text) <= width || width < 3) {
		str_cat(out, text);
		return;
	}
	wc = xcalloc(n + 1, sizeof(wchar_t));
	mbstowcs(wc, text, n + 1);
	head = (width - 1) / 2;
	tail = width - 1 - head;
	/* The first head columns, an ellipsis, the last tail columns. */
	for (a = 0; a < (int)n && w + wcwidth(wc[a]) <= head; a++)
		w += wcwidth(wc[a]) > 0 ? wcwidth(wc[a]) : 0;
	w = 0;
	for (b = (int)n; b > a && w + wcwidth(wc[b - 1]) <= tail; b--)
		w += wcwidth(wc[b - 1]) > 0 ? wcwidth(wc[b - 1]) : 0;
	for (int i = 0; i < (int)n; i++) {
		int k;

		if (i == a) {
			str_cat(out, "…");
			i = b - 1;
			continue;
		}
		k = wctomb(mb, wc[i]);
		if (k > 0)
			str_catn(out, mb, (size_t)k);
	}
	free(wc);
}
