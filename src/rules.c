/* The rule book's bridge: a snapshot becomes the placement model once
 * (rules_new), its placements are scored by the model's one evaluation
 * (a timetable_checker), and each violation is worded from the snapshot. */
#include "convene/rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct rules {
	const struct conf *c;
	struct timetable_day days[TIMETABLE_MAX_DAYS];
	struct timetable_slot *slots;
	struct timetable_room *rooms;
	struct timetable_speaker *speakers;
	struct timetable_session *sessions;
	int *audience_by_day; /* nsessions x ndays, for sessions for everyone */
	int *allocated;       /* per session: delegates allocated there, when more than expected */
	struct timetable_copref *copref;
	struct timetable_copref *together;
	struct timetable_problem pb;
	struct timetable_checker *ck; /* NULL: no days the model can hold */
};

uint64_t rules_time_tag(const char *word)
{
	static const struct {
		const char *word;
		uint64_t bit;
	} tags[] = {
		{ "opening", TIMETABLE_TAG_OPENING }, { "closing", TIMETABLE_TAG_CLOSING },
		{ "first", TIMETABLE_TAG_DAY_FIRST }, { "last", TIMETABLE_TAG_DAY_LAST },
		{ "morning", TIMETABLE_TAG_MORNING }, { "afternoon", TIMETABLE_TAG_AFTERNOON },
	};

	long d;

	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (str_ieq(word, tags[i].word))
			return tags[i].bit;
	if (strncasecmp(word, "day", 3) == 0 &&
	    parse_int(word + 3 + (word[3] == '_'), 1, TIMETABLE_MAX_DAYS, &d) == 0)
		return TIMETABLE_TAG_DAY(d - 1);
	return 0;
}

/* Preferred and undesired tags from "opening;!afternoon": time tags by
 * rules_time_tag, room tags as bits of the dictionary. */
static void tag_bits(const char *tags, struct dict *rooms, uint64_t *prefer, uint64_t *avoid)
{
	char *copy = xstrdup(tags ? tags : ""), *save = NULL;

	*prefer = *avoid = 0;
	for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		int no = *str_trim(t) == '!', id;
		const char *w = str_trim(t + no);
		uint64_t bit = 0;

		if (!*w)
			continue;
		if (!rooms)
			bit = rules_time_tag(w);
		else if ((id = dict_id(rooms, w)) < 64)
			bit = 1ull << id;
		if (no)
			*avoid |= bit;
		else
			*prefer |= bit;
	}
	free(copy);
}

/* Words (room features, audience tags) as bits, at most 64 of them. */
static uint64_t bits_of(struct dict *d, const char *tags)
{
	char *copy = xstrdup(tags), *save = NULL;
	uint64_t bits = 0;

	for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		int id;

		str_trim(t);
		if (!*t || str_ieq(t, "all"))
			continue;
		id = dict_id(d, t);
		if (id >= 0 && id < 64)
			bits |= 1ull << id;
	}
	free(copy);
	return bits;
}

static struct timetable_period *periods(const struct period *p, int n)
{
	struct timetable_period *out = xcalloc((size_t)n + 1, sizeof(*out));

	for (int i = 0; i < n; i++)
		out[i] = (struct timetable_period){ p[i].day, p[i].start, p[i].end };
	return out;
}

/* Who is there each day: how many, and whether any needs step-free access. */
static void day_people(const struct conf *c, int *attending, unsigned *step_free_days)
{
	*step_free_days = 0;
	for (int k = 0; k < c->ndays; k++)
		attending[k] = 0;
	for (int i = 0; i < c->ndelegates; i++) {
		const struct delegate *d = &c->delegates[i];
		int sf = tags_have(d->access, "step_free");

		for (int k = 0; k < c->ndays; k++) {
			if (!conf_attends(c, d, k))
				continue;
			attending[k]++;
			if (sf && k < 32)
				*step_free_days |= 1u << k;
		}
	}
}

int rules_expected(const struct conf *c, int s, int k)
{
	const struct session *se = &c->sessions[s];
	int *attending, n = 0;
	unsigned sf;

	if (se->capacity >= 0)
		return se->capacity;
	if (se->demand > 0)
		return se->demand;
	if (!session_for_everyone(se) || c->ndays == 0)
		return 0;
	attending = xcalloc((size_t)c->ndays, sizeof(int));
	day_people(c, attending, &sf);
	if (k < 0)
		k = se->day;
	for (int d = 0; d < c->ndays; d++)
		if ((k < 0 || d == k) && attending[d] > n)
			n = attending[d];
	free(attending);
	return n;
}

static void build_rooms(struct rules *r, struct dict *features, struct dict *room_tags)
{
	const struct conf *c = r->c;

	r->rooms = xcalloc((size_t)c->nrooms + 1, sizeof(*r->rooms));
	for (int i = 0; i < c->nrooms; i++) {
		struct timetable_room *t = &r->rooms[i];

		t->capacity = c->rooms[i].capacity;
		t->features = bits_of(features, c->rooms[i].features);
		t->step_free = c->rooms[i].step_free;
		t->tags = bits_of(room_tags, c->rooms[i].tags);
		t->nunavailable = c->rooms[i].nunavailable;
		t->unavailable = periods(c->rooms[i].unavailable, c->rooms[i].nunavailable);
	}
}

static void build_speakers(struct rules *r, struct dict *room_tags)
{
	const struct conf *c = r->c;

	r->speakers = xcalloc((size_t)c->nspeakers + 1, sizeof(*r->speakers));
	for (int i = 0; i < c->nspeakers; i++) {
		const struct speaker *sp = &c->speakers[i];
		struct timetable_speaker *t = &r->speakers[i];

		t->pause = sp->pause > 0 ? sp->pause : 0;
		tag_bits(sp->time_tags, NULL, &t->prefer_time, &t->avoid_time);
		tag_bits(sp->room_tags, room_tags, &t->prefer_room, &t->avoid_room);
		t->nunavailable = sp->nunavailable;
		t->unavailable = periods(sp->unavailable, sp->nunavailable);
	}
}

static struct timetable_place place_of(const struct session *s)
{
	if (s->day < 0 || s->room < 0)
		return (struct timetable_place){ TIMETABLE_NONE, 0, TIMETABLE_NONE };
	return (struct timetable_place){ s->day, s->start, s->room };
}

/* Delegates allocated to each session (unless the flags leave allocations
 * out) into r->allocated, kept only where they are more than it expects. */
static void count_allocated(struct rules *r, unsigned flags)
{
	const struct conf *c = r->c;

	r->allocated = xcalloc((size_t)c->nsessions + 1, sizeof(int));
	if ((flags >> 8) & DUE_ALLOCATED)
		return;
	for (int i = 0; i < c->ndue; i++)
		if (c->due[i].how & DUE_ALLOCATED)
			r->allocated[c->due[i].session]++;
	for (int i = 0; i < c->nsessions; i++)
		if (r->allocated[i] && r->allocated[i] <= rules_expected(c, i, -1))
			r->allocated[i] = 0;
}

static void build_sessions(struct rules *r, struct dict *features, struct dict *room_tags,
			   unsigned flags)
{
	const struct conf *c = r->c;
	struct dict audiences = { 0 }, tracks = { 0 };
	int nd = c->ndays, *attending = xcalloc((size_t)nd + 1, sizeof(int));
	unsigned sf_days;

	day_people(c, attending, &sf_days);
	count_allocated(r, flags);
	r->sessions = xcalloc((size_t)c->nsessions + 1, sizeof(*r->sessions));
	r->audience_by_day = xcalloc((size_t)c->nsessions * nd + 1, sizeof(int));
	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];
		struct timetable_session *t = &r->sessions[i];
		int everyone = s->kind == KIND_KEYNOTE || s->kind == KIND_PLENARY ||
			       s->kind == KIND_BREAK || s->kind == KIND_MEAL;

		t->name = s->code;
		t->duration = s->duration;
		/* Those allocated fill the room even beyond what it expected. */
		t->audience = r->allocated[i] ? r->allocated[i] : rules_expected(c, i, -1);
		if (s->capacity < 0 && s->demand <= 0 && session_for_everyone(s)) {
			t->audience_by_day = &r->audience_by_day[(size_t)i * nd];
			memcpy(&r->audience_by_day[(size_t)i * nd], attending,
			       (size_t)nd * sizeof(int));
			t->step_free_days = sf_days;
		}
		t->features = bits_of(features, s->features);
		t->needs_step_free = s->needs_step_free;
		t->nspeakers = s->nspeakers;
		t->speakers = s->speakers;
		t->audience_tags = kind_is_breakout(s->kind) ? bits_of(&audiences, s->audience) : 0;
		t->track = *s->track ? dict_id(&tracks, s->track) : TIMETABLE_NONE;
		t->flags = (everyone ? TIMETABLE_EVERYONE : 0) |
			   (kind_is_common(s->kind) ? TIMETABLE_COMMON : 0);
		tag_bits(s->time_tags, NULL, &t->prefer_time, &t->avoid_time);
		tag_bits(s->room_tags, room_tags, &t->prefer_room, &t->avoid_room);
		t->place = t->published = place_of(s);
		t->pinned = (flags & RULES_PINS) && s->pinned && t->place.day >= 0;
	}
	free(attending);
	dict_done(&audiences);
	dict_done(&tracks);
}

/* Pairs of sessions that one person holds, counted over people: the items
 * of each person are a run of a list sorted by person. */
static struct timetable_copref *pairs_of_runs(int nsessions, int n, const int *person,
					      const int *session, int *npairs)
{
	int *count = xcalloc((size_t)nsessions * nsessions + 1, sizeof(int)), k = 0;
	struct timetable_copref *out;

	for (int i = 0; i < n;) {
		int j = i;

		while (j < n && person[j] == person[i])
			j++;
		for (int a = i; a < j; a++)
			for (int b = a + 1; b < j; b++) {
				int x = session[a] < session[b] ? session[a] : session[b];
				int y = session[a] < session[b] ? session[b] : session[a];

				count[(size_t)x * nsessions + y]++;
			}
		i = j;
	}
	out = xcalloc((size_t)nsessions * nsessions + 1, sizeof(*out));
	for (int x = 0; x < nsessions; x++)
		for (int y = x + 1; y < nsessions; y++)
			if (count[(size_t)x * nsessions + y])
				out[k++] = (struct timetable_copref){
					x, y, count[(size_t)x * nsessions + y]
				};
	free(count);
	*npairs = k;
	return out;
}

static void build_pairs(struct rules *r, unsigned flags)
{
	const struct conf *c = r->c;
	int n = c->nchosen > c->ndue ? c->nchosen : c->ndue, m = 0;
	int *person = xcalloc((size_t)n + 1, sizeof(int));
	int *session = xcalloc((size_t)n + 1, sizeof(int));

	for (int i = 0; i < c->nchosen; i++) {
		person[i] = c->chosen[i].delegate;
		session[i] = c->chosen[i].session;
	}
	r->copref = pairs_of_runs(c->nsessions, c->nchosen, person, session, &r->pb.ncopref);
	for (int i = 0; i < c->ndue; i++) {
		if (!(c->due[i].how & ~(flags >> 8)))
			continue;
		person[m] = c->due[i].delegate;
		session[m++] = c->due[i].session;
	}
	r->together = pairs_of_runs(c->nsessions, m, person, session, &r->pb.ntogether);
	r->pb.copref = r->copref;
	r->pb.together = r->together;
	free(person);
	free(session);
}

struct rules *rules_new(const struct conf *c, const struct timetable_weights *w, unsigned flags)
{
	struct rules *r = xcalloc(1, sizeof(*r));
	struct dict features = { 0 }, room_tags = { 0 };
	int nd = c->ndays < TIMETABLE_MAX_DAYS ? c->ndays : TIMETABLE_MAX_DAYS;

	r->c = c;
	for (int d = 0; d < nd; d++)
		r->days[d] = (struct timetable_day){ c->days[d].start, c->days[d].end };
	build_rooms(r, &features, &room_tags);
	build_speakers(r, &room_tags);
	build_sessions(r, &features, &room_tags, flags);
	build_pairs(r, flags);
	dict_done(&features);
	dict_done(&room_tags);
	r->slots = xcalloc((size_t)c->nslots + 1, sizeof(*r->slots));
	for (int i = 0; i < c->nslots; i++)
		r->slots[i] = (struct timetable_slot){ c->slots[i].day, c->slots[i].start,
						       c->slots[i].end, 0 };
	r->pb = (struct timetable_problem){ .ndays = c->ndays,
					    .days = r->days,
					    .nslots = c->nslots,
					    .slots = r->slots,
					    .step = c->event.slot_minutes,
					    .nrooms = c->nrooms,
					    .rooms = r->rooms,
					    .nspeakers = c->nspeakers,
					    .speakers = r->speakers,
					    .nsessions = c->nsessions,
					    .sessions = r->sessions,
					    .ncopref = r->pb.ncopref,
					    .copref = r->copref,
					    .ntogether = r->pb.ntogether,
					    .together = r->together };
	if (w)
		r->pb.weights = *w;
	else
		timetable_weights_init(&r->pb.weights);
	r->ck = timetable_checker_new(&r->pb, NULL);
	return r;
}

void rules_free(struct rules *r)
{
	if (!r)
		return;
	timetable_checker_free(r->ck);
	for (int i = 0; i < r->c->nrooms; i++)
		free((void *)r->rooms[i].unavailable);
	for (int i = 0; i < r->c->nspeakers; i++)
		free((void *)r->speakers[i].unavailable);
	free(r->rooms);
	free(r->speakers);
	free(r->sessions);
	free(r->audience_by_day);
	free(r->allocated);
	free(r->copref);
	free(r->together);
	free(r->slots);
	free(r);
}

const struct timetable_problem *rules_problem(const struct rules *r)
{
	return &r->pb;
}

void rules_relax(struct rules *r, unsigned families)
{
	r->pb.relax = families;
}

void rules_set_move_weight(struct rules *r, int s, int weight)
{
	r->sessions[s].move_weight = weight;
}

void rules_places(const struct rules *r, struct timetable_place *out)
{
	for (int i = 0; i < r->c->nsessions; i++)
		out[i] = place_of(&r->c->sessions[i]);
}

uint64_t rules_problem_key(const struct problem *p)
{
	int a = p->session < p->other ? p->session : p->other;
	int b = p->session < p->other ? p->other : p->session;

	return (uint64_t)p->family << 57 | (uint64_t)(a + 1) << 38 | (uint64_t)(b + 1) << 19 |
	       (uint64_t)(p->speaker + 1);
}

void problem_list_done(struct problem_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->items[i].text);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---- the words ------------------------------------------------------- */

/* "day 1 at 09:30" */
static char *when(const struct conf *c, const struct timetable_place *p)
{
	char t[6];

	return xasprintf("day %d at %s", c->days[p->day].number, time_format(p->start, t));
}

/* The shared speaker of two sessions with the longest pause, or -1. */
static int shared_speaker(const struct conf *c, int a, int b)
{
	const struct session *x = &c->sessions[a], *y = &c->sessions[b];
	int best = -1;

	for (int i = 0; i < x->nspeakers; i++)
		for (int j = 0; j < y->nspeakers; j++)
			if (x->speakers[i] == y->speakers[j] &&
			    (best < 0 ||
			     c->speakers[x->speakers[i]].pause > c->speakers[best].pause))
				best = x->speakers[i];
	return best;
}

/* The first word of list a that list b has too (allocated), else NULL. */
static char *shared_tag(const char *a, const char *b)
{
	char *copy = xstrdup(a), *save = NULL, *found = NULL;

	for (char *t = strtok_r(copy, ";", &save); t && !found; t = strtok_r(NULL, ";", &save)) {
		str_trim(t);
		if (*t && !str_ieq(t, "all") && tags_have(b, t))
			found = xstrdup(t);
	}
	free(copy);
	return found;
}

char *rules_missing_features(const struct conf *c, int s, int q, const char *sep)
{
	char *copy = xstrdup(c->sessions[s].features), *save = NULL;
	struct str out;

	str_init(&out);
	for (char *f = strtok_r(copy, ";", &save); f; f = strtok_r(NULL, ";", &save))
		if (*str_trim(f) && !tags_have(c->rooms[q].features, f))
			str_catf(&out, "%s%s", out.len ? sep : "", f);
	free(copy);
	return str_steal(&out);
}

/* "Ann Smith and 21 other delegates are" due at both sessions. */
static char *who_is_due(const struct conf *c, int a, int b, long n)
{
	int prev = -1, has_a = 0, has_b = 0;

	for (int i = 0; i < c->ndue; i++) {
		const struct due *d = &c->due[i];

		if (d->delegate != prev)
			prev = d->delegate, has_a = has_b = 0;
		has_a |= d->session == a;
		has_b |= d->session == b;
		if (has_a && has_b) {
			char *name = delegate_name(&c->delegates[d->delegate]), *out;

			out = n > 1 ? xasprintf("%s and %ld other delegate%s are", name, n - 1,
						n > 2 ? "s" : "")
				    : xasprintf("%s is", name);
			free(name);
			return out;
		}
	}
	return xasprintf("%ld delegate%s", n, n == 1 ? " is" : "s are");
}

/* "T1 'Title' expects 50 but Attic holds 30" (room q), or "has 31
 * delegates allocated" when those allocated are more than it expects. */
static char *capacity_text(const struct rules *r, const struct timetable_violation *v, int q)
{
	const struct session *s = &r->c->sessions[v->a];
	const char *room = r->c->rooms[q].name;
	int seats = r->c->rooms[q].capacity;

	if (r->allocated[v->a])
		return xasprintf("%s '%s' has %ld delegates allocated but %s holds %d", s->code,
				 s->title, seats + v->amount, room, seats);
	return xasprintf("%s '%s' expects %ld but %s holds %d", s->code, s->title,
			 seats + v->amount, room, seats);
}

/* One line for a rule broken by a session alone. */
static char *alone_text(const struct rules *r, const struct timetable_place *pl,
			const struct timetable_violation *v)
{
	const struct conf *c = r->c;
	const struct session *s = &c->sessions[v->a];
	const struct timetable_place *p = &pl[v->a];
	const char *room = p->room >= 0 ? c->rooms[p->room].name : "";
	char *w = p->day >= 0 ? when(c, p) : xstrdup("unplaced"), *out, *x;

	switch (v->family) {
	case TIMETABLE_OUTSIDE_DAY:
		out = xasprintf("%s '%s' on %s runs outside the day", s->code, s->title, w);
		break;
	case TIMETABLE_ROOM_UNAVAILABLE:
		out = xasprintf("%s '%s' on %s is in %s while it is closed", s->code, s->title, w,
				room);
		break;
	case TIMETABLE_CAPACITY:
		out = capacity_text(r, v, p->room);
		break;
	case TIMETABLE_FEATURE:
		x = rules_missing_features(c, v->a, p->room, ", ");
		out = xasprintf("%s '%s' needs %s, which %s does not have", s->code, s->title,
				*x ? x : "a feature", room);
		free(x);
		break;
	case TIMETABLE_STEP_FREE:
		out = xasprintf("%s '%s' is in %s, which is not step-free, and a delegate there "
				"needs step-free access",
				s->code, s->title, room);
		break;
	case TIMETABLE_SPEAKER_UNAVAILABLE:
		out = xasprintf("%s '%s' on %s: %s cannot come then", s->code, s->title, w,
				v->speaker >= 0 ? c->speakers[v->speaker].name : "a speaker");
		break;
	case TIMETABLE_UNPLACED:
		out = xasprintf("%s '%s' has no time and room yet", s->code, s->title);
		break;
	case TIMETABLE_PIN_MOVED:
		out = xasprintf("%s '%s' is pinned but placed elsewhere", s->code, s->title);
		break;
	case TIMETABLE_ROOM_SIZE:
		out = xasprintf("%s '%s' expects %d in %s, which holds %d", s->code, s->title,
				r->sessions[v->a].audience_by_day
					? r->sessions[v->a].audience_by_day[p->day]
					: r->sessions[v->a].audience,
				room, c->rooms[p->room].capacity);
		break;
	case TIMETABLE_TIME_TAGS:
		out = xasprintf("%s '%s' is on %s, a time it or its speakers would rather avoid",
				s->code, s->title, w);
		break;
	case TIMETABLE_ROOM_TAGS:
		out = xasprintf("%s '%s' is in %s, a room it or its speakers would rather avoid",
				s->code, s->title, room);
		break;
	case TIMETABLE_MOVE_TIME:
		out = xasprintf("%s '%s' is now on %s, not at its published time", s->code,
				s->title, w);
		break;
	case TIMETABLE_MOVE_ROOM:
		out = xasprintf("%s '%s' is now in %s, not in its published room", s->code,
				s->title, room);
		break;
	default:
		out = xasprintf("%s '%s': %s", s->code, s->title,
				timetable_family_meaning(v->family));
	}
	free(w);
	return out;
}

/* One line for a rule broken by two sessions together. */
static char *pair_text(const struct rules *r, const struct timetable_place *pl,
		       const struct timetable_violation *v)
{
	const struct conf *c = r->c;
	const struct session *a = &c->sessions[v->a], *b = &c->sessions[v->b];
	int sp = shared_speaker(c, v->a, v->b);
	char *w = when(c, &pl[v->a]), *x = NULL, *out;

	switch (v->family) {
	case TIMETABLE_ROOM_CLASH:
		out = xasprintf("%s and %s are both in %s on %s", a->code, b->code,
				c->rooms[pl[v->a].room].name, w);
		break;
	case TIMETABLE_SPEAKER_CLASH:
		out = xasprintf("%s is in %s and %s at once (%s)",
				sp >= 0 ? c->speakers[sp].name : "a speaker", a->code, b->code, w);
		break;
	case TIMETABLE_SPEAKER_PAUSE:
		out = xasprintf("%s has %s and %s with less than the %d minutes between them "
				"that they asked for",
				sp >= 0 ? c->speakers[sp].name : "a speaker", a->code, b->code,
				sp >= 0 ? c->speakers[sp].pause : 0);
		break;
	case TIMETABLE_THROUGH_BREAK:
		out = xasprintf("%s '%s' runs into %s '%s' (%s)", a->code, a->title, b->code,
				b->title, w);
		break;
	case TIMETABLE_PLENARY_CLASH:
		if (!(r->sessions[v->a].flags & TIMETABLE_EVERYONE) ||
		    (r->sessions[v->b].flags & TIMETABLE_EVERYONE))
			out = xasprintf("%s runs at the same time as %s '%s', which is for everyone "
					"(%s)",
					a->code, b->code, b->title, w);
		else
			out = xasprintf("%s runs at the same time as %s '%s', which is for everyone "
					"(%s)",
					b->code, a->code, a->title, w);
		break;
	case TIMETABLE_DELEGATE_CLASH:
		x = who_is_due(c, v->a, v->b, v->amount);
		out = xasprintf("%s due at both %s and %s, which run at once (%s)", x, a->code,
				b->code, w);
		break;
	case TIMETABLE_TRACK_CLASH:
		out = xasprintf("%s and %s are both in the %s track and run at once (%s)", a->code,
				b->code, a->track, w);
		break;
	case TIMETABLE_AUDIENCE_CLASH:
		x = shared_tag(a->audience, b->audience);
		out = xasprintf("%s and %s are both for %s and run at once (%s)", a->code, b->code,
				x ? x : "one audience", w);
		break;
	case TIMETABLE_PREFERENCE_CLASH:
		out = xasprintf("%ld delegate%s chose both %s and %s, which run at once (%s)",
				v->amount, v->amount == 1 ? "" : "s", a->code, b->code, w);
		break;
	default:
		out = xasprintf("%s and %s: %s", a->code, b->code,
				timetable_family_meaning(v->family));
	}
	free(x);
	free(w);
	return out;
}

static char *speaker_text(const struct rules *r, const struct timetable_violation *v)
{
	const char *name = r->c->speakers[v->speaker].name;

	if (v->family == TIMETABLE_SPEAKER_ROOMS)
		return xasprintf("%s speaks in %ld different rooms", name, v->amount + 1);
	return xasprintf("%s is needed on %ld different days", name, v->amount + 1);
}

void rules_describe(const struct rules *r, const struct timetable_place *place,
		    const struct timetable_score *sc, struct problem_list *l)
{
	memset(l, 0, sizeof(*l));
	l->items = xcalloc((size_t)sc->nviolations + 1, sizeof(*l->items));
	for (int i = 0; i < sc->nviolations; i++) {
		const struct timetable_violation *v = &sc->violations[i];
		struct problem *p = &l->items[l->n++];

		*p = (struct problem){ v->family,  timetable_family_hard(v->family),
				       v->a,       v->b,
				       v->speaker, v->a >= 0 ? place[v->a].room : -1,
				       v->amount,  v->cost,
				       NULL };
		if (v->a < 0)
			p->text = speaker_text(r, v);
		else if (v->b < 0)
			p->text = alone_text(r, place, v);
		else
			p->text = pair_text(r, place, v);
	}
	l->hard = sc->hard;
	l->soft = sc->soft;
	memcpy(l->count, sc->count, sizeof(l->count));
	memcpy(l->cost, sc->cost, sizeof(l->cost));
}

/* Score the snapshot's placements, in full (s < 0) or for session s. */
static void check(const struct rules *r, int s, struct problem_list *out)
{
	const struct conf *c = r->c;
	struct timetable_place *pl = xcalloc((size_t)c->nsessions + 1, sizeof(*pl));
	struct timetable_score sc = { 0 };

	rules_places(r, pl);
	if (r->ck) {
		timetable_checker_score(r->ck, pl, s, &sc);
	} else {
		/* No day the model can hold: nothing can be placed. */
		sc.violations = xcalloc((size_t)c->nsessions + 1, sizeof(*sc.violations));
		for (int i = 0; i < c->nsessions; i++)
			if (s < 0 || i == s)
				sc.violations[sc.nviolations++] = (struct timetable_violation){
					TIMETABLE_UNPLACED, i, -1, -1, 1, 1
				};
		sc.hard = sc.count[TIMETABLE_UNPLACED] = sc.cost[TIMETABLE_UNPLACED] = sc.nviolations;
		for (int i = 0; i < c->nsessions; i++)
			pl[i] = (struct timetable_place){ TIMETABLE_NONE, 0, TIMETABLE_NONE };
	}
	rules_describe(r, pl, &sc, out);
	timetable_score_done(&sc);
	free(pl);
}

void rules_check(const struct rules *r, struct problem_list *out)
{
	check(r, -1, out);
}

void rules_check_session(const struct rules *r, int s, struct problem_list *out)
{
	check(r, s, out);
}

void programme_check(const struct conf *c, const struct timetable_weights *w,
		     struct problem_list *out)
{
	struct rules *r = rules_new(c, w, 0);

	rules_check(r, out);
	rules_free(r);
}
