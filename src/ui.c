/* The organiser's screen: a first version listing the programme. */
#include <curses.h>
#include <stdlib.h>

#include "convene/model.h"
#include "convene/ui.h"

static void restore_terminal(void)
{
	endwin();
}

int ui_run(struct db *db, struct settings *cfg)
{
	struct conf c;
	struct error err = { 0 };
	int ch;

	(void)cfg;
	if (conf_load(db, &c, &err))
		return 2;
	initscr();
	die_set_hook(restore_terminal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	do {
		erase();
		mvprintw(0, 0, "%s  (q quits)", c.event.name);
		for (int i = 0; i < c.nsessions && i + 2 < LINES; i++)
			mvprintw(i + 2, 0, "%-8s %s", c.sessions[i].code, c.sessions[i].title);
		refresh();
		ch = getch();
	} while (ch != 'q');
	endwin();
	conf_done(&c);
	return 0;
}
