/* The conference file on disk. A killed writer's writer file stays until
 * the next edit overwrites it; a waiter ignores it once its process is
 * gone (which is known only on the same machine). */
#include "convene/docfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "convene/util.h"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

enum docfile_kind docfile_kind(const char *file, uint32_t app)
{
	unsigned char h[100];
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(file, &st) != 0)
		return errno == ENOENT ? DOCFILE_MISSING : DOCFILE_UNREADABLE;
	if (S_ISDIR(st.st_mode))
		return DOCFILE_FOLDER;
	if (st.st_size == 0)
		return DOCFILE_EMPTY;
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return DOCFILE_UNREADABLE;
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n < (ssize_t)sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
		return DOCFILE_NOT_SQLITE;
	if (be32(h + 68) == app)
		return DOCFILE_MARKED;
	return be32(h + 68) ? DOCFILE_OTHER : DOCFILE_UNMARKED;
}

char *docfile_beside(const char *file, const char *suffix)
{
	return xasprintf("%s%s", file, suffix);
}

/* The folder of a file, "." when it names none. */
static char *folder_of(const char *file)
{
	const char *slash = strrchr(file, '/');

	return slash ? xstrndup(file, (size_t)(slash - file) + (slash == file)) : xstrdup(".");
}

int docfile_may_write(const char *file)
{
	char *dir = folder_of(file), *wal = docfile_beside(file, "-wal");
	char *shm = docfile_beside(file, "-shm");
	int ok = access(file, W_OK) == 0 &&
		 (access(dir, W_OK) == 0 || (access(wal, W_OK) == 0 && access(shm, W_OK) == 0));

	free(dir);
	free(wal);
	free(shm);
	return ok;
}

/* The size of the -wal file, -1 when there is none. */
static off_t wal_size(const char *file)
{
	char *wal = docfile_beside(file, "-wal");
	struct stat st;
	off_t n = stat(wal, &st) == 0 ? st.st_size : -1;

	free(wal);
	return n;
}

int docfile_wal(const char *file, int *shm)
{
	char *path = docfile_beside(file, "-shm");
	off_t n = wal_size(file);

	*shm = access(path, F_OK) == 0;
	free(path);
	return n < 0 ? 0 : n == 0 ? 1 : 2;
}

/* Whether two looks at one file saw the same file. */
static int same(const struct stat *a, const struct stat *b)
{
	return a->st_size == b->st_size && a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec && a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

unsigned char *docfile_read(const char *file, size_t *size)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC), e = 0;
	unsigned char *buf = NULL;
	struct stat a, b;
	size_t got = 0;
	ssize_t n = 1;

	*size = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &a) != 0) {
		e = errno;
	} else if (wal_size(file) > 0) {
		e = EAGAIN;
	} else {
		buf = xmalloc((size_t)a.st_size + 1);
		while (got < (size_t)a.st_size &&
		       (n = read(fd, buf + got, (size_t)a.st_size - got)) > 0)
			got += (size_t)n;
		if (n < 0)
			e = errno;
		else if (fstat(fd, &b) != 0 || !same(&a, &b) || got != (size_t)a.st_size ||
			 wal_size(file) > 0)
			e = EAGAIN;
	}
	close(fd);
	if (e) {
		free(buf);
		errno = e;
		return NULL;
	}
	*size = got;
	return buf;
}

int docfile_short(const char *file)
{
	char *dir = folder_of(file);
	struct statvfs vfs;
	struct rlimit lim;
	struct stat st;
	off_t big = wal_size(file);
	int e = 0;

	if (stat(file, &st) == 0 && st.st_size > big)
		big = st.st_size;
	if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
	    (rlim_t)big + 65536 >= lim.rlim_cur)
		e = EFBIG;
	else if (statvfs(dir, &vfs) == 0 && (uint64_t)vfs.f_bavail * vfs.f_frsize < 1 << 20)
		e = ENOSPC;
	free(dir);
	return e;
}

/* A value for one line of the writer file. */
static char *one_line(const char *text)
{
	char *s = xstrdup(text ? text : "");

	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return s;
}

static void host_name(char host[static 256])
{
	if (gethostname(host, 255) != 0)
		host[0] = '\0';
	host[255] = '\0';
}

void docfile_writer_mark(const char *file, const char *who, const char *what)
{
	char host[256], *path = docfile_beside(file, "-writer"), *w = one_line(who);
	char *d = one_line(what), *text;
	int fd;

	host_name(host);
	text = xasprintf("who=%s\nwhat=%s\npid=%ld\nhost=%s\n", w, d, (long)getpid(), host);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0) {
			/* a waiter then names no one; the edit goes on */
		}
		close(fd);
	}
	free(path);
	free(text);
	free(w);
	free(d);
}

void docfile_writer_unmark(const char *file)
{
	char *path = docfile_beside(file, "-writer");

	unlink(path);
	free(path);
}

/* The value of "key=" in the writer file's text, or NULL. */
static char *field(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, n) == 0 && p[n] == '=')
			return xstrndup(p + n + 1, strcspn(p + n + 1, "\n"));
	return NULL;
}

/* Whether a writer file's process is gone: known only on this machine. */
static int gone(const char *text)
{
	char here[256], *pid = field(text, "pid"), *host = field(text, "host");
	long p = 0;
	int dead;

	host_name(here);
	dead = pid && host && strcmp(host, here) == 0 && parse_int(pid, 1, 1L << 30, &p) == 0 &&
	       kill((pid_t)p, 0) != 0 && errno == ESRCH;
	free(pid);
	free(host);
	return dead;
}

char *docfile_writer_holder(const char *file)
{
	char buf[1024], *path = docfile_beside(file, "-writer"), *who, *what, *holder = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	free(path);
	if (n <= 0 || buf[n - 1] != '\n')
		return NULL; /* none, or being written */
	buf[n] = '\0';
	if (gone(buf))
		return NULL;
	who = field(buf, "who");
	what = field(buf, "what");
	if (who && *who)
		holder = what && *what ? xasprintf("%s (%s)", who, what) : xstrdup(who);
	free(who);
	free(what);
	return holder;
}
