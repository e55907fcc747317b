/* Notices to the delegates whose day changed, as an mbox or CSV. The
 * state after the changes (changes_between's later state) gives each
 * delegate's calendar, built as `convene print --format ics` builds it. */
#include "convene/notice.h"

#include <stdlib.h>
#include <string.h>

#include "convene/changes.h"
#include "convene/ics.h"
#include "convene/print.h"

#define BOUNDARY "convene-notice-boundary"

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* A header value: as it is when plain ASCII, else an RFC 2047 encoded
 * word; control characters from the file become spaces either way. */
static void header_text(struct str *out, const char *text)
{
	struct str clean;

	str_init(&clean);
	str_cat_safe(&clean, text, strlen(text), SAFE_SPACE);
	if (is_ascii(clean.buf ? clean.buf : "")) {
		str_cat(out, clean.buf ? clean.buf : "");
	} else {
		str_cat(out, "=?UTF-8?B?");
		str_cat_base64(out, clean.buf, clean.len, 0);
		str_cat(out, "?=");
	}
	str_done(&clean);
}

/* A display name fit for a header: quoted when ASCII, encoded when not. */
static void header_name(struct str *out, const char *name)
{
	if (!is_ascii(name)) {
		header_text(out, name);
		return;
	}
	str_catc(out, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			str_catc(out, '\\');
		str_catc(out, (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p);
	}
	str_catc(out, '"');
}

/* Text lines into an mbox body: "From " at a line's start is quoted
 * (">From ", mboxrd), as are lines already so quoted. */
static void body_lines(struct str *out, const char *text)
{
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *q = p;

		while (q < p + n && *q == '>')
			q++;
		if ((size_t)(p + n - q) >= 5 && strncmp(q, "From ", 5) == 0)
			str_catc(out, '>');
		str_catn(out, p, n);
		str_catc(out, '\n');
		p = end ? end + 1 : p + n;
	}
}

/* The headers of the message to delegate d about edits after since. */
static void message_head(struct str *out, const struct conf *c, const struct delegate *d,
			 int64_t since, const struct notice_options *o)
{
	const char *from = o->from && *o->from ? o->from : "convene@localhost";
	char date[64], envelope[64];
	struct tm tm;
	char *name = delegate_name(d), *subject;

	gmtime_r(&o->now, &tm);
	strftime(envelope, sizeof(envelope), "%a %b %e %H:%M:%S %Y", &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	str_catf(out, "From %s %s\n", from, envelope);
	str_cat(out, "From: ");
	header_name(out, *c->event.name ? c->event.name : "convene");
	str_catf(out, " <%s>\nTo: ", from);
	header_name(out, name);
	str_cat(out, " <");
	str_cat_safe(out, d->email, strlen(d->email), SAFE_SPACE);
	str_cat(out, ">\nSubject: ");
	subject = xasprintf("%s: a change to your programme", c->event.name);
	header_text(out, subject);
	str_catf(out,
		 "\nDate: %s\nMessage-ID: <convene.%lld.%lld@%s>\nMIME-Version: 1.0\n"
		 "Content-Type: multipart/mixed; boundary=\"" BOUNDARY "\"\n\n",
		 date, (long long)since, (long long)d->id,
		 strchr(from, '@') ? strchr(from, '@') + 1 : "localhost");
	free(subject);
	free(name);
}

/* One message: the change in words, and the delegate's calendar. */
static enum status message(struct str *out, const struct changes *ch, const struct ics_seq *q,
			   int i, int64_t since, const struct notice_options *o, struct error *err)
{
	const struct delegate *d = &ch->c[1].delegates[ch->v[i].after];
	struct print_timetable tt;
	struct str text, ics;
	enum status st;

	str_init(&text);
	str_init(&ics);
	changes_notice_body(ch, i, &text);
	print_timetable_init(&tt, &ch->pd[1]);
	print_timetable_build(&tt, &ch->pd[1], ch->v[i].after, -1);
	st = ics_timetable(&ch->pd[1], q, &tt, &ics, err);
	if (!st) {
		message_head(out, &ch->c[1], d, since, o);
		str_cat(out, "--" BOUNDARY "\nContent-Type: text/plain; charset=utf-8\n"
			     "Content-Transfer-Encoding: 8bit\n\n");
		body_lines(out, text.buf ? text.buf : "");
		str_cat(out, "\n--" BOUNDARY "\nContent-Type: text/calendar; charset=utf-8; "
			     "method=PUBLISH; name=\"timetable.ics\"\nContent-Disposition: "
			     "attachment; filename=\"timetable.ics\"\n"
			     "Content-Transfer-Encoding: base64\n\n");
		str_cat_base64(out, ics.buf, ics.len, 76);
		str_cat(out, "\n--" BOUNDARY "--\n\n");
	}
	print_timetable_done(&tt);
	str_done(&text);
	str_done(&ics);
	return st;
}

enum status notice_mbox(struct db *db, int64_t since, const struct notice_options *o,
			struct str *out, int *count, struct error *err)
{
	struct changes ch;
	struct ics_seq *q;
	enum status st = changes_between(db, since, -1, &ch, err);

	if (st)
		return st;
	*count = ch.n;
	q = ics_seq_load(db, &ch.c[1]);
	for (int i = 0; i < ch.n && !st; i++)
		st = message(out, &ch, q, i, since, o, err);
	ics_seq_free(q);
	changes_done(&ch);
	return st;
}

enum status notice_csv(struct db *db, int64_t since, struct str *out, int *count, struct error *err)
{
	struct changes ch;
	enum status st = changes_between(db, since, -1, &ch, err);

	if (st)
		return st;
	*count = ch.n;
	str_cat(out, "Email,Name,First name,Changes,Count\r\n");
	for (int i = 0; i < ch.n; i++) {
		const struct delegate *d = &ch.c[1].delegates[ch.v[i].after];
		char *name = delegate_name(d), *n = xasprintf("%d", ch.v[i].n);
		struct str changes;

		str_init(&changes);
		for (int k = 0; k < ch.v[i].n; k++) {
			if (k)
				str_catc(&changes, '\n');
			changes_sentence(&ch, &ch.v[i].v[k], &changes);
		}
		str_cat_csv(out, d->email, 0);
		str_cat_csv(out, name, 0);
		str_cat_csv(out, d->first_name, 0);
		str_cat_csv(out, changes.buf ? changes.buf : "", 0);
		str_cat_csv(out, n, 1);
		str_done(&changes);
		free(name);
		free(n);
	}
	changes_done(&ch);
	return ST_OK;
}

enum status notice_record(struct db *db, int64_t since, int count, struct error *err)
{
	enum status st = db_begin(db, "send change notices", err);
	struct db_stmt *stmt;
	char *after;

	if (st)
		return st;
	after = xasprintf("{\"since\":%lld,\"count\":%d}", (long long)since, count);
	stmt = db_prepare(db, "INSERT INTO journal (edit, who, what, tbl, row_id, op, after) "
			      "VALUES (convene_edit(), convene_actor(), convene_what(), 'notice', "
			      "?1, 'note', ?2)");
	db_bind_int(stmt, 1, since);
	db_bind_text(stmt, 2, after);
	free(after);
	if (db_run(stmt)) {
		st = error_set(err, ST_IO, "%s: %s", db_path(db), db_errmsg(db));
		db_rollback(db);
		return st;
	}
	return db_commit(db, err);
}

int64_t notice_last(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT coalesce(max(edit), 0) FROM journal WHERE "
					    "tbl = 'notice' AND op = 'note'");
	int64_t e = db_step(st) == 1 ? db_col_int(st, 0) : 0;

	db_reset(st);
	return e;
}
