/* PDF output through cairo and pango: real text layout, so long titles
 * wrap and names in any script render. Timetables are A4, one delegate per
 * page; sheets are A4 text pages; the poster is A3 landscape, one day per
 * page; the seating chart is one A3 landscape page per cafe round. path
 * "-" writes to standard output. */
#ifndef CONVENE_PDF_H
#define CONVENE_PDF_H

#include <stdint.h>

#include "convene/print.h"
#include "convene/util.h"

/* The timetables of these delegates, one page each, with pd's marks (day
 * as for print_timetable_build). */
enum status pdf_timetables(const struct print_data *pd, const int *delegates, int n, int day,
			   const char *path, struct error *err);
/* The same, telling progress(done, n, arg) as pages are laid out; when it
 * returns nonzero the print stops, nothing is written, and the error says
 * so (ST_INPUT). */
typedef int (*pdf_progress_fn)(int done, int total, void *arg);
enum status pdf_timetables_progress(const struct print_data *pd, const int *delegates, int n,
				    int day, const char *path, pdf_progress_fn progress, void *arg,
				    struct error *err);
/* Text sheets (door sheets, facilitators' lists, attendance lists) as A4
 * pages: "\f" starts a page; a page's first line is its title, lines that
 * start at the margin are headings, indented lines keep their indent. */
enum status pdf_text_pages(const char *text, const char *path, struct error *err);
/* The programme at a glance: A3 landscape, rooms across, times down. */
enum status pdf_poster(const struct conf *c, const char *path, struct error *err);
/* Seating charts of a World Cafe (session index; -1 every cafe), a page a round. */
enum status pdf_seating(const struct print_data *pd, int session, const char *path,
			struct error *err);

#endif
