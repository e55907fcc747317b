/* Checked allocation, growable strings, errors, times and a seeded RNG. */
#define _XOPEN_SOURCE 700
#include "convene/util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <langinfo.h>
#include <locale.h>
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
	if (minutes < 0 || minutes > 24 * 60)
		minutes = 0;
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

void str_cat_clean(struct str *s, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		str_catc(s, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
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
