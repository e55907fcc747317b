/* convene: build a two-day education conference, seat its World Cafes,
 * rotate its carousels, print its timetables. This is the dispatcher: each
 * subcommand is a function in a cli_*.c file. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "convene/cli.h"
#include "convene/util.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{ "new", cli_new, "new FILE [--event EVENT.cfg]      start a conference file" },
	{ "demo", cli_demo,
	  "demo [FILE] [--no-open]         build the sample conference and open it" },
	{ "import", cli_import,
	  "import FILE KIND CSV [--map F=H]  KIND: rooms speakers sessions stations tables delegates preferences" },
	{ "list", cli_list,
	  "list FILE KIND [--json]          days rooms speakers sessions delegates organisations programme" },
	{ "check", cli_check, "check FILE [--json]              problems; exit 1 when any is hard" },
	{ "solve", cli_solve,
	  "solve FILE [timetable|breakouts|cafe[=S]|carousel[=S]]... [--seed N] [--objective O] [--compare] [--json]" },
	{ "move", cli_move,
	  "move FILE SESSION --room ROOM [--at DAY HH:MM] [--force] | --swap OTHER" },
	{ "close-room", cli_close_room,
	  "close-room FILE ROOM [--day D] [--from HH:MM] [--to HH:MM] [--now DAY HH:MM] [--dry-run] [--json]" },
	{ "late", cli_late, "late FILE SPEAKER MINUTES [--now DAY HH:MM] [--dry-run] [--json]" },
	{ "lengthen", cli_lengthen,
	  "lengthen FILE SESSION MINUTES [--now DAY HH:MM] [--dry-run] [--json]" },
	{ "cancel", cli_cancel, "cancel FILE SESSION [--now DAY HH:MM] [--dry-run] [--json]" },
	{ "capacity", cli_capacity,
	  "capacity FILE ROOM SEATS [--now DAY HH:MM] [--dry-run] [--json]" },
	{ "withdraw", cli_withdraw,
	  "withdraw FILE DELEGATE [SESSION] [--json]  free their seats; promote from waitlists" },
	{ "allocate", cli_allocate,
	  "allocate FILE DELEGATE SESSION [--force] [--dry-run] [--json]  a breakout by hand" },
	{ "changes", cli_changes, "changes FILE [--since N] [--json]  what changed and for whom" },
	{ "undo", cli_undo,
	  "undo FILE [--yes] [--anyone] [--json]  take back your latest edit, whole" },
	{ "redo", cli_redo, "redo FILE [--anyone] [--json]   redo the edit you undid last" },
	{ "cafe", cli_cafe,
	  "cafe --tables T --size S --rounds R [--seed N] [--time-limit S] [--json]" },
	{ "carousel", cli_carousel,
	  "carousel --people N --stations K --rounds R [--capacity C] [--prefs CSV] [--json]" },
	{ "print", cli_print,
	  "print FILE [--delegate KEY]... [--all] [--room ROOM] [--day D] [--format text|pdf|ics] [-o PATH]" },
	{ "export", cli_export, "export FILE --format frab|csv|json|ics [-o PATH]" },
};

static void usage(FILE *out)
{
	fputs("usage: convene FILE                 open the organiser's screen on FILE (created if missing)\n",
	      out);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "       convene %s\n", commands[i].usage);
	fputs("\nconvene COMMAND --help tells more. Exit status: 0 success, 1 hard problems,\n"
	      "2 bad usage or input (the message names the file, line and field).\n",
	      out);
}

int main(int argc, char **argv)
{
	locale_init();
	/* Past a file size limit, a write fails with EFBIG and is reported,
	 * rather than the signal killing convene half-way. */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("convene %s\n"
		       "Copyright (C) 2026 the convene developers\n"
		       "License GPL-3.0-or-later <https://www.gnu.org/licenses/gpl-3.0.html>\n"
		       "This is free software: you may change and share it.\n"
		       "There is NO WARRANTY, to the extent permitted by law.\n",
		       PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (argv[1][0] == '-') {
		fprintf(stderr, "convene: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return 2;
	}
	return cli_open(argc - 1, argv + 1);
}
