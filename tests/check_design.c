/* Unit tests of the zero-repeat designs: every construction checked for
 * its shapes, the check itself, developed designs, and the catalogue on
 * disk, every design of which is checked as it is read. */
#include "convene/cafe.h"
#include "convene/catalogue.h"
#include "convene/design.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The catalogue in the source tree. */
#define CATALOGUE SRCDATADIR "/designs/catalogue.txt"
#define KNOWN SRCDATADIR "/designs/best-known.txt"

/* Pairs of slots that share a group twice, counted here from scratch. */
static long repeats(const struct design *d)
{
	int n = design_slots(d);
	long rep = 0;

	for (int a = 0; a < n; a++)
		for (int b = a + 1; b < n; b++) {
			int m = 0;

			for (int r = 0; r < d->rounds; r++)
				m += d->group[(size_t)r * n + a] == d->group[(size_t)r * n + b];
			rep += m > 1 ? m - 1 : 0;
		}
	return rep;
}

static void assert_design(const struct design *d, int tables, int size, int rounds)
{
	struct error err = { 0 };

	ck_assert_int_eq(d->tables, tables);
	ck_assert_int_eq(d->size, size);
	ck_assert_int_eq(d->rounds, rounds);
	ck_assert_msg(design_check(d, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_eq(repeats(d), 0);
	error_clear(&err);
}

START_TEST(test_round_robin)
{
	struct design d;

	for (int t = 1; t <= 12; t++) {
		ck_assert_int_eq(design_round_robin(&d, t), 0);
		assert_design(&d, t, 2, 2 * t - 1);
		design_done(&d);
	}
}

END_TEST

START_TEST(test_affine)
{
	static const int q[] = { 2, 3, 4, 5, 7, 8, 9 };
	struct design d;

	for (size_t i = 0; i < ARRAY_SIZE(q); i++) {
		ck_assert_int_eq(design_affine(&d, q[i], q[i]), 0);
		assert_design(&d, q[i], q[i], q[i] + 1);
		design_done(&d);
	}
	/* AG(3, 2) and AG(3, 3): every line of the space. */
	ck_assert_int_eq(design_affine(&d, 4, 2), 0);
	assert_design(&d, 4, 2, 7);
	design_done(&d);
	ck_assert_int_eq(design_affine(&d, 9, 3), 0);
	assert_design(&d, 9, 3, 13);
	design_done(&d);
	ck_assert_int_eq(design_affine(&d, 6, 6), -1);
	ck_assert_int_eq(design_affine(&d, 5, 3), -1);
}

END_TEST

START_TEST(test_transversal)
{
	struct design d;

	/* 12 = 4 * 3: three rounds from GF(4) x GF(3), one more by blocks. */
	ck_assert_int_eq(design_transversal(&d, 12, 4), 0);
	assert_design(&d, 12, 4, 4);
	design_done(&d);
	ck_assert_int_eq(design_transversal(&d, 12, 5), 0);
	assert_design(&d, 12, 5, 3);
	design_done(&d);
	ck_assert_int_eq(design_transversal(&d, 7, 3), 0);
	assert_design(&d, 7, 3, 7);
	design_done(&d);
	ck_assert_int_eq(design_transversal(&d, 3, 4), -1);
}

END_TEST

START_TEST(test_kirkman)
{
	/* The search on Z_T x 3 finds none for 5 tables (the catalogue has
	 * one) and is not tried for an even number. */
	static const int t[] = { 3, 7, 9, 11, 13 };
	struct design d;

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		ck_assert_int_eq(design_kirkman(&d, t[i]), 0);
		assert_design(&d, t[i], 3, (3 * t[i] - 1) / 2);
		design_done(&d);
	}
	ck_assert_int_eq(design_kirkman(&d, 4), -1);
}

END_TEST

START_TEST(test_check_refuses)
{
	/* 2 groups of 2 over 2 rounds: slots 0 and 1 together twice. */
	int twice[] = { 0, 0, 1, 1, 0, 0, 1, 1 };
	int uneven[] = { 0, 0, 0, 1 };
	char name[] = "t";
	struct design d = { .tables = 2, .size = 2, .rounds = 2, .group = twice, .name = name };
	struct error err = { 0 };

	ck_assert_int_eq(design_check(&d, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "slots 0 and 1 share a group in rounds 1 and 2"));
	error_clear(&err);
	d.group = uneven;
	d.rounds = 1;
	ck_assert_int_eq(design_check(&d, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "has 3 in group 0"));
	error_clear(&err);
}

END_TEST

START_TEST(test_develop)
{
	/* 4 points: one fixed, Z_3 on one level; {oo, 0} {1, 2} develops
	 * into the round robin on 4. */
	int base[] = { 0, 0, 1, 1 };
	/* Z_4: {0, 2} and {1, 3} come back after two translations. */
	int shorter[] = { 0, 1, 0, 1 };
	struct design d;
	struct error err = { 0 };

	ck_assert_int_eq(design_develop(&d, 3, 1, 1, 1, base, 2, &err), ST_OK);
	assert_design(&d, 2, 2, 3);
	design_done(&d);
	ck_assert_int_eq(design_develop(&d, 4, 1, 0, 1, shorter, 2, &err), ST_INPUT);
	ck_assert_ptr_null(d.group);
	ck_assert_ptr_nonnull(strstr(err.msg, "share a group in rounds"));
	error_clear(&err);
}

END_TEST

/* Every design of the catalogue is checked on load: a good one loads. */
START_TEST(test_catalogue_loads)
{
	struct design_catalogue cat;
	struct error err = { 0 };

	ck_assert_msg(catalogue_load(CATALOGUE, &cat, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_ge(cat.n, 6);
	for (int i = 0; i < cat.n; i++) {
		ck_assert_ptr_nonnull(cat.d[i].name);
		assert_design(&cat.d[i], cat.d[i].tables, cat.d[i].size, cat.d[i].rounds);
	}
	design_catalogue_done(&cat);
}

END_TEST

/* The cells of the best-known table the catalogue and constructions
 * reach: design_best gives every one of their rounds, checked. */
START_TEST(test_catalogue_reaches)
{
	static const int cells[][3] = {
		{ 10, 10, 4 }, { 10, 8, 7 }, { 8, 3, 11 }, { 6, 5, 6 },   { 9, 4, 11 },
		{ 6, 4, 7 },   { 9, 3, 13 }, { 5, 3, 7 },  { 9, 9, 10 },  { 8, 8, 9 },
		{ 10, 2, 19 }, { 6, 3, 8 },  { 7, 4, 9 },  { 10, 3, 14 }, { 10, 4, 13 },
		{ 10, 5, 9 },  { 10, 6, 8 }, { 10, 7, 8 }, { 8, 4, 10 },  { 10, 9, 5 },
	};
	struct design_catalogue cat;
	struct design d;

	ck_assert_int_eq(catalogue_load(CATALOGUE, &cat, NULL), ST_OK);
	for (size_t i = 0; i < ARRAY_SIZE(cells); i++) {
		const int *c = cells[i];

		ck_assert_msg(design_best(c[0], c[1], c[2], &cat, &d) == c[2], "%d tables of %d",
			      c[0], c[1]);
		assert_design(&d, c[0], c[1], c[2]);
		design_done(&d);
	}
	design_catalogue_done(&cat);
}

END_TEST

/* A design that repeats a pair is refused with its file and line. */
START_TEST(test_catalogue_refuses)
{
	char path[] = "/tmp/convene-designs.XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	struct design_catalogue cat;
	struct error err = { 0 };

	ck_assert_ptr_nonnull(f);
	fputs("# two rounds of one pairing\ndesign 2 2 bad\n0 0 1 1\n0 0 1 1\nend\n", f);
	fclose(f);
	ck_assert_int_eq(catalogue_load(path, &cat, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, ":5: bad: slots 0 and 1 share a group"));
	ck_assert_int_eq(cat.n, 0);
	error_clear(&err);
	f = fopen(path, "w");
	fputs("design 2 2 short\n0 0 1\nend\n", f);
	fclose(f);
	ck_assert_int_eq(catalogue_load(path, &cat, &err), ST_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, ":2: expected 4 group numbers"));
	error_clear(&err);
	unlink(path);
}

END_TEST

/* Every shape of the best-known table gets a design with all its rounds
 * from the catalogue and the constructions. */
START_TEST(test_known_cells_reached)
{
	struct catalogue_known *rows;
	struct design_catalogue cat;
	struct design d;
	int n, reached = 0;

	ck_assert_int_eq(catalogue_load(CATALOGUE, &cat, NULL), ST_OK);
	ck_assert_int_eq(catalogue_known_load(KNOWN, &rows, &n, NULL), ST_OK);
	for (int i = 0; i < n; i++) {
		const struct catalogue_known *k = &rows[i];

		if (k->rounds < 2)
			continue;
		ck_assert_msg(design_best(k->tables, k->size, k->rounds, &cat, &d) == k->rounds,
			      "%d tables of %d for %d rounds (%s)", k->tables, k->size, k->rounds,
			      k->source);
		assert_design(&d, k->tables, k->size, k->rounds);
		design_done(&d);
		reached++;
	}
	/* 45 shapes of 2 to 10 tables of 2 to 10 people. */
	ck_assert_int_eq(n, 45);
	ck_assert_int_eq(reached, 45);
	catalogue_known_free(rows, n);
	design_catalogue_done(&cat);
}

END_TEST

START_TEST(test_known_table)
{
	struct catalogue_known *rows;
	struct error err = { 0 };
	int n;

	ck_assert_msg(catalogue_known_load(KNOWN, &rows, &n, &err) == ST_OK, "%s", err.msg);
	ck_assert_int_ge(n, 10);
	for (int i = 0; i < n; i++) {
		/* No shape has more rounds than each person has others to meet. */
		int others = rows[i].tables * rows[i].size - 1;

		ck_assert_int_le(rows[i].rounds * (rows[i].size - 1), others);
		ck_assert_str_ne(rows[i].source, "");
	}
	catalogue_known_free(rows, n);
}

END_TEST

/* The cafes of the best-known table convene plans perfectly: zero
 * repeats for every seed, on a step budget. */
START_TEST(test_cafe_cells)
{
	static const int cells[][3] = {
		{ 10, 10, 4 }, { 10, 8, 7 }, { 8, 3, 11 },  { 9, 4, 11 },  { 6, 5, 5 },
		{ 6, 5, 6 },   { 6, 3, 8 },  { 10, 3, 14 }, { 10, 4, 13 }, { 10, 7, 8 },
		{ 10, 9, 5 },  { 8, 4, 10 }, /* the social golfer problem */
	};
	struct design_catalogue cat;

	ck_assert_int_eq(catalogue_load(CATALOGUE, &cat, NULL), ST_OK);
	for (size_t i = 0; i < ARRAY_SIZE(cells); i++)
		for (uint64_t seed = 1; seed <= 5; seed++) {
			const int *c = cells[i];
			struct cafe_table *tables = xcalloc(c[0], sizeof(*tables));
			struct cafe_problem pb = { .npeople = c[0] * c[1],
						   .ntables = c[0],
						   .tables = tables,
						   .rounds = c[2] };
			struct cafe_options opt;
			struct cafe_plan plan;

			for (int t = 0; t < c[0]; t++)
				tables[t] = (struct cafe_table){ .seats = c[1], .host = CAFE_NONE };
			cafe_options_init(&opt);
			opt.seed = seed;
			opt.max_iterations = 1000;
			opt.time_limit = 60;
			opt.designs = &cat;
			ck_assert_int_eq(cafe_solve(&pb, &opt, &plan, NULL), ST_OK);
			ck_assert_msg(plan.score.repeats == 0, "%d of %d for %d, seed %d: %ld",
				      c[0], c[1], c[2], (int)seed, plan.score.repeats);
			cafe_plan_done(&plan);
			free(tables);
		}
	design_catalogue_done(&cat);
}

END_TEST

/* Real people on a design: hosts keep their tables (all but the two
 * step-free ones: a step-free person there would meet their host every
 * round), organisations never share one, keep-apart pairs stay apart, must-meet pairs meet,
 * step-free needs and absences are met, and the plan is still perfect:
 * all by choosing who takes which place of the design. */
START_TEST(test_people_on_design)
{
	static const struct cafe_pair apart[] = { { 5, 45 }, { 6, 66 }, { 13, 70 } };
	static const struct cafe_pair must[] = { { 3, 77 }, { 21, 58 } };
	struct design_catalogue cat;
	struct cafe_table tables[10];
	struct cafe_person people[80];
	struct cafe_problem pb = { .npeople = 80,
				   .people = people,
				   .ntables = 10,
				   .tables = tables,
				   .rounds = 5,
				   .nkeep_apart = 3,
				   .keep_apart = apart,
				   .nmust_meet = 2,
				   .must_meet = must };
	struct cafe_options opt;
	struct cafe_plan plan;

	ck_assert_int_eq(catalogue_load(CATALOGUE, &cat, NULL), ST_OK);
	for (int t = 0; t < 10; t++)
		tables[t] = (struct cafe_table){ .seats = 8,
						 .step_free = t < 2,
						 .host = t < 2 ? CAFE_NONE : 8 * t + 7 };
	for (int p = 0; p < 80; p++)
		people[p] = (struct cafe_person){ .org = p / 4, .org_type = p % 3, .role = p % 2 };
	people[20].step_free = people[30].step_free = true;
	people[50].absent = 1u << 2;
	people[60].absent = 3u;
	for (uint64_t seed = 1; seed <= 3; seed++) {
		cafe_options_init(&opt);
		opt.seed = seed;
		opt.time_limit = 60;
		opt.max_iterations = 2000;
		opt.designs = &cat;
		ck_assert_int_eq(cafe_solve(&pb, &opt, &plan, NULL), ST_OK);
		ck_assert_int_eq(cafe_score_hard(&plan.score), 0);
		ck_assert_int_eq(plan.score.repeats, 0);
		ck_assert_int_eq(plan.score.same_org, 0);
		ck_assert_int_eq(plan.score.must_meet, 0);
		ck_assert_msg(strstr(plan.method,
				     "difference matrix over Z_10, 10 hosts (5 of 5 rounds)"),
			      "%s", plan.method);
		for (int r = 0; r < 5; r++) {
			const int *row = plan.seat + (size_t)r * 80;

			for (int t = 2; t < 10; t++)
				ck_assert_int_eq(row[8 * t + 7], t);
			ck_assert(row[20] == 0 || row[20] == 1);
			ck_assert(row[30] == 0 || row[30] == 1);
			ck_assert_int_eq(row[50] == CAFE_NONE, r == 2);
			ck_assert_int_eq(row[60] == CAFE_NONE, r < 2);
			for (size_t i = 0; i < ARRAY_SIZE(apart); i++)
				ck_assert_int_ne(row[apart[i].a], row[apart[i].b]);
		}
		cafe_plan_done(&plan);
	}
	design_catalogue_done(&cat);
}

END_TEST

static Suite *design_suite(void)
{
	Suite *s = suite_create("design");
	TCase *tc = tcase_create("core");
	const char *no_catalogue = access(CATALOGUE, R_OK) == 0
					   ? NULL
					   : "no data/designs/catalogue.txt here";

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_robin);
	tcase_add_test(tc, test_affine);
	tcase_add_test(tc, test_transversal);
	tcase_add_test(tc, test_kirkman);
	tcase_add_test(tc, test_check_refuses);
	tcase_add_test(tc, test_develop);
	test_add_unless(tc, test_catalogue_loads, no_catalogue);
	test_add_unless(tc, test_catalogue_reaches, no_catalogue);
	tcase_add_test(tc, test_catalogue_refuses);
	test_add_unless(tc, test_known_cells_reached, no_catalogue);
	test_add_unless(tc, test_known_table, no_catalogue);
	test_add_unless(tc, test_cafe_cells, no_catalogue);
	test_add_unless(tc, test_people_on_design, no_catalogue);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(design_suite());
}
