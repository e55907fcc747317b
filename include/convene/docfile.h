/* The conference file on disk, around what SQLite knows of it: why a write
 * failed when SQLite cannot say, and the writer file that tells an
 * organiser who must wait whose edit is being written. No SQLite here: the
 * document module (db.c) uses these. */
#ifndef CONVENE_DOCFILE_H
#define CONVENE_DOCFILE_H

/* "FILE-wal" and the like (allocated). */
char *docfile_beside(const char *file, const char *suffix);
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
