/* Checked allocation, growable strings, errors, times, a seeded RNG, and
 * output files that are written whole or not at all. */
#define _XOPEN_SOURCE 700
#include "convene/util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <langinfo.h>
#include <locale.h>
#include <unistd.h>
#include <wchar.h>

static void (*die_hook)(void);

void die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook)
		die_hook();
	fputs("convene: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		die("out of memory (%zu bytes)", size);
	return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die("allocation overflow (%zu x %zu bytes)", n, size);
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct str s;
	va_list ap;

	str_init(&s);
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	return str_steal(&s);
}

void str_init(struct str *s)
{
	s->buf = NULL;
	s->len = 0;
	s->cap = 0;
}

void str_done(struct str *s)
{
	free(s->buf);
	str_init(s);
}

void str_clear(struct str *s)
{
	s->len = 0;
	if (s->buf)
		s->buf[0] = '\0';
}

static void str_reserve(struct str *s, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - s->len - 1)
		die("string too long");
	need = s->len + extra + 1;
	if (need <= s->cap)
		return;
	if (s->cap < 64)
		s->cap = 64;
	while (s->cap < need)
		s->cap = s->cap > SIZE_MAX / 2 ? need : s->cap * 2;
	s->buf = xrealloc(s->buf, s->cap);
}

void str_catn(struct str *s, const char *text, size_t n)
{
	str_reserve(s, n);
	memcpy(s->buf + s->len, text, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

void str_cat(struct str *s, const char *text)
{
	str_catn(s, text, strlen(text));
}

void str_catc(struct str *s, char c)
{
	str_catn(s, &c, 1);
}

void str_vcatf(struct str *s, const char *fmt, va_list ap)
{
	char small[256];
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		die("bad format string");
	if ((size_t)n < sizeof(small)) {
		str_catn(s, small, (size_t)n);
		return;
	}
	str_reserve(s, (size_t)n);
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	s->len += (size_t)n;
}

void str_catf(struct str *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_vcatf(s, fmt, ap);
	va_end(ap);
}

char *str_steal(struct str *s)
{
	char *p = s->buf ? s->buf : xstrdup("");

	str_init(s);
	return p;
}

enum status error_set(struct error *err, enum status st, const char *fmt, ...)
{
	struct str s;
	va_list ap;

	if (!err)
		return st;
	str_init(&s);
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	free(err->msg);
	err->msg = str_steal(&s);
	err->status = st;
	return st;
}

void error_clear(struct error *err)
{
	free(err->msg);
	err->msg = NULL;
	err->status = ST_OK;
}

int time_parse(const char *text)
{
	int h = 0, m = 0, i = 0, digits = 0;

	while (isdigit((unsigned char)text[i]) && digits < 2) {
		h = h * 10 + (text[i++] - '0');
		digits++;
	}
	if (digits == 0 || text[i++] != ':')
		return -1;
	if (!isdigit((unsigned char)text[i]) || !isdigit((unsigned char)text[i + 1]))
		return -1;
	m = (text[i] - '0') * 10 + (text[i + 1] - '0');
	if (text[i + 2] != '\0' || h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

char *time_format(int minutes, char buf[static 6])
{
	if (minutes < 0 || minutes > 48 * 60)
		minutes = 0;
	else if (minutes > 24 * 60)
		minutes -= 24 * 60; /* past midnight on a day that runs late */
	snprintf(buf, 6, "%02d:%02d", minutes / 60, minutes % 60);
	return buf;
}

int parse_int(const char *text, long min, long max, long *out)
{
	char *end;
	long v;

	while (isspace((unsigned char)*text))
		text++;
	if (*text == '\0')
		return -1;
	errno = 0;
	v = strtol(text, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int str_ieq(const char *a, const char *b)
{
	while (*a && *b) {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

char *str_trim(char *s)
{
	size_t n = strlen(s), start = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)s[start]))
		start++;
	if (start)
		memmove(s, s + start, n - start + 1);
	return s;
}

double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t result = rotl(r->s[1] * 5, 7) * 9;
	uint64_t t = r->s[1] << 17;

	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl(r->s[3], 45);
	return result;
}

uint32_t rng_below(struct rng *r, uint32_t n)
{
	/* Lemire's multiply-shift with rejection: unbiased. */
	uint64_t m = (uint64_t)(uint32_t)rng_next(r) * n;
	uint32_t low = (uint32_t)m;

	if (low < n) {
		uint32_t threshold = -n % n;

		while (low < threshold) {
			m = (uint64_t)(uint32_t)rng_next(r) * n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

void locale_init(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

int utf8_width(const char *s)
{
	mbstate_t st;
	int w = 0;
	size_t len = 0;

	while (s[len] && (unsigned char)s[len] < 0x80 && s[len] >= 0x20)
		len++;
	if (s[len] == '\0')
		return (int)len; /* printable ASCII: one column each */
	len = strlen(s);

	memset(&st, 0, sizeof(st));
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2) {
			memset(&st, 0, sizeof(st));
			n = 1;
			cw = 1;
		} else {
			if (n == 0)
				break;
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += cw;
		s += n;
		len -= n;
	}
	return w;
}

void str_pad(struct str *s, const char *text, int width)
{
	int w = utf8_width(text);

	str_cat(s, text);
	while (w++ < width)
		str_catc(s, ' ');
}

/* A temporary's name starts with ".NAME." in the target's folder; NAME is
 * cut to 200 bytes so that the whole name stays within a folder's limit. */
static char *tmp_prefix(const char *path, size_t *dirlen)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);

	*dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	return xasprintf("%.*s.%.*s.", (int)*dirlen, path, (int)(blen > 200 ? 200 : blen), base);
}

int tmp_beside(const char *path, char **tmp)
{
	size_t dirlen;
	char *prefix = tmp_prefix(path, &dirlen);
	int fd;

	*tmp = xasprintf("%s%ld-XXXXXX.part", prefix, (long)getpid());
	free(prefix);
	fd = mkostemps(*tmp, 5, O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		free(*tmp);
		*tmp = NULL;
		errno = e;
	}
	return fd;
}

/* Whether name (after the prefix) is "PID-XXXXXX.part" with one of the
 * suffixes SQLite or convene put beside it; sets *pid. */
static int is_tmp_name(const char *name, long *pid)
{
	static const char *const tails[] = { "", "-wal", "-shm", "-writer", "-journal" };
	char *end;

	*pid = strtol(name, &end, 10);
	if (end == name || *pid <= 0 || *end != '-' || strlen(end) < 12 ||
	    strncmp(end + 7, ".part", 5) != 0)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(tails); i++)
		if (strcmp(end + 12, tails[i]) == 0)
			return 1;
	return 0;
}

void tmp_clean_stale(const char *path)
{
	size_t dirlen, plen;
	char *prefix = tmp_prefix(path, &dirlen);
	char *dir = dirlen ? xstrndup(path, dirlen) : xstrdup(".");
	const char *pname = prefix + dirlen;
	struct dirent *e;
	DIR *d = opendir(dir);
	long pid;

	plen = strlen(pname);
	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, pname, plen) != 0 || !is_tmp_name(e->d_name + plen, &pid))
			continue;
		if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* its run is still going */
		unlinkat(dirfd(d), e->d_name, 0);
	}
	if (d)
		closedir(d);
	free(dir);
	free(prefix);
}

int file_rename_new(const char *from, const char *to)
{
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	if (link(from, to) == 0)
		return unlink(from), 0;
	if (errno == EEXIST)
		return -1;
	/* No hard links here (a FAT stick): look, then rename. */
	if (access(to, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

const char *file_error_text(int errnum)
{
	switch (errnum) {
	case ENOSPC:
		return "the disk is full";
	case EDQUOT:
		return "the disk quota is used up";
	case EFBIG:
		return "the file would be larger than this system allows";
	case EACCES:
	case EPERM:
		return "permission denied";
	case EROFS:
		return "the disk is read-only";
	case EIO:
		return "the disk could not be written (input/output error)";
	default:
		return strerror(errnum);
	}
}

/* Fill err for a failed write of o, saying what became of the target. */
static enum status outfile_fail(struct outfile *o, const char *doing, int errnum, struct error *err)
{
	return error_set(err, ST_IO, "%s: %s: %s; %s", o->path ? o->path : "standard output", doing,
			 file_error_text(errnum),
			 o->existed ? "the file there before was left as it was"
				    : "nothing was written");
}

static void outfile_done(struct outfile *o)
{
	free(o->path);
	free(o->target);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

/* The file to rename over: a symbolic link's target, so the link stays. */
static char *outfile_target(const char *path)
{
	struct stat st;
	char *real;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(path, NULL)))
		return real;
	return xstrdup(path);
}

enum status outfile_open(struct outfile *o, const char *path, struct error *err)
{
	struct stat st;
	mode_t mask;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return ST_OK;
	}
	o->path = xstrdup(path);
	o->existed = stat(path, &st) == 0;
	if (o->existed && S_ISDIR(st.st_mode)) {
		outfile_done(o);
		return error_set(err, ST_INPUT, "%s is a folder; name a file to write", path);
	}
	if (o->existed && !S_ISREG(st.st_mode)) { /* a device or a pipe */
		if (!(o->fp = fopen(path, "wb")))
			return outfile_fail(o, "cannot write", errno, err), outfile_done(o), ST_IO;
		return ST_OK;
	}
	o->target = outfile_target(path);
	tmp_clean_stale(o->target);
	if ((fd = tmp_beside(o->target, &o->tmp)) < 0) {
		outfile_fail(o, "cannot write in its folder", errno, err);
		outfile_done(o);
		return ST_IO;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, o->existed ? st.st_mode & 07777 : 0666 & ~mask) != 0) {
		/* the temporary stays private; not worth failing for */
	}
	o->fp = fdopen(fd, "wb");
	return ST_OK;
}

void outfile_write(struct outfile *o, const void *buf, size_t len)
{
	if (o->error || len == 0)
		return;
	if (fwrite(buf, 1, len, o->fp) != len)
		o->error = errno ? errno : EIO;
}

void file_sync_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + 1) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		if (fsync(fd) != 0) {
			/* some file systems cannot sync a folder; the rename stands */
		}
		close(fd);
	}
	free(dir);
}

enum status outfile_commit(struct outfile *o, struct error *err)
{
	enum status st = ST_OK;

	if (o->fp && fflush(o->fp) != 0 && !o->error)
		o->error = errno;
	if (o->fp == stdout) {
		st = o->error ? outfile_fail(o, "cannot write", o->error, err) : ST_OK;
		outfile_done(o);
		return st;
	}
	if (o->tmp && !o->nosync && !o->error && fsync(fileno(o->fp)) != 0 && errno != EINVAL &&
	    errno != ENOTSUP)
		o->error = errno;
	if (o->fp && fclose(o->fp) != 0 && !o->error)
		o->error = errno;
	o->fp = NULL;
	if (o->tmp && !o->error && rename(o->tmp, o->target) != 0)
		o->error = errno;
	if (o->error) {
		if (o->tmp)
			unlink(o->tmp);
		st = outfile_fail(o, "cannot write", o->error, err);
	} else if (o->tmp && !o->nosync) {
		file_sync_folder(o->target);
	}
	outfile_done(o);
	return st;
}

void outfile_abort(struct outfile *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	if (o->tmp)
		unlink(o->tmp);
	outfile_done(o);
}

static enum status put(const char *path, const void *buf, size_t len, int sync, struct error *err)
{
	struct outfile o;

	if (outfile_open(&o, path, err))
		return ST_IO;
	o.nosync = !sync;
	outfile_write(&o, buf, len);
	return outfile_commit(&o, err);
}

enum status outfile_put(const char *path, const void *buf, size_t len, struct error *err)
{
	return put(path, buf, len, 1, err);
}

enum status outfile_put_many(const char *path, const void *buf, size_t len, struct error *err)
{
	return put(path, buf, len, 0, err);
}

void file_sync_all(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		if (syncfs(fd) != 0) {
			/* nothing more to be done: the files are whole either way */
		}
		close(fd);
	}
}

int dict_id(struct dict *d, const char *word)
{
	if (!*word)
		return -1;
	for (int i = 0; i < d->n; i++)
		if (str_ieq(d->words[i], word))
			return i;
	d->words = xreallocarray(d->words, (size_t)d->n + 1, sizeof(char *));
	d->words[d->n] = xstrdup(word);
	return d->n++;
}

void dict_done(struct dict *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->words[i]);
	free(d->words);
	memset(d, 0, sizeof(*d));
}

/* The length of the UTF-8 sequence at s (at most n bytes) and its code
 * point in *cp; 0 when it is not UTF-8. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len = s[0] < 0x80             ? 1
		     : (s[0] & 0xe0) == 0xc0 ? 2
		     : (s[0] & 0xf0) == 0xe0 ? 3
		     : (s[0] & 0xf8) == 0xf0 ? 4
					     : 0;
	static const unsigned least[] = { 0, 0, 0x80, 0x800, 0x10000 };

	if (len == 0 || len > n)
		return 0;
	*cp = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[k] & 0x3f);
	}
	if (*cp < least[len] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

/* What a control character or a byte that is not UTF-8 (cp = -1) becomes. */
static void safe_one(struct str *s, long cp, enum safe_how how)
{
	if (how == SAFE_SPACE)
		str_catc(s, ' ');
	else if (how == SAFE_DROP)
		return;
	else if (cp >= 0 && cp < 0x20)
		str_catf(s, "\xe2\x90%c", (char)(0x80 + cp)); /* U+2400 + cp: a picture of it */
	else if (cp == 0x7f)
		str_cat(s, "\xe2\x90\xa1"); /* U+2421 */
	else
		str_cat(s, "\xef\xbf\xbd"); /* U+FFFD */
}

void str_cat_safe(struct str *s, const char *text, size_t len, enum safe_how how)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		size_t run = i, n;
		unsigned cp;

		while (run < len && p[run] >= 0x20 && p[run] < 0x7f)
			run++;
		str_catn(s, text + i, run - i);
		if ((i = run) >= len)
			break;
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			safe_one(s, -1, how);
			i++;
		} else if (cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0)) {
			str_catn(s, text + i, n);
			i += n;
		} else {
			int keep = how != SAFE_SPACE &&
				   (cp == '\n' || cp == '\t' || (cp == '\f' && how == SAFE_SHOW));

			if (keep)
				str_catc(s, (char)cp);
			else
				safe_one(s, cp, how);
			i += n;
		}
	}
}

char *safe_text(const char *text, enum safe_how how)
{
	struct str s;

	str_init(&s);
	str_cat_safe(&s, text ? text : "", text ? strlen(text) : 0, how);
	return str_steal(&s);
}

void safe_write(FILE *fp, const char *text, size_t len)
{
	struct str s;

	str_init(&s);
	str_cat_safe(&s, text ? text : "", text ? len : 0, SAFE_SHOW);
	fwrite(s.buf ? s.buf : "", 1, s.len, fp);
	str_done(&s);
}

void safe_printf(FILE *fp, const char *fmt, ...)
{
	struct str s;
	va_list ap;

	str_init(&s);
	va_start(ap, fmt);
	str_vcatf(&s, fmt, ap);
	va_end(ap);
	safe_write(fp, s.buf ? s.buf : "", s.len);
	str_done(&s);
}

void str_cat_csv(struct str *s, const char *text, int last)
{
	char *clean = safe_text(text, SAFE_DROP);
	int lead = *clean && strchr("=+-@\t\r", *clean);

	if (lead || strpbrk(clean, ",\"\r\n")) {
		str_catc(s, '"');
		if (lead)
			str_catc(s, '\'');
		for (const char *p = clean; *p; p++) {
			if (*p == '"')
				str_catc(s, '"');
			str_catc(s, *p);
		}
		str_catc(s, '"');
	} else {
		str_cat(s, clean);
	}
	str_cat(s, last ? "\r\n" : ",");
	free(clean);
}

void str_cat_base64(struct str *s, const void *data, size_t n, int width)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = data;
	int col = 0;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);

		str_catc(s, digits[v >> 18 & 63]);
		str_catc(s, digits[v >> 12 & 63]);
		str_catc(s, i + 1 < n ? digits[v >> 6 & 63] : '=');
		str_catc(s, i + 2 < n ? digits[v & 63] : '=');
		if (width && (col += 4) >= width && i + 3 < n) {
			str_cat(s, "\r\n");
			col = 0;
		}
	}
}
