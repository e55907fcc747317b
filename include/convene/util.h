/* Checked allocation, growable strings and small helpers shared by every
 * module. Allocation failure is a broken invariant: it aborts with a
 * message rather than returning NULL. */
#ifndef CONVENE_UTIL_H
#define CONVENE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif


/* Allocate or abort. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Reallocate an array of n elements of size bytes, checking n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Allocate a formatted string. */
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Print "convene: message" to stderr, call the die hook, and exit(3). */
void die(const char *fmt, ...) PRINTF_LIKE(1, 2) NORETURN;
/* Set a function run by die() first (the TUI restores the terminal). */
void die_set_hook(void (*hook)(void));

/* A growable, always NUL-terminated string. */
struct str {
	char *buf;
	size_t len;
	size_t cap;
};

void str_init(struct str *s);
void str_done(struct str *s);
void str_clear(struct str *s);
void str_cat(struct str *s, const char *text);
void str_catn(struct str *s, const char *text, size_t n);
void str_catc(struct str *s, char c);
void str_catf(struct str *s, const char *fmt, ...) PRINTF_LIKE(2, 3);
void str_vcatf(struct str *s, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
/* Hand over the buffer (never NULL) and leave s empty. */
char *str_steal(struct str *s);

/* Where text goes, which decides what str_cat_safe makes of a control
 * character (C0 but tab and line feed, DEL, the C1 range) and of a byte
 * that is not UTF-8. */
enum safe_how {
	SAFE_SHOW,  /* a terminal: a visible stand-in (U+241B for ESC, U+FFFD) */
	SAFE_DROP,  /* a file (XML, iCalendar, PDF, CSV): left out */
	SAFE_SPACE, /* one line, as a mail header: a space, tabs and newlines too */
};

/* Append text made safe for where it goes: the one function through which
 * names and titles from a file reach a terminal, XML, iCalendar, PDF or a
 * spreadsheet, so no escape sequence they hold is ever acted on. Form
 * feeds pass to a terminal (convene's own page breaks). */
void str_cat_safe(struct str *s, const char *text, size_t len, enum safe_how how);
/* The same as a new string (allocated). */
char *safe_text(const char *text, enum safe_how how);
/* Write len bytes of text to fp as str_cat_safe shows them on a terminal. */
void safe_write(FILE *fp, const char *text, size_t len);
/* Format and write to fp as str_cat_safe shows it on a terminal. */
void safe_printf(FILE *fp, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Append one CSV field made safe for a spreadsheet, then a comma, or CRLF
 * when last: control characters left out; a field that starts with = + -
 * @, tab or CR (which a spreadsheet would run as a formula) led by a ' as
 * OWASP advises; quoted when it holds a comma, quote or line break
 * (RFC 4180). */
void str_cat_csv(struct str *s, const char *text, int last);
/* Append n bytes as base64, in lines of width characters ended by CRLF
 * (0: one line). */
void str_cat_base64(struct str *s, const void *data, size_t n, int width);

/* Errors travel up as a value: a status and a message the caller shows. */
enum status {
	ST_OK = 0,
	ST_PROBLEM = 1, /* ran, but hard constraints failed */
	ST_INPUT = 2,   /* bad usage or bad input */
	ST_IO = 3,      /* the file or database failed */
};

struct error {
	enum status status;
	char *msg;
};

/* Set err (if not NULL) to a formatted message; returns status. */
enum status error_set(struct error *err, enum status st, const char *fmt, ...) PRINTF_LIKE(3, 4);
void error_clear(struct error *err);

/* Parse "HH:MM" into minutes after midnight; -1 if not a valid time. */
int time_parse(const char *text);
/* Format minutes after midnight as "HH:MM" into buf (at least 6 bytes);
 * minutes past the next midnight (a day that runs late) as the clock
 * shows them then, "01:30" for 25:30. */
char *time_format(int minutes, char buf[static 6]);
/* Strict integer parse of the whole string; 0 on success. */
int parse_int(const char *text, long min, long max, long *out);
/* Case-insensitive ASCII comparison. */
int str_ieq(const char *a, const char *b);
/* Trim ASCII white space at both ends, in place; returns s. */
char *str_trim(char *s);
/* Monotonic clock in seconds. */
double now_seconds(void);

/* In a function returning int: return the index of the element whose id
 * is want in arr[0..n-1], sorted by id (rows are read in id order), or -1. */
#define INDEX_BY_ID(arr, n, want)                                                                  \
	do {                                                                                       \
		int lo_ = 0, hi_ = (n)-1;                                                          \
		while (lo_ <= hi_) {                                                               \
			int mid_ = lo_ + (hi_ - lo_) / 2;                                          \
			if ((arr)[mid_].id == (want))                                              \
				return mid_;                                                       \
			if ((arr)[mid_].id < (want))                                               \
				lo_ = mid_ + 1;                                                    \
			else                                                                       \
				hi_ = mid_ - 1;                                                    \
		}                                                                                  \
		return -1;                                                                         \
	} while (0)

/* A small, fast, seedable generator (splitmix64 seeding xoshiro256**). */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform integer in [0, n), n > 0. */
uint32_t rng_below(struct rng *r, uint32_t n);
/* Uniform double in [0, 1). */
double rng_unit(struct rng *r);



/* Columns a UTF-8 string takes on a terminal (wide characters count two). */
int utf8_width(const char *s);
/* Append text padded with spaces to at least width columns (never cut). */
void str_pad(struct str *s, const char *text, int width);
/* Make sure the C library reads UTF-8 (C.UTF-8 when the locale does not). */
void locale_init(void);

/* Files are written whole or not at all: first to a hidden temporary
 * beside the target, ".NAME.PID-XXXXXX.part", which is renamed over the
 * target only once all of it is written. A kill or a full disk leaves the
 * old file as it was (and at worst the temporary, which the next write of
 * that target removes once its process is gone). */

/* Make the temporary for path (mode 0600); returns its descriptor and sets
 * *tmp, or -1 with errno set. */
int tmp_beside(const char *path, char **tmp);
/* Remove temporaries of path left by runs that were killed, with the -wal,
 * -shm and -writer files an SQLite temporary may have beside it. */
void tmp_clean_stale(const char *path);
/* Rename from to to, unless to exists (errno EEXIST); 0 on success. */
int file_rename_new(const char *from, const char *to);
/* Make a rename in path's folder last through a power cut. */
void file_sync_folder(const char *path);
/* What went wrong in words an organiser reads ("the disk is full"). */
const char *file_error_text(int errnum);

/* An output file: standard output for NULL or "-", a device or pipe
 * written directly, and anything else through a temporary. */
struct outfile {
	char *path;   /* as the user named it, for messages */
	char *target; /* the file renamed over (a symbolic link followed) */
	char *tmp;    /* the temporary, NULL when writing directly */
	FILE *fp;
	int existed; /* the target was there before */
	int error;   /* errno of the first failed write, 0 when none */
	int nosync;  /* leave syncing to the caller (file_sync_all) */
};

/* Start writing path; on failure err names the file and says why. */
enum status outfile_open(struct outfile *o, const char *path, struct error *err);
/* Write len bytes; a failure is kept and reported by outfile_commit. */
void outfile_write(struct outfile *o, const void *buf, size_t len);
/* Finish: flush, sync and rename over the target. On failure the
 * temporary is removed, the target left as it was, and err says so. */
enum status outfile_commit(struct outfile *o, struct error *err);
/* Give up: remove the temporary; the target is left as it was. */
void outfile_abort(struct outfile *o);
/* Write a whole buffer to path (standard output for NULL or "-"). */
enum status outfile_put(const char *path, const void *buf, size_t len, struct error *err);
/* The same for one of many files, which is not synced to the disk on its
 * own (a sync each would take seconds): end with file_sync_all. */
enum status outfile_put_many(const char *path, const void *buf, size_t len, struct error *err);
/* Sync everything written to the file system that holds dir. */
void file_sync_all(const char *dir);

/* A small dictionary of words to numbers from 0, ignoring case
 * (organisation types, roles, room features). */
struct dict {
	char **words;
	int n;
};

/* The number of word, added if new; -1 for an empty word. */
int dict_id(struct dict *d, const char *word);
void dict_done(struct dict *d);

#endif
