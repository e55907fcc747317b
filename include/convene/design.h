/* Zero-repeat designs for the World Cafe: rounds of a fixed number of
 * groups of one size over a set of slots, such that no two slots share a
 * group twice (a resolvable packing, in design theory's words; the social
 * golfer problem's solutions). The solver relabels real people onto the
 * slots; this module only builds and checks the designs.
 *
 * Constructions, each for its own shapes (T groups of k, R rounds):
 * - round robin: k = 2, R = 2T - 1 (the circle method);
 * - affine geometry AG(n, q) over GF(q): k = q, T = q^(n-1), every line
 *   of the space, R = (q^n - 1) / (q - 1) (n = 2 is the affine plane);
 * - resolvable transversal designs over a product of finite fields
 *   (MacNeish's mutually orthogonal Latin squares): any k <= T, R the
 *   smallest prime power dividing T, one round more when k divides T;
 * - Kirkman triple systems on Z_T x 3 (T odd, k = 3, R = (3T - 1) / 2),
 *   the base round found by a small bounded search;
 * - developed designs: a base round over Z_m x L levels plus F fixed
 *   points, translated m times (how the catalogue stores nearly Kirkman
 *   systems, resolvable BIBD(v, 4, 1), 4-GDDs of type 2^n and 3^n and
 *   other computer-found designs, see data/designs/);
 * - any design from a catalogue the caller loaded (src/catalogue.c).
 *
 * Pure: no I/O; a catalogue comes in as plain structs. */
#ifndef CONVENE_DESIGN_H
#define CONVENE_DESIGN_H

#include "convene/util.h"

struct design {
	int tables; /* groups per round */
	int size;   /* slots per group */
	int rounds;
	int *group; /* group[r * tables * size + slot]: the group of slot in round r */
	char *name; /* how it was made, for the plan's method */
};

/* Designs to choose from besides the constructions. */
struct design_catalogue {
	int n;
	struct design *d;
};

/* Slots of a design: tables * size. */
int design_slots(const struct design *d);

/* Free what a design holds and zero it. */
void design_done(struct design *d);

/* Free a catalogue's designs and zero it. */
void design_catalogue_done(struct design_catalogue *cat);

/* Check that each round puts exactly size slots in each group and that no
 * two slots share a group twice; err says which round and slots if not. */
enum status design_check(const struct design *d, struct error *err);

/* The round in which slots a and b share a group among the first rounds
 * rounds, or -1 if they never do. */
int design_meet_round(const struct design *d, int rounds, int a, int b);

/* Build a design from nbase base rounds over the points Z_m x levels plus
 * fixed fixed points: base[b * points + p] is the group of point p in base
 * round b, points numbered fixed first, then level by level (level l,
 * element x is fixed + l * m + x). Round b * m + t moves every point
 * (l, x) to (l, x + t) and keeps the fixed points. ST_INPUT if the base
 * rounds do not make groups of one size. */
enum status design_develop(struct design *d, int m, int levels, int fixed, int nbase,
			   const int *base, int tables, struct error *err);

/* Fill out with the design that seats the most rounds (at most want) for
 * tables groups of size, from the constructions and cat (may be NULL), cut
 * to those rounds. Returns its rounds, or 0 (out zeroed) when none has two. */
int design_best(int tables, int size, int want, const struct design_catalogue *cat,
		struct design *out);

/* The constructions one by one, for tests; each returns 0 and fills d, or
 * -1 when it has nothing for these numbers. */
int design_round_robin(struct design *d, int tables);
int design_affine(struct design *d, int tables, int size);
int design_transversal(struct design *d, int tables, int size);
int design_kirkman(struct design *d, int tables);

#endif
