/* What changed, and for whom. Both states are read by the same loaders
 * (asof_load) and each delegate's programme in each is built by the same
 * function that prints it (print_timetable_build); diff_programme compares
 * the two, session by session (matched by id), then round by round. It is
 * the only definition of "what changed for a delegate": the change list,
 * the notices, the reprints and the marks on a timetable all call it. */
#include "convene/changes.h"

#include <stdlib.h>
#include <string.h>

#include "convene/asof.h"

static const struct change_side no_side = { -1, -1, 0, 0, -1, 0, -1, 0 };

static void push(struct delegate_change *dc, struct change x)
{
	if (dc->n == dc->cap) {
		dc->cap = dc->cap ? dc->cap * 2 : 8;
		dc->v = xreallocarray(dc->v, (size_t)dc->cap, sizeof(*dc->v));
	}
	dc->v[dc->n++] = x;
}

/* Entry e of a timetable built from pd, in round dt (NULL: the session). */
static struct change_side side_of(const struct print_data *pd, const struct print_entry *e,
				  const struct print_detail *dt)
{
	struct change_side s = { e->session,
				 e->day,
				 e->start,
				 e->end,
				 pd->c->sessions[e->session].room,
				 !!(e->flags & ENTRY_CHOSEN),
				 -1,
				 0 };

	if (dt) {
		s.place = dt->station >= 0 ? dt->station : dt->table;
		s.host = dt->host;
	}
	return s;
}

static int same_day(const struct print_data *pb, int b, const struct print_data *pa, int a)
{
	return pb->c->days[b].number == pa->c->days[a].number &&
	       strcmp(pb->c->days[b].date, pa->c->days[a].date) == 0;
}

static int same_room(const struct print_data *pb, int b, const struct print_data *pa, int a)
{
	return strcmp(pb->c->rooms[b].name, pa->c->rooms[a].name) == 0;
}

static int same_time(const struct print_data *pb, const struct change_side *b,
		     const struct print_data *pa, const struct change_side *a)
{
	return same_day(pb, b->day, pa, a->day) && b->start == a->start && b->end == a->end;
}

/* Whether a round's place reads the same: the table number, or the
 * station's number, topic and place; and hosting it or not. */
static int same_place(const struct print_data *pb, const struct change_side *b,
		      const struct print_data *pa, const struct change_side *a, int carousel)
{
	const struct print_station *sb, *sa;

	if (b->place < 0 || a->place < 0 || b->host != a->host)
		return b->place < 0 && a->place < 0 && b->host == a->host;
	if (!carousel)
		return b->place == a->place;
	sb = &pb->stations[b->place];
	sa = &pa->stations[a->place];
	return sb->number == sa->number && strcmp(sb->topic, sa->topic) == 0 &&
	       strcmp(sb->place, sa->place) == 0;
}

static const struct print_detail *detail_in(const struct print_timetable *tt,
					    const struct print_entry *e, int round)
{
	for (int k = 0; k < e->ndetails; k++)
		if (tt->d[e->detail + k].round == round)
			return &tt->d[e->detail + k];
	return NULL;
}

/* The rounds or rotations of one session whose table or station differs. */
static void diff_rounds(const struct print_data *pb, const struct print_timetable *tb,
			const struct print_entry *eb, const struct print_data *pa,
			const struct print_timetable *ta, const struct print_entry *ea,
			struct delegate_change *out)
{
	int rounds = 0;

	for (int k = 0; k < eb->ndetails; k++)
		if (tb->d[eb->detail + k].round > rounds)
			rounds = tb->d[eb->detail + k].round;
	for (int k = 0; k < ea->ndetails; k++)
		if (ta->d[ea->detail + k].round > rounds)
			rounds = ta->d[ea->detail + k].round;
	for (int r = 1; r <= rounds; r++) {
		const struct print_detail *db = detail_in(tb, eb, r), *da = detail_in(ta, ea, r);
		struct change x = { CHANGE_TABLE, r, side_of(pb, eb, db), side_of(pa, ea, da) };
		int carousel = (db && db->station >= 0) || (da && da->station >= 0);

		if (!same_place(pb, &x.before, pa, &x.after, carousel)) {
			x.kind = carousel ? CHANGE_STATION : CHANGE_TABLE;
			push(out, x);
		}
	}
}

/* One session in both programmes: where, what and which table. */
static void diff_entry(const struct print_data *pb, const struct print_timetable *tb,
		       const struct print_entry *eb, const struct print_data *pa,
		       const struct print_timetable *ta, const struct print_entry *ea,
		       struct delegate_change *out)
{
	struct change x = { CHANGE_MOVED, 0, side_of(pb, eb, NULL), side_of(pa, ea, NULL) };

	if (!same_time(pb, &x.before, pa, &x.after) ||
	    !same_room(pb, x.before.room, pa, x.after.room))
		push(out, x);
	if (strcmp(pb->c->sessions[eb->session].title, pa->c->sessions[ea->session].title)) {
		x.kind = CHANGE_TITLE;
		push(out, x);
	}
	if (x.before.chosen != x.after.chosen) {
		x.kind = CHANGE_ALLOCATION;
		push(out, x);
	}
	diff_rounds(pb, tb, eb, pa, ta, ea, out);
}

static const struct print_entry *entry_of(const struct print_data *pd,
					  const struct print_timetable *tt, int64_t session_id)
{
	for (int k = 0; tt && k < tt->n; k++)
		if (pd->c->sessions[tt->e[k].session].id == session_id)
			return &tt->e[k];
	return NULL;
}

/* What differs between a delegate's programme before (tb, built from pb;
 * NULL when they were not a delegate) and after (ta from pa): the one
 * comparison every list of changes, notice and mark is made from. */
static void diff_programme(const struct print_data *pb, const struct print_timetable *tb,
			   const struct print_data *pa, const struct print_timetable *ta,
			   struct delegate_change *out)
{
	for (int k = 0; k < ta->n; k++) {
		const struct print_entry *ea = &ta->e[k];
		const struct print_entry *eb = entry_of(pb, tb, pa->c->sessions[ea->session].id);
		struct change x = { CHANGE_ADDED, 0, no_side, side_of(pa, ea, NULL) };

		if (eb)
			diff_entry(pb, tb, eb, pa, ta, ea, out);
		else
			push(out, x);
	}
	for (int k = 0; tb && k < tb->n; k++) {
		struct change x = { CHANGE_REMOVED, 0, side_of(pb, &tb->e[k], NULL), no_side };

		if (!entry_of(pa, ta, pb->c->sessions[tb->e[k].session].id))
			push(out, x);
	}
}

/* Compare every delegate of the later state with themself in the earlier. */
static void compare_all(struct changes *ch)
{
	struct print_timetable tb, ta;

	print_timetable_init(&tb, &ch->pd[0]);
	print_timetable_init(&ta, &ch->pd[1]);
	for (int a = 0; a < ch->c[1].ndelegates; a++) {
		int b = conf_delegate_at(&ch->c[0], ch->c[1].delegates[a].id);
		struct delegate_change dc = { b, a, NULL, 0, 0 };

		if (b >= 0)
			print_timetable_build(&tb, &ch->pd[0], b, -1);
		print_timetable_build(&ta, &ch->pd[1], a, -1);
		diff_programme(&ch->pd[0], b >= 0 ? &tb : NULL, &ch->pd[1], &ta, &dc);
		if (!dc.n)
			continue;
		ch->v = xreallocarray(ch->v, (size_t)ch->n + 1, sizeof(*ch->v));
		ch->v[ch->n++] = dc;
	}
	print_timetable_done(&tb);
	print_timetable_done(&ta);
}

enum status changes_between(struct db *db, int64_t from, int64_t to, struct changes *out,
			    struct error *err)
{
	int64_t last = asof_last_edit(db);
	enum status s;

	memset(out, 0, sizeof(*out));
	if (to < 0 || to > last)
		to = last;
	out->from = from < 0 ? 0 : from > to ? to : from;
	out->to = to;
	if (!asof_changed_between(db, out->from, to))
		return ST_OK;
	if ((s = asof_load(db, out->from, &out->c[0], &out->pd[0], err)))
		return s;
	if ((s = asof_load(db, to, &out->c[1], &out->pd[1], err))) {
		print_data_done(&out->pd[0]);
		conf_done(&out->c[0]);
		return s;
	}
	out->loaded = 1;
	compare_all(out);
	return ST_OK;
}

void changes_done(struct changes *ch)
{
	for (int i = 0; i < ch->n; i++)
		free(ch->v[i].v);
	free(ch->v);
	if (ch->loaded) {
		for (int k = 0; k < 2; k++) {
			print_data_done(&ch->pd[k]);
			conf_done(&ch->c[k]);
		}
	}
	memset(ch, 0, sizeof(*ch));
}

int64_t changes_delegate_id(const struct changes *ch, int i)
{
	return ch->c[1].delegates[ch->v[i].after].id;
}

/* The marks a change leaves on the later timetable's entry. */
static unsigned mark_bits(const struct print_data *pb, const struct print_data *pa,
			  const struct change *x)
{
	switch (x->kind) {
	case CHANGE_ADDED:
		return MARK_NEW;
	case CHANGE_MOVED:
		return (same_room(pb, x->before.room, pa, x->after.room) ? 0u : MARK_ROOM) |
		       (same_time(pb, &x->before, pa, &x->after) ? 0u : MARK_TIME);
	case CHANGE_TITLE:
		return MARK_TITLE;
	case CHANGE_ALLOCATION:
		return MARK_ALLOCATED;
	case CHANGE_TABLE:
	case CHANGE_STATION:
		return MARK_SEATING;
	case CHANGE_REMOVED:
		break;
	}
	return 0;
}

static void to_marks(const struct print_data *pb, const struct print_data *pa,
		     const struct delegate_change *dc, struct print_marks *m)
{
	m->changes = dc->n;
	for (int i = 0; i < dc->n; i++) {
		const struct change *x = &dc->v[i];
		struct print_mark *mk = NULL;

		if (x->after.session < 0)
			continue;
		for (int k = 0; k < m->n && !mk; k++)
			if (m->v[k].session == x->after.session)
				mk = &m->v[k];
		if (!mk) {
			m->v = xreallocarray(m->v, (size_t)m->n + 1, sizeof(*m->v));
			mk = &m->v[m->n++];
			*mk = (struct print_mark){ x->after.session, 0, -1, 0 };
		}
		mk->bits |= mark_bits(pb, pa, x);
		if (x->round >= 1 && x->round <= 64)
			mk->rounds |= UINT64_C(1) << (x->round - 1);
		if (x->kind == CHANGE_MOVED && x->before.room >= 0 && (mk->bits & MARK_ROOM))
			mk->old_room = conf_room_index(pa->c, pb->c->rooms[x->before.room].id);
	}
}

/* Mark the delegates in group (indices into pd->c) against the file as of
 * edit. */
static enum status mark_group(struct db *db, struct print_data *pd, const int *group, int n,
			      int64_t edit, struct error *err)
{
	struct print_timetable tb, ta;
	struct print_data pb;
	struct conf cb;
	enum status s = asof_load(db, edit, &cb, &pb, err);

	if (s)
		return s;
	print_timetable_init(&tb, &pb);
	print_timetable_init(&ta, pd);
	for (int i = 0; i < n; i++) {
		int a = group[i], b = conf_delegate_at(&cb, pd->c->delegates[a].id);
		struct delegate_change dc = { b, a, NULL, 0, 0 };

		if (b >= 0)
			print_timetable_build(&tb, &pb, b, -1);
		print_timetable_build(&ta, pd, a, -1);
		diff_programme(&pb, b >= 0 ? &tb : NULL, pd, &ta, &dc);
		to_marks(&pb, pd, &dc, &pd->marks[a]);
		free(dc.v);
	}
	print_timetable_done(&tb);
	print_timetable_done(&ta);
	print_data_done(&pb);
	conf_done(&cb);
	return ST_OK;
}

struct since_of {
	int64_t edit;
	int delegate;
};

static int by_edit(const void *pa, const void *pb)
{
	const struct since_of *a = pa, *b = pb;

	if (a->edit != b->edit)
		return a->edit < b->edit ? -1 : 1;
	return a->delegate - b->delegate;
}

enum status changes_mark(struct db *db, struct print_data *pd, const int *delegates, int n,
			 int64_t since, struct error *err)
{
	struct since_of *order = xcalloc((size_t)n + 1, sizeof(*order));
	int *group = xcalloc((size_t)n + 1, sizeof(int)), m = 0;
	enum status s = ST_OK;

	print_data_unmark(pd);
	pd->marks = xcalloc((size_t)pd->c->ndelegates + 1, sizeof(*pd->marks));
	for (int i = 0; i < n; i++) {
		int64_t e = since >= 0 ? since : pd->last_print[delegates[i]];

		if (since >= 0 || e > 0)
			order[m++] = (struct since_of){ e, delegates[i] };
	}
	qsort(order, (size_t)m, sizeof(*order), by_edit);
	for (int i = 0, j; i < m && !s; i = j) {
		int k = 0;

		for (j = i; j < m && order[j].edit == order[i].edit; j++)
			group[k++] = order[j].delegate;
		if (asof_changed_between(db, order[i].edit, INT64_MAX))
			s = mark_group(db, pd, group, k, order[i].edit, err);
	}
	free(order);
	free(group);
	return s;
}

/* Rendering: sentences, the change list and the notices. */

static const char *const kind_names[] = {
	[CHANGE_ADDED] = "added",     [CHANGE_REMOVED] = "removed",       [CHANGE_MOVED] = "moved",
	[CHANGE_TITLE] = "title",     [CHANGE_ALLOCATION] = "allocation", [CHANGE_TABLE] = "table",
	[CHANGE_STATION] = "station",
};

/* The state a side of x belongs to, and that side: the later one when the
 * session is still in the programme. */
static const struct print_data *state_of(const struct changes *ch, const struct change *x,
					 const struct change_side **side)
{
	int later = x->after.session >= 0;

	*side = later ? &x->after : &x->before;
	return &ch->pd[later];
}

/* "day 1 (Thursday 11 March 2027) at 10:00", and with times "-10:45 in
 * Main Hall". */
static void when_text(const struct print_data *pd, const struct change_side *s, int full,
		      struct str *out)
{
	const struct day *d = &pd->c->days[s->day];
	char *date = print_date_long(d->date), a[6], b[6];

	str_catf(out, "day %d (%s) at %s", d->number, date, time_format(s->start, a));
	if (full)
		str_catf(out, "-%s in %s", time_format(s->end, b), pd->c->rooms[s->room].name);
	free(date);
}

static void place_text(const struct print_data *pd, const struct change_side *s, int carousel,
		       struct str *out)
{
	if (s->place < 0) {
		str_cat(out, carousel ? "no station" : "no table");
		return;
	}
	if (carousel)
		str_catf(out, "station %d, %s", pd->stations[s->place].number,
			 pd->stations[s->place].topic);
	else
		str_catf(out, "table %d", s->place);
	if (s->host)
		str_cat(out, ", which you host");
}

/* "now at table 5 (was table 3)", "no longer at station 2, Topic". */
static void seat_text(const struct changes *ch, const struct change *x, int carousel,
		      struct str *out)
{
	if (x->after.place < 0) {
		str_cat(out, "no longer at ");
		place_text(&ch->pd[0], &x->before, carousel, out);
		str_catc(out, '.');
		return;
	}
	str_cat(out, "now at ");
	place_text(&ch->pd[1], &x->after, carousel, out);
	if (x->before.place >= 0) {
		str_cat(out, " (was ");
		place_text(&ch->pd[0], &x->before, carousel, out);
		str_catc(out, ')');
	}
	str_catc(out, '.');
}

static void moved_text(const struct changes *ch, const struct change *x, const char *title,
		       struct str *out)
{
	const struct print_data *pb = &ch->pd[0], *pa = &ch->pd[1];

	if (same_time(pb, &x->before, pa, &x->after)) {
		str_catf(out, "%s, ", title);
		when_text(pa, &x->after, 0, out);
		str_catf(out, ": now in %s (was %s).", pa->c->rooms[x->after.room].name,
			 pb->c->rooms[x->before.room].name);
		return;
	}
	str_catf(out, "%s: now ", title);
	when_text(pa, &x->after, 1, out);
	str_cat(out, " (was ");
	when_text(pb, &x->before, 1, out);
	str_cat(out, ").");
}

void changes_say_affected(struct str *out, int n)
{
	str_catf(out, "%d delegate%s affected", n, n == 1 ? "" : "s");
}

void changes_sentence(const struct changes *ch, const struct change *x, struct str *out)
{
	const struct change_side *s;
	const struct print_data *pd = state_of(ch, x, &s);
	const char *title = pd->c->sessions[s->session].title;
	int carousel = x->kind == CHANGE_STATION;

	switch (x->kind) {
	case CHANGE_ADDED:
		str_catf(out, "%s: added to your programme, ", title);
		when_text(pd, s, 1, out);
		str_cat(out, s->chosen ? " (one of your choices, not yet allocated)." : ".");
		break;
	case CHANGE_REMOVED:
		str_catf(out, "%s, ", title);
		when_text(pd, s, 1, out);
		str_cat(out, ": no longer in your programme.");
		break;
	case CHANGE_MOVED:
		moved_text(ch, x, title, out);
		break;
	case CHANGE_TITLE:
		str_catf(out, "%s, ", ch->pd[0].c->sessions[x->before.session].title);
		when_text(pd, s, 0, out);
		str_catf(out, ": now called \"%s\".", title);
		break;
	case CHANGE_ALLOCATION:
		str_catf(out, "%s, ", title);
		when_text(pd, s, 1, out);
		str_cat(out, s->chosen ? ": no longer allocated to you; it stays one of your "
					 "choices."
				       : ": your place is confirmed.");
		break;
	case CHANGE_TABLE:
	case CHANGE_STATION:
		str_catf(out, "%s, %s %d: ", title, carousel ? "rotation" : "round", x->round);
		seat_text(ch, x, carousel, out);
		break;
	}
}

/* {day, date, start, end, room} of one side. */
static json_t *where_json(const struct print_data *pd, const struct change_side *s)
{
	char a[6], b[6];

	return json_pack("{s:i,s:s,s:s,s:s,s:s}", "day", pd->c->days[s->day].number, "date",
			 pd->c->days[s->day].date, "start", time_format(s->start, a), "end",
			 time_format(s->end, b), "room", pd->c->rooms[s->room].name);
}

static json_t *place_json(const struct print_data *pd, const struct change_side *s, int carousel)
{
	json_t *o;

	if (s->place < 0)
		return json_null();
	o = carousel ? json_pack("{s:i,s:s}", "station", pd->stations[s->place].number, "topic",
				 pd->stations[s->place].topic)
		     : json_pack("{s:i}", "table", s->place);
	if (s->host)
		json_object_set_new(o, "host", json_true());
	return o;
}

static json_t *change_json(const struct changes *ch, const struct change *x)
{
	const struct change_side *s;
	const struct print_data *pd = state_of(ch, x, &s), *pb = &ch->pd[0], *pa = &ch->pd[1];
	const struct session *se = &pd->c->sessions[s->session];
	json_t *o = json_pack("{s:s,s:s,s:s}", "session", se->code, "title", se->title, "change",
			      kind_names[x->kind]);

	if (x->kind == CHANGE_TITLE) {
		json_object_set_new(o, "before",
				    json_string(pb->c->sessions[x->before.session].title));
		json_object_set_new(o, "after", json_string(se->title));
	} else if (x->kind == CHANGE_TABLE || x->kind == CHANGE_STATION) {
		int carousel = x->kind == CHANGE_STATION;

		json_object_set_new(o, carousel ? "rotation" : "round", json_integer(x->round));
		json_object_set_new(o, "before", place_json(pb, &x->before, carousel));
		json_object_set_new(o, "after", place_json(pa, &x->after, carousel));
	} else {
		if (x->before.session >= 0)
			json_object_set_new(o, "before", where_json(pb, &x->before));
		if (x->after.session >= 0)
			json_object_set_new(o, "after", where_json(pa, &x->after));
		if (x->kind == CHANGE_ALLOCATION || (x->kind == CHANGE_ADDED && s->chosen))
			json_object_set_new(o, "chosen", json_boolean(s->chosen));
	}
	return o;
}

/* The edits after since that changed a row (prints and notes alone do not). */
static json_t *edits_json(struct db *db, int64_t since, int64_t to, struct str *text)
{
	struct db_stmt *st = db_prepare(db, "SELECT edit, min(at), who, what FROM journal WHERE "
					    "edit > ?1 AND edit <= ?2 GROUP BY edit HAVING "
					    "sum(op <> 'note') > 0 ORDER BY edit");
	json_t *edits = json_array();

	db_bind_int(st, 1, since);
	db_bind_int(st, 2, to);
	while (db_step(st) == 1) {
		json_t *e = json_pack("{s:I,s:s,s:s,s:s}", "edit", (json_int_t)db_col_int(st, 0),
				      "at", db_col_text(st, 1), "who", db_col_text(st, 2), "what",
				      db_col_text(st, 3));

		json_array_append_new(edits, e);
		str_catf(text, "edit %lld  %s  %s  %s\n", (long long)db_col_int(st, 0),
			 db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
	}
	db_reset(st);
	return edits;
}

/* Per session, how many delegates it changed for: by the session in the
 * later state, or in the earlier one when it is gone from the file. */
static json_t *sessions_json(const struct changes *ch, struct str *text)
{
	int *n[2], *stamp[2], nsess[2] = { ch->c[0].nsessions, ch->c[1].nsessions };
	json_t *out = json_array();

	for (int k = 0; k < 2; k++) {
		n[k] = xcalloc((size_t)nsess[k] + 1, sizeof(int));
		stamp[k] = xcalloc((size_t)nsess[k] + 1, sizeof(int));
	}
	for (int i = 0; i < ch->n; i++) {
		for (int j = 0; j < ch->v[i].n; j++) {
			const struct change *x = &ch->v[i].v[j];
			int k = 1, s = x->after.session;

			if (s < 0 &&
			    (s = conf_session_at(&ch->c[1],
						 ch->c[0].sessions[x->before.session].id)) < 0) {
				k = 0;
				s = x->before.session;
			}
			if (stamp[k][s] != i + 1) {
				stamp[k][s] = i + 1;
				n[k][s]++;
			}
		}
	}
	for (int k = 1; k >= 0; k--) {
		for (int s = 0; s < nsess[k]; s++) {
			const struct session *se = &ch->c[k].sessions[s];

			if (!n[k][s])
				continue;
			json_array_append_new(out,
					      json_pack("{s:s,s:s,s:i}", "session", se->code,
							"title", se->title, "delegates", n[k][s]));
			str_catf(text, "  %s '%s': %d delegate%s\n", se->code, se->title, n[k][s],
				 n[k][s] == 1 ? "" : "s");
		}
		free(n[k]);
		free(stamp[k]);
	}
	return out;
}

static json_t *delegates_json(const struct changes *ch, struct str *text)
{
	json_t *out = json_array();
	struct str line;

	str_init(&line);
	for (int i = 0; i < ch->n; i++) {
		const struct delegate_change *dc = &ch->v[i];
		const struct delegate *d = &ch->c[1].delegates[dc->after];
		char *name = delegate_name(d);
		json_t *list = json_array();

		str_catf(text, "  %s <%s>: %d change%s\n", name, d->email, dc->n,
			 dc->n == 1 ? "" : "s");
		for (int j = 0; j < dc->n; j++) {
			json_array_append_new(list, change_json(ch, &dc->v[j]));
			str_clear(&line);
			changes_sentence(ch, &dc->v[j], &line);
			str_catf(text, "    - %s\n", line.buf);
		}
		json_array_append_new(out, json_pack("{s:s,s:s,s:o}", "name", name, "email",
						     d->email, "changes", list));
		free(name);
	}
	str_done(&line);
	return out;
}

enum status changes_list(struct db *db, int64_t since, struct onday_report *rep, struct error *err)
{
	struct changes ch;
	struct str sessions, people;
	enum status s = changes_between(db, since, -1, &ch, err);

	if (s)
		return s;
	str_init(&sessions);
	str_init(&people);
	json_object_set_new(rep->json, "since", json_integer(since));
	json_object_set_new(rep->json, "last_edit", json_integer(ch.to));
	json_object_set_new(rep->json, "edits", edits_json(db, since, ch.to, &rep->text));
	json_object_set_new(rep->json, "sessions", sessions_json(&ch, &sessions));
	json_object_set_new(rep->json, "delegates", delegates_json(&ch, &people));
	rep->affected = ch.n;
	json_object_set_new(rep->json, "affected", json_integer(ch.n));
	changes_say_affected(&rep->text, ch.n);
	str_catf(&rep->text, "\n%s%s", sessions.buf ? sessions.buf : "",
		 people.buf ? people.buf : "");
	str_done(&sessions);
	str_done(&people);
	changes_done(&ch);
	return ST_OK;
}

void changes_notice_body(const struct changes *ch, int i, struct str *out)
{
	const struct delegate *d = &ch->c[1].delegates[ch->v[i].after];
	const char *event = ch->c[1].event.name;
	char *name = delegate_name(d);

	str_catf(out, "Dear %s,\n\n%s has changed since your timetable was made:\n\n",
		 *d->first_name ? d->first_name : name, event);
	for (int j = 0; j < ch->v[i].n; j++) {
		str_cat(out, "- ");
		changes_sentence(ch, &ch->v[i].v[j], out);
		str_catc(out, '\n');
	}
	str_cat(out, "\nWe are sorry for the change. Your updated timetable is at the "
		     "registration desk.\n");
	free(name);
}

enum status changes_notices(struct db *db, int64_t since, struct str *out, int *count,
			    struct error *err)
{
	struct changes ch;
	enum status s = changes_between(db, since, -1, &ch, err);

	if (s)
		return s;
	*count = ch.n;
	for (int i = 0; i < ch.n; i++) {
		const struct delegate *d = &ch.c[1].delegates[ch.v[i].after];
		const char *event = ch.c[1].event.name;
		char *name = delegate_name(d);

		if (i)
			str_cat(out, "\n");
		str_catf(out, "To: %s <%s>\nSubject: %s: a change to your programme\n\n", name,
			 d->email, event);
		changes_notice_body(&ch, i, out);
		free(name);
	}
	changes_done(&ch);
	return ST_OK;
}
