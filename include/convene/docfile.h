/* The conference file on disk, around what SQLite knows of it: what its
 * header says before anything opens it, whether one may write it, reading
 * it whole for a copy in memory, and the writer file that tells an
 * organiser who must wait whose edit is being written. No SQLite here:
 * the document module (db.c) uses these. */
#ifndef CONVENE_DOCFILE_H
#define CONVENE_DOCFILE_H

#include <stddef.h>
#include <stdint.h>

enum docfile_kind {
	DOCFILE_MISSING,
	DOCFILE_EMPTY,      /* no bytes at all */
	DOCFILE_FOLDER,     /* not a file */
	DOCFILE_UNREADABLE, /* errno says why */
	DOCFILE_NOT_SQLITE,
	DOCFILE_MARKED,   /* an SQLite file with the application_id asked for */
	DOCFILE_OTHER,    /* an SQLite file with another application_id */
	DOCFILE_UNMARKED, /* an SQLite file without one: look inside */
};

/* What file is, from its first 100 bytes, against application id app. */
enum docfile_kind docfile_kind(const char *file, uint32_t app);
/* "FILE-wal" and the like (allocated). */
char *docfile_beside(const char *file, const char *suffix);
/* Whether one may write file and the -wal and -shm files beside it. */
int docfile_may_write(const char *file);
/* The state of file's WAL: 0 none, 1 there but empty, 2 holding edits;
 * *shm is set when its -shm file is there. */
int docfile_wal(const char *file, int *shm);
/* The whole file, read while no writer changed it (its size and times,
 * and an empty WAL, the same before and after); NULL with errno set, EAGAIN
 * when it changed meanwhile. */
unsigned char *docfile_read(const char *file, size_t *size);
/* Why a write of file may have failed when only "I/O error" is known:
 * EFBIG at this process's file size limit, ENOSPC on a disk with next to
 * no room left; else 0. */
int docfile_short(const char *file);

/* The writer file, "FILE-writer" (who=, what=, pid=, host= lines). The
 * holder of the write lock makes it just after taking the lock and removes
 * it just before letting go, so writers never race for it. */
void docfile_writer_mark(const char *file, const char *who, const char *what);
void docfile_writer_unmark(const char *file);
/* Who holds file, "alice@laptop (plan the programme)" (allocated); NULL
 * when the writer file is not there, half-written, or its process gone. */
char *docfile_writer_holder(const char *file);

#endif
