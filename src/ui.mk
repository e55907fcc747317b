# Included by Makefile.am: the organiser's screen (ncurses) and the core
# module it needs for undo. The TUI sources are linked into convene and
# into the UI benchmark; journal.c is core (no curses) and unit-tested.
UI_SOURCES = \
	src/ui.c include/convene/ui.h include/convene/ui_pane.h \
	src/ui_keys.c include/convene/ui_keys.h \
	src/ui_draw.c include/convene/ui_draw.h \
	src/ui_list.c include/convene/ui_list.h \
	src/ui_form.c include/convene/ui_form.h \
	src/ui_sessions.c \
	src/ui_speakers.c \
	src/ui_rooms.c \
	src/ui_delegates.c \
	src/ui_fair.c \
	src/ui_grid.c \
	src/ui_problems.c \
	src/ui_replan.c \
	src/ui_setup.c \
	src/ui_history.c \
	src/ui_print.c

libconvene_a_SOURCES += src/journal.c include/convene/journal.h

UNIT_TESTS += tests/check_journal
tests_check_journal_CFLAGS = $(TEST_CFLAGS)
tests_check_journal_LDADD = $(TEST_LDADD)

# The screen against another organiser's edits, headless.
UNIT_TESTS += tests/check_ui
tests_check_ui_SOURCES = tests/check_ui.c $(UI_SOURCES)
tests_check_ui_CFLAGS = $(TEST_CFLAGS) $(NCURSES_CFLAGS)
tests_check_ui_LDADD = $(TEST_LDADD) $(NCURSES_LIBS) -lpthread

BENCHES += tests/bench/bench_ui
tests_bench_bench_ui_SOURCES = tests/bench/bench_ui.c $(UI_SOURCES)
tests_bench_bench_ui_CFLAGS = $(BENCH_CFLAGS) $(NCURSES_CFLAGS)
tests_bench_bench_ui_LDADD = $(CORE_LIBS) $(NCURSES_LIBS)

CLI_TESTS += tests/cli/tui.test tests/cli/setup.test
