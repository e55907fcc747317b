/* Forms: text fields kept as wide characters (so the cursor moves over
 * whole characters, whatever their width), checked after every key. */
#include "config.h"

#include "convene/ui_form.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "convene/fold.h"
#include "convene/rules.h"
#include "convene/ui_draw.h"
#include "convene/ui_pane.h"

struct ui_form *ui_form_new(const char *title, int64_t id)
{
	struct ui_form *f = xcalloc(1, sizeof(*f));

	f->title = xstrdup(title);
	f->id = id;
	return f;
}

void ui_form_free(struct ui_form *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->n; i++) {
		free(f->fields[i].buf);
		free(f->fields[i].msg);
		free(f->fields[i].utf8);
		free(f->fields[i].completed);
		free(f->fields[i].first);
	}
	free(f->fields);
	free(f->at_room_name);
	free(f->title);
	free(f->error);
	free(f);
}

static void field_set(struct ui_field *fl, const char *text)
{
	size_t n = mbstowcs(NULL, text, 0);

	if (n == (size_t)-1)
		n = 0;
	fl->cap = (int)n + 16;
	fl->buf = xreallocarray(fl->buf, (size_t)fl->cap, sizeof(wchar_t));
	fl->len = n ? (int)mbstowcs(fl->buf, text, n + 1) : 0;
	fl->buf[fl->len] = L'\0';
	fl->cur = fl->len;
}

int ui_form_add(struct ui_form *f, const char *label, const char *text, ui_check_fn check,
		const char *hint)
{
	struct ui_field *fl;

	f->fields = xreallocarray(f->fields, (size_t)f->n + 1, sizeof(*f->fields));
	fl = &f->fields[f->n];
	memset(fl, 0, sizeof(*fl));
	fl->label = label;
	fl->hint = hint;
	fl->check = check;
	fl->completing = -1;
	fl->first = xstrdup(text ? text : "");
	field_set(fl, text ? text : "");
	return f->n++;
}

const char *ui_form_text(struct ui_form *f, int i)
{
	struct ui_field *fl = &f->fields[i];
	size_t n = wcstombs(NULL, fl->buf, 0);

	free(fl->utf8);
	if (n == (size_t)-1) {
		fl->utf8 = xstrdup("");
	} else {
		fl->utf8 = xmalloc(n + 1);
		wcstombs(fl->utf8, fl->buf, n + 1);
	}
	return fl->utf8;
}

int ui_form_check(struct ui *ui, struct ui_form *f)
{
	int bad = 0;

	for (int i = 0; i < f->n; i++) {
		struct ui_field *fl = &f->fields[i];

		free(fl->msg);
		fl->msg = fl->check ? fl->check(ui, f, ui_form_text(f, i)) : NULL;
		bad += fl->msg != NULL;
	}
	return bad;
}

static void insert(struct ui_field *fl, wchar_t wc)
{
	if (fl->len + 2 > fl->cap) {
		fl->cap = fl->cap * 2 + 16;
		fl->buf = xreallocarray(fl->buf, (size_t)fl->cap, sizeof(wchar_t));
	}
	memmove(&fl->buf[fl->cur + 1], &fl->buf[fl->cur],
		(size_t)(fl->len - fl->cur + 1) * sizeof(wchar_t));
	fl->buf[fl->cur++] = wc;
	fl->len++;
}

static void erase_at(struct ui_field *fl, int at)
{
	if (at < 0 || at >= fl->len)
		return;
	memmove(&fl->buf[at], &fl->buf[at + 1], (size_t)(fl->len - at) * sizeof(wchar_t));
	fl->len--;
	if (fl->cur > at)
		fl->cur--;
}

/* Editing keys of the focused field; 1 if the text changed. */
static int edit_key(struct ui_field *fl, int is_code, wint_t ch)
{
	if (is_code || ch < 32 || ch == 127)
		fl->replace = 0; /* a move or an erase keeps the text to edit */
	if (is_code) {
		switch (ch) {
		case KEY_LEFT:
			fl->cur -= fl->cur > 0;
			return 0;
		case KEY_RIGHT:
			fl->cur += fl->cur < fl->len;
			return 0;
		case KEY_HOME:
			fl->cur = 0;
			return 0;
		case KEY_END:
			fl->cur = fl->len;
			return 0;
		case KEY_BACKSPACE:
			erase_at(fl, fl->cur - 1);
			return 1;
		case KEY_DC:
			erase_at(fl, fl->cur);
			return 1;
		default:
			return 0;
		}
	}
	if (ch == 127 || ch == 8) {
		erase_at(fl, fl->cur - 1);
		return 1;
	}
	if (ch == 21) { /* ^U clears */
		fl->len = fl->cur = 0;
		fl->buf[0] = L'\0';
		return 1;
	}
	if (ch == 1 || ch == 5) { /* ^A, ^E */
		fl->cur = ch == 1 ? 0 : fl->len;
		return 0;
	}
	if (ch < 32 || fl->locked)
		return 0;
	if (fl->replace)
		fl->len = fl->cur = 0;
	fl->replace = 0;
	insert(fl, (wchar_t)ch);
	return 1;
}

int ui_form_changed(struct ui_form *f)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(ui_form_text(f, i), f->fields[i].first) != 0)
			return 1;
	return 0;
}

void ui_form_complete(struct ui_form *f, int i, ui_complete_fn fn)
{
	f->fields[i].complete = fn;
}

void ui_form_complete_part(struct ui_form *f, int i, ui_complete_fn fn)
{
	f->fields[i].complete = fn;
	f->fields[i].complete_parts = 1;
}

/* ^N: replace the last item of the field (after its last ';', or its last
 * '|' in a field of parts) with the next value that what was typed there
 * could mean, cycling round. */
static int complete(struct ui *ui, struct ui_field *fl)
{
	int start = fl->len;
	char word[512];
	char *cand;
	size_t n;

	while (start > 0 && fl->buf[start - 1] != L';' &&
	       !(fl->complete_parts && fl->buf[start - 1] == L'|'))
		start--;
	if (fl->completing < 0) {
		int b = start, e = fl->len;

		while (b < e && fl->buf[b] == L' ')
			b++;
		free(fl->completed);
		fl->completed = xcalloc((size_t)(e - b) + 1, sizeof(wchar_t));
		wmemcpy(fl->completed, &fl->buf[b], (size_t)(e - b));
	}
	n = wcstombs(word, fl->completed, sizeof(word) - 1);
	if (n == (size_t)-1 || !fl->completed[0])
		return 0;
	word[n] = '\0';
	cand = fl->complete(ui, word, fl->completing + 1);
	if (cand)
		fl->completing++;
	else if (fl->completing >= 0 && (cand = fl->complete(ui, word, 0)))
		fl->completing = 0; /* round again */
	if (!cand)
		return 0;
	fl->len = fl->cur = start;
	if (start > 0)
		insert(fl, L' ');
	for (const char *p = cand; *p;) {
		wchar_t wc;
		int k = mbtowc(&wc, p, strlen(p));

		if (k <= 0)
			break;
		insert(fl, wc);
		p += k;
	}
	fl->buf[fl->len] = L'\0';
	free(cand);
	return 1;
}

enum ui_form_result ui_form_key(struct ui *ui, struct ui_form *f, int is_code, wint_t ch)
{
	struct ui_field *fl = &f->fields[f->focus];

	if (!is_code && ch == 27)
		return FORM_CANCEL;
	if ((!is_code && (ch == '\n' || ch == '\r')) || (is_code && ch == KEY_ENTER))
		return ui_form_check(ui, f) ? FORM_GOING : FORM_DONE;
	if ((!is_code && ch == '\t') || (is_code && ch == KEY_DOWN)) {
		f->focus = (f->focus + 1) % f->n;
		return FORM_GOING;
	}
	if (is_code && (ch == KEY_BTAB || ch == KEY_UP)) {
		f->focus = (f->focus + f->n - 1) % f->n;
		return FORM_GOING;
	}
	if (fl->locked && !(is_code && (ch == KEY_LEFT || ch == KEY_RIGHT)))
		return FORM_GOING;
	if (!is_code && ch == 14 && fl->complete) { /* ^N */
		if (complete(ui, fl)) {
			free(f->error);
			f->error = NULL;
			ui_form_check(ui, f);
		}
		return FORM_GOING;
	}
	fl->completing = -1;
	if (edit_key(fl, is_code, ch)) {
		free(f->error);
		f->error = NULL;
		ui_form_check(ui, f);
		if (f->changed)
			f->changed(ui, f);
	}
	return FORM_GOING;
}

/* Draw a field's text in width columns, scrolled so the cursor shows;
 * returns the cursor's column. */
static int draw_field(struct ui_field *fl, WINDOW *w, int y, int x, int width, attr_t a)
{
	int start = 0, cx;
	struct str s;

	/* Scroll so the text before the cursor fits. */
	for (;;) {
		int wd = 0;

		for (int i = start; i < fl->cur; i++)
			wd += wcwidth(fl->buf[i]) > 0 ? wcwidth(fl->buf[i]) : 1;
		if (wd < width || start >= fl->cur) {
			cx = x + wd;
			break;
		}
		start++;
	}
	str_init(&s);
	for (int i = start; i < fl->len; i++) {
		char mb[MB_LEN_MAX];
		mbstate_t st;
		size_t n;

		memset(&st, 0, sizeof(st));
		n = wcrtomb(mb, fl->buf[i], &st);
		if (n != (size_t)-1)
			str_catn(&s, mb, n);
	}
	ui_put(w, y, x, s.buf, width, a);
	str_done(&s);
	return cx;
}

void ui_form_draw(struct ui_form *f, WINDOW *w)
{
	int wd = getmaxx(w), h = getmaxy(w), lw = 0, cy = 0, cx = 0, y = 1;
	int nvis = (h - 4) / 2; /* rows 1..h-4 hold fields; then the error, keys, border */

	werase(w);
	wattrset(w, ui_attr(COL_NORMAL));
	box(w, 0, 0);
	{
		char *t = xasprintf(" %s ", f->title);

		ui_put(w, 0, 2, t, utf8_width(t) < wd - 14 ? utf8_width(t) : wd - 14,
		       ui_attr(COL_HEADER));
		free(t);
	}
	for (int i = 0; i < f->n; i++)
		if (utf8_width(f->fields[i].label) > lw)
			lw = utf8_width(f->fields[i].label);
	if (nvis < 1)
		nvis = 1;
	if (f->focus < f->top)
		f->top = f->focus;
	if (f->focus >= f->top + nvis)
		f->top = f->focus - nvis + 1;
	if (f->top > f->n - nvis)
		f->top = f->n - nvis > 0 ? f->n - nvis : 0;
	if (f->top > 0)
		ui_put(w, 0, wd - 10, " ↑ more ", 8, A_DIM);
	if (f->top + nvis < f->n)
		ui_put(w, h - 1, wd - 10, " ↓ more ", 8, A_DIM);
	for (int i = f->top; i < f->n && i < f->top + nvis; i++) {
		struct ui_field *fl = &f->fields[i];
		int focused = i == f->focus;
		attr_t a = focused ? ui_attr(COL_SELECTED) : A_UNDERLINE;
		int x;

		ui_put(w, y, 2, fl->label, lw, focused ? A_BOLD : 0);
		x = draw_field(fl, w, y, lw + 4, wd - lw - 6, fl->locked ? A_DIM : a);
		if (focused) {
			cy = y;
			cx = x;
		}
		if (fl->msg)
			ui_put(w, y + 1, lw + 4, fl->msg, wd - lw - 6, ui_attr(COL_HARD));
		else if (fl->locked)
			ui_put(w, y + 1, lw + 4, "(identifies the row; cannot change here)",
			       wd - lw - 6, A_DIM);
		else if (focused && fl->hint)
			ui_put(w, y + 1, lw + 4, fl->hint, wd - lw - 6, A_DIM);
		y += 2;
	}
	if (f->error)
		ui_put(w, h - 3, 2, f->error, wd - 4, ui_attr(COL_ERROR));
	ui_put(w, h - 2, 2, "Enter saves  Tab/Down next  Up back  Esc cancels", wd - 4, A_DIM);
	wmove(w, cy, cx);
}

void ui_form_draw_prompt(struct ui_form *f, WINDOW *w, int y, const char *prefix)
{
	int pw = utf8_width(prefix);
	int cx;

	ui_put(w, y, 0, prefix, pw, ui_attr(COL_NORMAL));
	cx = draw_field(&f->fields[0], w, y, pw, getmaxx(w) - pw - 1, ui_attr(COL_NORMAL));
	wmove(w, y, cx);
}

enum status ui_form_begin(struct ui *ui, struct ui_form *f, const char *noun, struct error *err)
{
	char *what = xasprintf("%s %s %s", f->id ? "edit" : "add", noun, ui_form_text(f, 0));
	enum status st = db_begin(ui->db, what, err);

	free(what);
	if (st || !f->table || !f->id || journal_row_version(ui->db, f->table, f->id) == f->seen)
		return st;
	db_rollback(ui->db);
	return error_set(err, ST_PROBLEM,
			 "someone else changed this a moment ago: Esc, then open "
			 "it again to see their edit");
}

/* Time tags: words rules_time_tag knows, each maybe with ! before it. */
char *ui_check_time_tags(struct ui *ui, struct ui_form *f, const char *t)
{
	char *copy = xstrdup(t), *save = NULL, *msg = NULL;

	(void)ui;
	(void)f;
	for (char *w = strtok_r(copy, ";", &save); w && !msg; w = strtok_r(NULL, ";", &save)) {
		char *word = str_trim(w);

		word += *word == '!';
		if (*word && !rules_time_tag(word))
			msg = xasprintf("'%s' is not a time: morning, afternoon, first, last, "
					"opening, closing, day1 ...",
					word);
	}
	free(copy);
	return msg;
}

/* Whether any room has word among its features (field 0) or tags (1). */
static int some_room_has(const struct ui *ui, int tags, const char *word)
{
	for (int i = 0; i < ui->conf.nrooms; i++)
		if (tags_have(tags ? ui->conf.rooms[i].tags : ui->conf.rooms[i].features, word))
			return 1;
	return 0;
}

/* Every word of t (a ! before it allowed for tags) names what some room has. */
static char *check_room_words(struct ui *ui, const char *t, int tags)
{
	char *copy = xstrdup(t), *save = NULL, *msg = NULL;
	struct str known;

	for (char *w = strtok_r(copy, ";", &save); w && !msg; w = strtok_r(NULL, ";", &save)) {
		char *word = str_trim(w);

		word += tags && *word == '!';
		if (!*word || some_room_has(ui, tags, word))
			continue;
		str_init(&known);
		for (int i = 0; i < ui->conf.nrooms; i++) {
			char *list = xstrdup(tags ? ui->conf.rooms[i].tags
						  : ui->conf.rooms[i].features);
			char *s2 = NULL;

			for (char *k = strtok_r(list, ";", &s2); k; k = strtok_r(NULL, ";", &s2))
				if (*str_trim(k) && !tags_have(known.buf ? known.buf : "", k))
					str_catf(&known, "%s%s", known.len ? "; " : "", k);
			free(list);
		}
		msg = xasprintf("no room has '%s'%s%s", word, known.len ? "; rooms have: " : "",
				known.len ? known.buf : "");
		str_done(&known);
	}
	free(copy);
	return msg;
}

char *ui_check_features(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)f;
	return check_room_words(ui, t, 0);
}

char *ui_check_room_tags(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)f;
	return check_room_words(ui, t, 1);
}

/* ---- completions ------------------------------------------------------- */

char *ui_complete_speaker(struct ui *ui, const char *word, int nth)
{
	for (int i = 0; i < ui->conf.nspeakers; i++) {
		const struct speaker *sp = &ui->conf.speakers[i];

		if ((fold_contains(sp->name, word) || fold_contains(sp->email, word)) && nth-- == 0)
			return xstrdup(sp->name);
	}
	return NULL;
}

/* A delegate as a form takes them back: the name, or the email when
 * another delegate has the same name. */
static char *delegate_key(const struct ui *ui, int d)
{
	char *name = delegate_name(&ui->conf.delegates[d]);

	for (int i = 0; i < ui->conf.ndelegates; i++) {
		char *other = i == d ? NULL : delegate_name(&ui->conf.delegates[i]);
		int same = other && fold_equal(other, name);

		free(other);
		if (same && *ui->conf.delegates[d].email) {
			free(name);
			return xstrdup(ui->conf.delegates[d].email);
		}
	}
	return name;
}

char *ui_complete_delegate(struct ui *ui, const char *word, int nth)
{
	for (int i = 0; i < ui->conf.ndelegates; i++) {
		char *name = delegate_name(&ui->conf.delegates[i]);
		int hit = fold_contains(name, word) ||
			  fold_contains(ui->conf.delegates[i].email, word);

		free(name);
		if (hit && nth-- == 0)
			return delegate_key(ui, i);
	}
	return NULL;
}

char *ui_complete_person(struct ui *ui, const char *word, int nth)
{
	int k = 0;
	char *c;

	while ((c = ui_complete_speaker(ui, word, k))) {
		free(c);
		k++;
	}
	return nth < k ? ui_complete_speaker(ui, word, nth)
		       : ui_complete_delegate(ui, word, nth - k);
}
