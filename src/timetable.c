/* Programme placement engine.
 *
 * 1. Candidate starts: the slot grid, or every step minutes of each day.
 * 2. A context holds what every score needs: per pair of sessions whether
 *    they share a track, an audience tag, delegates (co-preference) or a
 *    speaker (and so a pause), and whether one is for everyone; per session
 *    and day its first and last possible start (for the time tags).
 * 3. Scoring is three small functions used by both the full evaluation and
 *    the search, so the two cannot disagree: unary() for a session alone,
 *    pair_cost() for two sessions, speaker_cost() for one speaker. Each
 *    returns hard * BIG + soft and, when given an accumulator, records the
 *    families and the violations.
 * 4. The search precomputes each movable session's options (start x room)
 *    that break no constraint alone nor against a pinned session, with
 *    their unary soft cost, builds a start greedily (published placements
 *    kept), then runs late acceptance hill climbing with moves scored from
 *    the sessions and speakers they touch: one session to another option,
 *    two swapping places or times, a kick (a session into an occupied
 *    place, the sessions it clashes with re-placed at their best sampled
 *    option, kept by the total change) and a swap of everything at two
 *    starts. Every compound move is scored by set_cost() of the sessions it
 *    changes, before and after, so the running score stays exact.
 * 5. The search runs in rounds: when a round finds nothing better for a
 *    while, it restarts from the best with a few random moves (iterated
 *    local search); it stops at the deadline or after opt->stall steps
 *    without a new best, so a run that ends by itself is deterministic.
 * 6. A search is a run and its restarts from fresh seeds (while time and
 *    steps remain, until TIMETABLE_STALE_RUNS runs in a row found nothing
 *    better). Several searches share the options (read only) and run on
 *    threads, each with its own seeds; the caller's thread shows their
 *    progress. The best plan is chosen by its score, then the search's
 *    index, never by which finished first.
 */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "convene/timetable.h"

#define BIG (1LL << 40)
#define MAX_OPTIONS 50000000L /* sessions x starts x rooms */
#define KICK_MAX 16           /* a kick moves one session and up to 15 it displaces */
#define KICK_SAMPLE 64        /* options tried for each displaced session */
#define SLOT_MAX 64           /* sessions a swap of two starts may move */
#define KICK_PM 20u           /* steps (in 1000, up to 36 sessions) that try a kick */
#define SLOT_PM 30u           /* steps (in 1000, up to 36 sessions) that swap two starts */
#define TIMETABLE_STALE_RUNS                                                                       \
	8 /* automatic restarts end after so many runs in a row
				* found nothing better */

enum { P_TRACK = 1, P_AUDIENCE = 2, P_EVERYONE = 4, P_ANY = 8, P_BREAK = 16 };

struct pair {
	int copref;
	int together; /* delegates due at both */
	short pause;  /* shared speaker: the largest pause; -1 none */
	unsigned char flags;
};

struct pos {
	int day;
	int start;
	uint64_t tags;
};

struct ctx {
	const struct timetable_problem *pb;
	int n;
	int midday;
	struct pos *pos;
	int npos;
	struct pair *pair; /* n x n */
	int *first, *last; /* n x ndays; -1 none */
	int *spk_idx;      /* sessions of speaker k: spk_list[spk_idx[k] .. spk_idx[k+1]) */
	int *spk_list;
	int *nbr_idx; /* sessions s interacts with wherever they are (P_ANY):
			     * nbr_list[nbr_idx[s] .. nbr_idx[s+1]) */
	int *nbr_list;
};

struct acc {
	long count[TIMETABLE_NFAMILIES];
	long long cost[TIMETABLE_NFAMILIES];
	struct timetable_violation *v;
	int nv, cap;
};

static const struct {
	const char *name;
	bool hard;
	const char *meaning;
} families[TIMETABLE_NFAMILIES] = {
	[TIMETABLE_ROOM_CLASH] = { "room_clash", true, "two sessions in one room at once" },
	[TIMETABLE_SPEAKER_CLASH] = { "speaker_clash", true,
				      "a speaker due in two sessions at once" },
	[TIMETABLE_SPEAKER_PAUSE] = { "speaker_pause", true,
				      "two sessions of a speaker closer than the pause they asked for" },
	[TIMETABLE_SPEAKER_UNAVAILABLE] = { "speaker_unavailable", true,
					    "a session at a time one of its speakers cannot come" },
	[TIMETABLE_ROOM_UNAVAILABLE] = { "room_unavailable", true,
					 "a session in a room while the room is closed" },
	[TIMETABLE_CAPACITY] = { "capacity", true, "more people expected than the room holds" },
	[TIMETABLE_FEATURE] = { "feature", true,
				"a room without something the session needs (a projector...)" },
	[TIMETABLE_STEP_FREE] = { "step_free", true,
				  "a room with steps for a session someone needs step-free" },
	[TIMETABLE_OUTSIDE_DAY] = { "outside_day", true, "a session not wholly inside its day" },
	[TIMETABLE_THROUGH_BREAK] = { "through_break", true,
				      "a session running into a break or meal for everyone" },
	[TIMETABLE_PLENARY_CLASH] = { "plenary_clash", true,
				      "a session in parallel with one for everyone (a keynote)" },
	[TIMETABLE_DELEGATE_CLASH] = { "delegate_clash", true,
				       "delegates due in two places at once (a breakout, a cafe "
				       "seat, a carousel station or a table or station they host)" },
	[TIMETABLE_UNPLACED] = { "unplaced", true, "a session with no time and room yet" },
	[TIMETABLE_PIN_MOVED] = { "pin_moved", true, "a pinned session away from its pin" },
	[TIMETABLE_TRACK_CLASH] = { "track_clash", false, "two sessions of one track at once" },
	[TIMETABLE_AUDIENCE_CLASH] = { "audience_clash", false,
				       "two breakouts for one audience at once" },
	[TIMETABLE_PREFERENCE_CLASH] = { "preference_clash", false,
					 "sessions at once that the same delegates chose" },
	[TIMETABLE_ROOM_SIZE] = { "room_size", false,
				  "a room much too big, or nearly full, for its session" },
	[TIMETABLE_SPEAKER_ROOMS] = { "speaker_rooms", false,
				      "a speaker sent between several rooms" },
	[TIMETABLE_SPEAKER_DAYS] = { "speaker_days", false, "a speaker needed on several days" },
	[TIMETABLE_TIME_TAGS] = { "time_tags", false, "a time the session or speaker would avoid" },
	[TIMETABLE_ROOM_TAGS] = { "room_tags", false, "a room the session or speaker would avoid" },
	[TIMETABLE_MOVE_TIME] = { "move_time", false, "a published session at another time" },
	[TIMETABLE_MOVE_ROOM] = { "move_room", false, "a published session in another room" },
};

const char *timetable_family_name(enum timetable_family f)
{
	return f >= 0 && f < TIMETABLE_NFAMILIES ? families[f].name : "?";
}

bool timetable_family_hard(enum timetable_family f)
{
	return f >= 0 && f < TIMETABLE_NFAMILIES && families[f].hard;
}

const char *timetable_family_meaning(enum timetable_family f)
{
	return f >= 0 && f < TIMETABLE_NFAMILIES ? families[f].meaning : "";
}

void timetable_weights_init(struct timetable_weights *w)
{
	*w = (struct timetable_weights){ .track_clash = 20,
					 .audience_clash = 30,
					 .preference_clash = 1,
					 .room_size = 5,
					 .speaker_rooms = 3,
					 .speaker_days = 10,
					 .time_tags = 10,
					 .room_tags = 10,
					 .move_time = 50,
					 .move_room = 10 };
}

void timetable_options_init(struct timetable_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->seed = 1;
	opt->time_limit = 10;
	opt->restarts = -1;
}

/* ---- validation ------------------------------------------------------ */

static enum status check_periods(const struct timetable_problem *pb,
				 const struct timetable_period *p, int n, const char *what, int i,
				 struct error *err)
{
	if (n < 0 || (n > 0 && !p))
		return error_set(err, ST_INPUT, "%s %d: bad list of unavailable periods", what, i);
	for (int k = 0; k < n; k++)
		if (p[k].day < 0 || p[k].day >= pb->ndays || p[k].end < p[k].start)
			return error_set(err, ST_INPUT,
					 "%s %d: period %d is not a valid day and time", what, i,
					 k + 1);
	return ST_OK;
}

static enum status check_place(const struct timetable_problem *pb, int s,
			       const struct timetable_place *pl, const char *what, struct error *err)
{
	if (pl->day < 0)
		return ST_OK;
	if (pl->day >= pb->ndays || pl->room < TIMETABLE_NONE || pl->room >= pb->nrooms)
		return error_set(err, ST_INPUT, "session %d: %s day or room out of range", s + 1,
				 what);
	return ST_OK;
}

static enum status check_session(const struct timetable_problem *pb, int i, struct error *err)
{
	const struct timetable_session *s = &pb->sessions[i];

	if (s->duration <= 0 || s->nspeakers < 0 || (s->nspeakers > 0 && !s->speakers))
		return error_set(err, ST_INPUT, "session %d: bad duration or speakers", i + 1);
	for (int k = 0; k < s->nspeakers; k++)
		if (s->speakers[k] < 0 || s->speakers[k] >= pb->nspeakers)
			return error_set(err, ST_INPUT, "session %d: speaker %d out of range",
					 i + 1, s->speakers[k]);
	if (s->pinned && (s->place.day < 0 || (s->place.room < 0 && !(s->flags & TIMETABLE_COMMON))))
		return error_set(err, ST_INPUT, "session %d is pinned but has no place", i + 1);
	if (check_place(pb, i, &s->place, "pinned", err) ||
	    check_place(pb, i, &s->published, "published", err))
		return err ? err->status : ST_INPUT;
	return ST_OK;
}

enum status timetable_validate(const struct timetable_problem *pb, struct error *err)
{
	if (pb->ndays < 1 || pb->ndays > TIMETABLE_MAX_DAYS || !pb->days)
		return error_set(err, ST_INPUT, "a programme needs 1 to %d days",
				 TIMETABLE_MAX_DAYS);
	if (pb->nrooms < 0 || pb->nspeakers < 0 || pb->nsessions < 0 || pb->nslots < 0 ||
	    pb->ncopref < 0 || pb->ntogether < 0 || pb->nblocked < 0)
		return error_set(err, ST_INPUT, "negative count in the programme");
	for (int d = 0; d < pb->ndays; d++)
		if (pb->days[d].end <= pb->days[d].start)
			return error_set(err, ST_INPUT, "day %d ends before it starts", d + 1);
	for (int i = 0; i < pb->nslots; i++)
		if (pb->slots[i].day < 0 || pb->slots[i].day >= pb->ndays)
			return error_set(err, ST_INPUT, "slot %d: day out of range", i + 1);
	if (check_periods(pb, pb->blocked, pb->nblocked, "blocked", 0, err))
		return ST_INPUT;
	for (int r = 0; r < pb->nrooms; r++)
		if (check_periods(pb, pb->rooms[r].unavailable, pb->rooms[r].nunavailable, "room",
				  r + 1, err))
			return ST_INPUT;
	for (int k = 0; k < pb->nspeakers; k++)
		if (check_periods(pb, pb->speakers[k].unavailable, pb->speakers[k].nunavailable,
				  "speaker", k + 1, err) ||
		    pb->speakers[k].pause < 0)
			return error_set(err, ST_INPUT, "speaker %d: bad periods or pause", k + 1);
	for (int i = 0; i < pb->nsessions; i++)
		if (check_session(pb, i, err))
			return ST_INPUT;
	for (int i = 0; i < pb->ncopref; i++) {
		const struct timetable_copref *c = &pb->copref[i];

		if (c->a < 0 || c->b < 0 || c->a >= pb->nsessions || c->b >= pb->nsessions ||
		    c->count < 0)
			return error_set(err, ST_INPUT, "co-preference %d: session out of range",
					 i + 1);
	}
	for (int i = 0; i < pb->ntogether; i++) {
		const struct timetable_copref *c = &pb->together[i];

		if (c->a < 0 || c->b < 0 || c->a >= pb->nsessions || c->b >= pb->nsessions ||
		    c->count < 0)
			return error_set(err, ST_INPUT, "shared delegates %d: session out of range",
					 i + 1);
	}
	return ST_OK;
}

/* ---- the context ----------------------------------------------------- */

static int by_pos(const void *pa, const void *pb)
{
	const struct pos *a = pa, *b = pb;

	if (a->day != b->day)
		return a->day - b->day;
	return a->start - b->start;
}

/* Candidate starts, sorted, each once (slot tags merged): the slots, or a
 * start every step minutes, and wherever a session is published or pinned,
 * so that a session placed off the grid by hand can stay where it is. */
static void build_positions(struct ctx *cx)
{
	const struct timetable_problem *pb = cx->pb;
	int step = pb->step > 0 ? pb->step : 15, n = 0, cap = pb->nslots + 2 * pb->nsessions;

	if (!pb->nslots)
		for (int d = 0; d < pb->ndays; d++)
			cap += (pb->days[d].end - pb->days[d].start) / step + 1;
	cx->pos = xcalloc((size_t)cap + 1, sizeof(*cx->pos));
	for (int i = 0; i < pb->nslots; i++)
		cx->pos[n++] = (struct pos){ pb->slots[i].day, pb->slots[i].start,
					     pb->slots[i].tags };
	for (int d = 0; !pb->nslots && d < pb->ndays; d++)
		for (int t = pb->days[d].start; t < pb->days[d].end; t += step)
			cx->pos[n++] = (struct pos){ d, t, 0 };
	for (int s = 0; s < pb->nsessions; s++) {
		const struct timetable_session *x = &pb->sessions[s];

		if (x->published.day >= 0)
			cx->pos[n++] = (struct pos){ x->published.day, x->published.start, 0 };
		if (x->pinned && x->place.day >= 0)
			cx->pos[n++] = (struct pos){ x->place.day, x->place.start, 0 };
	}
	qsort(cx->pos, (size_t)n, sizeof(*cx->pos), by_pos);
	cx->npos = 0;
	for (int i = 0; i < n; i++) {
		struct pos *last = cx->npos ? &cx->pos[cx->npos - 1] : NULL;

		if (last && last->day == cx->pos[i].day && last->start == cx->pos[i].start)
			last->tags |= cx->pos[i].tags;
		else
			cx->pos[cx->npos++] = cx->pos[i];
	}
}

static bool overlaps(int a0, int a1, int b0, int b1)
{
	return a0 < b1 && b0 < a1;
}

static bool everyone_clash(const struct timetable_session *a, const struct timetable_session *b)
{
	unsigned fa = a->flags, fb = b->flags;

	if (!((fa | fb) & TIMETABLE_EVERYONE))
		return false;
	return !((fa & TIMETABLE_COMMON) && (fb & TIMETABLE_COMMON));
}

/* A break or meal: for everyone, and a pause rather than a session. */
static bool is_break(const struct timetable_session *x)
{
	return (x->flags & TIMETABLE_EVERYONE) && (x->flags & TIMETABLE_COMMON);
}

static int shared_pause(const struct timetable_problem *pb, const struct timetable_session *a,
			const struct timetable_session *b)
{
	int pause = -1;

	for (int i = 0; i < a->nspeakers; i++)
		for (int j = 0; j < b->nspeakers; j++)
			if (a->speakers[i] == b->speakers[j] &&
			    pb->speakers[a->speakers[i]].pause > pause)
				pause = pb->speakers[a->speakers[i]].pause;
	return pause;
}

static void build_pairs(struct ctx *cx)
{
	const struct timetable_problem *pb = cx->pb;
	int n = cx->n;

	cx->pair = xcalloc((size_t)n * n + 1, sizeof(*cx->pair));
	for (int a = 0; a < n; a++)
		for (int b = a + 1; b < n; b++) {
			const struct timetable_session *x = &pb->sessions[a], *y = &pb->sessions[b];
			struct pair p = { 0, 0, (short)shared_pause(pb, x, y), 0 };
			bool breakout = !((x->flags | y->flags) & TIMETABLE_EVERYONE);

			if (everyone_clash(x, y))
				p.flags |= is_break(x) != is_break(y) && !((x->flags & y->flags) &
									   TIMETABLE_COMMON)
						   ? P_BREAK
						   : P_EVERYONE;
			if (breakout && x->track >= 0 && x->track == y->track)
				p.flags |= P_TRACK;
			if (breakout && (x->audience_tags & y->audience_tags))
				p.flags |= P_AUDIENCE;
			cx->pair[(size_t)a * n + b] = cx->pair[(size_t)b * n + a] = p;
		}
	for (int i = 0; i < pb->ncopref; i++) {
		const struct timetable_copref *c = &pb->copref[i];

		if (c->a == c->b || !c->count)
			continue;
		cx->pair[(size_t)c->a * n + c->b].copref += c->count;
		cx->pair[(size_t)c->b * n + c->a].copref += c->count;
	}
	for (int i = 0; i < pb->ntogether; i++) {
		const struct timetable_copref *c = &pb->together[i];

		if (c->a == c->b || !c->count)
			continue;
		cx->pair[(size_t)c->a * n + c->b].together += c->count;
		cx->pair[(size_t)c->b * n + c->a].together += c->count;
	}
	for (size_t i = 0; i < (size_t)n * n; i++)
		if (cx->pair[i].flags || cx->pair[i].copref || cx->pair[i].together ||
		    cx->pair[i].pause >= 0)
			cx->pair[i].flags |= P_ANY;
}

/* Each session's list of the sessions it interacts with (P_ANY pairs):
 * the only pairs that can cost anything but a room clash. */
static void build_neighbours(struct ctx *cx)
{
	int n = cx->n, total = 0;

	cx->nbr_idx = xcalloc((size_t)n + 2, sizeof(int));
	for (size_t i = 0; i < (size_t)n * n; i++)
		total += (cx->pair[i].flags & P_ANY) != 0;
	cx->nbr_list = xcalloc((size_t)total + 1, sizeof(int));
	total = 0;
	for (int a = 0; a < n; a++) {
		cx->nbr_idx[a] = total;
		for (int b = 0; b < n; b++)
			if (b != a && (cx->pair[(size_t)a * n + b].flags & P_ANY))
				cx->nbr_list[total++] = b;
	}
	cx->nbr_idx[n] = total;
}

static void build_speakers(struct ctx *cx)
{
	const struct timetable_problem *pb = cx->pb;
	int *fill = xcalloc((size_t)pb->nspeakers + 1, sizeof(int)), total = 0;

	cx->spk_idx = xcalloc((size_t)pb->nspeakers + 2, sizeof(int));
	for (int s = 0; s < cx->n; s++)
		for (int k = 0; k < pb->sessions[s].nspeakers; k++)
			cx->spk_idx[pb->sessions[s].speakers[k] + 1]++, total++;
	for (int k = 0; k < pb->nspeakers; k++)
		cx->spk_idx[k + 1] += cx->spk_idx[k];
	cx->spk_list = xcalloc((size_t)total + 1, sizeof(int));
	for (int s = 0; s < cx->n; s++)
		for (int k = 0; k < pb->sessions[s].nspeakers; k++) {
			int sp = pb->sessions[s].speakers[k];

			cx->spk_list[cx->spk_idx[sp] + fill[sp]++] = s;
		}
	free(fill);
}

/* Whether s at [start, end) on day runs through a block: a blocked period
 * (unless s is itself a break) or a pinned session for everyone. */
static bool blocked(const struct ctx *cx, int s, int day, int start, int end)
{
	const struct timetable_problem *pb = cx->pb;
	const struct timetable_session *x = &pb->sessions[s];

	for (int i = 0; !(x->flags & TIMETABLE_COMMON) && i < pb->nblocked; i++)
		if (pb->blocked[i].day == day &&
		    overlaps(start, end, pb->blocked[i].start, pb->blocked[i].end))
			return true;
	for (int t = 0; t < cx->n; t++) {
		const struct timetable_session *y = &pb->sessions[t];

		if (t != s && y->pinned && y->place.day == day && everyone_clash(x, y) &&
		    overlaps(start, end, y->place.start, y->place.start + y->duration))
			return true;
	}
	return false;
}

static void build_first_last(struct ctx *cx)
{
	const struct timetable_problem *pb = cx->pb;
	size_t size = (size_t)cx->n * pb->ndays + 1;

	cx->first = xmalloc(size * sizeof(int));
	cx->last = xmalloc(size * sizeof(int));
	for (size_t i = 0; i < size; i++)
		cx->first[i] = cx->last[i] = -1;
	for (int s = 0; s < cx->n; s++)
		for (int p = 0; p < cx->npos; p++) {
			int d = cx->pos[p].day, t = cx->pos[p].start;
			int end = t + pb->sessions[s].duration;
			int *f = &cx->first[(size_t)s * pb->ndays + d];

			if (t < pb->days[d].start || end > pb->days[d].end ||
			    blocked(cx, s, d, t, end))
				continue;
			if (*f < 0)
				*f = t;
			cx->last[(size_t)s * pb->ndays + d] = t;
		}
}

static void ctx_init(struct ctx *cx, const struct timetable_problem *pb)
{
	memset(cx, 0, sizeof(*cx));
	cx->pb = pb;
	cx->n = pb->nsessions;
	cx->midday = pb->midday > 0 ? pb->midday : 12 * 60;
	build_positions(cx);
	build_pairs(cx);
	build_neighbours(cx);
	build_speakers(cx);
	build_first_last(cx);
}

static void ctx_done(struct ctx *cx)
{
	free(cx->pos);
	free(cx->pair);
	free(cx->first);
	free(cx->last);
	free(cx->spk_idx);
	free(cx->spk_list);
	free(cx->nbr_idx);
	free(cx->nbr_list);
}

/* ---- scoring --------------------------------------------------------- */

/* Whether family f is hard in this problem (not relaxed). */
static bool is_hard(const struct ctx *cx, enum timetable_family f)
{
	return families[f].hard && !(cx->pb->relax >> f & 1u);
}

static long long add(const struct ctx *cx, struct acc *acc, enum timetable_family f, int a, int b,
		     int speaker, long amount, long long cost)
{
	bool hard = is_hard(cx, f);

	/* A relaxed hard rule costs more than any soft one, and more the more
	 * people it leaves over. */
	if (families[f].hard && !hard)
		cost = TIMETABLE_RELAX_COST + amount;
	if (!acc)
		return hard ? BIG : cost;
	acc->count[f]++;
	acc->cost[f] += cost;
	if (acc->nv == acc->cap) {
		acc->cap = acc->cap ? 2 * acc->cap : 32;
		acc->v = xreallocarray(acc->v, (size_t)acc->cap, sizeof(*acc->v));
	}
	acc->v[acc->nv++] = (struct timetable_violation){ f, a, b, speaker, amount, cost };
	return hard ? BIG : cost;
}

static uint64_t time_tags(const struct ctx *cx, int s, int day, int start)
{
	int nd = cx->pb->ndays;
	uint64_t t = TIMETABLE_TAG_DAY(day);
	int lo = 0, hi = cx->npos - 1;

	t |= start < cx->midday ? TIMETABLE_TAG_MORNING : TIMETABLE_TAG_AFTERNOON;
	if (start == cx->first[(size_t)s * nd + day])
		t |= TIMETABLE_TAG_DAY_FIRST | (day == 0 ? TIMETABLE_TAG_OPENING : 0);
	if (start == cx->last[(size_t)s * nd + day])
		t |= TIMETABLE_TAG_DAY_LAST | (day == nd - 1 ? TIMETABLE_TAG_CLOSING : 0);
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		const struct pos *p = &cx->pos[mid];

		if (p->day == day && p->start == start)
			return t | p->tags;
		if (p->day < day || (p->day == day && p->start < start))
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return t;
}

static long tag_units(uint64_t have, uint64_t prefer, uint64_t avoid)
{
	return (prefer && !(have & prefer)) + __builtin_popcountll(have & avoid);
}

/* Units of room_size: tenths of the seats empty beyond half, and one when
 * more than 90% full. */
static long size_units(int audience, int capacity)
{
	long units = 0, empty;

	if (audience <= 0 || capacity <= 0 || audience > capacity)
		return 0;
	empty = (long)(capacity - audience) * 10 / capacity;
	if (empty > 5)
		units = empty - 5;
	if ((long)audience * 10 > (long)capacity * 9)
		units++;
	return units;
}

static bool periods_hit(const struct timetable_period *p, int n, int day, int start, int end)
{
	for (int i = 0; i < n; i++)
		if (p[i].day == day && overlaps(start, end, p[i].start, p[i].end))
			return true;
	return false;
}

static long long unary_room(const struct ctx *cx, int s, const struct timetable_place *pl,
			    struct acc *acc)
{
	const struct timetable_session *x = &cx->pb->sessions[s];
	const struct timetable_room *r = &cx->pb->rooms[pl->room];
	const struct timetable_weights *w = &cx->pb->weights;
	int end = pl->start + x->duration;
	int audience = x->audience_by_day ? x->audience_by_day[pl->day] : x->audience;
	long long c = 0;
	long u;

	if (periods_hit(r->unavailable, r->nunavailable, pl->day, pl->start, end))
		c += add(cx, acc, TIMETABLE_ROOM_UNAVAILABLE, s, -1, -1, 1, 1);
	if (audience > r->capacity)
		c += add(cx, acc, TIMETABLE_CAPACITY, s, -1, -1, audience - r->capacity, 1);
	if (x->features & ~r->features)
		c += add(cx, acc, TIMETABLE_FEATURE, s, -1, -1, 1, 1);
	if ((x->needs_step_free || (x->step_free_days >> pl->day & 1u)) && !r->step_free)
		c += add(cx, acc, TIMETABLE_STEP_FREE, s, -1, -1, 1, 1);
	if ((u = size_units(audience, r->capacity)) && w->room_size)
		c += add(cx, acc, TIMETABLE_ROOM_SIZE, s, -1, -1, u, u * w->room_size);
	u = tag_units(r->tags, x->prefer_room, x->avoid_room);
	for (int k = 0; k < x->nspeakers; k++) {
		const struct timetable_speaker *sp = &cx->pb->speakers[x->speakers[k]];

		u += tag_units(r->tags, sp->prefer_room, sp->avoid_room);
	}
	if (u && w->room_tags)
		c += add(cx, acc, TIMETABLE_ROOM_TAGS, s, -1, -1, u, u * w->room_tags);
	return c;
}

static long long unary_time(const struct ctx *cx, int s, const struct timetable_place *pl,
			    struct acc *acc)
{
	const struct timetable_problem *pb = cx->pb;
	const struct timetable_session *x = &pb->sessions[s];
	const struct timetable_day *d = &pb->days[pl->day];
	int end = pl->start + x->duration;
	uint64_t tags = time_tags(cx, s, pl->day, pl->start);
	long long c = 0;
	long u = tag_units(tags, x->prefer_time, x->avoid_time);

	if (pl->start < d->start || end > d->end)
		c += add(cx, acc, TIMETABLE_OUTSIDE_DAY, s, -1, -1, 1, 1);
	if (!(x->flags & TIMETABLE_COMMON) &&
	    periods_hit(pb->blocked, pb->nblocked, pl->day, pl->start, end))
		c += add(cx, acc, TIMETABLE_THROUGH_BREAK, s, -1, -1, 1, 1);
	for (int k = 0; k < x->nspeakers; k++) {
		const struct timetable_speaker *sp = &pb->speakers[x->speakers[k]];

		if (periods_hit(sp->unavailable, sp->nunavailable, pl->day, pl->start, end))
			c += add(cx, acc, TIMETABLE_SPEAKER_UNAVAILABLE, s, -1, x->speakers[k], 1,
				 1);
		u += tag_units(tags, sp->prefer_time, sp->avoid_time);
	}
	if (u && pb->weights.time_tags)
		c += add(cx, acc, TIMETABLE_TIME_TAGS, s, -1, -1, u, u * pb->weights.time_tags);
	return c;
}

static long long unary_moves(const struct ctx *cx, int s, const struct timetable_place *pl,
			     struct acc *acc)
{
	const struct timetable_session *x = &cx->pb->sessions[s];
	const struct timetable_place *p = &x->published;
	const struct timetable_weights *w = &cx->pb->weights;
	long long c = 0;

	if (p->day < 0)
		return 0;
	long k = x->move_weight > 0 ? x->move_weight : 1;

	if ((p->day != pl->day || p->start != pl->start) && w->move_time)
		c += add(cx, acc, TIMETABLE_MOVE_TIME, s, -1, -1, 1, k * w->move_time);
	if (p->room != pl->room && w->move_room)
		c += add(cx, acc, TIMETABLE_MOVE_ROOM, s, -1, -1, 1, k * w->move_room);
	return c;
}

/* Everything about session s on its own at pl: hard * BIG + soft. */
static long long unary(const struct ctx *cx, int s, const struct timetable_place *pl,
		       struct acc *acc)
{
	const struct timetable_session *x = &cx->pb->sessions[s];
	long long c = 0;

	if (x->pinned &&
	    (pl->day != x->place.day || pl->start != x->place.start || pl->room != x->place.room))
		c += add(cx, acc, TIMETABLE_PIN_MOVED, s, -1, -1, 1, 1);
	if (pl->day < 0)
		return c + add(cx, acc, TIMETABLE_UNPLACED, s, -1, -1, 1, 1);
	c += unary_time(cx, s, pl, acc) + unary_moves(cx, s, pl, acc);
	if (pl->room >= 0)
		c += unary_room(cx, s, pl, acc);
	else if (!(x->flags & TIMETABLE_COMMON))
		c += add(cx, acc, TIMETABLE_UNPLACED, s, -1, -1, 1, 1);
	return c;
}

/* Sessions a at pa and b at pb (both placed) together. */
static long long pair_cost(const struct ctx *cx, int a, const struct timetable_place *pa, int b,
			   const struct timetable_place *pb, struct acc *acc)
{
	const struct pair *p = &cx->pair[(size_t)a * cx->n + b];
	const struct timetable_weights *w = &cx->pb->weights;
	int ea, eb;
	long long c = 0;

	if (pa->day != pb->day || (!(p->flags & P_ANY) && (pa->room != pb->room || pa->room < 0)))
		return 0;
	ea = pa->start + cx->pb->sessions[a].duration;
	eb = pb->start + cx->pb->sessions[b].duration;
	if (!overlaps(pa->start, ea, pb->start, eb)) {
		if (p->pause > 0 && pb->start - ea < p->pause && pa->start - eb < p->pause)
			c += add(cx, acc, TIMETABLE_SPEAKER_PAUSE, a, b, -1, 1, 1);
		return c;
	}
	if (pa->room == pb->room && pa->room >= 0)
		c += add(cx, acc, TIMETABLE_ROOM_CLASH, a, b, -1, 1, 1);
	if (!(p->flags & P_ANY))
		return c;
	if (p->pause >= 0)
		c += add(cx, acc, TIMETABLE_SPEAKER_CLASH, a, b, -1, 1, 1);
	if (p->flags & P_EVERYONE)
		c += add(cx, acc, TIMETABLE_PLENARY_CLASH, a, b, -1, 1, 1);
	if (p->flags & P_BREAK)
		c += is_break(&cx->pb->sessions[a])
			     ? add(cx, acc, TIMETABLE_THROUGH_BREAK, b, a, -1, 1, 1)
			     : add(cx, acc, TIMETABLE_THROUGH_BREAK, a, b, -1, 1, 1);
	if (p->together)
		c += add(cx, acc, TIMETABLE_DELEGATE_CLASH, a, b, -1, p->together, 1);
	if ((p->flags & P_TRACK) && w->track_clash)
		c += add(cx, acc, TIMETABLE_TRACK_CLASH, a, b, -1, 1, w->track_clash);
	if ((p->flags & P_AUDIENCE) && w->audience_clash)
		c += add(cx, acc, TIMETABLE_AUDIENCE_CLASH, a, b, -1, 1, w->audience_clash);
	if (p->copref && w->preference_clash)
		c += add(cx, acc, TIMETABLE_PREFERENCE_CLASH, a, b, -1, p->copref,
			 (long long)p->copref * w->preference_clash);
	return c;
}

static int distinct(const int *v, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++) {
		int seen = v[i] < 0;

		for (int j = 0; j < i && !seen; j++)
			seen = v[j] == v[i];
		k += !seen;
	}
	return k;
}

/* Rooms and days speaker k goes to, beyond one of each. */
static long long speaker_cost(const struct ctx *cx, int k, const struct timetable_place *pl,
			      struct acc *acc)
{
	const struct timetable_weights *w = &cx->pb->weights;
	int n = cx->spk_idx[k + 1] - cx->spk_idx[k], rooms[64], days[64];
	const int *list = cx->spk_list + cx->spk_idx[k];
	long long c = 0;
	int nr, nd;

	if (n < 2)
		return 0;
	if (n > 64)
		n = 64; /* more than 64 sessions of one speaker: the rest are not counted */
	for (int i = 0; i < n; i++) {
		const struct timetable_place *p = &pl[list[i]];

		days[i] = p->day;
		rooms[i] = p->day >= 0 ? p->room : -1;
	}
	nr = distinct(rooms, n);
	nd = distinct(days, n);
	if (nr > 1 && w->speaker_rooms)
		c += add(cx, acc, TIMETABLE_SPEAKER_ROOMS, -1, -1, k, nr - 1,
			 (long long)(nr - 1) * w->speaker_rooms);
	if (nd > 1 && w->speaker_days)
		c += add(cx, acc, TIMETABLE_SPEAKER_DAYS, -1, -1, k, nd - 1,
			 (long long)(nd - 1) * w->speaker_days);
	return c;
}

static int hard_first(const void *pa, const void *pb)
{
	const struct timetable_violation *a = pa, *b = pb;

	if (families[a->family].hard != families[b->family].hard)
		return families[b->family].hard - families[a->family].hard;
	if (a->family != b->family)
		return (int)a->family - (int)b->family;
	if (a->a != b->a)
		return a->a - b->a;
	return a->b - b->b;
}

/* Score pl, in full (only < 0) or what involves session only. */
static void score_all(const struct ctx *cx, const struct timetable_place *pl, int only,
		      struct timetable_score *score)
{
	struct acc acc;

	memset(&acc, 0, sizeof(acc));
	for (int s = 0; s < cx->n; s++) {
		if (only < 0 || s == only)
			unary(cx, s, &pl[s], &acc);
		for (int t = s + 1; pl[s].day >= 0 && t < cx->n; t++)
			if (pl[t].day >= 0 && (only < 0 || s == only || t == only))
				pair_cost(cx, s, &pl[s], t, &pl[t], &acc);
	}
	for (int k = 0; k < cx->pb->nspeakers; k++) {
		bool mine = only < 0;

		for (int i = cx->spk_idx[k]; !mine && i < cx->spk_idx[k + 1]; i++)
			mine = cx->spk_list[i] == only;
		if (mine)
			speaker_cost(cx, k, pl, &acc);
	}
	memset(score, 0, sizeof(*score));
	for (int f = 0; f < TIMETABLE_NFAMILIES; f++) {
		score->count[f] = acc.count[f];
		score->cost[f] = acc.cost[f];
		if (is_hard(cx, (enum timetable_family)f))
			score->hard += acc.count[f];
		else
			score->soft += acc.cost[f];
	}
	if (acc.nv)
		qsort(acc.v, (size_t)acc.nv, sizeof(*acc.v), hard_first);
	score->violations = acc.v;
	score->nviolations = acc.nv;
}

struct timetable_checker {
	struct ctx cx;
};

struct timetable_checker *timetable_checker_new(const struct timetable_problem *pb,
						struct error *err)
{
	struct timetable_checker *ck;

	if (timetable_validate(pb, err))
		return NULL;
	ck = xcalloc(1, sizeof(*ck));
	ctx_init(&ck->cx, pb);
	return ck;
}

void timetable_checker_free(struct timetable_checker *ck)
{
	if (!ck)
		return;
	ctx_done(&ck->cx);
	free(ck);
}

void timetable_checker_score(const struct timetable_checker *ck, const struct timetable_place *place,
			     int only, struct timetable_score *score)
{
	score_all(&ck->cx, place, only, score);
}

enum status timetable_evaluate(const struct timetable_problem *pb,
			       const struct timetable_place *place, struct timetable_score *score,
			       struct error *err)
{
	struct timetable_checker *ck;

	memset(score, 0, sizeof(*score));
	if (timetable_validate(pb, err))
		return ST_INPUT;
	for (int s = 0; s < pb->nsessions; s++)
		if (check_place(pb, s, &place[s], "placed", err))
			return ST_INPUT;
	ck = timetable_checker_new(pb, err);
	score_all(&ck->cx, place, -1, score);
	timetable_checker_free(ck);
	return ST_OK;
}

void timetable_score_done(struct timetable_score *score)
{
	free(score->violations);
	score->violations = NULL;
	score->nviolations = 0;
}

/* ---- search ---------------------------------------------------------- */

struct search {
	const struct ctx *cx;
	int n, R, PR;
	struct timetable_place *pl;
	int *code;    /* movable sessions: start * R + room; -1 none */
	int *ucost;   /* n x PR: unary soft cost of the option, -1 not allowed */
	int *opt_idx; /* options of s: opts[opt_idx[s] .. opt_idx[s+1]) */
	int *opts;
	int *mov; /* movable sessions with options */
	int nmov;
	long long total;
	long long hard_weight; /* what one hard violation costs in the acceptance test */
	struct rng rng;

	/* who is in each room on each day (placed sessions with a room) */
	struct occ {
		int *who;
		int n, cap;
	} * occ; /* ndays x R */

	int *opos;   /* per session: its index in its occ list, -1 none */
	bool shared; /* ucost, opt_idx and opts belong to another search */
};

static int occ_key(const struct search *S, const struct timetable_place *p)
{
	return p->day >= 0 && p->room >= 0 ? p->day * S->R + p->room : -1;
}

static void occ_leave(struct search *S, int s)
{
	int k = occ_key(S, &S->pl[s]), i = S->opos[s], last;
	struct occ *o;

	if (k < 0)
		return;
	o = &S->occ[k];
	last = o->who[--o->n];
	o->who[i] = last;
	S->opos[last] = i;
	S->opos[s] = -1;
}

static void occ_enter(struct search *S, int s)
{
	int k = occ_key(S, &S->pl[s]);
	struct occ *o;

	if (k < 0)
		return;
	o = &S->occ[k];
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 8;
		o->who = xreallocarray(o->who, (size_t)o->cap, sizeof(int));
	}
	S->opos[s] = o->n;
	o->who[o->n++] = s;
}

static void set_code(struct search *S, int s, int code)
{
	const struct pos *p = &S->cx->pos[code / S->R];

	occ_leave(S, s);
	S->code[s] = code;
	S->pl[s] = (struct timetable_place){ p->day, p->start, code % S->R };
	occ_enter(S, s);
}

/* Whether t is among set[0 .. upto). */
static bool in_set(const int *set, int upto, int t)
{
	for (int i = 0; i < upto; i++)
		if (set[i] == t)
			return true;
	return false;
}

/* The pairs of a (placed) with every other placed session but those in
 * set[0 .. upto): through its list of interacting sessions, then whoever
 * shares its room that day (the only other pairs that can cost). */
static long long partner_cost(const struct search *S, int a, const int *set, int upto)
{
	const struct ctx *cx = S->cx;
	const struct timetable_place *pa = &S->pl[a];
	int k = occ_key(S, pa);
	long long c = 0;

	if (pa->day < 0)
		return 0;
	for (int i = cx->nbr_idx[a]; i < cx->nbr_idx[a + 1]; i++) {
		int t = cx->nbr_list[i];

		if (S->pl[t].day == pa->day && !in_set(set, upto, t))
			c += pair_cost(cx, a, pa, t, &S->pl[t], NULL);
	}
	for (int i = 0; k >= 0 && i < S->occ[k].n; i++) {
		int t = S->occ[k].who[i];

		if (t != a && !(cx->pair[(size_t)a * cx->n + t].flags & P_ANY) &&
		    !in_set(set, upto, t))
			c += pair_cost(cx, a, pa, t, &S->pl[t], NULL);
	}
	return c;
}

/* Unary soft cost of s at option code, or -1 when some constraint on s
 * alone or against a pinned session breaks. */
static int option_cost(struct search *S, int s, int code)
{
	const struct ctx *cx = S->cx;
	const struct pos *p = &cx->pos[code / S->R];
	struct timetable_place pl = { p->day, p->start, code % S->R };
	long long c = unary(cx, s, &pl, NULL);

	if (c >= BIG || p->start + cx->pb->sessions[s].duration > cx->pb->days[p->day].end)
		return -1;
	for (int t = 0; t < S->n; t++)
		if (t != s && cx->pb->sessions[t].pinned &&
		    pair_cost(cx, s, &pl, t, &cx->pb->sessions[t].place, NULL) >= BIG)
			return -1;
	return c > INT_MAX ? INT_MAX : (int)c;
}

static void build_options(struct search *S)
{
	const struct timetable_problem *pb = S->cx->pb;
	int total = 0;

	S->ucost = xmalloc(((size_t)S->n * S->PR + 1) * sizeof(int));
	S->opt_idx = xcalloc((size_t)S->n + 2, sizeof(int));
	for (int s = 0; s < S->n; s++)
		for (int o = 0; o < S->PR; o++) {
			int *u = &S->ucost[(size_t)s * S->PR + o];

			*u = pb->sessions[s].pinned ? -1 : option_cost(S, s, o);
			total += *u >= 0;
		}
	S->opts = xcalloc((size_t)total + 1, sizeof(int));
	total = 0;
	for (int s = 0; s < S->n; s++) {
		S->opt_idx[s] = total;
		for (int o = 0; o < S->PR; o++)
			if (S->ucost[(size_t)s * S->PR + o] >= 0)
				S->opts[total++] = o;
	}
	S->opt_idx[S->n] = total;
}

static int nopts(const struct search *S, int s)
{
	return S->opt_idx[s + 1] - S->opt_idx[s];
}

/* Whether speaker sp belongs to a session of set[0 .. m). */
static bool set_has_speaker(const struct search *S, const int *set, int m, int sp)
{
	for (int i = 0; i < m; i++) {
		const struct timetable_session *x = &S->cx->pb->sessions[set[i]];

		for (int k = 0; k < x->nspeakers; k++)
			if (x->speakers[k] == sp)
				return true;
	}
	return false;
}

/* The costs of speaker k's rooms and days, unless a session of set[0 ..
 * upto) or an earlier speaker of session a already counted them. */
static long long speakers_once(const struct search *S, const int *set, int upto, int a)
{
	const struct timetable_session *x = &S->cx->pb->sessions[a];
	long long c = 0;

	for (int k = 0; k < x->nspeakers; k++) {
		int dup = set_has_speaker(S, set, upto, x->speakers[k]);

		for (int j = 0; j < k && !dup; j++)
			dup = x->speakers[j] == x->speakers[k];
		if (!dup)
			c += speaker_cost(S->cx, x->speakers[k], S->pl, NULL);
	}
	return c;
}

/* Everything that involves the sessions of set: their unary costs, their
 * pairs (each once), their speakers (each once); or, as soon as what is
 * counted exceeds limit (every part costs 0 or more), that much. */
static long long set_cost_upto(const struct search *S, const int *set, int m, long long limit)
{
	long long c = 0;

	for (int i = 0; i < m; i++) {
		int a = set[i];

		if (S->code[a] >= 0 && (c += S->ucost[(size_t)a * S->PR + S->code[a]]) > limit)
			return c;
		if ((c += partner_cost(S, a, set, i)) > limit)
			return c;
		c += speakers_once(S, set, i, a);
	}
	return c;
}

static long long set_cost(const struct search *S, const int *set, int m)
{
	return set_cost_upto(S, set, m, LLONG_MAX);
}

/* Everything that involves sessions a and b (b may be -1): set_cost() of
 * {a, b}, which most moves change. */
static long long local_cost(const struct search *S, int a, int b)
{
	int set[2] = { a, b };

	return set_cost(S, set, b >= 0 ? 2 : 1);
}

static long long total_cost(const struct search *S)
{
	const struct ctx *cx = S->cx;
	long long c = 0;

	for (int s = 0; s < S->n; s++) {
		c += S->code[s] >= 0 ? S->ucost[(size_t)s * S->PR + S->code[s]]
				     : unary(cx, s, &S->pl[s], NULL);
		for (int t = s + 1; S->pl[s].day >= 0 && t < S->n; t++)
			if (S->pl[t].day >= 0)
				c += pair_cost(cx, s, &S->pl[s], t, &S->pl[t], NULL);
	}
	for (int k = 0; k < cx->pb->nspeakers; k++)
		c += speaker_cost(cx, k, S->pl, NULL);
	return c;
}

static int degree(const struct search *S, int s)
{
	int d = 0;

	for (int t = 0; t < S->n; t++)
		d += t != s && (S->cx->pair[(size_t)s * S->n + t].flags & P_ANY);
	return d;
}

/* Most constrained first: fewest options, then most interactions. */
static int *construction_order(struct search *S)
{
	int *order = xcalloc((size_t)S->nmov + 1, sizeof(int));
	long long *key = xcalloc((size_t)S->n + 1, sizeof(long long));

	for (int i = 0; i < S->nmov; i++) {
		int s = S->mov[i];

		order[i] = s;
		key[s] = (long long)nopts(S, s) * 100000 - degree(S, s);
	}
	for (int i = 1; i < S->nmov; i++) /* insertion sort: stable, small n */
		for (int j = i; j > 0 && key[order[j]] < key[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	free(key);
	return order;
}

/* Put s at its cheapest option given the sessions already placed. */
static void place_greedy(struct search *S, int s)
{
	int n = nopts(S, s), first = (int)rng_below(&S->rng, (uint32_t)n), best = -1;
	const int *o = S->opts + S->opt_idx[s];
	long long best_cost = 0;

	for (int i = 0; i < n; i++) {
		int code = o[(first + i) % n];
		long long c;

		set_code(S, s, code);
		c = local_cost(S, s, -1);
		if (best < 0 || c < best_cost) {
			best = code;
			best_cost = c;
		}
	}
	set_code(S, s, best);
}

static int published_code(const struct search *S, int s)
{
	const struct timetable_place *p = &S->cx->pb->sessions[s].published;

	if (p->day < 0 || p->room < 0)
		return -1;
	for (int i = S->opt_idx[s]; i < S->opt_idx[s + 1]; i++) {
		int code = S->opts[i];
		const struct pos *q = &S->cx->pos[code / S->R];

		if (q->day == p->day && q->start == p->start && code % S->R == p->room)
			return code;
	}
	return -1;
}

/* Published sessions where they were, then the rest greedily. */
static void construct(struct search *S, double deadline)
{
	int *order = construction_order(S);

	for (int i = 0; i < S->nmov; i++) {
		int s = order[i], code = published_code(S, s);

		if (code >= 0)
			set_code(S, s, code);
	}
	for (int i = 0; i < S->nmov; i++) {
		int s = order[i];

		if (S->code[s] >= 0)
			continue;
		if (now_seconds() < deadline)
			place_greedy(S, s);
		else
			set_code(S, s, S->opts[S->opt_idx[s]]);
	}
	free(order);
}

/* Pick a move: one session to another option, or two sessions swapping
 * places, or swapping times and keeping rooms. Returns false if none. */
static bool pick_move(struct search *S, int *a, int *b, int *ca, int *cb)
{
	uint32_t kind = rng_below(&S->rng, 10);
	int R = S->R, pa, pb;

	*a = S->mov[rng_below(&S->rng, (uint32_t)S->nmov)];
	*b = -1;
	if (kind < 5 || S->nmov < 2) {
		*ca = S->opts[S->opt_idx[*a] + (int)rng_below(&S->rng, (uint32_t)nopts(S, *a))];
		return *ca != S->code[*a];
	}
	*b = S->mov[rng_below(&S->rng, (uint32_t)S->nmov)];
	if (*b == *a)
		return false;
	pa = S->code[*a];
	pb = S->code[*b];
	if (kind < 8) {
		*ca = pb;
		*cb = pa;
	} else {
		*ca = pb / R * R + pa % R;
		*cb = pa / R * R + pb % R;
	}
	return *ca != pa && S->ucost[(size_t)*a * S->PR + *ca] >= 0 &&
	       S->ucost[(size_t)*b * S->PR + *cb] >= 0;
}

/* The value the acceptance test compares: hard violations weigh
 * hard_weight, so the search may pass through a clash to reach a better
 * region; the best placement kept is still the lexicographic best. */
static long long accept_value(const struct search *S, long long total)
{
	return total / BIG * S->hard_weight + total % BIG;
}

/* Whether s at option code would share its room at some moment with a
 * session other than s and other, placed where it is. */
static bool room_taken(const struct search *S, int s, int code, int other)
{
	const struct timetable_problem *pb = S->cx->pb;
	const struct pos *p = &S->cx->pos[code / S->R];
	const struct occ *o = &S->occ[p->day * S->R + code % S->R];
	int end = p->start + pb->sessions[s].duration;

	for (int i = 0; i < o->n; i++) {
		int t = o->who[i];

		if (t != s && t != other &&
		    overlaps(p->start, end, S->pl[t].start,
			     S->pl[t].start + pb->sessions[t].duration))
			return true;
	}
	return false;
}

/* Try a move; keep it when late acceptance says so. */
static bool try_move(struct search *S, long long *h)
{
	int a, b, ca, cb = -1, oa, ob;
	long long before, after, cand;

	if (!pick_move(S, &a, &b, &ca, &cb))
		return false;
	/* With no hard violation now nor in the value compared, a move into an
	 * occupied room would be refused: refuse it without scoring it. */
	if (S->total < BIG && *h < BIG &&
	    (room_taken(S, a, ca, b) || (b >= 0 && room_taken(S, b, cb, a)))) {
		*h = S->total;
		return false;
	}
	oa = S->code[a];
	ob = b >= 0 ? S->code[b] : -1;
	before = local_cost(S, a, b);
	set_code(S, a, ca);
	if (b >= 0)
		set_code(S, b, cb);
	/* Late acceptance keeps it when the total is at most the larger of now
	 * and the history's value (accept_value is the total itself while a
	 * hard violation weighs BIG): past that, the rest need not be counted. */
	after = set_cost_upto(S, (int[2]){ a, b }, b >= 0 ? 2 : 1,
			      S->hard_weight == BIG
				      ? (*h > S->total ? *h : S->total) - S->total + before
				      : LLONG_MAX);
	cand = S->total - before + after;
	if (accept_value(S, cand) <= *h || cand <= S->total) {
		S->total = cand;
		*h = accept_value(S, cand);
		return true;
	}
	set_code(S, a, oa);
	if (b >= 0)
		set_code(S, b, ob);
	*h = accept_value(S, S->total);
	return false;
}

/* Keep or undo a compound move of set[0 .. m) (old codes in old) whose
 * cost before was before, as late acceptance says. */
static bool accept_set(struct search *S, long long *h, const int *set, const int *old, int m,
		       long long before)
{
	long long cand = S->total - before + set_cost(S, set, m);

	if (accept_value(S, cand) <= *h || cand <= S->total) {
		S->total = cand;
		*h = accept_value(S, cand);
		return true;
	}
	for (int i = m - 1; i >= 0; i--)
		set_code(S, set[i], old[i]);
	*h = accept_value(S, S->total);
	return false;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Add t to the hard partners of a in out (at most max + 1 of them). */
static void hard_partner(const struct search *S, int a, int t, int *out, int *m, int max)
{
	if (*m <= max && S->pl[t].day >= 0 &&
	    pair_cost(S->cx, a, &S->pl[a], t, &S->pl[t], NULL) >= BIG)
		out[(*m)++] = t;
}

/* Sessions (movable, at most max) whose pair with a, now at its place, is
 * hard: the ones a kicks out. -1 when a pinned one or too many. */
static int displaced(const struct search *S, int a, int *out, int max)
{
	const struct ctx *cx = S->cx;
	int m = 0, k = occ_key(S, &S->pl[a]), *hard = xcalloc((size_t)max + 2, sizeof(int));

	for (int i = cx->nbr_idx[a]; i < cx->nbr_idx[a + 1]; i++)
		hard_partner(S, a, cx->nbr_list[i], hard, &m, max);
	for (int i = 0; k >= 0 && i < S->occ[k].n; i++) {
		int t = S->occ[k].who[i];

		if (t != a && !(cx->pair[(size_t)a * cx->n + t].flags & P_ANY))
			hard_partner(S, a, t, hard, &m, max);
	}
	qsort(hard, (size_t)m, sizeof(int), cmp_int);
	for (int i = 0; i < m; i++) {
		if (S->code[hard[i]] < 0 || i == max) {
			free(hard);
			return -1;
		}
		out[i] = hard[i];
	}
	free(hard);
	return m;
}

/* Put s at the cheapest of a spread sample of its options. */
static void place_best(struct search *S, int s, int sample)
{
	int n = nopts(S, s), count = n < sample ? n : sample, step = n / count;
	int first = (int)rng_below(&S->rng, (uint32_t)n), best = S->code[s];
	const int *o = S->opts + S->opt_idx[s];
	long long best_cost = local_cost(S, s, -1);

	for (int i = 0; i < count; i++) {
		int code = o[(first + i * step) % n];
		long long c;

		set_code(S, s, code);
		c = local_cost(S, s, -1);
		if (c < best_cost) {
			best = code;
			best_cost = c;
		}
	}
	set_code(S, s, best);
}

/* An ejection move: a goes to another option, the sessions it clashes with
 * there go to their best sampled option; kept by its total change, as late
 * acceptance says. Lets a long session trade places with two short ones. */
static bool try_kick(struct search *S, long long *h)
{
	int set[KICK_MAX], old[KICK_MAX], m, a = S->mov[rng_below(&S->rng, (uint32_t)S->nmov)];
	int ca = S->opts[S->opt_idx[a] + (int)rng_below(&S->rng, (uint32_t)nopts(S, a))];
	long long before;

	if (ca == S->code[a])
		return false;
	old[0] = S->code[a];
	set[0] = a;
	set_code(S, a, ca);
	m = displaced(S, a, set + 1, KICK_MAX - 1);
	set_code(S, a, old[0]);
	if (m <= 0)
		return false;
	m++;
	for (int i = 1; i < m; i++)
		old[i] = S->code[set[i]];
	before = set_cost(S, set, m);
	set_code(S, a, ca);
	for (int i = 1; i < m; i++)
		place_best(S, set[i], KICK_SAMPLE);
	return accept_set(S, h, set, old, m, before);
}

/* Two starts trade all the sessions that start there, each keeping its
 * room: a whole block of the grid moves at once (a keynote can take the
 * place of a full row of talks). */
static bool try_slot_swap(struct search *S, long long *h)
{
	int set[SLOT_MAX], old[SLOT_MAX], m = 0, R = S->R;
	int p = S->code[S->mov[rng_below(&S->rng, (uint32_t)S->nmov)]] / R;
	int q = S->code[S->mov[rng_below(&S->rng, (uint32_t)S->nmov)]] / R;
	long long before;

	if (p == q)
		return false;
	for (int i = 0; i < S->nmov; i++) {
		int t = S->mov[i], c = S->code[t], to;

		if (c / R != p && c / R != q)
			continue;
		to = (c / R == p ? q : p) * R + c % R;
		if (m == SLOT_MAX || S->ucost[(size_t)t * S->PR + to] < 0)
			return false;
		old[m] = c;
		set[m++] = t;
	}
	before = set_cost(S, set, m);
	for (int i = 0; i < m; i++)
		set_code(S, set[i], (old[i] / R == p ? q : p) * R + old[i] % R);
	return accept_set(S, h, set, old, m, before);
}

/* Back to the best placement, then k random moves whatever they cost. */
static void perturb(struct search *S, const int *best_code, long long best_total, int k)
{
	for (int i = 0; i < S->nmov; i++)
		set_code(S, S->mov[i], best_code[S->mov[i]]);
	S->total = best_total;
	for (int i = 0; i < k; i++) {
		int a, b, ca, cb = -1;
		long long before;

		if (!pick_move(S, &a, &b, &ca, &cb))
			continue;
		before = local_cost(S, a, b);
		set_code(S, a, ca);
		if (b >= 0)
			set_code(S, b, cb);
		S->total += local_cost(S, a, b) - before;
	}
}

static void report(const struct timetable_options *opt, struct timetable_progress *pr,
		   long long cur, long long best, long it, double t0, bool *stop)
{
	pr->iterations = it;
	pr->hard = (long)(cur / BIG);
	pr->soft = cur % BIG;
	pr->best_hard = (long)(best / BIG);
	pr->best_soft = best % BIG;
	pr->seconds = now_seconds() - t0;
	if (opt->progress && opt->progress(pr, opt->progress_arg))
		*stop = true;
}

static void history_fill(long long *history, int L, long long value)
{
	for (int i = 0; i < L; i++)
		history[i] = value;
}

/* One step: a kick or a swap of two starts now and then (less often on
 * large problems, where they cost more), else a plain move. */
static void step(struct search *S, long long *h)
{
	uint32_t r = rng_below(&S->rng, 1000), scale = S->nmov > 36 ? (uint32_t)S->nmov : 36;
	uint32_t kick = KICK_PM * 36 / scale, slot = SLOT_PM * 36 / scale;

	if (r < kick)
		try_kick(S, h);
	else if (r < kick + slot)
		try_slot_swap(S, h);
	else
		try_move(S, h);
}

/* What the searches share: the stop flag, the searches a thread takes,
 * and how many threads still search (under lock, signalled by done). */
struct shared {
	atomic_int stop;
	atomic_int next; /* the next search a thread takes */
	struct job *jobs;
	int njobs;
	pthread_mutex_t lock;
	pthread_cond_t done;
	int running;
};

/* One search: fresh runs from its own seeds, the best plan they found. */
struct job {
	const struct ctx *cx;
	const struct search *proto; /* the options, shared by every run */
	const struct timetable_options *opt;
	struct shared *sh;
	int index;
	double t0, deadline;
	bool report; /* may call opt->progress (the caller's thread) */
	int *best;   /* codes of its best plan */
	long long best_total;
	long steps;              /* of its runs before the current one */
	atomic_llong shown_best; /* for the progress display */
	atomic_long shown_steps;
};

/* The best score and the steps of all the searches so far, as shown. */
static long long shown(const struct shared *sh, long *steps)
{
	long long best = LLONG_MAX;

	*steps = 0;
	for (int j = 0; j < sh->njobs; j++) {
		long long b = atomic_load_explicit(&sh->jobs[j].shown_best, memory_order_relaxed);

		best = b < best ? b : best;
		*steps += atomic_load_explicit(&sh->jobs[j].shown_steps, memory_order_relaxed);
	}
	return best;
}

/* Every 256 steps: what the display shows, the stop flag, the deadline;
 * true when the search is to stop. */
static bool checkpoint(struct job *J, long it, long long best, double *next_report, bool *stop)
{
	double now = now_seconds();
	struct timetable_progress pr;

	if (J->best_total < best)
		best = J->best_total;
	atomic_store_explicit(&J->shown_best, best, memory_order_relaxed);
	atomic_store_explicit(&J->shown_steps, J->steps + it, memory_order_relaxed);
	if (atomic_load_explicit(&J->sh->stop, memory_order_relaxed))
		*stop = true;
	if (J->report && J->opt->progress && now >= *next_report) {
		long steps;

		best = shown(J->sh, &steps);
		report(J->opt, &pr, best, best, steps, J->t0, stop);
		*next_report = now + 0.25;
	}
	if (*stop)
		atomic_store(&J->sh->stop, 1);
	return now >= J->deadline || *stop;
}

/* Late acceptance hill climbing from the constructed placement, in rounds:
 * when a round finds nothing better for round_stall steps, it starts again
 * from the best with a few random moves (iterated local search). */
static long search_run(struct search *S, struct job *J, long budget, int *best_code,
		       long long *best_total)
{
	const struct timetable_options *opt = J->opt;
	/* The history: long enough to pass between nearby optima of a small
	 * programme, shorter on a large one, which needs its steps to descend
	 * (tried from 300 to 5000: 2000 did best at 36 sessions; at 216, 250
	 * and 1580 did alike and 4000 worse). */
	int L = opt->history > 0 ? opt->history : S->nmov < 750 ? 2000 - 2 * S->nmov : 500;
	long stall = opt->stall > 0 ? opt->stall
				    : 100000 + 6000L * S->nmov * (S->nmov < 20 ? S->nmov : 20);
	long round_stall = 20000 + 8000L * S->nmov;
	int kicks = 1 + S->nmov / 10;
	long long *history = xcalloc((size_t)L, sizeof(long long)), round_best = S->total;
	long it = 0, last_best = 0, last_round = 0;
	double next_report = J->t0 + 0.25;
	bool stop = false;

	history_fill(history, L, accept_value(S, S->total));
	while (S->nmov && !stop && it - last_best < stall && (budget <= 0 || it < budget) &&
	       *best_total > 0) {
		step(S, &history[it % L]);
		it++;
		if (S->total < round_best) {
			round_best = S->total;
			last_round = it;
		}
		if (S->total < *best_total) {
			*best_total = S->total;
			memcpy(best_code, S->code, (size_t)S->n * sizeof(int));
			last_best = it;
		}
		if (it - last_round >= round_stall) {
			perturb(S, best_code, *best_total, kicks);
			history_fill(history, L, accept_value(S, S->total));
			round_best = S->total;
			last_round = it;
		}
		if ((it & 255) == 0 && checkpoint(J, it, *best_total, &next_report, &stop))
			break;
	}
	free(history);
	return it;
}

static void describe_unplaceable(const struct timetable_problem *pb, int s, struct str *msg)
{
	const struct timetable_session *x = &pb->sessions[s];
	int feat = 0, cap = 0, sf = 0, biggest = 0;

	if (x->name)
		str_catf(msg, "session '%s'", x->name);
	else
		str_catf(msg, "session %d", s + 1);
	for (int r = 0; r < pb->nrooms; r++) {
		const struct timetable_room *rm = &pb->rooms[r];

		if (x->features & ~rm->features)
			continue;
		feat++;
		if (rm->capacity > biggest)
			biggest = rm->capacity;
		if (rm->capacity < x->audience)
			continue;
		cap++;
		sf += !x->needs_step_free || rm->step_free;
	}
	if (!feat)
		str_cat(msg, " needs a room feature that no room has");
	else if (!cap)
		str_catf(msg, " expects %d people; the largest room with its features holds %d",
			 x->audience, biggest);
	else if (!sf)
		str_cat(msg, " needs a step-free room and no suitable room is step-free");
	else
		str_catf(msg,
			 " (%d minutes) fits at no start in any free room: days, breaks, "
			 "unavailable rooms and speakers and pinned sessions leave no place",
			 x->duration);
}

static void search_init(struct search *S, const struct ctx *cx, uint64_t seed)
{
	memset(S, 0, sizeof(*S));
	S->cx = cx;
	S->n = cx->n;
	S->R = cx->pb->nrooms > 0 ? cx->pb->nrooms : 1;
	S->hard_weight = BIG; /* finite weights (200..2000) tried: worse on the benchmarks */
	S->PR = cx->npos * S->R;
	S->pl = xcalloc((size_t)S->n + 1, sizeof(*S->pl));
	S->code = xcalloc((size_t)S->n + 1, sizeof(int));
	S->mov = xcalloc((size_t)S->n + 1, sizeof(int));
	S->occ = xcalloc((size_t)cx->pb->ndays * S->R + 1, sizeof(*S->occ));
	S->opos = xcalloc((size_t)S->n + 1, sizeof(int));
	rng_seed(&S->rng, seed);
	for (int s = 0; s < S->n; s++) {
		const struct timetable_session *x = &cx->pb->sessions[s];

		S->code[s] = -1;
		S->opos[s] = -1;
		S->pl[s] = x->pinned ? x->place : (struct timetable_place){ -1, 0, -1 };
		occ_enter(S, s);
	}
}

static void search_done(struct search *S)
{
	for (int k = 0; S->occ && k < S->cx->pb->ndays * S->R; k++)
		free(S->occ[k].who);
	free(S->occ);
	free(S->opos);
	free(S->pl);
	free(S->code);
	free(S->mov);
	if (!S->shared) {
		free(S->ucost);
		free(S->opt_idx);
		free(S->opts);
	}
}

static enum status finish(struct search *S, const int *best_code, struct timetable_result *res,
			  int unplaceable, struct str *msg, struct error *err)
{
	for (int s = 0; s < S->n; s++)
		if (best_code[s] >= 0)
			set_code(S, s, best_code[s]);
	res->place = S->pl;
	S->pl = NULL;
	score_all(S->cx, res->place, -1, &res->score);
	res->unplaceable = unplaceable;
	if (unplaceable) {
		if (unplaceable > 1)
			str_catf(msg, " (and %d more sessions cannot be placed)", unplaceable - 1);
		return error_set(err, ST_PROBLEM, "%s", msg->buf);
	}
	if (res->score.hard) {
		const struct timetable_violation *v = &res->score.violations[0];

		return error_set(err, ST_PROBLEM,
				 "%ld hard problem%s remain%s, first %s (session %d)",
				 res->score.hard, res->score.hard == 1 ? "" : "s",
				 res->score.hard == 1 ? "s" : "", families[v->family].name,
				 v->a + 1);
	}
	return ST_OK;
}

/* The seed of run k of search j: search 0 runs from the seed given, as a
 * single search always did. */
static uint64_t run_seed(uint64_t seed, int j, int k)
{
	return seed + 7919ULL * (uint64_t)k + 104729ULL * (uint64_t)j;
}

/* A fresh search for a run that shares the options of proto. */
static void search_share(struct search *S, const struct search *proto, uint64_t seed)
{
	search_init(S, proto->cx, seed);
	S->ucost = proto->ucost;
	S->opt_idx = proto->opt_idx;
	S->opts = proto->opts;
	S->shared = true;
	memcpy(S->mov, proto->mov, sizeof(int) * (size_t)proto->nmov);
	S->nmov = proto->nmov;
}

/* Whether search J starts run k: restarts allowed, time, steps and the
 * stop flag remain, no perfect plan yet, and (automatic restarts) the last
 * runs still found something better now and then. */
static bool run_again(const struct job *J, int k, long used, int stale)
{
	const struct timetable_options *opt = J->opt;

	if (k == 0)
		return true;
	if (atomic_load(&J->sh->stop) || J->best_total <= 0 || now_seconds() >= J->deadline ||
	    J->proto->nmov == 0)
		return false;
	if (opt->max_iterations > 0 && used >= opt->max_iterations)
		return false;
	return opt->restarts < 0 ? stale < TIMETABLE_STALE_RUNS : k <= opt->restarts;
}

/* One search: its first run and its restarts, each from scratch. */
static void job_run(struct job *J)
{
	long max = J->opt->max_iterations, used = 0;
	int *code = xcalloc((size_t)J->cx->n + 1, sizeof(int)), stale = 0;

	J->best_total = LLONG_MAX;
	for (int k = 0; run_again(J, k, used, stale); k++) {
		struct search S;
		long long total;

		search_share(&S, J->proto, run_seed(J->opt->seed, J->index, k));
		construct(&S, J->deadline);
		S.total = total = total_cost(&S);
		memcpy(code, S.code, (size_t)S.n * sizeof(int));
		J->steps = used;
		used += search_run(&S, J, max > 0 ? max - used : 0, code, &total);
		stale = total < J->best_total ? 0 : stale + 1;
		if (total < J->best_total) {
			J->best_total = total;
			memcpy(J->best, code, (size_t)S.n * sizeof(int));
		}
		search_done(&S);
	}
	J->steps = used;
	free(code);
}

/* A thread: takes the next search not taken until none is left. */
static void *worker(void *arg)
{
	struct shared *sh = arg;
	int j;

	while ((j = atomic_fetch_add(&sh->next, 1)) < sh->njobs)
		job_run(&sh->jobs[j]);
	pthread_mutex_lock(&sh->lock);
	if (--sh->running == 0)
		pthread_cond_signal(&sh->done);
	pthread_mutex_unlock(&sh->lock);
	return NULL;
}

/* The caller's thread while the others search: every quarter second the
 * progress of them all, which may stop them; back when the last is done. */
static void monitor(struct shared *sh, const struct timetable_options *opt, double t0)
{
	pthread_mutex_lock(&sh->lock);
	while (sh->running > 0) {
		struct timetable_progress pr;
		struct timespec until;
		long long best;
		long steps;
		bool stop = false;

		if (!opt->progress) {
			pthread_cond_wait(&sh->done, &sh->lock);
			continue;
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000 * 1000;
		if (until.tv_nsec >= 1000 * 1000 * 1000) {
			until.tv_sec++;
			until.tv_nsec -= 1000 * 1000 * 1000;
		}
		if (pthread_cond_timedwait(&sh->done, &sh->lock, &until) == 0 || sh->running == 0)
			continue;
		pthread_mutex_unlock(&sh->lock);
		if ((best = shown(sh, &steps)) < LLONG_MAX) {
			report(opt, &pr, best, best, steps, t0, &stop);
			if (stop)
				atomic_store(&sh->stop, 1);
		}
		pthread_mutex_lock(&sh->lock);
	}
	pthread_mutex_unlock(&sh->lock);
}

static int online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > TIMETABLE_MAX_SEARCHES ? TIMETABLE_MAX_SEARCHES : (int)n;
}

/* How many searches: as asked; under a step budget a fixed number, so
 * that the plan is the same on any machine; else one per thread. */
static int count_searches(const struct timetable_options *opt, int threads)
{
	if (opt->searches > 0)
		return opt->searches < TIMETABLE_MAX_SEARCHES ? opt->searches
							      : TIMETABLE_MAX_SEARCHES;
	return opt->max_iterations > 0 ? TIMETABLE_SEARCHES : threads;
}

/* Run the searches on threads while the caller's thread shows their
 * progress, or (one thread) one after another in the caller's thread. */
static void run_jobs(struct shared *sh, int threads, const struct timetable_options *opt, double t0)
{
	pthread_t *tid;
	int started = 0;

	if (threads <= 1) {
		for (int j = 0; j < sh->njobs && (j == 0 || !atomic_load(&sh->stop)); j++) {
			sh->jobs[j].report = true;
			job_run(&sh->jobs[j]);
		}
		return;
	}
	tid = xcalloc((size_t)threads, sizeof(*tid));
	pthread_mutex_lock(&sh->lock);
	for (int i = 0; i < threads; i++)
		if (pthread_create(&tid[started], NULL, worker, sh) == 0)
			sh->running = ++started;
	pthread_mutex_unlock(&sh->lock);
	if (started == 0) { /* no thread to be had: the caller's own */
		sh->running = 1;
		worker(sh);
	} else {
		monitor(sh, opt, t0);
	}
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
}

/* The best of the searches (the first of equals, so the choice does not
 * depend on which finished first); the steps of all in *steps. */
static int best_job(const struct job *jobs, int n, long *steps)
{
	int b = 0;

	*steps = 0;
	for (int j = 0; j < n; j++) {
		*steps += jobs[j].steps;
		if (jobs[j].best_total < jobs[b].best_total)
			b = j;
	}
	return b;
}

/* Run the searches on the prototype's options; the best plan's codes, its
 * score in *total, the steps of them all in *steps. */
static int *search_all(const struct search *proto, const struct timetable_options *opt, double t0,
		       double deadline, long long *total, long *steps)
{
	int threads = opt->threads > 0 ? opt->threads : online_cpus();
	int n = count_searches(opt, threads), b;
	struct job *jobs = xcalloc((size_t)n, sizeof(*jobs));
	struct shared sh = { .jobs = jobs, .njobs = n };
	int *best;

	atomic_init(&sh.stop, 0);
	atomic_init(&sh.next, 0);
	pthread_mutex_init(&sh.lock, NULL);
	pthread_cond_init(&sh.done, NULL);
	for (int j = 0; j < n; j++) {
		jobs[j] = (struct job){ .cx = proto->cx,
					.proto = proto,
					.opt = opt,
					.sh = &sh,
					.index = j,
					.t0 = t0,
					.deadline = deadline,
					.best_total = LLONG_MAX };
		jobs[j].best = xcalloc((size_t)proto->n + 1, sizeof(int));
		atomic_init(&jobs[j].shown_best, LLONG_MAX);
		atomic_init(&jobs[j].shown_steps, 0);
	}
	run_jobs(&sh, threads < n ? threads : n, opt, t0);
	pthread_cond_destroy(&sh.done);
	pthread_mutex_destroy(&sh.lock);
	b = best_job(jobs, n, steps);
	best = jobs[b].best;
	*total = jobs[b].best_total;
	for (int j = 0; j < n; j++)
		if (j != b)
			free(jobs[j].best);
	free(jobs);
	return best;
}

enum status timetable_solve(const struct timetable_problem *pb, const struct timetable_options *opt,
			    struct timetable_result *res, struct error *err)
{
	double t0 = now_seconds(), limit = opt->time_limit > 0 ? opt->time_limit : 10;
	struct ctx cx;
	struct search S;
	struct str msg;
	int unplaceable = 0, *best;
	long long total;
	enum status st;

	memset(res, 0, sizeof(*res));
	res->nsessions = pb->nsessions;
	if (timetable_validate(pb, err))
		return ST_INPUT;
	ctx_init(&cx, pb);
	if ((long)pb->nsessions * cx.npos * (pb->nrooms ? pb->nrooms : 1) > MAX_OPTIONS) {
		ctx_done(&cx);
		return error_set(err, ST_INPUT, "too many sessions x starts x rooms to place");
	}
	search_init(&S, &cx, opt->seed);
	build_options(&S);
	str_init(&msg);
	for (int s = 0; s < S.n; s++) {
		if (pb->sessions[s].pinned)
			continue;
		if (nopts(&S, s))
			S.mov[S.nmov++] = s;
		else if (!unplaceable++)
			describe_unplaceable(pb, s, &msg);
	}
	best = search_all(&S, opt, t0, t0 + limit, &total, &res->iterations);
	st = finish(&S, best, res, unplaceable, &msg, err);
	if (opt->progress) { /* the searches' own score of the plan, last */
		struct timetable_progress pr;
		bool stop;

		report(opt, &pr, total, total, res->iterations, t0, &stop);
	}
	free(best);
	str_done(&msg);
	search_done(&S);
	ctx_done(&cx);
	res->seconds = now_seconds() - t0;
	return st;
}

void timetable_result_done(struct timetable_result *res)
{
	free(res->place);
	timetable_score_done(&res->score);
	memset(res, 0, sizeof(*res));
}
