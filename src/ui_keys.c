/* Key bindings: the action table, parsing key names, and the user's
 * rebinding through keys.NAME settings. A key is bound to one action; an
 * action may have up to UI_KEY_MAX keys. */
#include "config.h"

#include "convene/ui_keys.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "convene/ui_pane.h"

const struct ui_key_def ui_key_defs[ACT_COUNT - 1] = {
	{ ACT_QUIT, "quit", "q", "quit", 0, "leave convene (every edit is already saved)" },
	{ ACT_HELP, "help", "?,F1", "help", 0, "show this help" },
	{ ACT_UNDO, "undo", "u", "undo", 0, "undo your latest edit, whole (also after a restart)" },
	{ ACT_REDO, "redo", "^R,U", "redo", 0, "redo the edit you undid last" },
	{ ACT_NEXT_PANE, "next_pane", "Tab", NULL, 0, "go to the next pane" },
	{ ACT_PREV_PANE, "prev_pane", "Shift-Tab", NULL, 0, "go to the previous pane" },
	{ ACT_PANE_1, "pane_sessions", "1", NULL, 0, "show the sessions" },
	{ ACT_PANE_2, "pane_speakers", "2", NULL, 0, "show the speakers" },
	{ ACT_PANE_3, "pane_rooms", "3", NULL, 0, "show the rooms" },
	{ ACT_PANE_4, "pane_delegates", "4", NULL, 0, "show the delegates" },
	{ ACT_PANE_5, "pane_grid", "5", NULL, 0, "show the programme grid" },
	{ ACT_PANE_6, "pane_problems", "6", NULL, 0, "show the problems" },
	{ ACT_UP, "up", "Up,k", NULL, 0, "move up" },
	{ ACT_DOWN, "down", "Down,j", NULL, 0, "move down" },
	{ ACT_LEFT, "left", "Left,h", NULL, PANE_GRID, "grid: the room to the left" },
	{ ACT_RIGHT, "right", "Right,l", NULL, PANE_GRID, "grid: the room to the right" },
	{ ACT_PAGE_UP, "page_up", "PgUp,^B,^U", NULL, 0, "a screen up" },
	{ ACT_PAGE_DOWN, "page_down", "PgDn,Space,^F,^D", NULL, 0, "a screen down" },
	{ ACT_HOME, "home", "Home,g", NULL, 0, "to the first row" },
	{ ACT_END, "end", "End,G", NULL, 0, "to the last row" },
	{ ACT_SELECT, "select", "Enter", NULL, 0,
	  "open: edit the row, or show a problem's session in the grid" },
	{ ACT_SEARCH, "search", "/", "search", PANE_LIST | PANE_GRID,
	  "search for text (as in less)" },
	{ ACT_SEARCH_NEXT, "search_next", "n", NULL, PANE_LIST | PANE_GRID, "next match" },
	{ ACT_SEARCH_PREV, "search_prev", "N", NULL, PANE_LIST | PANE_GRID, "previous match" },
	{ ACT_FILTER, "filter", "f", "filter", PANE_LIST,
	  "show only rows containing some text (empty: all)" },
	{ ACT_SORT, "sort", "s", "sort", PANE_LIST, "sort by the next column" },
	{ ACT_SORT_REVERSE, "sort_reverse", "S", NULL, PANE_LIST, "reverse the sort" },
	{ ACT_ADD, "add", "a", "add", PANE_EDIT, "add a row" },
	{ ACT_EDIT, "edit", "e", "edit", PANE_EDIT, "edit the row under the cursor" },
	{ ACT_DELETE, "delete", "d,Del", "delete", PANE_EDIT, "delete the row (asks first)" },
	{ ACT_UNAVAILABLE, "unavailable", "t", "times", PANE_TIMES,
	  "set when a room or speaker is unavailable" },
	{ ACT_MOVE, "move", "m", "move", PANE_PLACE,
	  "pick up a session, then drop it on a grid cell" },
	{ ACT_SWAP, "swap", "w", "swap", PANE_GRID,
	  "drop the picked-up session onto another, swapping them" },
	{ ACT_PIN, "pin", "p", "pin", PANE_PLACE, "pin or unpin a session where it is" },
	{ ACT_UNPLACE, "unplace", "x", NULL, PANE_PLACE, "take a session out of the grid" },
	{ ACT_PREV_DAY, "prev_day", "[,<", "day", PANE_GRID, "grid: the previous day" },
	{ ACT_NEXT_DAY, "next_day", "],>", NULL, PANE_GRID, "grid: the next day" },
	{ ACT_STACK, "stacked", "+", NULL, PANE_GRID,
	  "grid: the next of the sessions stacked in one cell (+1), to edit or move it" },
	{ ACT_FULL, "in_full", "i", "in full", 0,
	  "read in full what the screen cuts short: the row or cell under the cursor, its "
	  "problems, and the latest message" },
	{ ACT_SOLVE, "solve", "R", "solve", 0,
	  "run the solvers (programme, breakouts, carousels, World Cafes); a key stops one and keeps its best" },
	{ ACT_VIEW, "view", "v", "view", PANE_LIST,
	  "view: a delegate's timetable, who is in a session (each cafe round and carousel "
	  "rotation), a room's door sheets" },
	{ ACT_PRINT, "print", "o", NULL, PANE_LIST,
	  "delegates: print the delegate's timetable as a PDF beside the file" },
	{ ACT_PRINT_MENU, "print_menu", "O", "print", 0,
	  "print or export: every timetable, door sheets, facilitators' lists, seating charts, "
	  "the poster, frab, CSV, JSON, iCalendar (Esc stops a long print)" },
	{ ACT_CLOSE_ROOM, "close_room", "c", "close room", PANE_GRID,
	  "grid: close the room under the cursor for a while and re-plan what is in it then "
	  "(a preview first; Enter applies it)" },
	{ ACT_LATE, "late", "L", "late", PANE_LIST,
	  "speakers: the speaker will be late; re-plan their sessions (a preview first; Enter "
	  "applies it)" },
	{ ACT_CALL_OFF, "call_off", "X", NULL, PANE_PLACE,
	  "sessions, grid: cancel the session under the cursor; its people lose it (a preview "
	  "first; Enter applies it, undo brings it back)" },
	{ ACT_WITHDRAW, "withdraw", "W", NULL, PANE_LIST,
	  "delegates: the delegate does not come: free their seats and promote the first on "
	  "each waitlist; in a delegate's breakouts (b): take them out of the session under "
	  "the cursor only (y/n first; undo brings them back)" },
	{ ACT_WORST_OFF, "worst_off", "B", NULL, PANE_LIST,
	  "delegates: list only the worst off of the breakout allocation, worst first, with "
	  "what each got and the rank profile; Enter opens one; B again lists everyone" },
	{ ACT_BREAKOUTS, "breakouts", "b", NULL, PANE_LIST,
	  "delegates: the delegate's breakouts slot by slot: their ranked choices, what they "
	  "got, the seats taken; Enter puts them in another (a preview first; undo takes it "
	  "back)" },
	{ ACT_EVENT, "event", "E", "event", 0,
	  "set the event: its name, venue, time zone, slot length and days" },
	{ ACT_SETUP, "setup", "T", "tables", PANE_PLACE,
	  "sessions: set up a World Cafe's tables, questions and hosts or a carousel's "
	  "rotations and stations" },
	{ ACT_HISTORY, "history", "H", "history", 0,
	  "what changed: every edit to the file, newest first, by whom; u takes back your "
	  "latest" },
	{ ACT_CHOICES, "choices", "C", NULL, PANE_LIST,
	  "delegates: every delegate's ranked choices and every keep-apart pair, in one list "
	  "(e on a delegate edits theirs)" },
	{ ACT_CANCEL, "cancel", "Esc", NULL, 0, "cancel: put down a picked-up session" },
	{ ACT_REDRAW, "redraw", "^L", NULL, 0, "redraw the screen" },
};

const struct ui_mark ui_marks[UI_NMARKS] = {
	{ "!", "where it is placed, the session breaks a hard rule (6 shows the problems)" },
	{ "~", "the session costs something under a soft rule" },
	{ "*", "pinned: the solvers leave it where it is" },
	{ "+1", "another session is in the same room at the same time (+ reaches it)" },
	{ "↑", "the session began above the top of the screen" },
	{ "▶", "where the session picked up with m would go" },
	{ "////", "the room is unavailable then" },
	{ "u:", "on the status line: what u would undo" },
};

struct binding {
	int key;
	enum ui_action action;
};

static struct binding *bindings;
static int nbindings;

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Tab", '\t' },
	{ "Enter", '\n' },
	{ "Esc", 27 },
	{ "Space", ' ' },
	{ "Shift-Tab", UI_KEY_CODE | KEY_BTAB },
	{ "BTab", UI_KEY_CODE | KEY_BTAB },
	{ "Up", UI_KEY_CODE | KEY_UP },
	{ "Down", UI_KEY_CODE | KEY_DOWN },
	{ "Left", UI_KEY_CODE | KEY_LEFT },
	{ "Right", UI_KEY_CODE | KEY_RIGHT },
	{ "PgUp", UI_KEY_CODE | KEY_PPAGE },
	{ "PgDn", UI_KEY_CODE | KEY_NPAGE },
	{ "Home", UI_KEY_CODE | KEY_HOME },
	{ "End", UI_KEY_CODE | KEY_END },
	{ "Del", UI_KEY_CODE | KEY_DC },
	{ "Ins", UI_KEY_CODE | KEY_IC },
	{ "Backspace", UI_KEY_CODE | KEY_BACKSPACE },
};

int ui_key_parse(const char *name)
{
	wchar_t wc;
	size_t n;

	for (size_t i = 0; i < ARRAY_SIZE(named); i++)
		if (str_ieq(name, named[i].name))
			return named[i].key;
	if (name[0] == '^' && name[1] && !name[2]) {
		int c = name[1] & 0x1f;

		return c ? c : -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1]) {
		long f;

		if (parse_int(name + 1, 1, 24, &f) == 0)
			return UI_KEY_CODE | KEY_F((int)f);
	}
	n = mbrtowc(&wc, name, strlen(name), NULL);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || name[n] != '\0')
		return -1;
	return (int)wc;
}

/* A key's name for people. */
static void key_label(int key, struct str *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(named); i++) {
		if (named[i].key == key) {
			str_cat(out, named[i].name);
			return;
		}
	}
	if (key & UI_KEY_CODE) {
		int code = key & ~UI_KEY_CODE;

		if (code >= KEY_F(1) && code <= KEY_F(24))
			str_catf(out, "F%d", code - KEY_F(0));
		else
			str_catf(out, "key%d", code);
	} else if (key < 32) {
		str_catf(out, "^%c", key + '@');
	} else {
		char mb[MB_LEN_MAX + 1];
		mbstate_t st;
		size_t n;

		memset(&st, 0, sizeof(st));
		n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1)
			str_catn(out, mb, n);
	}
}

/* Bind key to a (taking it from any other action). */
static void bind(int key, enum ui_action a)
{
	for (int i = 0; i < nbindings; i++) {
		if (bindings[i].key == key) {
			bindings[i].action = a;
			return;
		}
	}
	bindings = xreallocarray(bindings, (size_t)nbindings + 1, sizeof(*bindings));
	bindings[nbindings].key = key;
	bindings[nbindings].action = a;
	nbindings++;
}

static void unbind_action(enum ui_action a)
{
	for (int i = 0; i < nbindings; i++)
		if (bindings[i].action == a)
			bindings[i].action = ACT_NONE;
}

/* Bind a comma-separated list of key names; returns the first bad name. */
static const char *bind_list(const char *list, enum ui_action a, char **bad)
{
	char *copy = xstrdup(list), *save = NULL;

	*bad = NULL;
	/* "," alone is the comma key. */
	if (strcmp(list, ",") == 0) {
		bind(',', a);
		free(copy);
		return NULL;
	}
	for (char *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		int key = ui_key_parse(str_trim(k));

		if (key < 0) {
			*bad = xstrdup(k);
			break;
		}
		bind(key, a);
	}
	free(copy);
	return *bad;
}

/* The first name in a list that is not a key (allocated), or NULL. */
static char *list_check(const char *list)
{
	char *copy = xstrdup(list), *save = NULL, *bad = NULL;

	if (strcmp(list, ",") != 0)
		for (char *k = strtok_r(copy, ",", &save); k && !bad; k = strtok_r(NULL, ",", &save))
			if (ui_key_parse(str_trim(k)) < 0)
				bad = xstrdup(k);
	free(copy);
	return bad;
}

void ui_keys_init(const struct settings *cfg, struct str *warnings)
{
	char *bad;

	free(bindings);
	bindings = NULL;
	nbindings = 0;
	for (size_t i = 0; i < ARRAY_SIZE(ui_key_defs); i++)
		if (bind_list(ui_key_defs[i].keys, ui_key_defs[i].action, &bad))
			die("bad default key '%s'", bad);
	/* Keys curses may report for Enter and backspace-like keys. */
	bind('\r', ACT_SELECT);
	bind(UI_KEY_CODE | KEY_ENTER, ACT_SELECT);
	for (size_t i = 0; cfg && i < ARRAY_SIZE(ui_key_defs); i++) {
		char *name = xasprintf("keys.%s", ui_key_defs[i].name);
		const char *v = settings_extra(cfg, name);

		if (v && (bad = list_check(v))) {
			/* A bad value keeps the default keys. */
			str_catf(warnings, "%s: '%s' is not a key name\n", name, bad);
			free(bad);
		} else if (v) {
			unbind_action(ui_key_defs[i].action);
			bind_list(v, ui_key_defs[i].action, &bad);
		}
		free(name);
	}
}

enum ui_action ui_keys_action(int key)
{
	for (int i = 0; i < nbindings; i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return ACT_NONE;
}

void ui_keys_describe(enum ui_action a, struct str *out, int all)
{
	int n = 0;

	for (int i = 0; i < nbindings; i++) {
		if (bindings[i].action != a || bindings[i].key == '\r' ||
		    bindings[i].key == (UI_KEY_CODE | KEY_ENTER))
			continue;
		if (n++)
			str_cat(out, " ");
		key_label(bindings[i].key, out);
		if (!all)
			break;
	}
}

const struct ui_key_def *ui_keys_def(enum ui_action a)
{
	for (size_t i = 0; i < ARRAY_SIZE(ui_key_defs); i++)
		if (ui_key_defs[i].action == a)
			return &ui_key_defs[i];
	return NULL;
}
