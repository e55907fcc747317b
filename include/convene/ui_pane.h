/* The organiser's screen, inside: the state every pane sees, the pane ops
 * struct, and the handler result flags. Handlers change state and return
 * what needs drawing; only the main loop in ui.c draws. */
#ifndef CONVENE_UI_PANE_H
#define CONVENE_UI_PANE_H

#include <curses.h>
#include <stdint.h>

#include "convene/db.h"
#include "convene/journal.h"
#include "convene/model.h"
#include "convene/replan.h"
#include "convene/rules.h"
#include "convene/settings.h"
#include "convene/ui_keys.h"
#include "convene/ui_list.h"

/* What a handler changed. */
enum ui_flags {
	REDRAW_LIST = 1 << 0,   /* the panes' contents */
	REDRAW_STATUS = 1 << 1, /* the title and status lines */
	RELAYOUT = 1 << 2,      /* window sizes (after a resize or a pane switch) */
	RELOAD = 1 << 3,        /* the file changed: reload the snapshot */
	QUIT = 1 << 4,
};

#define REDRAW_ALL (REDRAW_LIST | REDRAW_STATUS)

/* What a pane is and does; generic code asks these, never its name. */
enum pane_flags {
	PANE_LIST = 1 << 0,  /* a list: search, filter, sort */
	PANE_GRID = 1 << 1,  /* the programme grid */
	PANE_EDIT = 1 << 2,  /* rows can be added, edited, deleted */
	PANE_TIMES = 1 << 3, /* rows have unavailable times */
	PANE_PLACE = 1 << 4, /* rows are sessions that can be placed */
	PANE_SIDE = 1 << 5,  /* may sit beside the grid on a wide screen */
};

struct ui;
struct pane;

struct pane_ops {
	const char *name;  /* "sessions" */
	const char *title; /* "Sessions" */
	unsigned flags;
	void (*open)(struct pane *p, struct ui *ui);
	/* Draw into w (already erased); focused: the keys go here. */
	void (*draw)(struct pane *p, struct ui *ui, WINDOW *w, int focused);
	unsigned (*key)(struct pane *p, struct ui *ui, enum ui_action a);
	/* Enter on the current row. */
	unsigned (*select)(struct pane *p, struct ui *ui);
	/* The snapshot was reloaded: rebuild what refers to it. */
	void (*reload)(struct pane *p, struct ui *ui);
	/* A mouse click at (y, x) inside the pane's window. */
	unsigned (*click)(struct pane *p, struct ui *ui, int y, int x);
	void (*close)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	struct ui_list list; /* for PANE_LIST panes */
	void *data;          /* the pane's own state */
	WINDOW *win;
};

#define UI_NPANES 6

struct ui_form;

/* A question waiting for y or n. */
struct ui_confirm {
	char *question;
	enum status (*yes)(struct ui *ui, int64_t id, struct error *err);
	int64_t id;
	char *done; /* message on success */
};

/* A one-line text prompt for search or filter. */
struct ui_prompt {
	int active;
	int filter; /* filter rather than search */
	struct ui_form *form;
};

struct ui {
	struct db *db;
	struct settings *cfg;
	struct conf conf;
	struct problem_list problems;
	unsigned char *mark; /* per session: 0 fine, 1 soft problem, 2 hard */
	struct journal_next next;
	struct pane panes[UI_NPANES];
	int current;   /* the pane with the keys */
	int last_list; /* the list shown beside the grid */
	int wide;      /* list and grid side by side */
	int too_small;
	WINDOW *title, *status, *keys;
	struct ui_form *form;
	struct ui_confirm confirm;
	struct ui_prompt prompt;
	char *view; /* text shown in the viewer, NULL when closed */
	char *view_title;
	int view_top;      /* the first line shown, of the text as wrapped */
	int view_width;    /* the columns it was wrapped to */
	char *view_search; /* the latest search in the viewer */
	/* A preview: Enter applies it with apply(ui, id), Esc drops it. */
	enum status (*view_apply)(struct ui *ui, int64_t id, struct error *err);
	int64_t view_id;
	/* A menu: a digit key chooses item k with view_menu(ui, k). */
	unsigned (*view_menu)(struct ui *ui, int k);
	/* A pick list: the text a line each, a cursor on the lines marked
	 * in view_pickable; a key there goes to view_pick (ui_pick). */
	unsigned (*view_pick)(struct ui *ui, void *arg, int line, enum ui_action a);
	void *view_pick_arg;
	unsigned char *view_pickable;
	int view_cursor;
	char *view_keys;    /* what the keys do there, at the foot */
	char *view_done;    /* said once applied ("": the action says it) */
	char *view_dropped; /* said when dropped */
	char *message;
	char *said; /* the latest message, kept after the status line clears */
	/* While a long action runs, keys are read only at each progress line:
	 * when the last one was (seconds, 0 when idle) and the longest wait
	 * between two, which the screen's benchmark reports. */
	double progress_at, progress_longest;
	int message_error;
	double message_at; /* when it was said (now_seconds) */
	int64_t data_version;
	int64_t picked; /* session id picked up to move, 0 none */

	/* The disruption being previewed (ui_replan): its room, speaker or
	 * session, the preview's title, and "now" when the form gave it. */
	struct {
		struct replan_event ev;
		char *name;
		char *title;
		int now_day, now;
	} replan;

	int mouse;
	int screen_open;
};

/* The panes, in the order of their number keys. */
extern const struct pane_ops ui_sessions_ops, ui_speakers_ops, ui_rooms_ops, ui_delegates_ops,
	ui_grid_ops, ui_problems_ops;

/* Services the panes use (ui.c). */
/* Show a message on the status line (error: in the error colour). */
void ui_message(struct ui *ui, int error, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* After an edit: report it or its error and ask for a reload. */
unsigned ui_edited(struct ui *ui, enum status st, struct error *err, const char *done, ...)
	PRINTF_LIKE(4, 5);
/* Show text (taken over) in a scrolling viewer with a title. */
unsigned ui_view(struct ui *ui, const char *title, char *text);
/* Show what an action would do (text, taken over) and apply it with
 * apply(ui, id) on Enter, or drop it on Esc; done and dropped say which
 * ("" done: the action says what it did). */
unsigned ui_preview(struct ui *ui, const char *title, char *text,
		    enum status (*apply)(struct ui *, int64_t, struct error *), int64_t id,
		    const char *done, const char *dropped);
/* Print these delegates' timetables (indices into ui->conf) to one PDF
 * beside the file, FILE-name.pdf, marking what changed since each one's
 * last print, and record the print. */
unsigned ui_print_timetables(struct ui *ui, const int *ids, int n, const char *name);
/* Preview the re-plan of a disruption (name: its room, speaker or
 * session), to apply with Enter; the title names it. now_day 0: "now"
 * from the settings or the clock. */
unsigned ui_replan(struct ui *ui, const struct replan_event *ev, const char *name,
		   const char *title, int now_day, int now);
/* Forget the disruption previewed. */
void ui_replan_done(struct ui *ui);
/* The on-the-day solver options (onday.time_limit, onday.steps) and what
 * time it is (the time given on the screen, else onday.now, else the
 * clock), for a withdrawal that seats cafes and carousels again. */
enum status ui_onday_options(struct ui *ui, struct plan_options *opt, struct error *err);
/* Withdraw delegate d (an index into ui->conf) from session code (NULL:
 * from everything) as one edit, and show whose day changed. */
enum status ui_withdraw(struct ui *ui, int d, const char *code, struct error *err);
/* A solver's progress on the status line (a plan_options progress); a key
 * press stops it with the best plan found. */
int ui_solver_progress(const char *code, double seconds, long long best, void *arg);
/* The event form (its name and days), offered by itself when a file has
 * no days; a World Cafe's or carousel's set-up form for session s. */
unsigned ui_event_form(struct ui *ui);
unsigned ui_setup_form(struct ui *ui, int s);
/* Show text (taken over) as a pick list: a line each, unwrapped, and a
 * cursor on the lines marked in pickable (taken over, a flag per line),
 * from line cursor (or the next such). Up, Down, PgUp, PgDn, Home, End, /
 * and the mouse move it; Esc closes the list; any other key calls
 * act(ui, arg, line, action), whose flags are returned (0: the key does
 * nothing there, and the list stays). keys, at the foot, says what they
 * do. */
unsigned ui_pick(struct ui *ui, const char *title, char *text, unsigned char *pickable, int cursor,
		 unsigned (*act)(struct ui *ui, void *arg, int line, enum ui_action a), void *arg,
		 const char *keys);
/* Show a menu's text (taken over) in the viewer; a digit key closes it and
 * runs chosen(ui, digit). */
unsigned ui_menu(struct ui *ui, const char *title, char *text,
		 unsigned (*chosen)(struct ui *ui, int k));
/* The print and export menu (ui_print.c). */
unsigned ui_print_menu(struct ui *ui);
/* Say what a long task is doing on the status line at once, and whether
 * Esc was pressed meanwhile (1: stop). Other keys wait for the task. */
int ui_progress(struct ui *ui, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Every edit of the file, newest first, in the viewer. */
unsigned ui_history(struct ui *ui);
/* Ask y/n before running yes(ui, id). */
unsigned ui_confirm(struct ui *ui, enum status (*yes)(struct ui *, int64_t, struct error *),
		    int64_t id, const char *done, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Open a form (the ui owns it from now on). */
unsigned ui_open_form(struct ui *ui, struct ui_form *f);
/* Switch to the pane with a flag, returning its index (-1 if none). */
int ui_pane_with(struct ui *ui, unsigned flag);
unsigned ui_switch(struct ui *ui, int pane);
/* Show a session in the grid: its day, time and room under the cursor. */
unsigned ui_grid_show(struct ui *ui, int session);
/* A session's one-line speakers ("A; B"), appended to out. */
void ui_session_speakers(const struct ui *ui, const struct session *s, struct str *out);
/* The breakout allocation in the delegates pane (ui_fair.c): the pane's
 * own state, whether its list shows only the worst off and the toggle
 * (B), how many they are and the delegate (index into ui->conf) on a row
 * of them, what a delegate got ("1st T04, none"), the rank profile over
 * the list, a reload after the file changed, and one delegate's breakouts
 * slot by slot to change by hand (b). */
struct ui_fair;
struct ui_fair *ui_fair_new(void);
void ui_fair_free(struct ui_fair *f);
int ui_fair_worst(const struct ui_fair *f);
unsigned ui_fair_toggle(struct ui *ui, struct ui_fair *f);
int ui_fair_count(const struct ui_fair *f);
int ui_fair_row(const struct ui *ui, const struct ui_fair *f, int row);
void ui_fair_got(const struct ui *ui, const struct ui_fair *f, int d, struct str *out);
void ui_fair_head(const struct ui_fair *f, struct str *out);
void ui_fair_reload(struct ui *ui, struct ui_fair *f);
unsigned ui_fair_open(struct ui *ui, struct ui_fair *f, int d);
/* Ops shared by the list panes: draw the list, rebuild it after a reload,
 * put the cursor on a clicked row. */
void ui_pane_list_draw(struct pane *p, struct ui *ui, WINDOW *w, int focused);
void ui_pane_list_reload(struct pane *p, struct ui *ui);
unsigned ui_pane_list_click(struct pane *p, struct ui *ui, int y, int x);
/* Session edits shared by the sessions pane and the grid (ui_sessions.c),
 * for the session at index s of the snapshot; each returns ui flags. */
unsigned ui_session_form(struct ui *ui, int s); /* s < 0: a new session */
/* A new session placed, once saved, on day number day at start in room
 * (index): the grid's a. */
unsigned ui_session_form_at(struct ui *ui, int day, int start, int room);
/* The session under the grid's cursor, -1 if none. */
int ui_grid_session(struct ui *ui);
unsigned ui_session_delete(struct ui *ui, int s);
unsigned ui_session_pin(struct ui *ui, int s);
unsigned ui_session_unplace(struct ui *ui, int s);
/* Pick a session up to move it in the grid. */
unsigned ui_session_pick(struct ui *ui, int s);
/* The edits both panes offer on session s (s < 0: none there): add, edit,
 * delete, pin, unplace. 0 for any other action. */
unsigned ui_session_act(struct ui *ui, int s, enum ui_action a);
/* Unavailable periods as text ("1 09:00-10:00; 2 14:00-15:30"). */
void ui_periods_format(const struct ui *ui, const struct period *p, int n, struct str *out);
/* Parse that text; returns a message (allocated) or NULL when fine. */
char *ui_periods_parse(const struct ui *ui, const char *text, struct period **out, int *n);

#endif
