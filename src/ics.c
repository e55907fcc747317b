/* iCalendar writer. Times are local wall-clock times in the event's zone,
 * written with TZID=Area/City and the zone's VTIMEZONE (from libical's
 * built-in data, trimmed to the event's year and renamed to the plain
 * Olson name). DTSTAMP comes from SOURCE_DATE_EPOCH when set, so output can
 * be reproduced. */
#include "convene/ics.h"

#include <ctype.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The event's zone, or an error naming it. */
static icaltimezone *event_zone(const struct conf *c, struct error *err)
{
	const char *name = *c->event.timezone ? c->event.timezone : "Europe/London";
	icaltimezone *z = icaltimezone_get_builtin_timezone(name);

	if (!z)
		error_set(err, ST_INPUT,
			  "time zone '%s' is not one libical knows (write an "
			  "Olson name such as Europe/London)",
			  name);
	return z;
}

/* Text for a property, without control characters (iCalendar allows none
 * but a tab; libical escapes line breaks itself). */
static char *ics_text(const char *text)
{
	return safe_text(text, SAFE_DROP);
}

static icalcomponent *calendar_new(const struct conf *c, icaltimezone *z, const char *title)
{
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalcomponent *vtz = icalcomponent_new_clone(icaltimezone_get_component(z));
	icalproperty *tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	struct icaltimetype from = icaltime_null_time();
	int year = c->ndays ? atoi(c->days[0].date) : 2000;
	char *name = ics_text(title);

	icalcomponent_add_property(cal, icalproperty_new_prodid("-//convene//convene//EN"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalcomponent_add_property(cal, icalproperty_new_x(name));
	free(name);
	icalproperty_set_x_name(icalcomponent_get_first_property(cal, ICAL_X_PROPERTY),
				"X-WR-CALNAME");
	from.year = year > 1900 ? year - 1 : 2000;
	from.month = 1;
	from.day = 1;
	from = icaltime_convert_to_zone(from, icaltimezone_get_utc_timezone());
	icaltimezone_truncate_vtimezone(vtz, from, icaltime_null_time(), 1);
	if (tzid)
		icalproperty_set_tzid(tzid,
				      *c->event.timezone ? c->event.timezone : "Europe/London");
	icalcomponent_add_component(cal, vtz);
	return cal;
}

/* A local date-time property (DTSTART or DTEND) with TZID. */
static icalproperty *local_time(const struct conf *c, int day, int minutes, int end)
{
	struct icaltimetype t = icaltime_from_string(c->days[day].date);
	icalproperty *p;

	t.is_date = 0;
	t.hour = t.minute = t.second = 0;
	icaltime_adjust(&t, 0, 0, minutes, 0);
	p = end ? icalproperty_new_dtend(t) : icalproperty_new_dtstart(t);
	icalproperty_add_parameter(p, icalparameter_new_tzid(*c->event.timezone ? c->event.timezone
										: "Europe/London"));
	return p;
}

static struct icaltimetype stamp(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);

	return icaltime_from_timet_with_zone(t, 0, icaltimezone_get_utc_timezone());
}

struct ics_seq {
	struct db *db;
	int64_t *session; /* per session index: the latest edit that changed its entry */
};

/* What a journalled table's rows are: the index in c of the row with id. */
enum seq_of { SEQ_SESSION, SEQ_ROOM, SEQ_DAY, SEQ_SPEAKER };

static int index_of(const struct conf *c, enum seq_of of, int64_t id)
{
	switch (of) {
	case SEQ_SESSION:
		return conf_session_at(c, id);
	case SEQ_ROOM:
		return conf_room_index(c, id);
	case SEQ_DAY:
		return conf_day_index(c, id);
	case SEQ_SPEAKER:
		return conf_speaker_at(c, id);
	}
	return -1;
}

/* The latest edit of each row of table, into by[index of the row]; the
 * row is the row_id, or (key) the first part of the journal's rkey, as
 * a session's speakers are kept. Rows no longer in c are passed over. */
static void latest_edits(struct db *db, const char *table, int key, enum seq_of of,
			 const struct conf *c, int64_t *by)
{
	struct db_stmt *q = db_prepare(db, key ? "SELECT CAST(substr(rkey, 1, instr(rkey, ':') - 1) "
						 "AS INTEGER) AS r, max(edit) FROM journal WHERE "
						 "tbl = ?1 AND rkey IS NOT NULL GROUP BY r"
					       : "SELECT row_id, max(edit) FROM journal WHERE "
						 "tbl = ?1 AND row_id IS NOT NULL GROUP BY row_id");

	db_bind_text(q, 1, table);
	while (db_step(q) == 1) {
		int k = index_of(c, of, db_col_int(q, 0));
		int64_t edit = db_col_int(q, 1);

		if (k >= 0 && edit > by[k])
			by[k] = edit;
	}
	db_reset(q);
}

static void raise_to(int64_t *seq, int64_t edit)
{
	if (edit > *seq)
		*seq = edit;
}

/* A session's entry changes with the session, its place, its speakers and
 * their names, its room, its day, and the event's time zone. */
struct ics_seq *ics_seq_load(struct db *db, const struct conf *c)
{
	struct ics_seq *q = xcalloc(1, sizeof(*q));
	int64_t *room = xcalloc((size_t)c->nrooms + 1, sizeof(int64_t));
	int64_t *day = xcalloc((size_t)c->ndays + 1, sizeof(int64_t));
	int64_t *speaker = xcalloc((size_t)c->nspeakers + 1, sizeof(int64_t)), event = 0;
	struct db_stmt *st;

	q->db = db;
	q->session = xcalloc((size_t)c->nsessions + 1, sizeof(int64_t));
	latest_edits(db, "session", 0, SEQ_SESSION, c, q->session);
	latest_edits(db, "placement", 0, SEQ_SESSION, c, q->session);
	latest_edits(db, "session_speaker", 1, SEQ_SESSION, c, q->session);
	latest_edits(db, "room", 0, SEQ_ROOM, c, room);
	latest_edits(db, "day", 0, SEQ_DAY, c, day);
	latest_edits(db, "speaker", 0, SEQ_SPEAKER, c, speaker);
	st = db_prepare(db, "SELECT coalesce(max(edit), 0) FROM journal WHERE tbl = 'event' AND "
			    "(op <> 'update' OR json_extract(before, '$.timezone') IS NOT "
			    "json_extract(after, '$.timezone'))");
	if (db_step(st) == 1)
		event = db_col_int(st, 0);
	db_reset(st);
	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];

		raise_to(&q->session[i], event);
		if (s->room >= 0)
			raise_to(&q->session[i], room[s->room]);
		if (s->day >= 0)
			raise_to(&q->session[i], day[s->day]);
		for (int k = 0; k < s->nspeakers; k++)
			raise_to(&q->session[i], speaker[s->speakers[k]]);
	}
	free(room);
	free(day);
	free(speaker);
	return q;
}

void ics_seq_free(struct ics_seq *q)
{
	if (!q)
		return;
	free(q->session);
	free(q);
}

/* The SEQUENCE of session i in delegate d's calendar (d < 0: the
 * programme's): the latest edit of the session, its place or room, or
 * the delegate's cafe seats and carousel stations in it. */
static int64_t sequence(const struct ics_seq *q, const struct conf *c, int i, int d)
{
	int64_t seq, seat = 0;
	struct db_stmt *st;
	char *key;

	if (!q)
		return 0;
	seq = q->session[i];
	if (d < 0)
		return seq;
	key = xasprintf("%lld:*:%lld", (long long)c->sessions[i].id, (long long)c->delegates[d].id);
	st = db_prepare(q->db,
			"SELECT coalesce(max(edit), 0) FROM journal WHERE tbl IN "
			"('cafe_seat', 'carousel_visit') AND rkey IS NOT NULL AND rkey GLOB ?1");
	db_bind_text(st, 1, key);
	if (db_step(st) == 1)
		seat = db_col_int(st, 0);
	db_reset(st);
	free(key);
	return seat > seq ? seat : seq;
}

/* A UID of this conference's: the session code (every byte but letters,
 * digits, '.', '-' and '_' written %XX), the delegate's id for their own
 * calendar, and the conference's UUID. */
static char *make_uid(const struct conf *c, const struct session *s, const struct delegate *d)
{
	struct str u;

	str_init(&u);
	for (const unsigned char *p = (const unsigned char *)s->code; *p; p++) {
		if (isalnum(*p) || *p == '.' || *p == '-' || *p == '_')
			str_catc(&u, (char)*p);
		else
			str_catf(&u, "%%%02X", *p);
	}
	if (d)
		str_catf(&u, "-%lld", (long long)d->id);
	str_catf(&u, "@%s.convene", *c->event.uuid ? c->event.uuid : "localhost");
	return str_steal(&u);
}

static icalcomponent *event_new(const struct conf *c, const struct session *s, int day, int start,
				int end, const char *uid, const char *desc)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	char *summary = ics_text(s->title), *where = ics_text(c->rooms[s->room].name);
	char *text = ics_text(desc ? desc : "");

	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp()));
	icalcomponent_add_property(ev, local_time(c, day, start, 0));
	icalcomponent_add_property(ev, local_time(c, day, end, 1));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	icalcomponent_add_property(ev, icalproperty_new_location(where));
	if (*text)
		icalcomponent_add_property(ev, icalproperty_new_description(text));
	icalcomponent_add_property(ev, icalproperty_new_categories(kind_name(s->kind)));
	free(summary);
	free(where);
	free(text);
	return ev;
}

static void append(icalcomponent *cal, struct str *out)
{
	char *text = icalcomponent_as_ical_string_r(cal);

	str_cat(out, text);
	free(text);
	icalcomponent_free(cal);
}

enum status ics_timetable(const struct print_data *pd, const struct ics_seq *q,
			  const struct print_timetable *tt, struct str *out, struct error *err)
{
	const struct conf *c = pd->c;
	const struct delegate *d = &c->delegates[tt->delegate];
	icaltimezone *z = event_zone(c, err);
	char *name = delegate_name(d), *title;
	icalcomponent *cal;
	struct str desc;

	if (!z) {
		free(name);
		return ST_INPUT;
	}
	title = xasprintf("%s: %s", c->event.name, name);
	cal = calendar_new(c, z, title);
	str_init(&desc);
	for (int i = 0; i < tt->n; i++) {
		const struct print_entry *e = &tt->e[i];
		const struct session *s = &c->sessions[e->session];
		char *uid = make_uid(c, s, d);
		icalcomponent *ev;

		str_clear(&desc);
		print_entry_note(pd, e, &desc);
		for (int k = 0; k < e->ndetails; k++) {
			const struct print_detail *dt = &tt->d[e->detail + k];
			char a[6], b[6];

			str_catf(&desc, "%s%s %d %s-%s: ", desc.len ? "\n" : "",
				 dt->station >= 0 ? "Rotation" : "Round", dt->round,
				 time_format(dt->start, a), time_format(dt->end, b));
			print_detail_text(pd, e, dt, &desc);
		}
		ev = event_new(c, s, e->day, e->start, e->end, uid, desc.buf);
		icalcomponent_add_property(ev,
					   icalproperty_new_sequence((int)sequence(q, c, e->session,
										   tt->delegate)));
		icalcomponent_add_component(cal, ev);
		free(uid);
	}
	append(cal, out);
	str_done(&desc);
	free(title);
	free(name);
	return ST_OK;
}

enum status ics_programme(const struct conf *c, const struct ics_seq *q, struct str *out,
			  struct error *err)
{
	icaltimezone *z = event_zone(c, err);
	icalcomponent *cal;

	if (!z)
		return ST_INPUT;
	cal = calendar_new(c, z, c->event.name);
	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];
		icalcomponent *ev;
		char *uid, *sp;

		if (s->day < 0 || s->room < 0)
			continue;
		uid = make_uid(c, s, NULL);
		sp = print_speakers(c, s);
		ev = event_new(c, s, s->day, s->start, s->start + s->duration, uid, sp);
		icalcomponent_add_property(ev,
					   icalproperty_new_sequence((int)sequence(q, c, i, -1)));
		icalcomponent_add_component(cal, ev);
		free(sp);
		free(uid);
	}
	append(cal, out);
	return ST_OK;
}

char *ics_file_name(const struct delegate *d)
{
	struct str s;

	if (!*d->email)
		return xasprintf("delegate-%lld.ics", (long long)d->id);
	str_init(&s);
	for (const unsigned char *p = (const unsigned char *)d->email; *p; p++) {
		if (islower(*p) || isdigit(*p) || *p == '.' || *p == '-' || *p == '@')
			str_catc(&s, (char)*p);
		else if (isupper(*p))
			str_catc(&s, (char)tolower(*p));
		else
			str_catf(&s, "%%%02x", *p);
	}
	str_cat(&s, ".ics");
	return str_steal(&s);
}
