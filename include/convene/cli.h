/* The subcommands of the convene command line. Each takes the arguments
 * after the program name (argv[0] is the subcommand's own name) and returns
 * the exit status: 0 success, 1 hard problems found, 2 bad usage or input. */
#ifndef CONVENE_CLI_H
#define CONVENE_CLI_H

#include "convene/db.h"
#include "convene/settings.h"

int cli_new(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_list(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_solve(int argc, char **argv);
int cli_cafe(int argc, char **argv);
int cli_carousel(int argc, char **argv);
int cli_move(int argc, char **argv);
int cli_close_room(int argc, char **argv);
int cli_late(int argc, char **argv);
int cli_lengthen(int argc, char **argv);
int cli_cancel(int argc, char **argv);
int cli_capacity(int argc, char **argv);
int cli_withdraw(int argc, char **argv);
int cli_allocate(int argc, char **argv);
int cli_changes(int argc, char **argv);
int cli_undo(int argc, char **argv);
int cli_redo(int argc, char **argv);
int cli_open(int argc, char **argv);
int cli_print(int argc, char **argv);
int cli_export(int argc, char **argv);
/* Open a conference file for a command (flags as for db_open); an edit
 * that must wait for another organiser says so on stderr and waits as long
 * as the setting file.wait_seconds allows (cfg, or the user's settings when
 * NULL). Returns 0, or the exit status after telling what went wrong. */
int cli_open_doc(const char *cmd, const char *path, int flags, const struct settings *cfg,
		 struct db **db);
/* import FILE frab SCHEDULE.xml (called by cli_import). */
int cli_import_frab(const char *file, const char *xml);

#endif
