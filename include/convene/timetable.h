/* Programme placement: every session that is not pinned gets a day, a
 * start and a room.
 *
 * A pure solver: plain structs in (indices refer to the problem's own
 * arrays), a placement and a score breakdown out, a seed and a time limit,
 * an optional progress callback. No I/O.
 *
 * Hard constraints (each broken one is one violation):
 *   room_clash          two sessions in one room at once
 *   speaker_clash       a speaker in two sessions at once
 *   speaker_pause       two sessions of a speaker closer than the speaker's pause
 *   speaker_unavailable a session at a time one of its speakers cannot come
 *   room_unavailable    a session in a room while the room is unavailable
 *   capacity            expected audience above the room's capacity
 *   feature             a required room feature missing
 *   step_free           a session that needs step-free access in a room without
 *   outside_day         a session not wholly inside its day
 *   through_break       a session (not TIMETABLE_COMMON) overlapping a blocked period
 *                       or a break or meal (TIMETABLE_EVERYONE and TIMETABLE_COMMON)
 *   plenary_clash       anything in parallel to a session for everyone
 *                       (keynote, plenary, break, meal); two TIMETABLE_COMMON
 *                       sessions (break and networking) may run side by side.
 *                       Decided hard: a keynote is for everyone, a breakout
 *                       beside it takes its audience, and a pinned break is a
 *                       pause for the whole conference.
 *   delegate_clash      two sessions at once that some delegate is due at both of
 *                       (allocated, seated, rotating or hosting: the together list)
 *   unplaced            a session with no day, or no room (only TIMETABLE_COMMON
 *                       sessions may be placed without a room)
 *   pin_moved           a pinned session not at its pinned place
 *
 * Soft constraints (weights from the settings), the cost of each:
 *   track_clash        track_clash per pair of one track in parallel
 *   audience_clash     audience_clash per pair sharing an audience tag in parallel
 *   preference_clash   preference_clash x delegates who ranked both, per pair in parallel
 *   room_size          room_size x units: one unit per tenth of the seats empty
 *                      beyond half (a session of 10 in a hall of 100: 4 units),
 *                      plus one unit when more than 90% full (no space for walk-ins).
 *                      Sessions with audience 0 (unknown) cost nothing.
 *   speaker_rooms      speaker_rooms x (distinct rooms of a speaker - 1)
 *   speaker_days       speaker_days x (distinct days of a speaker - 1)
 *   time_tags          time_tags x units, for the session and each of its
 *                      speakers: one unit when a preference is given and the
 *                      time has none of the preferred tags, one unit per
 *                      undesired tag the time has
 *   room_tags          room_tags x units, the same with the room's tags
 *   move_time          move_time when a published session is at another day or start
 *   move_room          move_room when a published session is in another room
 * "In parallel" means on one day with intervals that intersect.
 *
 * Time tags of a placement are computed: see TIMETABLE_TAG_*. The first
 * (last) start of a day is the earliest (latest) candidate start at which
 * the session fits in the day without running through a blocked period or
 * a pinned session for everyone; "opening" is the first start of the first
 * day, "closing" the last start of the last day.
 *
 * Method: the time and room options of each session are filtered once by
 * every constraint on the session alone and against pinned sessions, each
 * with its soft cost precomputed. A greedy construction places the most
 * constrained session first at its cheapest option, then late acceptance
 * hill climbing (Burke and Bykov) changes one session's option, swaps the
 * places of two sessions, or swaps their times keeping rooms; each move is
 * scored incrementally (only the sessions and speakers it touches).
 * Hard violations weigh more than any soft cost. A run stops at the time
 * limit, or after a run of steps without a new best, which makes it
 * deterministic for a seed whenever it stops before the time limit; while
 * time remains it restarts from scratch with the next seed. Several such
 * searches, each from its own seeds, run side by side on threads (one per
 * processor) and the best plan is kept, the first search's among equals,
 * so that under a step budget the plan does not depend on their timing. */
#ifndef CONVENE_TIMETABLE_H
#define CONVENE_TIMETABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "convene/util.h"

#define TIMETABLE_NONE (-1)
#define TIMETABLE_RELAX_COST 1000000LL
#define TIMETABLE_MAX_DAYS 14
#define TIMETABLE_SEARCHES 4 /* searches under a step budget, when automatic */
#define TIMETABLE_MAX_SEARCHES 64

/* Session flags. */
#define TIMETABLE_EVERYONE 1u /* keynote, plenary, break, meal: nothing in parallel */
#define TIMETABLE_COMMON 2u   /* break, meal, networking: may sit beside another common one */

/* Time tags a placement has (bits of a uint64_t). */
#define TIMETABLE_TAG_OPENING (1ull << 0)          /* first start of the first day */
#define TIMETABLE_TAG_CLOSING (1ull << 1)          /* last start of the last day */
#define TIMETABLE_TAG_DAY_FIRST (1ull << 2)        /* first start of its day */
#define TIMETABLE_TAG_DAY_LAST (1ull << 3)         /* last start of its day */
#define TIMETABLE_TAG_MORNING (1ull << 4)          /* starts before midday */
#define TIMETABLE_TAG_AFTERNOON (1ull << 5)        /* starts at or after midday */
#define TIMETABLE_TAG_DAY(d) (1ull << (8 + (d)))   /* on day d (0-based), d < 14 */
#define TIMETABLE_TAG_USER(i) (1ull << (24 + (i))) /* i < 40: from the slot it starts in */

struct timetable_period {
	int day;   /* 0-based day index */
	int start; /* minutes after midnight */
	int end;
};

struct timetable_day {
	int start;
	int end;
};

/* A slot of the grid: sessions start at slot starts. */
struct timetable_slot {
	int day;
	int start;
	int end;
	uint64_t tags; /* TIMETABLE_TAG_USER bits the organiser gave the slot */
};

struct timetable_room {
	int capacity;
	uint64_t features; /* bit mask of features */
	bool step_free;
	uint64_t tags; /* room tags ("hall", "quiet", ...) as bits */
	int nunavailable;
	const struct timetable_period *unavailable;
};

struct timetable_speaker {
	int pause; /* minimum minutes between two of their sessions */
	int nunavailable;
	const struct timetable_period *unavailable;
	uint64_t prefer_time; /* time tags; 0: no preference */
	uint64_t avoid_time;
	uint64_t prefer_room; /* room tags */
	uint64_t avoid_room;
};

/* Where a session is: day < 0 means not placed; room may be
 * TIMETABLE_NONE for TIMETABLE_COMMON sessions (a break in the foyer). */
struct timetable_place {
	int day;
	int start;
	int room;
};

struct timetable_session {
	const char *name;           /* for messages; NULL: "session N" */
	int duration;               /* minutes, > 0 */
	int audience;               /* expected people: cap, else demand; 0 unknown */
	const int *audience_by_day; /* not NULL: expected people on each day instead */
	uint64_t features;          /* required room features */
	bool needs_step_free;
	unsigned step_free_days; /* bit d: needs step-free access on day d */
	int nspeakers;
	const int *speakers;              /* indices into the problem's speakers */
	uint64_t audience_tags;           /* sessions sharing a bit should not be in parallel */
	int track;                        /* track id, or TIMETABLE_NONE */
	unsigned flags;                   /* TIMETABLE_EVERYONE, TIMETABLE_COMMON */
	bool pinned;                      /* kept exactly at place */
	struct timetable_place place;     /* the pin when pinned */
	struct timetable_place published; /* what delegates hold; day < 0: none */
	int move_weight;      /* moving it from published costs this many times more; 0: 1 */
	uint64_t prefer_time; /* time tags; 0: no preference */
	uint64_t avoid_time;
	uint64_t prefer_room; /* room tags */
	uint64_t avoid_room;
};

/* count delegates ranked both a and b (pairs may repeat: they add up); the
 * same shape says how many delegates are due at both (together). */
struct timetable_copref {
	int a, b;
	int count;
};

struct timetable_weights {
	int track_clash;
	int audience_clash;
	int preference_clash;
	int room_size;
	int speaker_rooms;
	int speaker_days;
	int time_tags;
	int room_tags; /* no setting of its own yet: the bridge may pass time_tags */
	int move_time;
	int move_room;
};

struct timetable_problem {
	int ndays; /* 1 .. TIMETABLE_MAX_DAYS */
	const struct timetable_day *days;
	int nslots; /* 0: a start every step minutes */
	const struct timetable_slot *slots;
	int step;     /* <= 0: 15 */
	int midday;   /* <= 0: 12:00 */
	int nblocked; /* breaks and meals for everyone */
	const struct timetable_period *blocked;
	int nrooms;
	const struct timetable_room *rooms;
	int nspeakers;
	const struct timetable_speaker *speakers;
	int nsessions;
	const struct timetable_session *sessions;
	int ncopref;
	const struct timetable_copref *copref;
	int ntogether; /* delegates due at both: never in parallel */
	const struct timetable_copref *together;
	struct timetable_weights weights;
	/* Hard families relaxed (bit f for family f): each violation costs
	 * TIMETABLE_RELAX_COST plus its amount, as a soft one, so that the
	 * fewest are broken, by the least. */
	unsigned relax;
};

enum timetable_family {
	/* hard */
	TIMETABLE_ROOM_CLASH,
	TIMETABLE_SPEAKER_CLASH,
	TIMETABLE_SPEAKER_PAUSE,
	TIMETABLE_SPEAKER_UNAVAILABLE,
	TIMETABLE_ROOM_UNAVAILABLE,
	TIMETABLE_CAPACITY,
	TIMETABLE_FEATURE,
	TIMETABLE_STEP_FREE,
	TIMETABLE_OUTSIDE_DAY,
	TIMETABLE_THROUGH_BREAK,
	TIMETABLE_PLENARY_CLASH,
	TIMETABLE_DELEGATE_CLASH,
	TIMETABLE_UNPLACED,
	TIMETABLE_PIN_MOVED,
	/* soft */
	TIMETABLE_TRACK_CLASH,
	TIMETABLE_AUDIENCE_CLASH,
	TIMETABLE_PREFERENCE_CLASH,
	TIMETABLE_ROOM_SIZE,
	TIMETABLE_SPEAKER_ROOMS,
	TIMETABLE_SPEAKER_DAYS,
	TIMETABLE_TIME_TAGS,
	TIMETABLE_ROOM_TAGS,
	TIMETABLE_MOVE_TIME,
	TIMETABLE_MOVE_ROOM,
	TIMETABLE_NFAMILIES
};

/* One broken constraint: which, which sessions, how much. */
struct timetable_violation {
	enum timetable_family family;
	int a;          /* session, or TIMETABLE_NONE (speaker families) */
	int b;          /* the other session of a pair, else TIMETABLE_NONE */
	int speaker;    /* for speaker families, else TIMETABLE_NONE */
	long amount;    /* units: 1 for hard, delegates, tenths, rooms, days... */
	long long cost; /* weighted; 1 per hard violation */
};

struct timetable_score {
	long hard;                           /* hard violations */
	long long soft;                      /* weighted soft cost */
	long count[TIMETABLE_NFAMILIES];     /* violations per family */
	long long cost[TIMETABLE_NFAMILIES]; /* weighted cost per family */
	int nviolations;
	struct timetable_violation *violations; /* hard first */
};

struct timetable_progress {
	long iterations;
	long hard, best_hard;
	long long soft, best_soft;
	double seconds;
};

struct timetable_options {
	uint64_t seed;
	double time_limit;   /* seconds; <= 0 means 10 */
	long max_iterations; /* steps of each search, its runs together; 0: no limit */
	long stall;          /* a run stops after this many steps without a new best;
			      * 0: automatic */
	int history;         /* late acceptance list length; 0: automatic */
	/* Called now and then, always from the caller's thread; a non-zero
	 * return stops the search early. */
	int (*progress)(const struct timetable_progress *p, void *arg);
	void *progress_arg;
	/* When a run ends by its stall rule before the time limit, start again
	 * from scratch with the next seed and keep the best: 0 never, N at
	 * most N times, -1 (the default) while time and steps remain, until
	 * TIMETABLE_STALE_RUNS runs in a row found nothing better. */
	int restarts;
	/* Independent searches, each from its own seeds (search 0 from seed),
	 * the best plan kept (the first of equals): 0 (the default) one per
	 * thread, but TIMETABLE_SEARCHES under a step budget, so that with a
	 * budget that ends the search before the time limit the plan is the
	 * same on any machine, with any number of threads. */
	int searches;
	int threads; /* threads to run them on; 0: one per processor */
};

struct timetable_result {
	int nsessions;
	struct timetable_place *place; /* per session */
	struct timetable_score score;
	int unplaceable; /* sessions with no possible time and room */
	long iterations;
	double seconds;
};

/* The settings' defaults: 20, 30, 1, 5, 3, 10, 10, 10, 50, 10. */
void timetable_weights_init(struct timetable_weights *w);
/* Fill opt with the defaults: seed 1, 10 seconds, automatic stall,
 * history, restarts, searches and threads. */
void timetable_options_init(struct timetable_options *opt);
/* The stable name of a family ("room_clash"). */
const char *timetable_family_name(enum timetable_family f);
/* Whether a family is hard. */
bool timetable_family_hard(enum timetable_family f);
/* What a family means, in a sentence for an organiser. */
const char *timetable_family_meaning(enum timetable_family f);

/* Check the input itself: sizes, indices, pins. ST_INPUT on error. */
enum status timetable_validate(const struct timetable_problem *pb, struct error *err);

/* Score a placement of every session (pinned ones included) in full, with
 * the list of violations. Fast enough to run after every edit. Free the
 * score with timetable_score_done(). ST_INPUT when pb or place is malformed. */
enum status timetable_evaluate(const struct timetable_problem *pb,
			       const struct timetable_place *place, struct timetable_score *score,
			       struct error *err);
/* Free the violations of a score. */
void timetable_score_done(struct timetable_score *score);

struct timetable_checker;

/* A checker keeps what every score of one problem needs, so that many
 * placements can be scored quickly (the screen, a move tried in many
 * rooms). pb must outlive it and not change, but for each session's
 * audience and audience_by_day. NULL (with err) when pb is malformed. */
struct timetable_checker *timetable_checker_new(const struct timetable_problem *pb,
						struct error *err);
void timetable_checker_free(struct timetable_checker *ck);
/* Score place in full (only < 0) or only what involves session only: its
 * own violations, its pairs, and its speakers' rooms and days. */
void timetable_checker_score(const struct timetable_checker *ck, const struct timetable_place *place,
			     int only, struct timetable_score *score);

/* Place every unpinned session. ST_OK: every hard constraint holds;
 * ST_PROBLEM: res holds the best placement found but some hard constraint
 * is broken or some session cannot be placed at all (err names it and
 * why); ST_INPUT: the problem is malformed. Free res with
 * timetable_result_done() whatever the status. */
enum status timetable_solve(const struct timetable_problem *pb, const struct timetable_options *opt,
			    struct timetable_result *res, struct error *err);
/* Free what timetable_solve() put in res. */
void timetable_result_done(struct timetable_result *res);

#endif
