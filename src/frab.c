/* frab schedule XML. Export writes <schedule> with one <day> per day, its
 * rooms and their events in time order; each event carries its guid (the
 * one it came with, else a hash of the conference's UUID and the session
 * code), its abstract and description, and a slug from which a re-import
 * takes the session code back. It writes no <link> without an href: apps
 * such as ConfClerk store every link's href and fail on a missing one.
 *
 * Import reads times as instants: a <date> with its UTC offset is brought
 * into the conference's time zone (the file's time_zone_name, else, for a
 * new conference, a fixed zone of the offset it gives), so every event
 * keeps its absolute time. An event belongs to the <day> that holds it,
 * however late: a congress's day runs past midnight, and its window comes
 * from the day's start and end, or from its events when it gives none.
 * Types map to kinds by frab_kind's table. All of it is one edit. */
#include "convene/frab.h"

#include <ctype.h>
#include <stdarg.h>
#include <libical/ical.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define X (const xmlChar *)

/* Export. */

/* The conference's acronym: lower-case words of its name joined by '-'. */
static char *acronym(const struct conf *c)
{
	struct str s;
	int gap = 0;

	str_init(&s);
	for (const char *p = c->event.name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (isalnum(ch) && ch < 0x80) {
			if (gap && s.len)
				str_catc(&s, '-');
			str_catc(&s, (char)tolower(ch));
			gap = 0;
		} else {
			gap = 1;
		}
	}
	if (s.len < 4)
		str_cat(&s, s.len ? "-convene" : "convene");
	return str_steal(&s);
}

static uint64_t fnv(const char *s, uint64_t h)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* A stable UUID (version 5 layout) for a session of a conference. */
static char *make_guid(const char *conf, const char *code)
{
	uint64_t a = fnv(code, fnv(conf, 1469598103934665603ULL));
	uint64_t b = fnv(code, fnv(conf, 0x9e3779b97f4a7c15ULL) ^ a);

	return xasprintf("%08x-%04x-5%03x-%04x-%012llx", (unsigned)(a >> 32),
			 (unsigned)(a >> 16) & 0xffff, (unsigned)a & 0xfff,
			 (unsigned)((b >> 48) & 0x3fff) | 0x8000,
			 (unsigned long long)(b & 0xffffffffffffULL));
}

/* "2027-03-11T09:00:00+00:00" for minutes after midnight of a day. */
static char *datetime(const struct conf *c, icaltimezone *z, int day, int minutes)
{
	struct icaltimetype t = icaltime_from_string(c->days[day].date);
	int dst, off;

	t.is_date = 0;
	t.hour = t.minute = t.second = 0;
	icaltime_adjust(&t, 0, 0, minutes, 0);
	off = z ? icaltimezone_get_utc_offset(z, &t, &dst) : 0;
	return xasprintf("%04d-%02d-%02dT%02d:%02d:00%c%02d:%02d", t.year, t.month, t.day, t.hour,
			 t.minute, off < 0 ? '-' : '+', abs(off) / 3600, abs(off) % 3600 / 60);
}

static char *hhmm(int minutes)
{
	return xasprintf("%02d:%02d", minutes / 60, minutes % 60);
}

/* A child element holding text, without control characters (XML 1.0 has
 * no way to write most of them). */
static xmlNodePtr child_text(xmlNodePtr parent, const char *name, const char *text)
{
	char *safe = safe_text(text, SAFE_DROP);
	xmlNodePtr n = xmlNewTextChild(parent, NULL, X name, X safe);

	free(safe);
	return n;
}

/* An attribute holding text, made safe the same way. */
static void prop_text(xmlNodePtr n, const char *name, const char *text)
{
	char *safe = safe_text(text, SAFE_DROP);

	xmlNewProp(n, X name, X safe);
	free(safe);
}

static int frab_kind(const char *type);

/* The type written for a session: the schedule's own when it still says
 * the session's kind, else frab's word for the kind. */
static const char *frab_type(const struct session *s)
{
	if (s->frab_type && *s->frab_type && frab_kind(s->frab_type) == (int)s->kind)
		return s->frab_type;
	switch (s->kind) {
	case KIND_TALK:
		return "lecture";
	case KIND_PANEL:
		return "podium";
	default:
		return kind_name(s->kind);
	}
}

/* A guid the schema takes: 8-4-4-4-12 hexadecimal digits. */
static int is_uuid(const char *g)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	const char *p = g;

	for (size_t k = 0; k < ARRAY_SIZE(groups); k++) {
		for (int i = 0; i < groups[k]; i++, p++)
			if (!isxdigit((unsigned char)*p))
				return 0;
		if (*p != (k + 1 < ARRAY_SIZE(groups) ? '-' : '\0'))
			return 0;
		p++;
	}
	return 1;
}

/* The slug that carries a session's code back to convene: the acronym,
 * "-code-" and the code with every byte but a-z and 0-9 written "_hh", so
 * it fits the schema's pattern ([a-z0-9_]{4,}-[a-z0-9_-]{4,}). */
static char *code_slug(const char *acr, const char *code)
{
	struct str s;

	str_init(&s);
	for (const char *p = acr; *p; p++)
		str_catc(&s, *p == '-' ? '_' : *p);
	str_cat(&s, "-code-");
	for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			str_catc(&s, (char)*p);
		else
			str_catf(&s, "_%02x", *p);
	}
	return str_steal(&s);
}

static void export_event(const struct conf *c, icaltimezone *z, const char *acr, xmlNodePtr room,
			 const struct session *s)
{
	xmlNodePtr ev = xmlNewChild(room, NULL, X "event", NULL), persons;
	char *id = xasprintf("%lld", (long long)s->id);
	char *g = is_uuid(s->guid) ? xstrdup(s->guid)
				   : make_guid(*c->event.uuid ? c->event.uuid : acr, s->code);
	char *date = datetime(c, z, s->day, s->start), *start = hhmm(s->start % (24 * 60));
	char *dur = hhmm(s->duration), *slug = code_slug(acr, s->code);

	xmlNewProp(ev, X "id", X id);
	xmlNewProp(ev, X "guid", X g);
	child_text(ev, "room", c->rooms[s->room].name);
	child_text(ev, "title", s->title);
	child_text(ev, "subtitle", s->subtitle);
	child_text(ev, "type", frab_type(s));
	child_text(ev, "date", date);
	child_text(ev, "start", start);
	child_text(ev, "duration", dur);
	child_text(ev, "abstract", s->abstract);
	child_text(ev, "slug", slug);
	child_text(ev, "track", s->track);
	persons = xmlNewChild(ev, NULL, X "persons", NULL);
	for (int i = 0; i < s->nspeakers; i++) {
		const struct speaker *sp = &c->speakers[s->speakers[i]];
		xmlNodePtr p = child_text(persons, "person", sp->name);
		char *pid = xasprintf("%lld", (long long)sp->id);

		xmlNewProp(p, X "id", X pid);
		free(pid);
	}
	child_text(ev, "language", *s->language ? s->language : "en");
	child_text(ev, "description", s->description);
	free(id);
	free(g);
	free(slug);
	free(date);
	free(start);
	free(dur);
}

static int by_start(const void *pa, const void *pb, void *arg)
{
	const struct conf *c = arg;
	const struct session *a = &c->sessions[*(const int *)pa];
	const struct session *b = &c->sessions[*(const int *)pb];

	return a->start != b->start ? a->start - b->start : *(const int *)pa - *(const int *)pb;
}

static void export_day(const struct conf *c, icaltimezone *z, const char *acr, xmlNodePtr root,
		       int day, int *idx)
{
	xmlNodePtr d = xmlNewChild(root, NULL, X "day", NULL);
	char *index = xasprintf("%d", c->days[day].number);
	char *start = datetime(c, z, day, c->days[day].start);
	char *end = datetime(c, z, day, c->days[day].end);

	xmlNewProp(d, X "index", X index);
	xmlNewProp(d, X "date", X c->days[day].date);
	xmlNewProp(d, X "start", X start);
	xmlNewProp(d, X "end", X end);
	for (int r = 0; r < c->nrooms; r++) {
		xmlNodePtr room = NULL;
		int n = 0;

		for (int i = 0; i < c->nsessions; i++)
			if (c->sessions[i].day == day && c->sessions[i].room == r)
				idx[n++] = i;
		if (!n)
			continue;
		qsort_r(idx, (size_t)n, sizeof(int), by_start, (void *)c);
		room = xmlNewChild(d, NULL, X "room", NULL);
		prop_text(room, "name", c->rooms[r].name);
		for (int k = 0; k < n; k++)
			export_event(c, z, acr, room, &c->sessions[idx[k]]);
	}
	free(index);
	free(start);
	free(end);
}

static void export_conference(const struct conf *c, xmlNodePtr root, const char *acr)
{
	xmlNodePtr conf = xmlNewChild(root, NULL, X "conference", NULL);
	char *days = xasprintf("%d", c->ndays), *slot = hhmm(c->event.slot_minutes);

	child_text(conf, "title", *c->event.name ? c->event.name : "convene conference");
	child_text(conf, "acronym", acr);
	if (c->ndays) {
		child_text(conf, "start", c->days[0].date);
		child_text(conf, "end", c->days[c->ndays - 1].date);
	}
	child_text(conf, "days", days);
	child_text(conf, "timeslot_duration", slot);
	child_text(conf, "time_zone_name", c->event.timezone);
	free(days);
	free(slot);
}

enum status frab_export(const struct conf *c, struct str *out, struct error *err)
{
	xmlDocPtr doc = xmlNewDoc(X "1.0");
	xmlNodePtr root = xmlNewNode(NULL, X "schedule"), gen;
	icaltimezone *z = icaltimezone_get_builtin_timezone(c->event.timezone);
	char *acr = acronym(c);
	int *idx = xcalloc((size_t)c->nsessions + 1, sizeof(int)), len = 0;
	xmlChar *buf = NULL;

	if (!z) {
		free(acr);
		free(idx);
		xmlFreeDoc(doc);
		xmlFreeNode(root);
		return error_set(err, ST_INPUT, "time zone '%s' is not one libical knows",
				 c->event.timezone);
	}
	xmlDocSetRootElement(doc, root);
	gen = xmlNewChild(root, NULL, X "generator", NULL);
	xmlNewProp(gen, X "name", X "convene");
	xmlNewProp(gen, X "version", X PACKAGE_VERSION);
	child_text(root, "version", "1.0");
	export_conference(c, root, acr);
	for (int d = 0; d < c->ndays; d++)
		export_day(c, z, acr, root, d, idx);
	xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1);
	str_catn(out, (const char *)buf, (size_t)len);
	xmlFree(buf);
	xmlFreeDoc(doc);
	free(idx);
	free(acr);
	return ST_OK;
}

/* Validation. */

static void collect_error(void *data, const xmlError *e)
{
	struct str *s = data;

	if (s->len < 2000)
		str_catf(s, "%sline %d: %s", s->len ? "; " : "", e->line,
			 e->message ? e->message : "invalid");
	while (s->len && (s->buf[s->len - 1] == '\n' || s->buf[s->len - 1] == ' '))
		s->buf[--s->len] = '\0';
}

static void collect_error_cb(void *data, xmlErrorPtr e)
{
	collect_error(data, e);
}

enum status frab_validate(const char *xml, size_t len, const char *xsd_path, struct error *err)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd_path);
	xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;
	struct str msg;
	enum status st = ST_OK;
	int rc;

	if (pc)
		xmlSchemaFreeParserCtxt(pc);
	if (!schema)
		return error_set(err, ST_IO, "%s: cannot read the schema", xsd_path);
	doc = xmlReadMemory(xml, (int)len, "export.xml", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		xmlSchemaFree(schema);
		return error_set(err, ST_INPUT, "the document is not well-formed XML");
	}
	str_init(&msg);
	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vc, collect_error_cb, &msg);
	rc = xmlSchemaValidateDoc(vc, doc);
	if (rc != 0)
		st = error_set(err, ST_INPUT, "not valid against %s: %s", xsd_path,
			       msg.len ? msg.buf : "validation failed");
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlFreeDoc(doc);
	str_done(&msg);
	return st;
}

/* Import. */

void frab_result_init(struct frab_result *r)
{
	memset(r, 0, sizeof(*r));
	str_init(&r->warnings);
}

void frab_result_done(struct frab_result *r)
{
	str_done(&r->warnings);
}

struct importer {
	struct db *db;
	const char *path;
	struct frab_result *res;
	struct error *err;
	int nevents;
	int generator;      /* the file is convene's own export */
	icaltimezone *zone; /* the conference's: times are brought into it */
	int day_change;     /* minutes: an event with no date before it is the next morning's */
};

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, X name) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr k = n ? n->children : NULL; k; k = k->next)
		if (is_el(k, name))
			return k;
	return NULL;
}

/* The trimmed text of an element (allocated; "" when absent). */
static char *text_of(xmlNodePtr n)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	char *s = xstrdup(t ? (const char *)t : "");

	xmlFree(t);
	str_trim(s);
	return s;
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *t = xmlGetProp(n, X name);
	char *s = t ? xstrdup((const char *)t) : NULL;

	xmlFree(t);
	if (s)
		str_trim(s);
	return s;
}

static enum status fail_at(struct importer *im, xmlNodePtr n, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static enum status fail_at(struct importer *im, xmlNodePtr n, const char *fmt, ...)
{
	struct str what;
	va_list ap;

	str_init(&what);
	va_start(ap, fmt);
	str_vcatf(&what, fmt, ap);
	va_end(ap);
	error_set(im->err, ST_INPUT, "%s:%ld: %s", im->path, xmlGetLineNo(n), what.buf);
	str_done(&what);
	return ST_INPUT;
}

/* Prefix a model error with the file and line. */
static enum status wrap(struct importer *im, xmlNodePtr n, enum status st)
{
	char *msg;

	if (!st)
		return ST_OK;
	msg = xstrdup(im->err->msg ? im->err->msg : "failed");
	error_set(im->err, st, "%s:%ld: %s", im->path, xmlGetLineNo(n), msg);
	free(msg);
	return st;
}

static void warn(struct importer *im, xmlNodePtr n, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void warn(struct importer *im, xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;

	str_catf(&im->res->warnings, "%s:%ld: ", im->path, xmlGetLineNo(n));
	va_start(ap, fmt);
	str_vcatf(&im->res->warnings, fmt, ap);
	va_end(ap);
	str_catc(&im->res->warnings, '\n');
}

/* "HH:MM" or "HH:MM:SS" (or plain minutes) in minutes; -1 if neither. */
static int parse_hm(const char *s)
{
	int h, m, n = 0;
	long v;

	if (sscanf(s, "%d:%d%n", &h, &m, &n) == 2 && h >= 0 && m >= 0 && m < 60)
		return (s[n] == '\0' || s[n] == ':') ? h * 60 + m : -1;
	return parse_int(s, 0, 24 * 60, &v) == 0 ? (int)v : -1;
}

/* A point in time as a schedule writes it, "2014-12-27T11:00:00+01:00":
 * the date and minutes as written, and the offset from UTC if it has one. */
struct stamp {
	int year, month, mday, minutes;
	int has_offset;
	int offset; /* minutes east of UTC */
};

static int parse_stamp(const char *s, struct stamp *t)
{
	int h, m, n = 0, oh, om;
	const char *p;

	memset(t, 0, sizeof(*t));
	if (!s ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &t->year, &t->month, &t->mday, &h, &m, &n) != 5 ||
	    h > 24 || m > 59)
		return -1;
	t->minutes = h * 60 + m;
	p = s + n;
	if (*p == ':')
		p += strspn(p + 1, "0123456789.") + 1;
	if (*p == 'Z') {
		t->has_offset = 1;
	} else if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &oh, &om) == 2) {
		t->has_offset = 1;
		t->offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
	}
	return 0;
}

/* Days since 1970-01-01 of a civil date. */
static long civil_days(int y, int m, int d)
{
	long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Days since 1970-01-01 of "YYYY-MM-DD"; 0 when it is no date. */
static long date_days(const char *date)
{
	int y, m, d;

	return sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3 ? civil_days(y, m, d) : 0;
}

/* The stamp in the conference's zone: its local date ("YYYY-MM-DD") and
 * minutes; a stamp without an offset is taken as written there. */
static void stamp_local(const struct importer *im, const struct stamp *t, char date[11],
			int *minutes)
{
	struct icaltimetype u = icaltime_null_time();

	u.year = t->year;
	u.month = t->month;
	u.day = t->mday;
	if (t->has_offset && im->zone) {
		icaltime_adjust(&u, 0, 0, t->minutes - t->offset, 0);
		u.zone = icaltimezone_get_utc_timezone();
		u = icaltime_convert_to_zone(u, im->zone);
	} else {
		icaltime_adjust(&u, 0, 0, t->minutes, 0);
	}
	snprintf(date, 11, "%04u-%02u-%02u", (unsigned)u.year % 10000u, (unsigned)u.month % 100u,
		 (unsigned)u.day % 100u);
	*minutes = u.hour * 60 + u.minute;
}

/* Minutes after the midnight that begins date, of the stamp s ("" when
 * none); -1 when it cannot be read. */
static int minutes_after(const struct importer *im, const char *s, const char *date)
{
	struct stamp t;
	char local[11];
	int m;

	if (!s || parse_stamp(s, &t) != 0)
		return -1;
	stamp_local(im, &t, local, &m);
	return (int)(date_days(local) - date_days(date)) * 24 * 60 + m;
}

static int64_t day_by_date(struct db *db, const char *date)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM day WHERE date = ?1");
	int64_t id = 0;

	db_bind_text(st, 1, date);
	if (db_step(st) == 1)
		id = db_col_int(st, 0);
	db_reset(st);
	return id;
}

static int free_day_number(struct db *db, int want)
{
	struct db_stmt *st = db_prepare(db, "SELECT count(*), (SELECT coalesce(max(number), 0) "
					    "FROM day) FROM day WHERE number = ?1");
	int n = want;

	db_bind_int(st, 1, want);
	if (db_step(st) == 1 && (want < 1 || db_col_int(st, 0) > 0))
		n = (int)db_col_int(st, 1) + 1;
	db_reset(st);
	return n;
}

/* The date of a <day>: its date attribute, else its start's local date
 * (allocated; NULL when neither). */
static char *day_date(const struct importer *im, xmlNodePtr d)
{
	char *date = attr(d, "date"), *start, local[11];
	struct stamp t;
	int m;

	if (date || !(start = attr(d, "start")))
		return date;
	if (parse_stamp(start, &t) == 0) {
		stamp_local(im, &t, local, &m);
		date = xstrdup(local);
	}
	free(start);
	return date;
}

/* When an event starts, in minutes after the midnight that begins its
 * day's date: from its <date> as an instant, else its <start> (before the
 * conference's day_change, the next morning); -1 when neither reads. */
static int event_start(const struct importer *im, xmlNodePtr ev, const char *date)
{
	char *when = text_of(child(ev, "date")), *start = text_of(child(ev, "start"));
	int m = *when ? minutes_after(im, when, date) : -1;

	if (m < 0 && *start && (m = parse_hm(start)) >= 0 && m < im->day_change)
		m += 24 * 60;
	free(when);
	free(start);
	return m < 0 || m > DAY_MINUTES_MAX ? -1 : m;
}

/* An event's length in minutes; -1 when it cannot be read. */
static int event_length(xmlNodePtr ev)
{
	char *dur = text_of(child(ev, "duration"));
	int m = *dur ? parse_hm(dur) : 30;

	free(dur);
	return m;
}

/* A day's window from its events, when it gives no start and end. */
static void window_of_events(const struct importer *im, xmlNodePtr d, const char *date, int *from,
			     int *to)
{
	*from = -1;
	*to = -1;
	for (xmlNodePtr r = d->children; r; r = r->next) {
		xmlNodePtr first = is_el(r, "event") ? r : r->children;

		for (xmlNodePtr e = first; e; e = e == r ? NULL : e->next) {
			int m, len;

			if (!is_el(e, "event") || (m = event_start(im, e, date)) < 0)
				continue;
			len = event_length(e);
			len = len < 5 ? 5 : len;
			if (*from < 0 || m < *from)
				*from = m;
			if (m + len > *to)
				*to = m + len;
		}
	}
}

/* A day's window: its start and end, else its events', else 08:00-18:00. */
static void day_window(const struct importer *im, xmlNodePtr d, const char *date, int *from, int *to)
{
	char *start = attr(d, "start"), *end = attr(d, "end");
	int ef, et;

	*from = minutes_after(im, start, date);
	*to = minutes_after(im, end, date);
	if (*from < 0 || *to < 0)
		window_of_events(im, d, date, &ef, &et);
	if (*from < 0)
		*from = ef;
	if (*to < 0)
		*to = et;
	if (*from < 0 || *from >= 24 * 60)
		*from = 8 * 60;
	if (*to <= *from || *to > DAY_MINUTES_MAX)
		*to = *from < 18 * 60 ? 18 * 60 : 24 * 60;
	free(start);
	free(end);
}

static enum status import_day(struct importer *im, xmlNodePtr d)
{
	char *date = day_date(im, d), *index = attr(d, "index");
	int from, to;
	enum status st = ST_OK;
	long num = 0;

	if (!date) {
		st = fail_at(im, d, "a <day> needs a date attribute");
	} else if (!day_by_date(im->db, date)) {
		day_window(im, d, date, &from, &to);
		if (!index || parse_int(index, 1, 14, &num))
			num = 0;
		st = wrap(im, d,
			  day_set(im->db, free_day_number(im->db, (int)num), date, from, to,
				  im->err));
		im->res->days += !st;
	}
	free(date);
	free(index);
	return st;
}

static enum status ensure_room(struct importer *im, xmlNodePtr n, const char *name, int64_t *id)
{
	struct room r = { .name = (char *)name,
			  .capacity = 0,
			  .step_free = 1,
			  .features = (char *)"" };
	enum status st;

	if ((*id = room_id(im->db, name)))
		return ST_OK;
	st = wrap(im, n, room_put(im->db, &r, id, im->err));
	im->res->rooms += !st;
	return st;
}

/* How a schedule's event types become convene's kinds: convene's own
 * kinds and their synonyms as they are, else a table of words looked for
 * in the type, first match wins, anything else a talk. FOSDEM's
 * "keynote" is a keynote, its "devroom", "maintrack" and "lightningtalk"
 * talks; pretalx's "Talk 40 (30min +10 Q&A)" a talk. */
static const struct {
	const char *word;
	enum session_kind kind;
} type_table[] = {
	{ "keynote", KIND_KEYNOTE },
	{ "plenary", KIND_PLENARY },
	{ "ceremony", KIND_PLENARY },
	{ "opening", KIND_PLENARY },
	{ "closing", KIND_PLENARY },
	{ "welcome", KIND_PLENARY },
	{ "podium", KIND_PANEL },
	{ "panel", KIND_PANEL },
	{ "discussion", KIND_PANEL },
	{ "debate", KIND_PANEL },
	{ "workshop", KIND_WORKSHOP },
	{ "hands-on", KIND_WORKSHOP },
	{ "bof", KIND_WORKSHOP },
	{ "meetup", KIND_WORKSHOP },
	{ "world cafe", KIND_WORLD_CAFE },
	{ "world café", KIND_WORLD_CAFE },
	{ "carousel", KIND_CAROUSEL },
	{ "lunch", KIND_MEAL },
	{ "dinner", KIND_MEAL },
	{ "breakfast", KIND_MEAL },
	{ "meal", KIND_MEAL },
	{ "coffee", KIND_BREAK },
	{ "break", KIND_BREAK },
	{ "networking", KIND_NETWORKING },
	{ "reception", KIND_NETWORKING },
};

static int frab_kind(const char *type)
{
	char *low;
	int k = kind_parse(type);

	if (k >= 0)
		return k; /* convene's own word, or a synonym of one */
	low = xstrdup(type);
	k = KIND_TALK;

	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	for (size_t i = 0; i < ARRAY_SIZE(type_table); i++)
		if (strstr(low, type_table[i].word)) {
			k = (int)type_table[i].kind;
			break;
		}
	free(low);
	return k;
}

/* The code back from a slug code_slug made; NULL when it is not one. */
static char *slug_code(const char *slug)
{
	const char *p = strstr(slug, "-code-");
	struct str s;
	unsigned v;

	if (!p)
		return NULL;
	str_init(&s);
	for (p += 6; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			str_catc(&s, *p);
		} else if (*p == '_' && isxdigit((unsigned char)p[1]) &&
			   isxdigit((unsigned char)p[2]) && sscanf(p + 1, "%2x", &v) == 1 && v) {
			str_catc(&s, (char)v);
			p += 2;
		} else {
			str_done(&s);
			return NULL;
		}
	}
	return str_steal(&s);
}

/* The session code: from our own slug (or an older export's link), else
 * the event id, else its slug. */
static char *event_code(struct importer *im, xmlNodePtr ev)
{
	xmlNodePtr links = child(ev, "links");
	char *code, *slug = text_of(child(ev, "slug"));

	if (im->generator && (code = slug_code(slug)) && *code) {
		free(slug);
		return code;
	}
	for (xmlNodePtr l = links ? links->children : NULL; l; l = l->next) {
		char *type = is_el(l, "link") ? attr(l, "type") : NULL;
		int ours = type && strcmp(type, "convene-code") == 0;

		free(type);
		if (ours && *(code = text_of(l))) {
			free(slug);
			return code;
		}
		if (ours)
			free(code);
	}
	if ((code = attr(ev, "id")) && *code) {
		free(slug);
		return code;
	}
	free(code);
	if (*slug)
		return slug;
	free(slug);
	return xasprintf("E%d", im->nevents);
}

static enum status event_speakers(struct importer *im, xmlNodePtr ev, int64_t session)
{
	enum status st = wrap(im, ev, session_speakers_clear(im->db, session, im->err));

	for (xmlNodePtr p = child(ev, "persons") ? child(ev, "persons")->children : NULL; p && !st;
	     p = p->next) {
		struct speaker sp = { 0 };
		char *name;
		int64_t id;

		if (!is_el(p, "person"))
			continue;
		name = text_of(p);
		if (*name) {
			if (!(id = speaker_find(im->db, name))) {
				sp.name = name;
				st = wrap(im, p, speaker_put(im->db, &sp, &id, im->err));
				im->res->speakers += !st;
			}
			if (!st)
				st = wrap(im, p, session_speaker_add(im->db, session, id, im->err));
		}
		free(name);
	}
	return st;
}

/* Where an event happens: the day that holds it, at its start however
 * late; an event outside that day's reach goes to the day of its own date
 * when the file has it. */
static void event_place(struct importer *im, xmlNodePtr ev, const char *date, int64_t *day,
			int *start)
{
	char *when = text_of(child(ev, "date")), local[11];
	struct stamp t;
	int m;

	*start = event_start(im, ev, date);
	*day = *start >= 0 ? day_by_date(im->db, date) : 0;
	if (!*day && *when && parse_stamp(when, &t) == 0) {
		stamp_local(im, &t, local, &m);
		if ((*day = day_by_date(im->db, local)))
			*start = m;
	}
	free(when);
}

/* The texts an event brings beside its title, and its guid. */
struct event_texts {
	char *code, *title, *type, *track, *room, *abstract, *description, *subtitle, *language,
		*guid;
};

static void texts_read(struct importer *im, xmlNodePtr ev, struct event_texts *x)
{
	x->code = event_code(im, ev);
	x->title = text_of(child(ev, "title"));
	x->type = text_of(child(ev, "type"));
	x->track = text_of(child(ev, "track"));
	x->room = text_of(child(ev, "room"));
	x->abstract = text_of(child(ev, "abstract"));
	x->description = text_of(child(ev, "description"));
	x->subtitle = text_of(child(ev, "subtitle"));
	x->language = text_of(child(ev, "language"));
	x->guid = attr(ev, "guid");
	if (!x->guid)
		x->guid = xstrdup("");
}

static void texts_done(struct event_texts *x)
{
	free(x->code);
	free(x->title);
	free(x->type);
	free(x->track);
	free(x->room);
	free(x->abstract);
	free(x->description);
	free(x->subtitle);
	free(x->language);
	free(x->guid);
}

/* The session an event makes: a zero-length event lasts five minutes. */
static enum status event_session(struct importer *im, xmlNodePtr ev, struct event_texts *x,
				 int64_t *id)
{
	struct session s = { .code = x->code,
			     .title = x->title,
			     .capacity = -1,
			     .track = x->track,
			     .audience = (char *)"",
			     .features = (char *)"",
			     .abstract = x->abstract,
			     .description = x->description,
			     .subtitle = x->subtitle,
			     .language = x->language,
			     .frab_type = x->type,
			     .guid = x->guid };
	char *dur = text_of(child(ev, "duration"));
	enum status st = ST_OK;

	s.kind = (enum session_kind)frab_kind(x->type);
	s.duration = event_length(ev);
	if (!*x->title) {
		free(x->title);
		s.title = x->title = xstrdup(x->code);
		warn(im, ev, "event %s has no title; its code is used", x->code);
	}
	if (s.duration == 0) {
		s.duration = 5;
		warn(im, ev, "event %s lasts no time; it is given 5 minutes", x->code);
	}
	if (s.duration < 0)
		st = fail_at(im, ev, "event %s: duration '%s' is not HH:MM", x->code, dur);
	else if (s.duration < 5 || s.duration > 720)
		st = fail_at(im, ev, "event %s: duration '%s' is not from 00:05 to 12:00", x->code,
			     dur);
	if (!st)
		st = wrap(im, ev, session_put(im->db, &s, id, im->err));
	free(dur);
	return st;
}

static enum status import_event(struct importer *im, xmlNodePtr ev, const char *date,
				const char *room_name)
{
	struct event_texts x;
	int64_t id = 0, day, rid = 0;
	enum status st;
	int start;

	im->nevents++;
	texts_read(im, ev, &x);
	st = event_session(im, ev, &x, &id);
	if (!st)
		st = event_speakers(im, ev, id);
	if (!st && !*x.room && room_name) {
		free(x.room);
		x.room = xstrdup(room_name);
	}
	event_place(im, ev, date, &day, &start);
	if (!st && *x.room)
		st = ensure_room(im, ev, x.room, &rid);
	if (!st && day && rid) {
		st = wrap(im, ev, placement_set(im->db, id, day, start, rid, im->err));
		im->res->placed += !st;
	} else if (!st) {
		warn(im, ev, "event %s has no day, start or room; it is left unplaced", x.code);
	}
	im->res->sessions += !st;
	texts_done(&x);
	return st;
}

/* The UTC offset of a stamp in minutes east; -1000 when it has none. */
static int offset_of(char *v)
{
	struct stamp t;
	int off = v && parse_stamp(v, &t) == 0 && t.has_offset ? t.offset : -1000;

	free(v);
	return off;
}

/* The first UTC offset the schedule writes (the conference's start, a
 * day's, an event's date); -1000 when it writes none. */
static int first_offset(xmlNodePtr root)
{
	int off = offset_of(text_of(child(child(root, "conference"), "start")));

	for (xmlNodePtr d = root->children; d && off == -1000; d = d->next) {
		if (!is_el(d, "day"))
			continue;
		off = offset_of(attr(d, "start"));
		for (xmlNodePtr r = d->children; r && off == -1000; r = r->next)
			for (xmlNodePtr e = r->children; e && off == -1000; e = e->next)
				if (is_el(e, "event"))
					off = offset_of(text_of(child(e, "date")));
	}
	return off;
}

/* The conference's zone: the schedule's time_zone_name; else, for a new
 * conference, a fixed zone of the offset the schedule writes ("Etc/GMT-1"
 * for +01:00); else the zone the conference has. */
static char *pick_zone(struct importer *im, xmlNodePtr root, const char *named, const char *have)
{
	struct db_stmt *q;
	int fresh, off;

	if (*named && icaltimezone_get_builtin_timezone(named))
		return xstrdup(named);
	q = db_prepare(im->db, "SELECT count(*) FROM day");
	fresh = db_step(q) == 1 && db_col_int(q, 0) == 0;
	db_reset(q);
	off = fresh ? first_offset(root) : -1000;
	if (off != -1000 && off % 60 == 0) {
		char *z = off ? xasprintf("Etc/GMT%+d", -off / 60) : xstrdup("Etc/UTC");

		if (icaltimezone_get_builtin_timezone(z))
			return z;
		free(z);
	}
	return xstrdup(have);
}

static enum status import_conference(struct importer *im, xmlNodePtr root)
{
	xmlNodePtr conf = child(root, "conference");
	struct db_stmt *st = db_prepare(im->db, "SELECT name, venue, timezone, slot_minutes "
						"FROM event WHERE id = 1");
	char *title = text_of(child(conf, "title")), *tz = text_of(child(conf, "time_zone_name"));
	char *slot = text_of(child(conf, "timeslot_duration"));
	char *change = text_of(child(conf, "day_change"));
	struct event_info ev = { 0 };
	enum status s = ST_OK;
	int m = parse_hm(slot);

	if (db_step(st) == 1) {
		ev.name = xstrdup(db_col_text(st, 0));
		ev.venue = xstrdup(db_col_text(st, 1));
		ev.timezone = xstrdup(db_col_text(st, 2));
		ev.slot_minutes = (int)db_col_int(st, 3);
	}
	db_reset(st);
	if (ev.name && !*ev.name && *title) {
		free(ev.name);
		ev.name = xstrdup(title);
	}
	if (ev.timezone) {
		char *z = pick_zone(im, root, tz, ev.timezone);

		free(ev.timezone);
		ev.timezone = z;
		im->zone = icaltimezone_get_builtin_timezone(z);
	}
	if (m >= 5 && m <= 120)
		ev.slot_minutes = m;
	im->day_change = *change ? parse_hm(change) : -1;
	if (ev.name)
		s = wrap(im, conf ? conf : root, event_set(im->db, &ev, im->err));
	free(ev.name);
	free(ev.venue);
	free(ev.timezone);
	free(title);
	free(tz);
	free(slot);
	free(change);
	return s;
}

/* The events of a <day>, in its rooms or straight in it. */
static enum status import_day_events(struct importer *im, xmlNodePtr d)
{
	char *date = day_date(im, d);
	enum status st = ST_OK;

	for (xmlNodePtr r = d->children; r && !st && date; r = r->next) {
		char *room;

		if (is_el(r, "event")) {
			st = import_event(im, r, date, NULL);
			continue;
		}
		if (!is_el(r, "room"))
			continue;
		room = attr(r, "name");
		if (room && *room)
			st = ensure_room(im, r, room, &(int64_t){ 0 });
		for (xmlNodePtr e = r->children; e && !st; e = e->next)
			if (is_el(e, "event"))
				st = import_event(im, e, date, room);
		free(room);
	}
	free(date);
	return st;
}

/* The conference, then days first, then every event of every day. */
static enum status import_tree(struct importer *im, xmlNodePtr root)
{
	xmlNodePtr gen = child(root, "generator");
	char *name = gen ? attr(gen, "name") : NULL;
	enum status st = import_conference(im, root);

	im->generator = name && strcmp(name, "convene") == 0;
	free(name);
	for (xmlNodePtr d = root->children; d && !st; d = d->next)
		if (is_el(d, "day"))
			st = import_day(im, d);
	for (xmlNodePtr d = root->children; d && !st; d = d->next)
		if (is_el(d, "day"))
			st = import_day_events(im, d);
	return st;
}

enum status frab_import(struct db *db, const char *path, struct frab_result *res, struct error *err)
{
	struct importer im = { .db = db, .path = path, .res = res, .err = err };
	xmlDocPtr doc = xmlReadFile(path, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
	xmlNodePtr root;
	enum status st;

	if (!doc) {
		const xmlError *e = xmlGetLastError();

		if (e && e->line > 0)
			return error_set(err, ST_INPUT, "%s:%d: %s", path, e->line,
					 e->message ? str_trim(e->message) : "not XML");
		return error_set(err, ST_INPUT, "%s: cannot read it as XML", path);
	}
	root = xmlDocGetRootElement(doc);
	if (!is_el(root, "schedule")) {
		st = error_set(err, ST_INPUT,
			       "%s:%ld: not a frab schedule (the root element is "
			       "<%s>, not <schedule>)",
			       path, root ? xmlGetLineNo(root) : 1L,
			       root ? (const char *)root->name : "nothing");
		xmlFreeDoc(doc);
		return st;
	}
	if ((st = db_begin(db, "import frab schedule", err))) {
		xmlFreeDoc(doc);
		return st;
	}
	st = import_tree(&im, root);
	if (!st && res->sessions == 0)
		st = error_set(err, ST_INPUT, "%s: the schedule holds no events", path);
	if (st)
		db_rollback(db);
	else
		st = db_commit(db, err);
	xmlFreeDoc(doc);
	return st;
}
