# Included by Makefile.am: fair allocation from ranked choices. alloc.c
# holds the rank profiles, objectives, lottery and the lexicographic
# assignment the breakout and carousel allocations share.
libconvene_a_SOURCES += \
	src/alloc.c include/convene/alloc.h \
	src/fair.c include/convene/fair.h

UNIT_TESTS += tests/check_alloc
tests_check_alloc_CFLAGS = $(TEST_CFLAGS)
tests_check_alloc_LDADD = $(TEST_LDADD)

CLI_TESTS += tests/cli/fair.test

BENCHES += tests/bench/bench_alloc
tests_bench_bench_alloc_CFLAGS = $(BENCH_CFLAGS)
tests_bench_bench_alloc_LDADD = $(CORE_LIBS)
