# Included by Makefile.am: printing and programme exchange. The outputs
# (timetables, sheets, PDF, iCalendar, frab XML, CSV, JSON) are core: no
# curses, unit-tested; cli_print.c holds the print and export commands.
libconvene_a_SOURCES += \
	src/print.c include/convene/print.h \
	src/pdf.c include/convene/pdf.h \
	src/ics.c include/convene/ics.h \
	src/frab.c include/convene/frab.h \
	src/export.c include/convene/export.h \
	src/notice.c include/convene/notice.h

convene_SOURCES += src/cli_print.c

UNIT_TESTS += tests/check_print tests/check_notice tests/check_frab
tests_check_notice_CFLAGS = $(TEST_CFLAGS)
tests_check_notice_LDADD = $(TEST_LDADD)
tests_check_frab_CFLAGS = $(TEST_CFLAGS)
tests_check_frab_LDADD = $(TEST_LDADD)
tests_check_print_CFLAGS = $(TEST_CFLAGS)
tests_check_print_LDADD = $(TEST_LDADD)

CLI_TESTS += tests/cli/print.test tests/cli/safetext.test tests/cli/confclerk.test

BENCHES += tests/bench/bench_print
tests_bench_bench_print_CFLAGS = $(BENCH_CFLAGS)
tests_bench_bench_print_LDADD = $(CORE_LIBS)
