/* frab schedule XML. Export writes <schedule> with one <day> per day, its
 * rooms and their events in time order; each event carries a stable guid
 * (a hash of the conference and session code) and a <link type=
 * "convene-code"> so a re-import keeps our session codes. Import walks the
 * tree in two passes (days first, so events after midnight can land on the
 * calendar day they happen), inside one edit. */
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
static char *guid(const char *conf, const char *code)
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
	return xasprintf("%04d-%02d-%02dT%02d:%02d:00%c%02d:%02d", t.year, t.month, t.day,
			 t.hour, t.minute, off < 0 ? '-' : '+', abs(off) / 3600,
			 abs(off) % 3600 / 60);
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

static const char *frab_type(enum session_kind k)
{
	switch (k) {
	case KIND_TALK:
		return "lecture";
	case KIND_PANEL:
		return "podium";
	default:
		return kind_name(k);
	}
}

static void export_event(const struct conf *c, icaltimezone *z, const char *acr,
			 xmlNodePtr room, const struct session *s)
{
	xmlNodePtr ev = xmlNewChild(room, NULL, X "event", NULL), persons, links, link;
	char *id = xasprintf("%lld", (long long)s->id), *g = guid(acr, s->code);
	char *date = datetime(c, z, s->day, s->start), *start = hhmm(s->start);
	char *dur = hhmm(s->duration);

	xmlNewProp(ev, X "id", X id);
	xmlNewProp(ev, X "guid", X g);
	child_text(ev, "room", c->rooms[s->room].name);
	child_text(ev, "title", s->title);
	child_text(ev, "subtitle", "");
	child_text(ev, "type", frab_type(s->kind));
	child_text(ev, "date", date);
	child_text(ev, "start", start);
	child_text(ev, "duration", dur);
	child_text(ev, "abstract", "");
	child_text(ev, "track", s->track);
	persons = xmlNewChild(ev, NULL, X "persons", NULL);
	for (int i = 0; i < s->nspeakers; i++) {
		const struct speaker *sp = &c->speakers[s->speakers[i]];
		xmlNodePtr p = child_text(persons, "person", sp->name);
		char *pid = xasprintf("%lld", (long long)sp->id);

		xmlNewProp(p, X "id", X pid);
		free(pid);
	}
	child_text(ev, "language", "en");
	child_text(ev, "description", "");
	links = xmlNewChild(ev, NULL, X "links", NULL);
	link = child_text(links, "link", s->code);
	xmlNewProp(link, X "type", X "convene-code");
	xmlNewProp(link, X "service", X "convene");
	free(id);
	free(g);
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

static void export_day(const struct conf *c, icaltimezone *z, const char *acr,
		       xmlNodePtr root, int day, int *idx)
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

enum status frab_validate(const char *xml, size_t len, const char *xsd_path,
			  struct error *err)
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

/* The date and minutes of "YYYY-MM-DDTHH:MM..." into date (11 bytes). */
static int parse_datetime(const char *s, char date[11], int *minutes)
{
	int h, m;

	if (!s || strlen(s) < 16 || s[10] != 'T' || sscanf(s + 11, "%d:%d", &h, &m) != 2)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	*minutes = h * 60 + m;
	return 0;
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

static enum status import_day(struct importer *im, xmlNodePtr d)
{
	char *date = attr(d, "date"), *start = attr(d, "start"), *end = attr(d, "end");
	char *index = attr(d, "index"), sd[11], ed[11];
	int from = 8 * 60, to = 18 * 60, m;
	enum status st = ST_OK;
	long num = 0;

	if (!date && start && parse_datetime(start, sd, &m) == 0)
		date = xstrdup(sd);
	if (!date) {
		st = fail_at(im, d, "a <day> needs a date attribute");
	} else if (!day_by_date(im->db, date)) {
		if (start && parse_datetime(start, sd, &m) == 0 && strcmp(sd, date) == 0)
			from = m;
		if (end && parse_datetime(end, ed, &m) == 0)
			to = strcmp(ed, date) > 0 ? 24 * 60 : m;
		if (to <= from)
			to = 24 * 60;
		if (!index || parse_int(index, 1, 14, &num))
			num = 0;
		st = wrap(im, d, day_set(im->db, free_day_number(im->db, (int)num), date, from, to,
					 im->err));
		im->res->days += !st;
	}
	free(date);
	free(start);
	free(end);
	free(index);
	return st;
}

static enum status ensure_room(struct importer *im, xmlNodePtr n, const char *name,
			       int64_t *id)
{
	struct room r = { .name = (char *)name, .capacity = 0, .step_free = 1,
			  .features = (char *)"" };
	enum status st;

	if ((*id = room_id(im->db, name)))
		return ST_OK;
	st = wrap(im, n, room_put(im->db, &r, id, im->err));
	im->res->rooms += !st;
	return st;
}

static int frab_kind(const char *type)
{
	int k;

	if (!*type || str_ieq(type, "lecture") || str_ieq(type, "other") || str_ieq(type, "talk"))
		return KIND_TALK;
	if (str_ieq(type, "workshop"))
		return KIND_WORKSHOP;
	if (str_ieq(type, "podium") || str_ieq(type, "panel"))
		return KIND_PANEL;
	k = kind_parse(type);
	return k < 0 ? KIND_TALK : k;
}

/* The session code: our own link, else the event id, else its slug. */
static char *event_code(struct importer *im, xmlNodePtr ev)
{
	xmlNodePtr links = child(ev, "links");
	char *code;

	for (xmlNodePtr l = links ? links->children : NULL; l; l = l->next) {
		char *type = is_el(l, "link") ? attr(l, "type") : NULL;
		int ours = type && strcmp(type, "convene-code") == 0;

		free(type);
		if (ours && *(code = text_of(l)))
			return code;
		if (ours)
			free(code);
	}
	if ((code = attr(ev, "id")) && *code)
		return code;
	free(code);
	code = text_of(child(ev, "slug"));
	if (*code)
		return code;
	free(code);
	return xasprintf("E%d", im->nevents);
}

static enum status event_speakers(struct importer *im, xmlNodePtr ev, int64_t session)
{
	enum status st = wrap(im, ev, session_speakers_clear(im->db, session, im->err));

	for (xmlNodePtr p = child(ev, "persons") ? child(ev, "persons")->children : NULL;
	     p && !st; p = p->next) {
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

/* Where an event happens: the day of its <date> when the file has that
 * day, else the enclosing day; the minute from <start> or <date>. */
static enum status event_place(struct importer *im, xmlNodePtr ev, const char *day_date,
			       int64_t *day, int *start)
{
	char *date = text_of(child(ev, "date")), *st = text_of(child(ev, "start")), d[11];
	int m = -1;

	*day = 0;
	if (parse_datetime(date, d, &m) == 0)
		*day = day_by_date(im->db, d);
	if (*st)
		m = parse_hm(st);
	if (!*day && day_date)
		*day = day_by_date(im->db, day_date);
	free(date);
	free(st);
	if (m < 0 || m >= 24 * 60)
		*day = 0;
	*start = m;
	return ST_OK;
}

static enum status import_event(struct importer *im, xmlNodePtr ev, const char *day_date,
				const char *room_name)
{
	char *code = event_code(im, ev), *title = text_of(child(ev, "title"));
	char *type = text_of(child(ev, "type")), *dur = text_of(child(ev, "duration"));
	char *track = text_of(child(ev, "track")), *room = text_of(child(ev, "room"));
	struct session s = { .code = code, .title = title, .capacity = -1, .track = track,
			     .audience = (char *)"", .features = (char *)"" };
	int64_t id = 0, day, rid = 0;
	enum status st = ST_OK;
	int start;

	im->nevents++;
	s.kind = (enum session_kind)frab_kind(type);
	s.duration = *dur ? parse_hm(dur) : 30;
	if (!*title) {
		free(title);
		s.title = title = xstrdup(code);
		warn(im, ev, "event %s has no title; its code is used", code);
	}
	if (s.duration < 0)
		st = fail_at(im, ev, "event %s: duration '%s' is not HH:MM", code, dur);
	else if (s.duration < 5 || s.duration > 720)
		st = fail_at(im, ev, "event %s: duration '%s' is not from 00:05 to 12:00", code, dur);
	if (!st)
		st = wrap(im, ev, session_put(im->db, &s, &id, im->err));
	if (!st)
		st = event_speakers(im, ev, id);
	if (!st && !*room && room_name) {
		free(room);
		room = xstrdup(room_name);
	}
	event_place(im, ev, day_date, &day, &start);
	if (!st && *room)
		st = ensure_room(im, ev, room, &rid);
	if (!st && day && rid) {
		st = wrap(im, ev, placement_set(im->db, id, day, start, rid, im->err));
		im->res->placed += !st;
	} else if (!st) {
		warn(im, ev, "event %s has no day, start or room; it is left unplaced", code);
	}
	im->res->sessions += !st;
	free(code);
	free(title);
	free(type);
	free(dur);
	free(track);
	free(room);
	return st;
}

static enum status import_conference(struct importer *im, xmlNodePtr conf)
{
	struct db_stmt *st = db_prepare(im->db, "SELECT name, venue, timezone, slot_minutes "
						"FROM event WHERE id = 1");
	char *title = text_of(child(conf, "title")), *tz = text_of(child(conf, "time_zone_name"));
	char *slot = text_of(child(conf, "timeslot_duration"));
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
	if (*tz && icaltimezone_get_builtin_timezone(tz)) {
		free(ev.timezone);
		ev.timezone = xstrdup(tz);
	}
	if (m >= 5 && m <= 120)
		ev.slot_minutes = m;
	if (ev.name)
		s = wrap(im, conf, event_set(im->db, &ev, im->err));
	free(ev.name);
	free(ev.venue);
	free(ev.timezone);
	free(title);
	free(tz);
	free(slot);
	return s;
}

/* Days first, then every event of every room of every day. */
static enum status import_tree(struct importer *im, xmlNodePtr root)
{
	enum status st = ST_OK;

	if (child(root, "conference"))
		st = import_conference(im, child(root, "conference"));
	for (xmlNodePtr d = root->children; d && !st; d = d->next)
		if (is_el(d, "day"))
			st = import_day(im, d);
	for (xmlNodePtr d = root->children; d && !st; d = d->next) {
		char *date;

		if (!is_el(d, "day"))
			continue;
		date = attr(d, "date");
		for (xmlNodePtr r = d->children; r && !st; r = r->next) {
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
	}
	return st;
}

enum status frab_import(struct db *db, const char *path, struct frab_result *res,
			struct error *err)
{
	struct importer im = { db, path, res, err, 0 };
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING |
							XML_PARSE_NOERROR);
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
		st = error_set(err, ST_INPUT, "%s:%ld: not a frab schedule (the root element is "
			       "<%s>, not <schedule>)", path, root ? xmlGetLineNo(root) : 1L,
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
