# Included by Makefile.am: what changed for whom. asof.c reads the file as
# it was after a past edit.
libconvene_a_SOURCES += \
	src/asof.c include/convene/asof.h
