/* PDF writers. One cairo PDF surface per file and one reused PangoLayout:
 * each piece of text is laid out once, measured, then shown, so a thousand
 * timetables take a few seconds. Fonts are "Sans" (DejaVu Sans on Debian),
 * which covers Latin, Greek, Cyrillic and more. */
#include "convene/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define A4_W (210 * MM)
#define A4_H (297 * MM)
#define A3_W (420 * MM)
#define A3_H (297 * MM)
#define MARGIN (13 * MM)

enum font { F_BODY, F_BOLD, F_SMALL, F_ITALIC, F_TITLE, F_HEAD, F_TINY, F_COUNT };

static const char *const font_names[F_COUNT] = {
	[F_BODY] = "Sans 9",          [F_BOLD] = "Sans Bold 9",   [F_SMALL] = "Sans 7.5",
	[F_ITALIC] = "Sans Italic 8", [F_TITLE] = "Sans Bold 18", [F_HEAD] = "Sans Bold 11",
	[F_TINY] = "Sans 6.5",
};

struct pdf {
	struct outfile out;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoLayout *layout;
	PangoLayout *cols[5];
	PangoFontDescription *fonts[F_COUNT];
	double w, h, y;
	int pages;
	int dry; /* measure only: show nothing */
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct outfile *out = closure;

	outfile_write(out, data, len);
	return out->error ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static enum status pdf_open(struct pdf *p, const char *path, double w, double h, struct error *err)
{
	memset(p, 0, sizeof(*p));
	if (outfile_open(&p->out, path, err))
		return ST_IO;
	p->w = w;
	p->h = h;
	p->surface = cairo_pdf_surface_create_for_stream(write_out, &p->out, w, h);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "convene");
	p->cr = cairo_create(p->surface);
	p->layout = pango_cairo_create_layout(p->cr);
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	for (size_t i = 0; i < ARRAY_SIZE(p->cols); i++) {
		p->cols[i] = pango_cairo_create_layout(p->cr);
		pango_layout_set_wrap(p->cols[i], PANGO_WRAP_WORD_CHAR);
	}
	for (int i = 0; i < F_COUNT; i++)
		p->fonts[i] = pango_font_description_from_string(font_names[i]);
	p->y = MARGIN;
	return ST_OK;
}

/* Free the layouts and fonts and finish the surface's output. */
static void pdf_release(struct pdf *p)
{
	for (int i = 0; i < F_COUNT; i++)
		pango_font_description_free(p->fonts[i]);
	g_object_unref(p->layout);
	for (size_t i = 0; i < ARRAY_SIZE(p->cols); i++)
		g_object_unref(p->cols[i]);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
}

static enum status pdf_close(struct pdf *p, const char *path, struct error *err)
{
	cairo_status_t cs;
	enum status st;

	cairo_show_page(p->cr);
	pdf_release(p);
	cs = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	if (cs == CAIRO_STATUS_SUCCESS || p->out.error)
		return outfile_commit(&p->out, err); /* a write error is told there */
	st = error_set(err, ST_IO, "%s: %s; nothing was written", path, cairo_status_to_string(cs));
	outfile_abort(&p->out);
	return st;
}

/* Drop what was laid out: the file keeps what it held. */
static void pdf_abort(struct pdf *p)
{
	pdf_release(p);
	cairo_surface_destroy(p->surface);
	outfile_abort(&p->out);
}

static void new_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->y = MARGIN;
	p->pages++;
}

/* Give a layout its text, without the control characters a name or title
 * may have brought from a file. */
static void set_text(PangoLayout *l, const char *text)
{
	char *safe = safe_text(text, SAFE_DROP);

	pango_layout_set_text(l, safe, -1);
	free(safe);
}

/* Lay out text in font, wrapped to width points (0: no wrap); returns its
 * height. The layout stays ready for show(). */
static double lay(struct pdf *p, enum font f, double width, const char *text)
{
	int w, h;

	pango_layout_set_font_description(p->layout, p->fonts[f]);
	pango_layout_set_width(p->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	set_text(p->layout, text);
	pango_layout_get_size(p->layout, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double lay_width(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->layout, &w, &h);
	return (double)w / PANGO_SCALE;
}

static double lay_height(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->layout, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void show(struct pdf *p, double x, double y)
{
	if (p->dry)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

static void colour(struct pdf *p, double r, double g, double b)
{
	cairo_set_source_rgb(p->cr, r, g, b);
}

/* Timetables. */

static void range_text(struct str *s, int start, int end)
{
	char a[6], b[6];

	str_catf(s, "%s\u2013%s", time_format(start, a), time_format(end, b));
}

static void timetable_header(struct pdf *p, const struct print_data *pd, int d, int cont)
{
	const struct conf *c = pd->c;
	const struct delegate *dg = &c->delegates[d];
	char *name = delegate_name(dg);
	char *line = xasprintf("%s%s%s", c->event.name, *c->event.venue ? " \u00b7 " : "",
			       c->event.venue);
	double tw = p->w - 2 * MARGIN, h;

	colour(p, 0.35, 0.35, 0.35);
	h = lay(p, F_SMALL, tw, line);
	show(p, MARGIN, p->y);
	p->y += h;
	colour(p, 0, 0, 0);
	free(line);
	line = cont ? xasprintf("%s (continued)", name) : xstrdup(name);
	h = lay(p, F_TITLE, tw, line);
	show(p, MARGIN, p->y + 4);
	p->y += 4 + h;
	if (dg->organisation >= 0) {
		h = lay(p, F_HEAD, tw, c->organisations[dg->organisation].name);
		colour(p, 0.25, 0.25, 0.25);
		show(p, MARGIN, p->y);
		p->y += h;
		colour(p, 0, 0, 0);
	}
	p->y += 8;
	if (!p->dry) {
		cairo_set_line_width(p->cr, 1.2);
		cairo_move_to(p->cr, MARGIN, p->y);
		cairo_line_to(p->cr, p->w - MARGIN, p->y);
		cairo_stroke(p->cr);
	}
	p->y += 8;
	free(line);
	free(name);
}

static void day_bar(struct pdf *p, const struct conf *c, int day)
{
	char *date = print_date_long(c->days[day].date);
	char *text = xasprintf("Day %d \u00b7 %s", c->days[day].number, date);
	double h = lay(p, F_HEAD, p->w - 2 * MARGIN - 8, text);

	colour(p, 0.88, 0.91, 0.96);
	if (!p->dry) {
		cairo_rectangle(p->cr, MARGIN, p->y, p->w - 2 * MARGIN, h + 6);
		cairo_fill(p->cr);
	}
	colour(p, 0.1, 0.15, 0.35);
	show(p, MARGIN + 4, p->y + 3);
	colour(p, 0, 0, 0);
	p->y += h + 9;
	free(date);
	free(text);
}

/* The columns of a timetable row: time, title, note, details, room. */
#define COL_TIME 88.0
#define COL_ROOM 112.0

enum col { C_TIME, C_TITLE, C_NOTE, C_DETAIL, C_ROOM, C_COUNT };

/* Set a column's layout to text in font and width; returns its height. */
static double col_set(struct pdf *p, enum col k, enum font f, double width, const char *text)
{
	PangoLayout *l = p->cols[k];
	int w, h;

	pango_layout_set_font_description(l, p->fonts[f]);
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	set_text(l, text);
	pango_layout_get_size(l, &w, &h);
	return *text ? (double)h / PANGO_SCALE : 0;
}

static void col_show(struct pdf *p, enum col k, double x, double y)
{
	if (p->dry)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->cols[k]);
}

/* The title with its note ("(chosen, not yet allocated)", a room change)
 * after it in small italics, red for a change. */
static double title_lay(struct pdf *p, const struct print_data *pd, const struct print_entry *e,
			double width)
{
	const struct session *s = &pd->c->sessions[e->session];
	PangoAttrList *attrs;
	PangoAttribute *a;
	struct str t;
	double h;

	/* The attributes stay with the layout until it is drawn. */
	pango_layout_set_attributes(p->cols[C_TITLE], NULL);
	str_init(&t);
	str_cat(&t, s->title);
	str_cat(&t, "  ");
	print_entry_note(pd, e, &t);
	if (t.len == strlen(s->title) + 2) {
		str_done(&t);
		return col_set(p, C_TITLE, F_BODY, width, s->title);
	}
	attrs = pango_attr_list_new();
	a = pango_attr_style_new(PANGO_STYLE_ITALIC);
	a->start_index = (guint)strlen(s->title) + 2;
	pango_attr_list_insert(attrs, a);
	a = pango_attr_scale_new(0.9);
	a->start_index = (guint)strlen(s->title) + 2;
	pango_attr_list_insert(attrs, a);
	a = e->changed ? pango_attr_foreground_new(48000, 2000, 2000)
		       : pango_attr_foreground_new(20000, 20000, 20000);
	a->start_index = (guint)strlen(s->title) + 2;
	pango_attr_list_insert(attrs, a);
	if (e->changed) {
		a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = (guint)strlen(s->title) + 2;
		pango_attr_list_insert(attrs, a);
	}
	pango_layout_set_attributes(p->cols[C_TITLE], attrs);
	h = col_set(p, C_TITLE, F_BODY, width, t.buf);
	pango_attr_list_unref(attrs);
	str_done(&t);
	return h;
}

/* Lay out an entry's row in the column layouts; returns its height and
 * sets *ht to where the details start. */
static double row_lay(struct pdf *p, const struct print_data *pd, const struct print_timetable *tt,
		      const struct print_entry *e, double *hl)
{
	const struct conf *c = pd->c;
	const struct session *s = &c->sessions[e->session];
	double tw = p->w - 2 * MARGIN - COL_TIME - COL_ROOM - 6, ht, hr, hd;
	struct str t;

	str_init(&t);
	range_text(&t, e->start, e->end);
	ht = col_set(p, C_TIME, F_BOLD, 0, t.buf);
	hl[0] = title_lay(p, pd, e, tw);
	hr = col_set(p, C_ROOM, (e->changed & MARK_ROOM) ? F_BOLD : F_BODY, COL_ROOM,
		     c->rooms[s->room].name);
	str_clear(&t);
	for (int k = 0; k < e->ndetails; k++) {
		const struct print_detail *dt = &tt->d[e->detail + k];

		str_catf(&t, "%s%s %d  ", k ? "\n" : "", dt->station >= 0 ? "Rotation" : "Round",
			 dt->round);
		range_text(&t, dt->start, dt->end);
		str_cat(&t, "  ");
		print_detail_text(pd, e, dt, &t);
	}
	hd = col_set(p, C_DETAIL, F_SMALL, p->w - 2 * MARGIN - COL_TIME - 8, t.buf);
	str_done(&t);
	if (hd > 0)
		hl[0] = (hl[0] > hr ? hl[0] : hr) + 1;
	ht = ht > hl[0] + hd ? ht : hl[0] + hd;
	return (ht > hr ? ht : hr) + 5;
}

/* Draw the row laid out by row_lay at p->y. */
static void row_show(struct pdf *p, const struct print_entry *e, const double *hl, double h)
{
	double x1 = MARGIN + COL_TIME, y = p->y;

	if (p->dry)
		return;
	col_show(p, C_TIME, MARGIN, y);
	col_show(p, C_TITLE, x1, y);
	if (e->changed & MARK_ROOM)
		colour(p, 0.75, 0.05, 0.05);
	col_show(p, C_ROOM, p->w - MARGIN - COL_ROOM, y);
	colour(p, 0.15, 0.2, 0.4);
	col_show(p, C_DETAIL, x1 + 8, y + hl[0]);
	cairo_set_line_width(p->cr, 0.4);
	colour(p, 0.78, 0.78, 0.78);
	cairo_move_to(p->cr, MARGIN, y + h - 2.5);
	cairo_line_to(p->cr, p->w - MARGIN, y + h - 2.5);
	cairo_stroke(p->cr);
	colour(p, 0, 0, 0);
}

/* A quick upper guess of a timetable's height, to skip measuring most. */
static double guess_height(const struct print_timetable *tt)
{
	double h = 90;
	int day = -1;

	for (int i = 0; i < tt->n; i++) {
		h += 26 + 20 * tt->e[i].ndetails + (tt->e[i].flags || tt->e[i].changed ? 10 : 0);
		if (tt->e[i].day != day)
			h += 26;
		day = tt->e[i].day;
	}
	return h;
}

/* Lay out (and unless p->dry, draw) the timetable from the page's top;
 * returns where it ends. A dry run measures without drawing. */
static double timetable_body(struct pdf *p, const struct print_data *pd,
			     const struct print_timetable *tt)
{
	int day = -1;

	p->y = MARGIN;
	timetable_header(p, pd, tt->delegate, 0);
	if (tt->n == 0) {
		lay(p, F_BODY, 0, "Nothing in the programme yet.");
		show(p, MARGIN, p->y);
	}
	for (int i = 0; i < tt->n; i++) {
		const struct print_entry *e = &tt->e[i];
		double hl[3], rh = row_lay(p, pd, tt, e, hl);

		if (!p->dry && p->y + rh + (e->day != day ? 24 : 0) > p->h - MARGIN) {
			new_page(p);
			timetable_header(p, pd, tt->delegate, 1);
			day = -1;
		}
		if (e->day != day) {
			if (day >= 0)
				p->y += 4;
			day = e->day;
			day_bar(p, pd->c, day);
		}
		row_show(p, e, hl, rh);
		p->y += rh;
	}
	return p->y;
}

static void timetable_page(struct pdf *p, const struct print_data *pd,
			   const struct print_timetable *tt)
{
	double w = p->w, h = p->h, scale = 1;

	/* Shrink a long timetable so it stays on one page. */
	if (guess_height(tt) > h - 2 * MARGIN) {
		double need;

		p->dry = 1;
		need = timetable_body(p, pd, tt) + MARGIN;
		p->dry = 0;
		if (need > h) {
			scale = fmax(0.6, h / need);
			cairo_save(p->cr);
			cairo_scale(p->cr, scale, scale);
			p->w = w / scale;
			p->h = h / scale;
		}
	}
	timetable_body(p, pd, tt);
	if (scale < 1) {
		cairo_restore(p->cr);
		p->w = w;
		p->h = h;
	}
}

enum status pdf_timetables_progress(const struct print_data *pd, const int *delegates, int n,
				    int day, const char *path, pdf_progress_fn progress, void *arg,
				    struct error *err)
{
	struct print_timetable tt;
	struct pdf p;
	int stopped = 0;

	if (pdf_open(&p, path, A4_W, A4_H, err))
		return ST_IO;
	print_timetable_init(&tt, pd);
	for (int i = 0; i < n && !stopped; i++) {
		if (i > 0)
			new_page(&p);
		print_timetable_build(&tt, pd, delegates[i], day);
		timetable_page(&p, pd, &tt);
		stopped = progress && progress(i + 1, n, arg);
		if (stopped && i + 1 < n)
			error_set(err, ST_INPUT,
				  "stopped after %d of %d timetables; %s was not "
				  "written",
				  i + 1, n, path);
		else
			stopped = 0;
	}
	print_timetable_done(&tt);
	if (stopped) {
		pdf_abort(&p);
		return ST_INPUT;
	}
	return pdf_close(&p, path, err);
}

enum status pdf_timetables(const struct print_data *pd, const int *delegates, int n, int day,
			   const char *path, struct error *err)
{
	return pdf_timetables_progress(pd, delegates, n, day, path, NULL, NULL, err);
}

/* Text sheets. */

enum status pdf_text_pages(const char *text, const char *path, struct error *err)
{
	struct pdf p;
	const char *s = text;
	int first = 1;
	double tw = A4_W - 2 * MARGIN;

	if (pdf_open(&p, path, A4_W, A4_H, err))
		return ST_IO;
	while (*s) {
		size_t len = strcspn(s, "\n");
		char *line = xstrndup(s, len);
		int indent = 0;
		enum font f;
		double h;

		s += len + (s[len] == '\n');
		if (strcmp(line, "\f") == 0) {
			new_page(&p);
			first = 1;
			free(line);
			continue;
		}
		while (line[indent] == ' ')
			indent++;
		f = first ? F_TITLE : indent ? F_BODY : F_BOLD;
		if (!*line) {
			p.y += 6;
			free(line);
			continue;
		}
		h = lay(&p, f, tw - indent * 4, line + indent);
		if (p.y + h > p.h - MARGIN)
			new_page(&p);
		show(&p, MARGIN + indent * 4, p.y);
		p.y += h + (first ? 4 : 1);
		first = 0;
		free(line);
	}
	return pdf_close(&p, path, err);
}

/* The poster. */

static void kind_colour(enum session_kind k, double rgb[3])
{
	static const double colours[KIND_COUNT][3] = {
		[KIND_KEYNOTE] = { 0.96, 0.72, 0.55 },    [KIND_TALK] = { 0.62, 0.78, 0.93 },
		[KIND_PANEL] = { 0.72, 0.68, 0.90 },      [KIND_WORKSHOP] = { 0.60, 0.85, 0.70 },
		[KIND_CAROUSEL] = { 0.95, 0.85, 0.50 },   [KIND_WORLD_CAFE] = { 0.93, 0.68, 0.80 },
		[KIND_BREAK] = { 0.88, 0.88, 0.88 },      [KIND_MEAL] = { 0.82, 0.82, 0.82 },
		[KIND_NETWORKING] = { 0.85, 0.90, 0.80 }, [KIND_PLENARY] = { 0.98, 0.80, 0.62 },
	};

	memcpy(rgb, colours[k < KIND_COUNT ? k : KIND_TALK], sizeof(colours[0]));
}

static void poster_legend(struct pdf *p)
{
	double x = MARGIN, y = p->h - MARGIN - 10;

	for (int k = 0; k < KIND_COUNT; k++) {
		double rgb[3];

		kind_colour((enum session_kind)k, rgb);
		colour(p, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(p->cr, x, y, 12, 10);
		cairo_fill(p->cr);
		colour(p, 0, 0, 0);
		lay(p, F_SMALL, 0, kind_name((enum session_kind)k));
		show(p, x + 16, y - 1);
		x += 26 + lay_width(p);
	}
}

static void poster_block(struct pdf *p, const struct conf *c, const struct session *s, double x,
			 double y, double w, double h)
{
	double rgb[3];
	struct str t;

	kind_colour(s->kind, rgb);
	colour(p, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(p->cr, x + 1, y + 1, w - 2, h - 2);
	cairo_fill_preserve(p->cr);
	colour(p, 0.3, 0.3, 0.3);
	cairo_set_line_width(p->cr, 0.5);
	cairo_stroke(p->cr);
	cairo_save(p->cr);
	cairo_rectangle(p->cr, x + 1, y + 1, w - 2, h - 2);
	cairo_clip(p->cr);
	colour(p, 0, 0, 0);
	str_init(&t);
	range_text(&t, s->start, s->start + s->duration);
	str_catf(&t, "  %s", s->code);
	{
		double th = lay(p, F_TINY, w - 6, t.buf);
		char *sp = print_speakers(c, s);

		show(p, x + 3, y + 2);
		th += lay(p, F_SMALL, w - 6, s->title);
		show(p, x + 3, y + 2 + th - lay_height(p));
		if (*sp) {
			lay(p, F_TINY, w - 6, sp);
			show(p, x + 3, y + 3 + th);
		}
		free(sp);
	}
	str_done(&t);
	cairo_restore(p->cr);
}

static void poster_day(struct pdf *p, const struct conf *c, int day)
{
	int *cols = xcalloc((size_t)c->nrooms + 1, sizeof(int)), ncols = 0;
	int from = c->days[day].start, to = c->days[day].end;
	double top, left = MARGIN + 40, cw, scale;
	char *date = print_date_long(c->days[day].date);
	char *title = xasprintf("%s \u00b7 Day %d \u00b7 %s", c->event.name, c->days[day].number,
				date);

	for (int r = 0; r < c->nrooms; r++)
		for (int i = 0; i < c->nsessions; i++)
			if (c->sessions[i].day == day && c->sessions[i].room == r) {
				cols[ncols++] = r;
				break;
			}
	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];

		if (s->day == day && s->room >= 0) {
			from = s->start < from ? s->start : from;
			to = s->start + s->duration > to ? s->start + s->duration : to;
		}
	}
	from = from / 60 * 60;
	p->y = MARGIN;
	p->y += lay(p, F_TITLE, p->w - 2 * MARGIN, title) + 6;
	show(p, MARGIN, MARGIN);
	cw = ncols ? (p->w - MARGIN - left) / ncols : 1;
	top = p->y;
	for (int k = 0; k < ncols; k++) {
		double h = lay(p, F_BOLD, cw - 4, c->rooms[cols[k]].name);

		show(p, left + k * cw + 2, p->y);
		top = p->y + h > top ? p->y + h : top;
	}
	top += 8;
	scale = (p->h - MARGIN - 24 - top) / (double)(to - from > 0 ? to - from : 60);
	cairo_set_line_width(p->cr, 0.3);
	for (int m = from; m <= to; m += 30) {
		char buf[6];
		double y = top + (m - from) * scale;

		colour(p, 0.7, 0.7, 0.7);
		cairo_move_to(p->cr, left, y);
		cairo_line_to(p->cr, p->w - MARGIN, y);
		cairo_stroke(p->cr);
		colour(p, 0, 0, 0);
		if (m % 60 == 0) {
			lay(p, F_SMALL, 0, time_format(m, buf));
			show(p, MARGIN, y - 5);
		}
	}
	for (int k = 0; k < ncols; k++)
		for (int i = 0; i < c->nsessions; i++) {
			const struct session *s = &c->sessions[i];

			if (s->day == day && s->room == cols[k])
				poster_block(p, c, s, left + k * cw, top + (s->start - from) * scale,
					     cw, s->duration * scale);
		}
	poster_legend(p);
	free(title);
	free(date);
	free(cols);
}

enum status pdf_poster(const struct conf *c, const char *path, struct error *err)
{
	struct pdf p;

	if (pdf_open(&p, path, A3_W, A3_H, err))
		return ST_IO;
	for (int d = 0; d < c->ndays; d++) {
		if (d > 0)
			new_page(&p);
		poster_day(&p, c, d);
	}
	if (c->ndays == 0) {
		lay(&p, F_TITLE, 0, "No days in the programme yet.");
		show(&p, MARGIN, MARGIN);
	}
	return pdf_close(&p, path, err);
}

/* Seating charts. */

/* Draw one table: a circle with its number, names around it. */
static void seat_table(struct pdf *p, const struct print_data *pd, int session, int round,
		       const struct print_table *tb, double cx, double cy, double r, double nw)
{
	const struct conf *c = pd->c;
	int *ids = NULL, n = 0;
	char num[16];

	for (int i = 0; i < pd->seats.n; i++) {
		const struct print_link *l = &pd->seats.v[i];

		if (l->session == session && l->a == round && l->b == tb->number) {
			ids = xreallocarray(ids, (size_t)n + 1, sizeof(int));
			ids[n++] = l->delegate;
		}
	}
	colour(p, 0.93, 0.95, 0.99);
	cairo_new_path(p->cr);
	cairo_arc(p->cr, cx, cy, r, 0, 2 * M_PI);
	cairo_fill_preserve(p->cr);
	colour(p, 0.2, 0.25, 0.45);
	cairo_set_line_width(p->cr, 1.2);
	cairo_stroke(p->cr);
	snprintf(num, sizeof(num), "%d", tb->number);
	lay(p, F_HEAD, 0, num);
	show(p, cx - lay_width(p) / 2, cy - lay(p, F_HEAD, 0, num) / 2);
	colour(p, 0, 0, 0);
	/* Names wrap between words only: a name is never split. */
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD);
	for (int i = 0; i < n; i++) {
		double a = -M_PI / 2 + 2 * M_PI * i / n, x = cx + (r + 5) * cos(a),
		       y = cy + (r + 5) * sin(a);
		char *name = delegate_name(&c->delegates[ids[i]]);
		char *text = ids[i] == tb->host ? xasprintf("\u2605 %s", name) : xstrdup(name);
		double h = lay(p, ids[i] == tb->host ? F_BOLD : F_SMALL, nw, text), w = lay_width(p);

		show(p,
		     cos(a) < -0.2  ? x - w
		     : cos(a) > 0.2 ? x
				    : x - w / 2,
		     sin(a) < -0.2  ? y - h
		     : sin(a) > 0.2 ? y
				    : y - h / 2);
		free(text);
		free(name);
	}
	pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
	free(ids);
}

static void seating_round(struct pdf *p, const struct print_data *pd, int session, int round)
{
	const struct conf *c = pd->c;
	const struct session *s = &c->sessions[session];
	int nt = 0, cols, rows, k = 0;
	double top, cw, ch, r;
	char *title = xasprintf("%s \u00b7 Round %d of %d", s->title, round,
				pd->shape[session].rounds);

	for (int t = 0; t < pd->ntables; t++)
		nt += pd->tables[t].session == session;
	p->y = MARGIN;
	p->y += lay(p, F_TITLE, p->w - 2 * MARGIN, title) + 4;
	show(p, MARGIN, MARGIN);
	lay(p, F_SMALL, 0, "\u2605 table host");
	show(p, MARGIN, p->y);
	top = p->y + 20;
	cols = (int)ceil(sqrt(nt * 1.5));
	cols = cols < 1 ? 1 : cols;
	rows = (nt + cols - 1) / cols;
	rows = rows < 1 ? 1 : rows;
	cw = (p->w - 2 * MARGIN) / cols;
	ch = (p->h - MARGIN - top) / rows;
	r = fmin(cw, ch) * 0.18;
	for (int t = 0; t < pd->ntables; t++) {
		if (pd->tables[t].session != session)
			continue;
		seat_table(p, pd, session, round, &pd->tables[t], MARGIN + cw * (k % cols + 0.5),
			   top + ch * (k / cols + 0.5), r, cw / 2 - r - 6);
		k++;
	}
	free(title);
}

enum status pdf_seating(const struct print_data *pd, int session, const char *path,
			struct error *err)
{
	struct pdf p;
	int pages = 0;

	if (pdf_open(&p, path, A3_W, A3_H, err))
		return ST_IO;
	for (int s = 0; s < pd->c->nsessions; s++) {
		if ((session >= 0 && s != session) || !pd->shape[s].rounds)
			continue;
		for (int r = 1; r <= pd->shape[s].rounds; r++) {
			if (pages++)
				new_page(&p);
			seating_round(&p, pd, s, r);
		}
	}
	if (!pages) {
		lay(&p, F_TITLE, 0, "No World Cafe to seat.");
		show(&p, MARGIN, MARGIN);
	}
	return pdf_close(&p, path, err);
}
