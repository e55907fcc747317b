/* Programme placement: hard constraints on instances built to tempt the
 * solver, pins, deadline, determinism, soft preferences, re-planning a
 * published programme, infeasible input, and the full evaluation. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "convene/timetable.h"
#include "testutil.h"

#define LAB 1u
#define HALL 1u

/* A one-day conference, 9:00-17:00, lunch 12:00-13:00, hourly slots,
 * four rooms: a hall (200, step-free), a lab (30, not step-free), two
 * seminar rooms (40, step-free; the second closed in the morning). */
struct fixture {
	struct timetable_problem pb;
	struct timetable_day days[2];
	struct timetable_slot slots[14];
	struct timetable_period lunch[2];
	struct timetable_room rooms[4];
	struct timetable_period closed[2];
	struct timetable_speaker speakers[8];
	struct timetable_period away[1];
	struct timetable_session sessions[16];
	int spk[16][2];
};

static void fixture_init(struct fixture *f, int ndays)
{
	static const int starts[] = { 540, 600, 660, 780, 840, 900, 960 };

	memset(f, 0, sizeof(*f));
	for (int d = 0; d < ndays; d++) {
		f->days[d] = (struct timetable_day){ 540, 1020 };
		f->lunch[d] = (struct timetable_period){ d, 720, 780 };
		for (int i = 0; i < 7; i++)
			f->slots[d * 7 + i] = (struct timetable_slot){ d, starts[i], starts[i] + 50,
								       0 };
	}
	f->rooms[0] = (struct timetable_room){ 200, 0, true, HALL, 0, NULL };
	f->rooms[1] = (struct timetable_room){ 30, LAB, false, 0, 0, NULL };
	f->rooms[2] = (struct timetable_room){ 40, 0, true, 0, 0, NULL };
	f->closed[0] = (struct timetable_period){ 0, 540, 720 };
	f->rooms[3] = (struct timetable_room){ 40, 0, true, 0, 1, f->closed };
	f->pb = (struct timetable_problem){ .ndays = ndays,
					    .days = f->days,
					    .nslots = 7 * ndays,
					    .slots = f->slots,
					    .nblocked = ndays,
					    .blocked = f->lunch,
					    .nrooms = 4,
					    .rooms = f->rooms,
					    .nspeakers = 8,
					    .speakers = f->speakers,
					    .sessions = f->sessions };
	timetable_weights_init(&f->pb.weights);
}

/* Add a session of one speaker (or none: speaker < 0). */
static struct timetable_session *add(struct fixture *f, int duration, int audience, int speaker)
{
	int i = f->pb.nsessions++;
	struct timetable_session *s = &f->sessions[i];

	memset(s, 0, sizeof(*s));
	s->duration = duration;
	s->audience = audience;
	s->track = TIMETABLE_NONE;
	s->published.day = TIMETABLE_NONE;
	s->place.day = TIMETABLE_NONE;
	if (speaker >= 0) {
		f->spk[i][0] = speaker;
		s->speakers = f->spk[i];
		s->nspeakers = 1;
	}
	return s;
}

static void solve_ok(struct fixture *f, uint64_t seed, struct timetable_result *res)
{
	struct timetable_options opt;
	struct error err = { 0 };
	enum status st;

	timetable_options_init(&opt);
	opt.seed = seed;
	opt.time_limit = 5;
	st = timetable_solve(&f->pb, &opt, res, &err);
	ck_assert_msg(st == ST_OK, "solve: %s", err.msg ? err.msg : "?");
	ck_assert_int_eq(res->score.hard, 0);
	error_clear(&err);
}

/* Solve with a budget of steps and a deadline far off, so that two runs
 * with one seed are alike at any speed (under valgrind too). */
static void solve_steps(struct fixture *f, uint64_t seed, struct timetable_result *res)
{
	struct timetable_options opt;

	timetable_options_init(&opt);
	opt.seed = seed;
	opt.time_limit = 600;
	opt.max_iterations = 200000;
	ck_assert_int_eq(timetable_solve(&f->pb, &opt, res, NULL), ST_OK);
	ck_assert_int_eq(res->score.hard, 0);
}

static bool parallel(const struct fixture *f, const struct timetable_place *p, int a, int b)
{
	return p[a].day == p[b].day && p[a].start < p[b].start + f->sessions[b].duration &&
	       p[b].start < p[a].start + f->sessions[a].duration;
}

/* Ten sessions tempted to break every hard rule. */
static void tempting(struct fixture *f)
{
	fixture_init(f, 1);
	add(f, 50, 150, 0);                        /* 0: needs the hall */
	add(f, 50, 20, 1)->features = LAB;         /* 1: needs the lab */
	add(f, 50, 20, 2)->needs_step_free = true; /* 2: never the lab */
	add(f, 110, 35, 3);                        /* 3: two slots, not through lunch */
	add(f, 50, 25, 4);                         /* 4, 5, 6: one speaker, pause 15 */
	add(f, 50, 25, 4);
	add(f, 50, 25, 4);
	f->speakers[4].pause = 15;
	add(f, 50, 25, 5); /* 7: speaker away in the afternoon */
	f->away[0] = (struct timetable_period){ 0, 780, 1020 };
	f->speakers[5] = (struct timetable_speaker){ .nunavailable = 1, .unavailable = f->away };
	add(f, 50, 38, 6); /* 8, 9: seminar size */
	add(f, 50, 38, 6);
}

START_TEST(test_hard_constraints)
{
	struct fixture f;
	struct timetable_result res;
	const struct timetable_place *p;

	tempting(&f);
	solve_ok(&f, 3, &res);
	p = res.place;
	ck_assert_int_eq(p[0].room, 0);
	ck_assert_int_eq(p[1].room, 1);
	ck_assert_int_ne(p[2].room, 1);
	ck_assert(p[3].start + 110 <= 720 || p[3].start >= 780);
	for (int a = 4; a <= 6; a++)
		for (int b = a + 1; b <= 6; b++) /* slots are 10 minutes apart: a gap of one slot */
			ck_assert(abs(p[a].start - p[b].start) >= 120);
	ck_assert_int_lt(p[7].start, 720);
	for (int s = 0; s < f.pb.nsessions; s++) {
		ck_assert_int_ge(f.rooms[p[s].room].capacity, f.sessions[s].audience);
		ck_assert(!(p[s].room == 3 && p[s].start < 720));
		for (int t = s + 1; t < f.pb.nsessions; t++)
			ck_assert(!(parallel(&f, p, s, t) && p[s].room == p[t].room));
	}
	timetable_result_done(&res);
}

END_TEST

START_TEST(test_pinned_and_plenary)
{
	struct fixture f;
	struct timetable_result res;
	struct timetable_session *k;

	tempting(&f);
	k = add(&f, 50, 180, 7);
	k->flags = TIMETABLE_EVERYONE;
	k->pinned = true;
	k->place = (struct timetable_place){ 0, 600, 0 };
	solve_ok(&f, 1, &res);
	ck_assert_int_eq(res.place[10].day, 0);
	ck_assert_int_eq(res.place[10].start, 600);
	ck_assert_int_eq(res.place[10].room, 0);
	for (int s = 0; s < 10; s++)
		ck_assert(!parallel(&f, res.place, s, 10));
	timetable_result_done(&res);
}

END_TEST

START_TEST(test_opening_keynote_first)
{
	struct fixture f;
	struct timetable_result res;
	struct timetable_session *k;

	fixture_init(&f, 2);
	for (int i = 0; i < 8; i++)
		add(&f, 50, 30, i % 6);
	k = add(&f, 50, 180, 6);
	k->flags = TIMETABLE_EVERYONE;
	k->prefer_time = TIMETABLE_TAG_OPENING;
	k = add(&f, 50, 180, 7);
	k->flags = TIMETABLE_EVERYONE;
	k->prefer_time = TIMETABLE_TAG_CLOSING;
	solve_ok(&f, 2, &res);
	ck_assert_int_eq(res.place[8].day, 0);
	ck_assert_int_eq(res.place[8].start, 540);
	ck_assert_int_eq(res.place[9].day, 1);
	ck_assert_int_eq(res.place[9].start, 960);
	ck_assert_int_eq(res.score.count[TIMETABLE_TIME_TAGS], 0);
	timetable_result_done(&res);
}

END_TEST

START_TEST(test_soft_clashes_avoided_when_free)
{
	struct fixture f;
	struct timetable_result res;
	struct timetable_copref cp[1] = { { 4, 5, 12 } };

	fixture_init(&f, 1);
	for (int i = 0; i < 8; i++)
		add(&f, 50, 30, i)->track = i < 4 ? 1 : TIMETABLE_NONE;
	f.sessions[6].audience_tags = f.sessions[7].audience_tags = 1;
	f.pb.copref = cp;
	f.pb.ncopref = 1;
	solve_ok(&f, 4, &res);
	ck_assert_int_eq(res.score.count[TIMETABLE_TRACK_CLASH], 0);
	ck_assert_int_eq(res.score.count[TIMETABLE_AUDIENCE_CLASH], 0);
	ck_assert_int_eq(res.score.count[TIMETABLE_PREFERENCE_CLASH], 0);
	ck_assert(!parallel(&f, res.place, 4, 5));
	timetable_result_done(&res);
}

END_TEST

START_TEST(test_determinism)
{
	struct fixture f;
	struct timetable_result a, b;

	tempting(&f);
	solve_steps(&f, 77, &a);
	solve_steps(&f, 77, &b);
	ck_assert_mem_eq(a.place, b.place, sizeof(*a.place) * (size_t)f.pb.nsessions);
	ck_assert_int_eq(a.score.soft, b.score.soft);
	ck_assert_int_eq(a.iterations, b.iterations);
	timetable_result_done(&a);
	timetable_result_done(&b);
}

END_TEST

START_TEST(test_resolve_published)
{
	struct fixture f;
	struct timetable_result a, b, c;
	int moved = 0, in_room = 0;
	struct timetable_period all_day = { 0, 540, 1020 };

	tempting(&f);
	solve_ok(&f, 5, &a);
	for (int s = 0; s < f.pb.nsessions; s++)
		f.sessions[s].published = a.place[s];
	solve_ok(&f, 6, &b);
	ck_assert_mem_eq(a.place, b.place, sizeof(*a.place) * (size_t)f.pb.nsessions);
	ck_assert_int_eq(b.score.count[TIMETABLE_MOVE_TIME] + b.score.count[TIMETABLE_MOVE_ROOM], 0);
	/* Lose seminar room 2 for the whole day. */
	f.rooms[2].unavailable = &all_day;
	f.rooms[2].nunavailable = 1;
	for (int s = 0; s < f.pb.nsessions; s++)
		in_room += a.place[s].room == 2;
	solve_ok(&f, 7, &c);
	for (int s = 0; s < f.pb.nsessions; s++) {
		ck_assert_int_ne(c.place[s].room, 2);
		moved += c.place[s].day != a.place[s].day || c.place[s].start != a.place[s].start ||
			 c.place[s].room != a.place[s].room;
	}
	ck_assert_int_ge(moved, in_room);
	ck_assert_int_le(moved, in_room + 2);
	timetable_result_done(&a);
	timetable_result_done(&b);
	timetable_result_done(&c);
}

END_TEST

START_TEST(test_infeasible_feature)
{
	struct fixture f;
	struct timetable_result res;
	struct timetable_options opt;
	struct error err = { 0 };

	tempting(&f);
	add(&f, 50, 20, -1)->features = 4; /* a feature no room has */
	f.sessions[10].name = "Robotics lab";
	timetable_options_init(&opt);
	opt.time_limit = 2;
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &res, &err), ST_PROBLEM);
	ck_assert_ptr_nonnull(strstr(err.msg, "Robotics lab"));
	ck_assert_ptr_nonnull(strstr(err.msg, "feature"));
	ck_assert_int_eq(res.unplaceable, 1);
	ck_assert_int_eq(res.place[10].day, TIMETABLE_NONE);
	ck_assert_int_eq(res.score.count[TIMETABLE_UNPLACED], 1);
	ck_assert_int_eq(res.score.hard, 1); /* the rest is placed without conflict */
	error_clear(&err);
	timetable_result_done(&res);
}

END_TEST

START_TEST(test_bad_input)
{
	struct fixture f;
	struct timetable_result res;
	struct timetable_options opt;
	struct error err = { 0 };
	int bad = 99;

	tempting(&f);
	f.sessions[0].speakers = &bad;
	timetable_options_init(&opt);
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &res, &err), ST_INPUT);
	ck_assert_ptr_nonnull(err.msg);
	error_clear(&err);
	timetable_result_done(&res);
}

END_TEST

START_TEST(test_evaluate_names_violations)
{
	struct fixture f;
	struct timetable_place p[10];
	struct timetable_score sc;
	bool room = false, pause = false;

	tempting(&f);
	for (int s = 0; s < 10; s++)
		p[s] = (struct timetable_place){ 0, 540 + 60 * (s % 3), 2 + s % 2 };
	p[0].room = 0;
	p[1].room = 1;
	p[3].start = 660; /* 110 minutes through lunch */
	ck_assert_int_eq(timetable_evaluate(&f.pb, p, &sc, NULL), ST_OK);
	ck_assert_int_gt(sc.hard, 0);
	ck_assert_int_gt(sc.count[TIMETABLE_ROOM_UNAVAILABLE], 0); /* room 3 in the morning */
	ck_assert_int_gt(sc.count[TIMETABLE_OUTSIDE_DAY] + sc.count[TIMETABLE_THROUGH_BREAK], 0);
	for (int i = 0; i < sc.nviolations; i++) {
		const struct timetable_violation *v = &sc.violations[i];

		if (v->family == TIMETABLE_ROOM_CLASH)
			room = true;
		if (v->family == TIMETABLE_SPEAKER_PAUSE && v->a >= 4 && v->b <= 6)
			pause = true;
		if (i > 0) /* hard first */
			ck_assert(timetable_family_hard(v->family) <=
				  timetable_family_hard(sc.violations[i - 1].family));
	}
	ck_assert(room);
	ck_assert(pause);
	ck_assert_str_eq(timetable_family_name(TIMETABLE_SPEAKER_PAUSE), "speaker_pause");
	timetable_score_done(&sc);
}

END_TEST

struct last {
	long hard;
	long long soft;
	int calls;
};

static int remember(const struct timetable_progress *p, void *arg)
{
	struct last *l = arg;

	l->hard = p->best_hard;
	l->soft = p->best_soft;
	l->calls++;
	return 0;
}

/* A larger instance: 60 sessions over two days in 4 rooms with 14 slots. */
static void larger(struct fixture *f, struct timetable_session *many, int (*spk)[1], int n)
{
	static struct timetable_speaker sp[20];

	fixture_init(f, 2);
	for (int i = 0; i < n; i++) {
		spk[i][0] = i % 20;
		many[i] = (struct timetable_session){ .duration = 50,
						      .audience = 10 + i % 25,
						      .nspeakers = 1,
						      .speakers = spk[i],
						      .track = i % 7,
						      .published = { TIMETABLE_NONE, 0, 0 },
						      .place = { TIMETABLE_NONE, 0, 0 } };
	}
	f->pb.speakers = sp;
	f->pb.nspeakers = 20;
	f->pb.sessions = many;
	f->pb.nsessions = n;
}

START_TEST(test_deadline_and_incremental_score)
{
	struct fixture f;
	struct timetable_session many[48];
	int spk[48][1];
	struct timetable_options opt;
	struct timetable_result res;
	struct last last = { 0, 0, 0 };
	double t0 = now_seconds();

	larger(&f, many, spk, 48);
	timetable_options_init(&opt);
	opt.time_limit = 0.3;
	opt.stall = 1L << 40; /* only the deadline stops it */
	opt.progress = remember;
	opt.progress_arg = &last;
	timetable_solve(&f.pb, &opt, &res, NULL);
	ck_assert_double_lt(now_seconds() - t0, 0.3 + 0.5);
	ck_assert_int_gt(last.calls, 0);
	/* The incremental score of the search equals the full evaluation. */
	ck_assert_int_eq(last.hard, res.score.hard);
	ck_assert_int_eq(last.soft, res.score.soft);
	ck_assert_int_eq(res.score.hard, 0);
	timetable_result_done(&res);
}

END_TEST

/* Long sessions and keynotes make the search use kicks and swaps of whole
 * starts; the running score must still equal the full evaluation, and a
 * run that ends by its own stall rule must repeat exactly. */
START_TEST(test_compound_moves_exact)
{
	struct fixture f;
	struct timetable_session many[40];
	int spk[40][1];
	struct timetable_options opt;
	struct timetable_result a, b;
	struct last last = { 0, 0, 0 };

	larger(&f, many, spk, 40);
	for (int i = 0; i < 40; i += 10)
		many[i].duration = 110;
	many[1].flags = many[2].flags = TIMETABLE_EVERYONE;
	many[1].audience = many[2].audience = 150;
	many[1].prefer_time = TIMETABLE_TAG_CLOSING;
	timetable_options_init(&opt);
	opt.seed = 9;
	opt.time_limit = 60;
	opt.stall = 20000;
	opt.restarts = 0; /* one run per search, quick at any speed */
	opt.progress = remember;
	opt.progress_arg = &last;
	timetable_solve(&f.pb, &opt, &a, NULL);
	ck_assert_int_eq(last.hard, a.score.hard);
	ck_assert_int_eq(last.soft, a.score.soft);
	ck_assert_int_eq(a.score.hard, 0);
	timetable_solve(&f.pb, &opt, &b, NULL);
	ck_assert_mem_eq(a.place, b.place, sizeof(*a.place) * 40);
	ck_assert_int_eq(a.iterations, b.iterations);
	timetable_result_done(&a);
	timetable_result_done(&b);
}

END_TEST

/* Restarts from fresh seeds keep every hard rule and never do worse than
 * the first run, which they begin with. */
START_TEST(test_restarts)
{
	struct fixture f;
	struct timetable_options opt;
	struct timetable_result one, more;
	struct error err = { 0 };

	tempting(&f);
	timetable_options_init(&opt);
	opt.seed = 5;
	opt.time_limit = 5;
	opt.stall = 3000;
	opt.searches = 1;
	opt.restarts = 0;
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &one, &err), ST_OK);
	opt.restarts = 3;
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &more, &err), ST_OK);
	ck_assert_int_eq(more.score.hard, 0);
	ck_assert(more.score.soft <= one.score.soft);
	ck_assert(more.iterations > one.iterations);
	timetable_result_done(&one);
	timetable_result_done(&more);
}

END_TEST

/* A budget of steps counts each search's runs together: restarts while
 * steps remain take exactly the budget, and the plan repeats whatever the
 * time (the deadline is far off, so only steps and stall rules stop it). */
START_TEST(test_step_budget_over_restarts)
{
	struct fixture f;
	struct timetable_session many[40];
	int spk[40][1];
	struct timetable_options opt;
	struct timetable_result a, b;

	larger(&f, many, spk, 40);
	timetable_options_init(&opt);
	opt.seed = 3;
	opt.time_limit = 600;
	opt.stall = 5000;
	opt.restarts = 1000; /* not the automatic rule, which may end a search early */
	opt.max_iterations = 200000;
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &a, NULL), ST_OK);
	if (a.score.soft > 0) /* a run that reaches cost 0 ends its search early */
		ck_assert_int_eq(a.iterations, TIMETABLE_SEARCHES * 200000L);
	ck_assert_int_le(a.iterations, TIMETABLE_SEARCHES * 200000L);
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &b, NULL), ST_OK);
	ck_assert_mem_eq(a.place, b.place, sizeof(*a.place) * 40);
	ck_assert_int_eq(a.iterations, b.iterations);
	ck_assert_int_eq(a.score.soft, b.score.soft);
	timetable_result_done(&a);
	timetable_result_done(&b);
}

END_TEST

/* Searches side by side on threads: with one seed and a budget of steps,
 * the plan is the same on one thread as on many, run after run, so it is
 * the same on any machine; and it is at least as good as search 0 alone,
 * which is the single search of old. */
START_TEST(test_threads_deterministic)
{
	struct fixture f;
	struct timetable_session many[40];
	int spk[40][1];
	struct timetable_options opt;
	struct timetable_result r[4], alone;

	larger(&f, many, spk, 40);
	for (int i = 0; i < 40; i += 10)
		many[i].duration = 110;
	timetable_options_init(&opt);
	opt.seed = 11;
	opt.time_limit = 600;
	opt.max_iterations = 60000;
	opt.stall = 20000;
	for (int i = 0; i < 4; i++) {
		opt.threads = i == 0 ? 1 : i == 1 ? 2 : 0;
		ck_assert_int_eq(timetable_solve(&f.pb, &opt, &r[i], NULL), ST_OK);
		ck_assert_mem_eq(r[0].place, r[i].place, sizeof(*r[0].place) * 40);
		ck_assert_int_eq(r[0].score.soft, r[i].score.soft);
		ck_assert_int_eq(r[0].iterations, r[i].iterations);
	}
	opt.searches = 1;
	ck_assert_int_eq(timetable_solve(&f.pb, &opt, &alone, NULL), ST_OK);
	ck_assert(r[0].score.soft <= alone.score.soft);
	for (int i = 0; i < 4; i++)
		timetable_result_done(&r[i]);
	timetable_result_done(&alone);
}

END_TEST

static int stop_at_once(const struct timetable_progress *p, void *arg)
{
	(void)p;
	++*(int *)arg;
	return 1;
}

/* The caller's progress callback stops every search on every thread, and
 * the best plan found so far comes back. */
START_TEST(test_progress_stops_all_threads)
{
	struct fixture f;
	struct timetable_session many[48];
	int spk[48][1], calls = 0;
	struct timetable_options opt;
	struct timetable_result res;

	larger(&f, many, spk, 48);
	timetable_options_init(&opt);
	opt.time_limit = 600;
	opt.stall = 1L << 40; /* only the stop ends it */
	opt.searches = 4;
	opt.threads = 2;
	opt.progress = stop_at_once;
	opt.progress_arg = &calls;
	timetable_solve(&f.pb, &opt, &res, NULL);
	ck_assert_int_gt(calls, 0);
	ck_assert_ptr_nonnull(res.place);
	ck_assert_double_lt(res.seconds, 300);
	for (int s = 0; s < 48; s++)
		ck_assert_int_ge(res.place[s].day, 0);
	timetable_result_done(&res);
}

END_TEST

static Suite *timetable_suite(void)
{
	Suite *s = suite_create("timetable");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_hard_constraints);
	tcase_add_test(tc, test_pinned_and_plenary);
	tcase_add_test(tc, test_opening_keynote_first);
	tcase_add_test(tc, test_soft_clashes_avoided_when_free);
	tcase_add_test(tc, test_determinism);
	tcase_add_test(tc, test_resolve_published);
	tcase_add_test(tc, test_infeasible_feature);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_evaluate_names_violations);
	tcase_add_test(tc, test_deadline_and_incremental_score);
	tcase_add_test(tc, test_compound_moves_exact);
	tcase_add_test(tc, test_restarts);
	tcase_add_test(tc, test_step_budget_over_restarts);
	tcase_add_test(tc, test_threads_deterministic);
	tcase_add_test(tc, test_progress_stops_all_threads);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(timetable_suite());
}
