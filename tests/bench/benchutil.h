/* Shared by the benchmarks: removing a document with its WAL files. */
#ifndef CONVENE_BENCHUTIL_H
#define CONVENE_BENCHUTIL_H

#include <stdlib.h>
#include <unistd.h>

#include "convene/util.h"

static inline void bench_remove_db(const char *path)
{
	char *p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

#endif
