/* The rule book: every hard and soft rule of the programme, defined once.
 *
 * The rules themselves are the families of the placement model in
 * timetable.h: each has a name, a meaning in words and one evaluation,
 * used alike by the placement solver's search and score, by `convene
 * check`, by the screen's problem list and marks, and by every move,
 * swap and close-room. This module is the bridge: it turns a snapshot of
 * the file into that model (rooms, speakers, sessions, the slot grid, who
 * chose what, who is due where), scores the snapshot's placements with
 * it, and words each violation for a person. No I/O.
 *
 * Who is due where (struct due) makes the hard family delegate_clash:
 * two sessions at once that some delegate is allocated to, seated at,
 * rotating through or hosting. Those allocated to a session also count
 * against its room's capacity when they are more than it expects (a
 * delegate put there by hand over capacity). A solve that is about to
 * allocate, seat or rotate everyone again leaves those reasons out
 * (RULES_IGNORE_DUE), so that only what it keeps, such as hosting
 * duties, binds the placement. */
#ifndef CONVENE_RULES_H
#define CONVENE_RULES_H

#include "convene/model.h"
#include "convene/timetable.h"

enum rules_flags {
	RULES_PINS = 1, /* pinned sessions stay where they are (for the solver) */
};

/* Flags that leave out who is due where for these reasons (enum due_how). */
#define RULES_IGNORE_DUE(how) ((unsigned)(how) << 8)

/* One broken rule, for a person. */
struct problem {
	enum timetable_family family;
	int hard;
	int session;    /* index into conf.sessions, -1 for a speaker's rooms or days */
	int other;      /* the other session of a pair, else -1 */
	int speaker;    /* -1 unless about a speaker */
	int room;       /* the session's room, else -1 */
	long amount;    /* people over capacity, delegates due at both, units... */
	long long cost; /* weighted: 1 for a hard one */
	char *text;     /* one line */
};

struct problem_list {
	struct problem *items; /* hard first */
	int n;
	long hard;      /* hard problems */
	long long soft; /* weighted soft cost */
	long count[TIMETABLE_NFAMILIES];
	long long cost[TIMETABLE_NFAMILIES];
};

struct rules;

/* The rules of snapshot c (which must outlive them) with weights w (NULL:
 * the defaults). The placements are read from c at each check, so a
 * caller may try a move in c and check again. */
struct rules *rules_new(const struct conf *c, const struct timetable_weights *w, unsigned flags);
void rules_free(struct rules *r);
/* The placement model, for the solver; it stays the rules'. */
const struct timetable_problem *rules_problem(const struct rules *r);
/* Score these hard families (bits 1 << family) as costly soft ones, for a
 * re-plan that must relax some to find a whole programme. */
void rules_relax(struct rules *r, unsigned families);
/* Moving session s from where it is costs weight times more (re-plans). */
void rules_set_move_weight(struct rules *r, int s, int weight);
/* The snapshot's placements in the model's terms, one per session. */
void rules_places(const struct rules *r, struct timetable_place *out);

/* Every problem of the programme, hard first. */
void rules_check(const struct rules *r, struct problem_list *out);
/* The problems that involve session s: its own, its pairs, its speakers'. */
void rules_check_session(const struct rules *r, int s, struct problem_list *out);
/* Words a score of the model (a solver's result) as problems. */
void rules_describe(const struct rules *r, const struct timetable_place *place,
		    const struct timetable_score *sc, struct problem_list *out);
/* One call: check c with weights w (NULL: the defaults). */
void programme_check(const struct conf *c, const struct timetable_weights *w,
		     struct problem_list *out);
void problem_list_done(struct problem_list *l);
/* A problem as a key, the same for the same broken rule in two checks:
 * its family, its sessions (either order) and its speaker. */
uint64_t rules_problem_key(const struct problem *p);

/* Delegates expected at session s when it is on day k (-1: where it is,
 * else the largest day): its cap, else those who ranked it, else for
 * sessions for everyone those attending that day. */
int rules_expected(const struct conf *c, int s, int k);
/* The features session s needs that room q lacks, joined by sep
 * (allocated; "" when none). */
char *rules_missing_features(const struct conf *c, int s, int q, const char *sep);
/* The time tag a word names (opening, closing, first, last, morning,
 * afternoon, day1 ... day8) as TIMETABLE_TAG_* bits; 0 if none. */
uint64_t rules_time_tag(const char *word);

#endif
