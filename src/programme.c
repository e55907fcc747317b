/* The conflict list. Each family is one small function over the snapshot;
 * pairs are found by sorting placed sessions by day and start. */
#include "convene/programme.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	int hard;
} kinds[PROBLEM_KIND_COUNT] = {
	[PROBLEM_ROOM_CLASH] = { "room_clash", 1 },
	[PROBLEM_SPEAKER_CLASH] = { "speaker_clash", 1 },
	[PROBLEM_SPEAKER_UNAVAILABLE] = { "speaker_unavailable", 1 },
	[PROBLEM_ROOM_UNAVAILABLE] = { "room_unavailable", 1 },
	[PROBLEM_CAPACITY] = { "capacity", 1 },
	[PROBLEM_FEATURE] = { "missing_feature", 1 },
	[PROBLEM_STEP_FREE] = { "step_free", 1 },
	[PROBLEM_OUTSIDE_DAY] = { "outside_day", 1 },
	[PROBLEM_UNPLACED] = { "unplaced", 0 },
	[PROBLEM_AUDIENCE_CLASH] = { "audience_clash", 0 },
	[PROBLEM_TRACK_CLASH] = { "track_clash", 0 },
};

const char *problem_kind_name(enum problem_kind kind)
{
	return kinds[kind].name;
}

int problem_kind_hard(enum problem_kind kind)
{
	return kinds[kind].hard;
}

static void add(struct problem_list *l, enum problem_kind kind, int session, int other,
		int speaker, int room, char *text)
{
	struct problem *p;

	l->items = xreallocarray(l->items, (size_t)l->n + 1, sizeof(*l->items));
	p = &l->items[l->n++];
	p->kind = kind;
	p->hard = kinds[kind].hard;
	p->session = session;
	p->other = other;
	p->speaker = speaker;
	p->room = room;
	p->text = text;
	l->by_kind[kind]++;
	if (p->hard)
		l->hard++;
	else
		l->soft++;
}

static int placed(const struct session *s)
{
	return s->day >= 0 && s->room >= 0;
}

static int overlaps(int a0, int a1, int b0, int b1)
{
	return a0 < b1 && b0 < a1;
}

/* "Thu 11 Mar 09:30" is too much here: "day 1 09:30". */
static char *when(const struct conf *c, const struct session *s)
{
	char t[6];

	return xasprintf("day %d at %s", c->days[s->day].number, time_format(s->start, t));
}

/* Who is there each day: how many, and whether any needs step-free access. */
struct day_people {
	int attending;
	int step_free;
};

static struct day_people *day_people(const struct conf *c)
{
	struct day_people *p = xcalloc((size_t)c->ndays + 1, sizeof(*p));

	for (int i = 0; i < c->ndelegates; i++) {
		const struct delegate *d = &c->delegates[i];
		int sf = tags_have(d->access, "step_free");

		for (int k = 0; k < c->ndays; k++) {
			if (d->days != 0 && !(d->days & (1u << (c->days[k].number - 1))))
				continue;
			p[k].attending++;
			p[k].step_free |= sf;
		}
	}
	return p;
}

/* Sessions the whole conference attends rather than chooses. */
static int for_everyone(const struct session *s)
{
	return kind_is_common(s->kind) || s->kind == KIND_KEYNOTE || s->kind == KIND_PLENARY;
}

static int expected(const struct session *s, const struct day_people *p)
{
	if (s->capacity >= 0)
		return s->capacity;
	if (s->demand > 0)
		return s->demand;
	if (for_everyone(s) && s->day >= 0)
		return p[s->day].attending;
	return 0;
}

int programme_expected(const struct conf *c, const struct session *s)
{
	struct day_people *p = day_people(c);
	int n = expected(s, p);

	free(p);
	return n;
}

static int needs_step_free(const struct session *s, const struct day_people *p)
{
	return s->needs_step_free || (for_everyone(s) && p[s->day].step_free);
}

/* Problems of one session on its own: day, room, features, capacity. */
static void check_session(const struct conf *c, int i, int expected, int step_free_need,
			  struct problem_list *l)
{
	const struct session *s = &c->sessions[i];
	const struct room *r = &c->rooms[s->room];
	const struct day *d = &c->days[s->day];
	char *w = when(c, s);

	if (s->start < d->start || s->start + s->duration > d->end)
		add(l, PROBLEM_OUTSIDE_DAY, i, -1, -1, s->room,
		    xasprintf("%s '%s' on %s runs outside the day", s->code, s->title, w));
	for (int k = 0; k < r->nunavailable; k++) {
		const struct period *p = &r->unavailable[k];

		if (p->day == s->day && overlaps(s->start, s->start + s->duration, p->start, p->end))
			add(l, PROBLEM_ROOM_UNAVAILABLE, i, -1, -1, s->room,
			    xasprintf("%s '%s' on %s is in %s while it is unavailable", s->code,
				      s->title, w, r->name));
	}
	if (expected > r->capacity)
		add(l, PROBLEM_CAPACITY, i, -1, -1, s->room,
		    xasprintf("%s '%s' expects %d but %s holds %d", s->code, s->title, expected,
			      r->name, r->capacity));
	if (*s->features) {
		char *copy = xstrdup(s->features), *save = NULL;

		for (char *f = strtok_r(copy, ";", &save); f; f = strtok_r(NULL, ";", &save))
			if (!tags_have(r->features, str_trim(f)))
				add(l, PROBLEM_FEATURE, i, -1, -1, s->room,
				    xasprintf("%s '%s' needs %s, which %s does not have", s->code,
					      s->title, f, r->name));
		free(copy);
	}
	if (!r->step_free && step_free_need)
		add(l, PROBLEM_STEP_FREE, i, -1, -1, s->room,
		    xasprintf("%s '%s' is in %s, which is not step-free, and a delegate needs "
			      "step-free access", s->code, s->title, r->name));
	for (int k = 0; k < s->nspeakers; k++) {
		const struct speaker *sp = &c->speakers[s->speakers[k]];

		for (int u = 0; u < sp->nunavailable; u++) {
			const struct period *p = &sp->unavailable[u];

			if (p->day == s->day &&
			    overlaps(s->start, s->start + s->duration, p->start, p->end))
				add(l, PROBLEM_SPEAKER_UNAVAILABLE, i, -1, s->speakers[k], -1,
				    xasprintf("%s '%s' on %s: %s cannot come then", s->code,
					      s->title, w, sp->name));
		}
	}
	free(w);
}

static int share_speaker(const struct session *a, const struct session *b)
{
	for (int i = 0; i < a->nspeakers; i++)
		for (int j = 0; j < b->nspeakers; j++)
			if (a->speakers[i] == b->speakers[j])
				return a->speakers[i];
	return -1;
}

static int share_tag(const char *a, const char *b, char **which)
{
	char *copy = xstrdup(a), *save = NULL;
	int found = 0;

	for (char *t = strtok_r(copy, ";", &save); t && !found; t = strtok_r(NULL, ";", &save)) {
		str_trim(t);
		if (*t && !str_ieq(t, "all") && tags_have(b, t)) {
			*which = xstrdup(t);
			found = 1;
		}
	}
	free(copy);
	return found;
}

/* Problems of two sessions that overlap in time. */
static void check_pair(const struct conf *c, int i, int j, struct problem_list *l)
{
	const struct session *a = &c->sessions[i], *b = &c->sessions[j];
	char *w = when(c, a), *tag = NULL;
	int sp;

	if (a->room == b->room)
		add(l, PROBLEM_ROOM_CLASH, i, j, -1, a->room,
		    xasprintf("%s and %s are both in %s on %s", a->code, b->code,
			      c->rooms[a->room].name, w));
	if ((sp = share_speaker(a, b)) >= 0)
		add(l, PROBLEM_SPEAKER_CLASH, i, j, sp, -1,
		    xasprintf("%s is in %s and %s at once (%s)", c->speakers[sp].name, a->code,
			      b->code, w));
	if (kind_is_breakout(a->kind) && kind_is_breakout(b->kind)) {
		if (share_tag(a->audience, b->audience, &tag))
			add(l, PROBLEM_AUDIENCE_CLASH, i, j, -1, -1,
			    xasprintf("%s and %s are both for %s and run in parallel (%s)", a->code,
				      b->code, tag, w));
		else if (*a->track && share_tag(a->track, b->track, &tag))
			add(l, PROBLEM_TRACK_CLASH, i, j, -1, -1,
			    xasprintf("%s and %s are both in the %s track and run in parallel (%s)",
				      a->code, b->code, tag, w));
		free(tag);
	}
	free(w);
}

static int by_time(const void *pa, const void *pb, void *arg)
{
	const struct conf *c = arg;
	const struct session *a = &c->sessions[*(const int *)pa];
	const struct session *b = &c->sessions[*(const int *)pb];

	if (a->day != b->day)
		return a->day - b->day;
	if (a->start != b->start)
		return a->start - b->start;
	return *(const int *)pa - *(const int *)pb;
}

static int hard_first(const void *pa, const void *pb)
{
	const struct problem *a = pa, *b = pb;

	if (a->hard != b->hard)
		return b->hard - a->hard;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return a->session - b->session;
}

void programme_check(const struct conf *c, struct problem_list *l)
{
	int *idx = xcalloc((size_t)c->nsessions + 1, sizeof(int)), n = 0;
	struct day_people *people = day_people(c);

	memset(l, 0, sizeof(*l));
	for (int i = 0; i < c->nsessions; i++) {
		const struct session *s = &c->sessions[i];

		if (!placed(s)) {
			add(l, PROBLEM_UNPLACED, i, -1, -1, -1,
			    xasprintf("%s '%s' has no time and room yet", s->code, s->title));
			continue;
		}
		idx[n++] = i;
		check_session(c, i, expected(s, people), needs_step_free(s, people), l);
	}
	qsort_r(idx, (size_t)n, sizeof(int), by_time, (void *)c);
	for (int x = 0; x < n; x++) {
		const struct session *a = &c->sessions[idx[x]];

		for (int y = x + 1; y < n; y++) {
			const struct session *b = &c->sessions[idx[y]];

			if (b->day != a->day || b->start >= a->start + a->duration)
				break;
			check_pair(c, idx[x], idx[y], l);
		}
	}
	if (l->n)
		qsort(l->items, (size_t)l->n, sizeof(*l->items), hard_first);
	free(people);
	free(idx);
}

void problem_list_done(struct problem_list *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->items[i].text);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int overlap(const struct session *a, const struct session *b)
{
	return a->day == b->day && a->start < b->start + b->duration &&
	       b->start < a->start + a->duration;
}

void programme_check_one(const struct conf *c, int s, struct problem_list *l)
{
	const struct session *a = &c->sessions[s];
	struct day_people *people;

	memset(l, 0, sizeof(*l));
	if (!placed(a)) {
		add(l, PROBLEM_UNPLACED, s, -1, -1, -1,
		    xasprintf("%s '%s' has no time and room yet", a->code, a->title));
		return;
	}
	people = day_people(c);
	check_session(c, s, expected(a, people), needs_step_free(a, people), l);
	for (int j = 0; j < c->nsessions; j++) {
		const struct session *b = &c->sessions[j];

		if (j == s || !placed(b) || !overlap(a, b))
			continue;
		/* The same order as programme_check, so the texts match. */
		if (b->start < a->start || (b->start == a->start && j < s))
			check_pair(c, j, s, l);
		else
			check_pair(c, s, j, l);
	}
	if (l->n)
		qsort(l->items, (size_t)l->n, sizeof(*l->items), hard_first);
	free(people);
}
