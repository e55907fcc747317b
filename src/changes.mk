# Included by Makefile.am: what changed for whom. asof.c reads the file as
# it was after a past edit; changes.c compares delegates' programmes in two
# such states for the change list, the notices, reprints and marks.
libconvene_a_SOURCES += \
	src/asof.c include/convene/asof.h \
	src/changes.c include/convene/changes.h

UNIT_TESTS += tests/check_changes
tests_check_changes_CFLAGS = $(TEST_CFLAGS)
tests_check_changes_LDADD = $(TEST_LDADD)

CLI_TESTS += tests/cli/changes.test

BENCHES += tests/bench/bench_changes
tests_bench_bench_changes_CFLAGS = $(BENCH_CFLAGS)
tests_bench_bench_changes_LDADD = $(CORE_LIBS)
