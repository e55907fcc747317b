/* Forms that validate as you type: labelled text fields, each with a check
 * that says what is wrong, and a save callback that makes the edit through
 * the model. A one-field form doubles as the search and filter prompt. */
#ifndef CONVENE_UI_FORM_H
#define CONVENE_UI_FORM_H

#include <curses.h>
#include <stdint.h>
#include <wchar.h>

#include "convene/util.h"

struct ui;
struct ui_form;

/* A field's check: a message (allocated) saying what is wrong, or NULL. */
typedef char *(*ui_check_fn)(struct ui *ui, struct ui_form *f, const char *text);

/* A field's completion: the nth (from 0) known value that word could mean,
 * ignoring case and accents (allocated), or NULL when there are no more. */
typedef char *(*ui_complete_fn)(struct ui *ui, const char *word, int nth);

struct ui_field {
	const char *label;
	const char *hint; /* shown when the field is fine */
	wchar_t *buf;
	int len;
	int cap;
	int cur;
	int locked;  /* shown, not editable */
	int replace; /* the first character typed replaces the text */
	ui_check_fn check;
	ui_complete_fn complete; /* ^N completes the last item of a ; list */
	int complete_parts;      /* ... or its last | part (a station's host) */
	int completing;          /* which candidate ^N gave last; -1 none */
	wchar_t *completed;      /* the word it completed */
	char *first;             /* the text the form opened with */
	char *msg;               /* the check's latest message */
	char *utf8;
};

struct ui_form {
	char *title;
	struct ui_field *fields;
	int n;
	int focus;
	int top;           /* the first field shown when they do not all fit */
	int64_t id;        /* the row being edited, 0 when adding */
	const char *table; /* its table, to notice another organiser's edit */
	int64_t seen;      /* the row's journal version when the form opened */
	int64_t id2;       /* more context for the pane */
	int64_t saved_id;  /* the row a save wrote, for the list's cursor */
	/* A new session's place (the grid's cursor): day number (0: none),
	 * start minute, room id and name. */
	int at_day, at_start;
	int64_t at_room;
	char *at_room_name;
	char *error; /* the save's error */
	/* Make the edit; on failure set err. */
	enum status (*save)(struct ui *ui, struct ui_form *f, struct error *err);
	/* After a save, once the form is closed: what comes next (a preview),
	 * with the id the save left in then_id; NULL: nothing. */
	unsigned (*then)(struct ui *ui, int64_t id);
	int64_t then_id;
	/* Live: called after each change (the filter prompt). */
	void (*changed)(struct ui *ui, struct ui_form *f);
};

struct ui_form *ui_form_new(const char *title, int64_t id);
void ui_form_free(struct ui_form *f);
/* Add a field with its first text; returns its index. */
int ui_form_add(struct ui_form *f, const char *label, const char *text, ui_check_fn check,
		const char *hint);
/* A field's text as UTF-8 (owned by the form, valid until the next change). */
const char *ui_form_text(struct ui_form *f, int field);
/* Begin the form's save as one edit, "add NOUN KEY" or "edit NOUN KEY"
 * (the key is the first field); inside it, refuse (with the edit rolled
 * back) when another organiser changed the row since the form opened, so
 * their edit is never overwritten. */
enum status ui_form_begin(struct ui *ui, struct ui_form *f, const char *noun, struct error *err);
/* A check for a field of time tags (morning; !afternoon; day1 ...). */
char *ui_check_time_tags(struct ui *ui, struct ui_form *f, const char *t);
/* Checks for room features a session needs, and room tags a session or
 * speaker asks for: each must be one some room has (the message lists
 * them). */
char *ui_check_features(struct ui *ui, struct ui_form *f, const char *t);
/* Whether any field differs from what the form opened with. */
int ui_form_changed(struct ui_form *f);
/* Let ^N complete field i's last ; item with fn's candidates. */
void ui_form_complete(struct ui_form *f, int i, ui_complete_fn fn);
/* The same for the last | part of the last ; item ("Topic | 20 | host"). */
void ui_form_complete_part(struct ui_form *f, int i, ui_complete_fn fn);
/* Completions: a speaker's name, a delegate's name, either. */
char *ui_complete_speaker(struct ui *ui, const char *word, int nth);
char *ui_complete_delegate(struct ui *ui, const char *word, int nth);
char *ui_complete_person(struct ui *ui, const char *word, int nth);
char *ui_check_room_tags(struct ui *ui, struct ui_form *f, const char *t);
/* Run every check; returns the number of fields with a problem. */
int ui_form_check(struct ui *ui, struct ui_form *f);

enum ui_form_result {
	FORM_GOING,
	FORM_DONE,   /* Enter on a valid form */
	FORM_CANCEL, /* Esc */
};

/* Feed a key (wide character, or a curses code when is_code). */
enum ui_form_result ui_form_key(struct ui *ui, struct ui_form *f, int is_code, wint_t ch);
/* Draw the form as a box in the middle of the screen. */
void ui_form_draw(struct ui_form *f, WINDOW *w);
/* Draw a one-field form as a prompt on one line (prefix "/" or "filter: "). */
void ui_form_draw_prompt(struct ui_form *f, WINDOW *w, int y, const char *prefix);

#endif
