/* What changed, and for whom: the edits after a given one and, for each
 * delegate they affect, what changed in their programme; and a notice per
 * delegate, ready to send. */
#include "convene/onday.h"

#include <stdlib.h>
#include <string.h>

/* One placement as the journal recorded it, mapped onto the snapshot. */
static void placement_from_json(const struct conf *c, json_t *row, int *day, int *start,
				int *room)
{
	*day = *room = -1;
	*start = 0;
	if (!json_is_object(row))
		return;
	*day = conf_day_index(c, json_integer_value(json_object_get(row, "day_id")));
	*start = (int)json_integer_value(json_object_get(row, "start_min"));
	*room = conf_room_index(c, json_integer_value(json_object_get(row, "room_id")));
}

/* Per delegate: the list of what changed for them. */
struct delegate_changes {
	json_t **lists; /* one JSON array per delegate, NULL when untouched */
};

static void add_for_delegates(struct db *db, const struct conf *c, int s, json_t *change,
			      struct delegate_changes *dc, int *count)
{
	int *who, n = onday_session_delegates(db, c, s, &who);

	*count = n;
	for (int i = 0; i < n; i++) {
		if (!dc->lists[who[i]])
			dc->lists[who[i]] = json_array();
		json_array_append(dc->lists[who[i]], change);
	}
	free(who);
}

/* Describe one journal row; placements and solves name who they affect. */
static void change_row(struct db *db, const struct conf *c, struct db_stmt *st, json_t *edit,
		       struct delegate_changes *dc, struct str *text)
{
	const char *tbl = db_col_text(st, 4), *op = db_col_text(st, 6);
	json_t *before = json_loads(db_col_text(st, 7), 0, NULL);
	json_t *after = json_loads(db_col_text(st, 8), 0, NULL);
	json_t *changes = json_object_get(edit, "changes");
	int64_t row = db_col_int(st, 5);
	int s = -1, n = 0;

	if (strcmp(tbl, "placement") == 0 && (s = conf_session_at(c, row)) >= 0) {
		int d0, t0, r0, d1, t1, r1;
		char *from, *to;
		json_t *ch;

		placement_from_json(c, before, &d0, &t0, &r0);
		placement_from_json(c, after, &d1, &t1, &r1);
		from = onday_where(c, d0, t0, r0);
		to = onday_where(c, d1, t1, r1);
		ch = json_pack("{s:s,s:s,s:o,s:o}", "session", c->sessions[s].code, "title",
			       c->sessions[s].title, "before", onday_where_json(c, d0, t0, r0), "after",
			       onday_where_json(c, d1, t1, r1));
		add_for_delegates(db, c, s, ch, dc, &n);
		json_object_set_new(ch, "delegates", json_integer(n));
		json_array_append_new(changes, ch);
		str_catf(text, "  %s '%s': %s -> %s (%d delegates)\n", c->sessions[s].code,
			 c->sessions[s].title, from, to, n);
		free(from);
		free(to);
	} else if (strcmp(op, "note") == 0 && (s = conf_session_at(c, row)) >= 0) {
		json_t *ch = json_pack("{s:s,s:s,s:O}", "session", c->sessions[s].code, "solved", tbl,
				       "result", after ? after : json_null());

		add_for_delegates(db, c, s, ch, dc, &n);
		json_object_set_new(ch, "delegates", json_integer(n));
		json_array_append_new(changes, ch);
		str_catf(text, "  %s: %s re-planned (%d delegates)\n", c->sessions[s].code,
			 strcmp(tbl, "cafe_seat") == 0 ? "cafe seating" : "carousel rotations", n);
	} else {
		json_object_set_new(edit, "other_rows",
				    json_integer(json_integer_value(json_object_get(edit, "other_rows")) + 1));
	}
	json_decref(before);
	json_decref(after);
}

static json_t *delegate_list(const struct conf *c, struct delegate_changes *dc,
			     struct str *text, int *affected)
{
	json_t *out = json_array();

	*affected = 0;
	for (int i = 0; i < c->ndelegates; i++) {
		char *name;

		if (!dc->lists[i])
			continue;
		name = delegate_name(&c->delegates[i]);
		json_array_append_new(out, json_pack("{s:s,s:s,s:o}", "name", name, "email",
						     c->delegates[i].email, "changes", dc->lists[i]));
		str_catf(text, "  %s <%s>: %zu change%s\n", name, c->delegates[i].email,
			 json_array_size(dc->lists[i]), json_array_size(dc->lists[i]) == 1 ? "" : "s");
		free(name);
		(*affected)++;
	}
	return out;
}

enum status onday_changes(struct db *db, int64_t since, struct onday_report *rep,
			  struct error *err)
{
	struct conf c;
	struct db_stmt *st;
	struct delegate_changes dc;
	json_t *edits = json_array(), *edit = NULL;
	int64_t current = -1;
	struct str people;
	enum status s = conf_load(db, &c, err);

	if (s) {
		json_decref(edits);
		return s;
	}
	dc.lists = xcalloc((size_t)c.ndelegates + 1, sizeof(json_t *));
	str_init(&people);
	st = db_prepare(db, "SELECT edit, at, who, what, tbl, coalesce(row_id, 0), op, "
			    "coalesce(before, 'null'), coalesce(after, 'null') FROM journal "
			    "WHERE edit > ?1 ORDER BY edit, id");
	db_bind_int(st, 1, since);
	while (db_step(st) == 1) {
		if (db_col_int(st, 0) != current) {
			current = db_col_int(st, 0);
			edit = json_pack("{s:I,s:s,s:s,s:s,s:[],s:i}", "edit", (json_int_t)current,
					 "at", db_col_text(st, 1), "who", db_col_text(st, 2), "what",
					 db_col_text(st, 3), "changes", "other_rows", 0);
			json_array_append_new(edits, edit);
			str_catf(&rep->text, "edit %lld  %s  %s  %s\n", (long long)current,
				 db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
		}
		change_row(db, &c, st, edit, &dc, &rep->text);
	}
	db_reset(st);
	json_object_set_new(rep->json, "since", json_integer(since));
	json_object_set_new(rep->json, "last_edit", json_integer(current < 0 ? since : current));
	json_object_set_new(rep->json, "edits", edits);
	json_object_set_new(rep->json, "delegates", delegate_list(&c, &dc, &people, &rep->affected));
	json_object_set_new(rep->json, "affected", json_integer(rep->affected));
	str_catf(&rep->text, "%d delegates affected\n%s", rep->affected, people.buf ? people.buf : "");
	str_done(&people);
	free(dc.lists);
	conf_done(&c);
	return ST_OK;
}

/* "Thursday 11 March 2027 at 12:00" for a placement in the change JSON. */
static void when_text(const struct conf *c, json_t *where, struct str *out)
{
	int number = (int)json_integer_value(json_object_get(where, "day"));
	const char *start = json_string_value(json_object_get(where, "start"));

	for (int d = 0; d < c->ndays; d++)
		if (c->days[d].number == number)
			str_catf(out, "day %d (%s) at %s", number, c->days[d].date, start ? start : "");
}

/* One change for one delegate, as a sentence. */
static void notice_line(const struct conf *c, json_t *ch, struct str *out)
{
	json_t *before = json_object_get(ch, "before"), *after = json_object_get(ch, "after");
	const char *title = json_string_value(json_object_get(ch, "title"));
	const char *broom = json_string_value(json_object_get(before, "room"));
	const char *aroom = json_string_value(json_object_get(after, "room"));
	int same_time = json_equal(json_object_get(before, "day"), json_object_get(after, "day")) &&
			json_equal(json_object_get(before, "start"), json_object_get(after, "start"));

	if (json_object_get(ch, "solved")) {
		str_catf(out, "- %s: your %s has changed; see your new timetable.\n",
			 json_string_value(json_object_get(ch, "session")),
			 strcmp(json_string_value(json_object_get(ch, "solved")), "cafe_seat") == 0
				 ? "table for each round"
				 : "station for each rotation");
		return;
	}
	str_catf(out, "- %s", title ? title : json_string_value(json_object_get(ch, "session")));
	if (json_is_null(after)) {
		str_cat(out, " no longer takes place as planned.\n");
		return;
	}
	if (same_time) {
		str_catf(out, ", ");
		when_text(c, after, out);
		str_catf(out, ": now in %s (was %s).\n", aroom, broom ? broom : "not yet placed");
		return;
	}
	str_cat(out, ": now ");
	when_text(c, after, out);
	str_catf(out, " in %s (was ", aroom);
	if (json_is_null(before))
		str_cat(out, "not yet placed).\n");
	else {
		when_text(c, before, out);
		str_catf(out, " in %s).\n", broom);
	}
}

enum status onday_notices(struct db *db, int64_t since, struct str *out, int *count,
			  struct error *err)
{
	struct onday_report rep;
	struct conf c;
	json_t *people;
	enum status st;

	onday_report_init(&rep);
	st = onday_changes(db, since, &rep, err);
	if (!st)
		st = conf_load(db, &c, err);
	if (st) {
		onday_report_done(&rep);
		return st;
	}
	people = json_object_get(rep.json, "delegates");
	*count = (int)json_array_size(people);
	for (size_t i = 0; i < json_array_size(people); i++) {
		json_t *p = json_array_get(people, i), *changes = json_object_get(p, "changes");
		const char *name = json_string_value(json_object_get(p, "name"));
		const char *email = json_string_value(json_object_get(p, "email"));
		const char *first = name;

		for (int d = 0; d < c.ndelegates; d++)
			if (*c.delegates[d].first_name && str_ieq(c.delegates[d].email, email))
				first = c.delegates[d].first_name;
		if (i)
			str_cat(out, "\n");
		str_catf(out, "To: %s <%s>\nSubject: %s: a change to your programme\n\n",
			 name, email, c.event.name);
		str_catf(out, "Dear %s,\n\n%s has changed since your timetable was made:\n\n",
			 first, c.event.name);
		for (size_t k = 0; k < json_array_size(changes); k++)
			notice_line(&c, json_array_get(changes, k), out);
		str_cat(out, "\nWe are sorry for the change. Your updated timetable is at the "
			     "registration desk.\n");
	}
	conf_done(&c);
	onday_report_done(&rep);
	return ST_OK;
}
