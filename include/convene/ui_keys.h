/* The organiser's key bindings as data: every action once, with the name
 * the settings use (keys.NAME = "x"), its default keys, a short label for
 * the status bar and a line of help. The status bar and the help screen
 * are generated from this table. */
#ifndef CONVENE_UI_KEYS_H
#define CONVENE_UI_KEYS_H

#include "convene/settings.h"
#include "convene/util.h"

/* A key: a character (its wide character value) or a curses key code
 * marked with UI_KEY_CODE. */
#define UI_KEY_CODE 0x1000000
#define UI_KEY_MAX 4

enum ui_action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_NEXT_PANE,
	ACT_PREV_PANE,
	ACT_PANE_1,
	ACT_PANE_2,
	ACT_PANE_3,
	ACT_PANE_4,
	ACT_PANE_5,
	ACT_PANE_6,
	ACT_UP,
	ACT_DOWN,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_HOME,
	ACT_END,
	ACT_SELECT,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_FILTER,
	ACT_SORT,
	ACT_SORT_REVERSE,
	ACT_ADD,
	ACT_EDIT,
	ACT_DELETE,
	ACT_UNAVAILABLE,
	ACT_MOVE,
	ACT_SWAP,
	ACT_PIN,
	ACT_UNPLACE,
	ACT_PREV_DAY,
	ACT_NEXT_DAY,
	ACT_STACK,
	ACT_FULL,
	ACT_UNDO,
	ACT_REDO,
	ACT_SOLVE,
	ACT_VIEW,
	ACT_PRINT,
	ACT_PRINT_MENU,
	ACT_CLOSE_ROOM,
	ACT_LATE,
	ACT_CALL_OFF,
	ACT_WITHDRAW,
	ACT_WORST_OFF,
	ACT_BREAKOUTS,
	ACT_EVENT,
	ACT_SETUP,
	ACT_HISTORY,
	ACT_CHOICES,
	ACT_CANCEL,
	ACT_REDRAW,
	ACT_COUNT
};

/* Where an action applies: the pane flags it needs (0: everywhere). */
struct ui_key_def {
	enum ui_action action;
	const char *name;  /* settings name: keys.NAME */
	const char *keys;  /* default keys, comma-separated names */
	const char *label; /* status bar label; NULL: not shown there */
	unsigned scope;    /* pane flags (PANE_* in ui_pane.h), 0 = any */
	const char *help;
};

/* The table, one row per action, in help-screen order. */
extern const struct ui_key_def ui_key_defs[ACT_COUNT - 1];

/* What the marks on the screen mean: the help shows them below the keys,
 * and the man page lists them with the keys. */
struct ui_mark {
	const char *mark;
	const char *meaning;
};

#define UI_NMARKS 8
extern const struct ui_mark ui_marks[UI_NMARKS];

/* Bind the default keys, then the user's keys.NAME settings over them;
 * problems (an unknown action or key name) are appended to warnings. */
void ui_keys_init(const struct settings *cfg, struct str *warnings);
/* The action bound to a key, ACT_NONE if none. */
enum ui_action ui_keys_action(int key);
/* The keys of an action as shown to a person ("q", "^R", "Tab"); "" if none. */
void ui_keys_describe(enum ui_action a, struct str *out, int all);
/* The row of the table for an action. */
const struct ui_key_def *ui_keys_def(enum ui_action a);
/* A key from its name ("q", "^R", "Tab", "F5", "PgDn"); -1 if unknown. */
int ui_key_parse(const char *name);

#endif
