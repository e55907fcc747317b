/* Reading the answers of registration forms. A day answer is split into
 * words, numbers and separators, and read by a few patterns ("day N",
 * "N-day", "N/M", "N Month", a weekday, "both"); words between them are
 * passed over, so "Day 1 only, Main Hall" is day 1. Ticket states and
 * "no needs" answers are word lists, compared ignoring case, spaces and
 * punctuation. */
#include "convene/answers.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convene/model.h"

int answer_days_add(struct event_days *ed, int number, const char *date)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y, m, d, k = ed->n;

	if (k >= ANSWER_MAX_DAYS || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return -1;
	ed->number[k] = number;
	ed->year[k] = y;
	ed->month[k] = m;
	ed->mday[k] = d;
	if (m < 3)
		y--;
	ed->wday[k] = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
	ed->n++;
	return 0;
}

enum tok_kind { T_NUM, T_WORD, T_SEP };

struct tok {
	enum tok_kind kind;
	long num;      /* T_NUM */
	const char *s; /* T_WORD: lower case, not NUL-ended */
	size_t len;
	char sep; /* T_SEP */
	int digits;
};

/* Split lower-cased text into numbers ("11th" is 11), words and the
 * separators that matter in dates and times. */
static int tokenise(const char *low, struct tok **out)
{
	int n = 0;

	*out = NULL;
	for (const char *p = low; *p;) {
		struct tok t = { 0 };
		const char *q = p;

		if (isdigit((unsigned char)*p)) {
			t.kind = T_NUM;
			t.num = strtol(p, (char **)&q, 10);
			t.digits = (int)(q - p);
			if ((q[0] == 's' && q[1] == 't') || (q[0] == 'n' && q[1] == 'd') ||
			    (q[0] == 'r' && q[1] == 'd') || (q[0] == 't' && q[1] == 'h'))
				q += 2;
		} else if (isalpha((unsigned char)*p)) {
			while (isalpha((unsigned char)*q))
				q++;
			t.kind = T_WORD;
			t.s = p;
			t.len = (size_t)(q - p);
		} else {
			q = p + 1;
			if (!strchr("/.-:", *p)) {
				p = q;
				continue;
			}
			t.kind = T_SEP;
			t.sep = *p;
		}
		*out = xreallocarray(*out, (size_t)n + 1, sizeof(**out));
		(*out)[n++] = t;
		p = q;
	}
	return n;
}

static int is_word(const struct tok *t, const char *w)
{
	return t->kind == T_WORD && t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

/* Index of the word in list (matching whole, or as a prefix of at least
 * min letters); -1 if none. */
static int word_in(const struct tok *t, const char *const *list, int n, size_t min)
{
	for (int i = 0; t->kind == T_WORD && i < n; i++)
		if ((t->len == strlen(list[i]) ||
		     (min && t->len >= min && t->len < strlen(list[i]))) &&
		    strncmp(t->s, list[i], t->len) == 0)
			return i;
	return -1;
}

static const char *const months[] = { "january",   "february", "march",    "april",
				      "may",       "june",     "july",     "august",
				      "september", "october",  "november", "december" };
static const char *const weekdays[] = { "sunday",   "monday", "tuesday", "wednesday",
					"thursday", "friday", "saturday" };

/* A number given in digits or words ("two"); ordinal says "second". */
static long number_of(const struct tok *t, int *ordinal)
{
	static const char *const words[] = { "zero", "one",    "two",    "three",    "four",
					     "five", "six",    "seven",  "eight",    "nine",
					     "ten",  "eleven", "twelve", "thirteen", "fourteen" };
	static const char *const ords[] = { "zeroth", "first", "second", "third",
					    "fourth", "fifth", "sixth",  "seventh",
					    "eighth", "ninth", "tenth" };
	int k;

	*ordinal = 0;
	if (t->kind == T_NUM)
		return t->num;
	if ((k = word_in(t, words, (int)ARRAY_SIZE(words), 0)) >= 0)
		return k;
	if ((k = word_in(t, ords, (int)ARRAY_SIZE(ords), 0)) >= 0)
		return *ordinal = 1, k;
	return -1;
}

struct reading {
	const struct event_days *ed;
	const char *text;
	unsigned mask;
	int all;
	struct str *why;
	int bad;
};

static void refuse(struct reading *r, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void refuse(struct reading *r, const char *fmt, ...)
{
	va_list ap;

	if (r->bad++ || !r->why)
		return;
	va_start(ap, fmt);
	str_vcatf(r->why, fmt, ap);
	va_end(ap);
}

static void pick_day(struct reading *r, long n)
{
	const struct event_days *ed = r->ed;

	for (int k = 0; k < ed->n; k++)
		if (ed->number[k] == n) {
			r->mask |= 1u << (n - 1);
			return;
		}
	if (ed->n == 0 && n >= 1 && n <= ANSWER_MAX_DAYS)
		r->mask |= 1u << (n - 1);
	else if (ed->n)
		refuse(r, "'%s': there is no day %ld (the days are 1 to %d)", r->text, n,
		       ed->number[ed->n - 1]);
	else
		refuse(r, "'%s': there is no day %ld", r->text, n);
}

static void pick_date(struct reading *r, long day, long month, long year)
{
	const struct event_days *ed = r->ed;
	struct str dates;

	for (int k = 0; k < ed->n; k++)
		if (ed->mday[k] == day && ed->month[k] == month &&
		    (year <= 0 || ed->year[k] == year || ed->year[k] % 100 == year)) {
			r->mask |= 1u << (ed->number[k] - 1);
			return;
		}
	str_init(&dates);
	for (int k = 0; k < ed->n; k++)
		str_catf(&dates, "%s%d %c%s", k ? ", " : "", ed->mday[k],
			 toupper((unsigned char)months[ed->month[k] - 1][0]),
			 months[ed->month[k] - 1] + 1);
	refuse(r, "'%s' is not a date of this event (%s)", r->text,
	       dates.len ? dates.buf : "it has no days yet");
	str_done(&dates);
}

static void pick_weekday(struct reading *r, int w)
{
	int found = 0;

	for (int k = 0; k < r->ed->n; k++)
		if (r->ed->wday[k] == w) {
			r->mask |= 1u << (r->ed->number[k] - 1);
			found = 1;
		}
	if (!found)
		refuse(r, "'%s': no day of this event is a %c%s", r->text,
		       toupper((unsigned char)weekdays[w][0]), weekdays[w] + 1);
}

/* A date at t[i]: "11/03", "11.03.2027", "2027-03-11", "11 March",
 * "March 11"; returns the tokens it took, 0 if none. */
static int read_date(struct reading *r, const struct tok *t, int n, int i)
{
	int m;

	if (t[i].kind == T_NUM && i + 4 < n && t[i].digits == 4 && t[i + 1].sep == '-' &&
	    t[i + 2].kind == T_NUM && t[i + 3].sep == '-' && t[i + 4].kind == T_NUM)
		return pick_date(r, t[i + 4].num, t[i + 2].num, t[i].num), 5;
	if (t[i].kind == T_NUM && i + 2 < n && (t[i + 1].sep == '/' || t[i + 1].sep == '.') &&
	    t[i + 2].kind == T_NUM) {
		int more = i + 4 < n && t[i + 3].sep == t[i + 1].sep && t[i + 4].kind == T_NUM;

		pick_date(r, t[i].num, t[i + 2].num, more ? t[i + 4].num : 0);
		return more ? 5 : 3;
	}
	if (t[i].kind == T_NUM && i + 1 < n && (m = word_in(&t[i + 1], months, 12, 3)) >= 0)
		return pick_date(r, t[i].num, m + 1, 0), 2;
	if ((m = word_in(&t[i], months, 12, 3)) >= 0 && i + 1 < n && t[i + 1].kind == T_NUM)
		return pick_date(r, t[i + 1].num, m + 1, 0), 2;
	return 0;
}

/* One pattern at t[i]; returns the tokens it took (at least one). */
static int read_one(struct reading *r, const struct tok *t, int n, int i)
{
	static const char *const all[] = { "both", "all",   "every", "everyday",
					   "full", "whole", "entire" };
	int ord, w, took;
	long v;

	if (word_in(&t[i], all, (int)ARRAY_SIZE(all), 0) >= 0)
		return r->all = 1, 1;
	if ((is_word(&t[i], "day") || is_word(&t[i], "days")) && i + 1 < n &&
	    (v = number_of(&t[i + 1], &ord)) >= 0)
		return pick_day(r, v), 2;
	took = i + 1 < n && t[i + 1].kind == T_SEP && t[i + 1].sep == '-' ? 2 : 1;
	if ((v = number_of(&t[i], &ord)) >= 0 && i + took < n &&
	    (is_word(&t[i + took], "day") || is_word(&t[i + took], "days"))) {
		took++;
		if (ord)
			pick_day(r, v); /* "second day" */
		else if (v >= (r->ed->n ? r->ed->n : 2))
			r->all = 1; /* "two-day delegate" */
		return took;
	}
	if (t[i].kind == T_NUM && i + 1 < n && t[i + 1].sep == ':')
		return i + 2 < n && t[i + 2].kind == T_NUM ? 3 : 2; /* a time, not a day */
	if ((took = read_date(r, t, n, i)))
		return took;
	if ((w = word_in(&t[i], weekdays, 7, 3)) >= 0 || is_word(&t[i], "weds"))
		return pick_weekday(r, w >= 0 ? w : 3), 1;
	if (t[i].kind == T_NUM)
		pick_day(r, t[i].num);
	return 1;
}

int answer_days(const struct event_days *ed, const char *text, unsigned *days, struct str *why)
{
	struct reading r = { .ed = ed, .text = text, .why = why };
	char *low = xstrdup(text);
	struct tok *t;
	int n;
	unsigned every = 0;

	*days = 0;
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	n = tokenise(low, &t);
	for (int i = 0; i < n; i += read_one(&r, t, n, i))
		;
	free(t);
	free(low);
	for (int k = 0; k < ed->n; k++)
		every |= 1u << (ed->number[k] - 1);
	if (r.bad)
		return -1;
	if (!r.all && !r.mask) {
		refuse(&r, "'%s' does not say which days", text);
		return -1;
	}
	*days = r.all || (every && (r.mask & every) == every) ? 0 : r.mask;
	return 0;
}

/* Lower-case letters and digits only, for comparing words (allocated). */
static char *squash(const char *text)
{
	char *s = xstrdup(text), *o = s;

	for (const char *p = text; *p; p++)
		if (isalnum((unsigned char)*p))
			*o++ = (char)tolower((unsigned char)*p);
	*o = '\0';
	return s;
}

static const struct {
	const char *word;
	enum ticket_state st;
} ticket_words[] = {
	{ "", TICKET_ATTENDING },
	{ "attending", TICKET_ATTENDING },
	{ "checkedin", TICKET_ATTENDING },
	{ "valid", TICKET_ATTENDING },
	{ "active", TICKET_ATTENDING },
	{ "complete", TICKET_ATTENDING },
	{ "completed", TICKET_ATTENDING },
	{ "paid", TICKET_ATTENDING },
	{ "confirmed", TICKET_ATTENDING },
	{ "registered", TICKET_ATTENDING },
	{ "issued", TICKET_ATTENDING },
	{ "booked", TICKET_ATTENDING },
	{ "accepted", TICKET_ATTENDING },
	{ "approved", TICKET_ATTENDING },
	{ "going", TICKET_ATTENDING },
	{ "pending", TICKET_ATTENDING },
	{ "awaitingpayment", TICKET_ATTENDING },
	{ "unpaid", TICKET_ATTENDING },
	{ "pendingpayment", TICKET_ATTENDING },
	{ "paymentpending", TICKET_ATTENDING },
	{ "invoiced", TICKET_ATTENDING },
	{ "free", TICKET_ATTENDING },
	{ "partiallyrefunded", TICKET_ATTENDING },
	{ "yes", TICKET_ATTENDING },
	{ "cancelled", TICKET_CANCELLED },
	{ "canceled", TICKET_CANCELLED },
	{ "notattending", TICKET_CANCELLED },
	{ "declined", TICKET_CANCELLED },
	{ "withdrawn", TICKET_CANCELLED },
	{ "deleted", TICKET_CANCELLED },
	{ "no", TICKET_CANCELLED },
	{ "refunded", TICKET_REFUNDED },
	{ "fullyrefunded", TICKET_REFUNDED },
	{ "void", TICKET_VOID },
	{ "voided", TICKET_VOID },
	{ "invalid", TICKET_VOID },
	{ "expired", TICKET_VOID },
	{ "rejected", TICKET_VOID },
	{ "transferred", TICKET_TRANSFERRED },
	{ "transferredout", TICKET_TRANSFERRED },
	{ "reassigned", TICKET_TRANSFERRED },
};

int answer_ticket(const char *status)
{
	char *w = squash(status);
	int st = -1;

	for (size_t i = 0; i < ARRAY_SIZE(ticket_words) && st < 0; i++)
		if (strcmp(w, ticket_words[i].word) == 0)
			st = (int)ticket_words[i].st;
	free(w);
	return st;
}

const char *answer_ticket_name(enum ticket_state st)
{
	static const char *const names[] = { "attending", "cancelled", "refunded", "void",
					     "transferred" };

	return st < TICKET_STATES ? names[st] : "unknown";
}

const char *answer_ticket_words(void)
{
	return "attending: Attending, Checked In, Valid, Paid, Confirmed, Pending...; not "
	       "attending: Cancelled, Not Attending, Refunded, Void, Transferred";
}

/* Whether an answer says there is nothing to say ("None", "N/A", "No");
 * with yes, a bare "Yes" too (it names no need). */
static int says_none(const char *text, int yes)
{
	static const char *const none[] = { "",
					    "none",
					    "no",
					    "na",
					    "nil",
					    "nothing",
					    "nothanks",
					    "notapplicable",
					    "nonerequired",
					    "norequirements",
					    "noneeds",
					    "noaccessneeds",
					    "nodietaryrequirements",
					    "nospecialrequirements",
					    "n" };
	char *w = squash(text);
	int found = yes && (strcmp(w, "yes") == 0 || strcmp(w, "y") == 0);

	for (size_t i = 0; i < ARRAY_SIZE(none) && !found; i++)
		found = strcmp(w, none[i]) == 0;
	free(w);
	return found;
}

/* A need as a tag: the two the checks know, else lower_snake_case words. */
static void access_tag(struct str *out, const char *item)
{
	char *low = xstrdup(item);
	struct str tag;
	const char *t;

	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	str_init(&tag);
	if (strstr(low, "wheelchair") || strstr(low, "step") || strstr(low, "mobility") ||
	    strstr(low, "lift") || strstr(low, "ramp") || strstr(low, "stair") ||
	    strstr(low, "level access"))
		t = "step_free";
	else if (strstr(low, "hearing") || strstr(low, "loop") || strstr(low, "deaf"))
		t = "hearing_loop";
	else {
		for (char *p = low; *p; p++)
			str_catc(&tag, *p == ' ' || *p == '-' ? '_' : *p);
		t = tag.buf ? tag.buf : "";
	}
	if (*t && !tags_have(out->buf, t))
		str_catf(out, "%s%s", out->len ? ";" : "", t);
	str_done(&tag);
	free(low);
}

char *answer_access(const char *text)
{
	char *copy = xstrdup(text), *save = NULL;
	struct str s;

	str_init(&s);
	for (char *item = strtok_r(copy, ";,", &save); item; item = strtok_r(NULL, ";,", &save)) {
		str_trim(item);
		if (!says_none(item, 1))
			access_tag(&s, item);
	}
	free(copy);
	return str_steal(&s);
}

char *answer_diet(const char *text)
{
	char *s = str_trim(xstrdup(text));

	if (says_none(s, 0))
		*s = '\0';
	return s;
}
