/* The delegates pane: name, organisation, role, region, days and access
 * needs; add, edit (keeping their other answers) and delete; and the
 * breakout allocation's worst off and each delegate's breakouts
 * (ui_fair.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/changes.h"
#include "convene/fair.h"
#include "convene/plan.h"
#include "convene/print.h"
#include "convene/ui_draw.h"
#include "convene/ui_form.h"
#include "convene/ui_pane.h"

static const struct ui_column columns[] = {
	{ "Delegate", 24, 0 }, { "Organisation", 30, 0 }, { "Role", 20, 0 }, { "Region", 14, 0 },
	{ "Days", 4, 0 },      { "Access", 12, 0 },       { "Email", 0, 0 },
};

/* The list of the worst off: their place in that order, what they got. */
static const struct ui_column worst_columns[] = {
	{ "Worst", 5, 1 },         { "Delegate", 24, 0 }, { "What they got", 40, 0 },
	{ "Organisation", 24, 0 }, { "Email", 0, 0 },
};

/* This pane's allocation state. */
static struct ui_fair *fair(const struct ui *ui)
{
	for (int i = 0; i < UI_NPANES; i++)
		if (ui->panes[i].ops == &ui_delegates_ops)
			return ui->panes[i].data;
	return NULL;
}

/* The delegate (index into ui->conf) on a row of the list, -1 if none. */
static int delegate_of(const struct ui *ui, int row)
{
	const struct ui_fair *f = fair(ui);

	if (f && ui_fair_worst(f))
		return ui_fair_row(ui, f, row);
	return row;
}

static int count(const struct ui *ui)
{
	const struct ui_fair *f = fair(ui);

	return f && ui_fair_worst(f) ? ui_fair_count(f) : ui->conf.ndelegates;
}

static int64_t row_id(const struct ui *ui, int row)
{
	int d = delegate_of(ui, row);

	return d >= 0 ? ui->conf.delegates[d].id : 0;
}

static void days_format(unsigned days, struct str *out)
{
	int first = 1;

	if (!days) {
		str_cat(out, "all");
		return;
	}
	for (int d = 0; d < 14; d++) {
		if (days & (1u << d)) {
			str_catf(out, "%s%d", first ? "" : ",", d + 1);
			first = 0;
		}
	}
}

/* A cell of the list of the worst off. */
static void worst_cell(const struct ui *ui, int row, int col, struct str *out)
{
	int d = delegate_of(ui, row);
	const struct delegate *dl = d >= 0 ? &ui->conf.delegates[d] : NULL;
	char *name;

	if (!dl)
		return;
	switch (col) {
	case 0:
		str_catf(out, "%d", row + 1);
		break;
	case 1:
		name = delegate_name(dl);
		str_cat(out, name);
		free(name);
		break;
	case 2:
		ui_fair_got(ui, fair(ui), d, out);
		break;
	case 3:
		if (dl->organisation >= 0)
			str_cat(out, ui->conf.organisations[dl->organisation].name);
		break;
	default:
		str_cat(out, dl->email);
	}
}

static void cell(const struct ui *ui, int row, int col, struct str *out)
{
	const struct delegate *d;

	if (ui_fair_worst(fair(ui))) {
		worst_cell(ui, row, col, out);
		return;
	}
	d = &ui->conf.delegates[row];
	switch (col) {
	case 0:
		str_cat(out, d->first_name);
		if (*d->first_name && *d->last_name)
			str_cat(out, " ");
		str_cat(out, d->last_name);
		break;
	case 1:
		if (d->organisation >= 0)
			str_cat(out, ui->conf.organisations[d->organisation].name);
		break;
	case 2:
		str_cat(out, d->role);
		break;
	case 3:
		str_cat(out, d->region);
		break;
	case 4:
		days_format(d->days, out);
		break;
	case 5:
		str_cat(out, d->access);
		break;
	default:
		str_cat(out, d->email);
	}
}

static void open_pane(struct pane *p, struct ui *ui)
{
	(void)ui;
	p->data = ui_fair_new();
	p->list.cols = columns;
	p->list.ncols = (int)ARRAY_SIZE(columns);
	p->list.count = count;
	p->list.row_id = row_id;
	p->list.cell = cell;
	p->list.sort_col = -1;
}

static void close_pane(struct pane *p)
{
	ui_fair_free(p->data);
	p->data = NULL;
}

/* The worst off under the rank profile, or every delegate. */
static void draw(struct pane *p, struct ui *ui, WINDOW *w, int focused)
{
	WINDOW *list;
	struct str head;

	if (!ui_fair_worst(p->data) || getmaxy(w) < 3) {
		ui_list_draw(&p->list, ui, w, focused);
		return;
	}
	str_init(&head);
	ui_fair_head(p->data, &head);
	ui_put(w, 0, 0, head.buf, getmaxx(w), ui_attr(COL_HEADER) | A_BOLD);
	str_done(&head);
	list = derwin(w, getmaxy(w) - 1, getmaxx(w), 1, 0);
	if (list) {
		ui_list_draw(&p->list, ui, list, focused);
		delwin(list);
	}
}

static void reload_pane(struct pane *p, struct ui *ui)
{
	ui_fair_reload(ui, p->data);
	ui_list_rebuild(&p->list, ui);
}

/* B: the list shows the worst off, or everyone again. */
static unsigned toggle_worst(struct pane *p, struct ui *ui)
{
	int row = ui_list_current(&p->list);
	int64_t id = row >= 0 ? row_id(ui, row) : 0;
	unsigned r;

	ui_list_remember(&p->list, ui);
	r = ui_fair_toggle(ui, p->data);
	p->list.cols = ui_fair_worst(p->data) ? worst_columns : columns;
	p->list.ncols = ui_fair_worst(p->data) ? (int)ARRAY_SIZE(worst_columns)
					       : (int)ARRAY_SIZE(columns);
	p->list.sort_col = -1;
	p->list.sort_desc = 0;
	ui_list_rebuild(&p->list, ui);
	/* Someone not among the worst off: the list starts at the worst. */
	row = ui_list_current(&p->list);
	if (row < 0 || row_id(ui, row) != id)
		p->list.cursor = p->list.top = 0;
	return r;
}

static char *check_name(struct ui *ui, struct ui_form *f, const char *t)
{
	(void)ui;
	(void)t;
	if (!*ui_form_text(f, 0) && !*ui_form_text(f, 1))
		return xstrdup("a delegate needs a first or last name");
	return NULL;
}

static char *check_email(struct ui *ui, struct ui_form *f, const char *t)
{
	if (!*t)
		return xstrdup("an email tells delegates apart; it is needed");
	if (!strchr(t, '@') || strchr(t, ' '))
		return xasprintf("'%s' does not look like an email address", t);
	if (!f->id)
		for (int i = 0; i < ui->conf.ndelegates; i++)
			if (str_ieq(ui->conf.delegates[i].email, t))
				return xasprintf("%s is already a delegate's email", t);
	return NULL;
}

/* "all" (or empty) or day numbers "1,2". */
static char *parse_days(const struct ui *ui, const char *t, unsigned *out)
{
	char *copy, *save = NULL, *msg = NULL;

	*out = 0;
	if (!*t || str_ieq(t, "all"))
		return NULL;
	copy = xstrdup(t);
	for (char *p = strtok_r(copy, ", ", &save); p && !msg; p = strtok_r(NULL, ", ", &save)) {
		long d;
		int found = 0;

		if (parse_int(p, 1, 14, &d) == 0)
			for (int i = 0; i < ui->conf.ndays; i++)
				found |= ui->conf.days[i].number == d;
		if (!found)
			msg = xasprintf("'%s' is not a day of the conference (all, or e.g. 1,2)", p);
		else
			*out |= 1u << (d - 1);
	}
	free(copy);
	return msg;
}

static char *check_days(struct ui *ui, struct ui_form *f, const char *t)
{
	unsigned d;

	(void)f;
	return parse_days(ui, t, &d);
}

/* Ranked choices: session codes, CODE:N for station N of a carousel,
 * separated by ; or ,. NULL, or what is wrong. */
static char *parse_choices(const struct ui *ui, const char *t, int **sess, int **station, int *n)
{
	char *copy = xstrdup(t), *save = NULL, *msg = NULL;

	*n = 0;
	*sess = xcalloc(strlen(t) + 1, sizeof(int));
	*station = xcalloc(strlen(t) + 1, sizeof(int));
	for (char *w = strtok_r(copy, ";,", &save); w && !msg; w = strtok_r(NULL, ";,", &save)) {
		char *colon = strchr(str_trim(w), ':');
		long k = 0;
		int s;

		if (!*w)
			continue;
		if (colon)
			*colon++ = '\0';
		if ((s = conf_session_index(&ui->conf, w)) < 0)
			msg = xasprintf("no session with the code '%s'", w);
		else if (colon && parse_int(colon, 1, 999, &k))
			msg = xasprintf("'%s': a station is a number", colon);
		else {
			(*sess)[*n] = s;
			(*station)[(*n)++] = (int)k;
		}
	}
	free(copy);
	return msg;
}

/* People by email or a unique part of the name, separated by ;. */
static char *parse_people(const struct ui *ui, const char *t, int self, int **who, int *n)
{
	char *copy = xstrdup(t), *save = NULL, *msg = NULL;
	struct error err = { 0 };

	*n = 0;
	*who = xcalloc(strlen(t) + 1, sizeof(int));
	for (char *w = strtok_r(copy, ";", &save); w && !msg; w = strtok_r(NULL, ";", &save)) {
		int d;

		if (!*str_trim(w))
			continue;
		if ((d = print_find_delegate(&ui->conf, w, &err)) < 0)
			msg = xstrdup(err.msg ? err.msg : "no such delegate");
		else if (d == self)
			msg = xstrdup("a delegate cannot be kept apart from themself");
		else
			(*who)[(*n)++] = d;
		error_clear(&err);
	}
	free(copy);
	return msg;
}

static int form_delegate(const struct ui *ui, const struct ui_form *f)
{
	return f->id ? conf_delegate_at(&ui->conf, f->id) : -1;
}

static char *check_choices(struct ui *ui, struct ui_form *f, const char *t)
{
	int *a, *b, n;
	char *msg = parse_choices(ui, t, &a, &b, &n);

	(void)f;
	free(a);
	free(b);
	return msg;
}

static char *check_apart(struct ui *ui, struct ui_form *f, const char *t)
{
	int *who, n;
	char *msg = parse_people(ui, t, form_delegate(ui, f), &who, &n);

	free(who);
	return msg;
}

/* Store the choices (ranked in order) and keep-apart pairs of delegate id. */
static enum status save_links(struct ui *ui, struct ui_form *f, int64_t id, struct error *err)
{
	int *sess, *station, *who, n, m;
	enum status st;
	char *msg = parse_choices(ui, ui_form_text(f, 9), &sess, &station, &n);

	free(msg);
	msg = parse_people(ui, ui_form_text(f, 10), form_delegate(ui, f), &who, &m);
	free(msg);
	st = preferences_clear(ui->db, id, err);
	for (int i = 0; i < n && !st; i++)
		st = preference_set(ui->db, id, ui->conf.sessions[sess[i]].id, station[i], i + 1,
				    err);
	if (!st)
		st = keep_apart_clear(ui->db, id, err);
	for (int i = 0; i < m && !st; i++)
		st = keep_apart_add(ui->db, id, ui->conf.delegates[who[i]].id, err);
	free(sess);
	free(station);
	free(who);
	return st;
}

static enum status save(struct ui *ui, struct ui_form *f, struct error *err)
{
	struct delegate d = { 0 };
	int64_t org = 0, id;
	char *extra = f->id ? delegate_extra(ui->db, f->id) : xstrdup("{}");
	char *msg, *name;
	enum status st;

	d.first_name = xstrdup(ui_form_text(f, 0));
	d.last_name = xstrdup(ui_form_text(f, 1));
	d.email = xstrdup(ui_form_text(f, 2));
	d.role = xstrdup(ui_form_text(f, 5));
	d.region = xstrdup(ui_form_text(f, 6));
	d.access = xstrdup(ui_form_text(f, 7));
	msg = parse_days(ui, ui_form_text(f, 8), &d.days);
	free(msg);
	name = delegate_name(&d);
	st = ui_form_begin(ui, f, "delegate", err);
	if (!st && *ui_form_text(f, 3))
		st = organisation_put(ui->db, ui_form_text(f, 3), ui_form_text(f, 4), &org, err);
	if (!st && f->id) /* a corrected email */
		st = delegate_set_email(ui->db, f->id, d.email, err);
	if (!st)
		st = delegate_put(ui->db, &d, org, extra, &id, NULL, err);
	if (!st)
		st = save_links(ui, f, id, err);
	if (st)
		db_rollback(ui->db);
	else
		st = db_commit(ui->db, err);
	if (!st)
		f->saved_id = id; /* the cursor goes to the row */
	if (!st)
		ui_edited(ui, ST_OK, NULL, "saved delegate %s", name);
	free(name);
	free(extra);
	free(d.first_name);
	free(d.last_name);
	free(d.email);
	free(d.role);
	free(d.region);
	free(d.access);
	return st;
}

/* A delegate's ranked choices and keep-apart partners, as the form shows them. */
static void links(struct ui *ui, const struct delegate *d, struct str *choices, struct str *apart)
{
	struct db_stmt *st;

	str_init(choices);
	str_init(apart);
	if (!d)
		return;
	st = db_prepare(ui->db,
			"SELECT s.code, p.station FROM preference p JOIN session s ON "
			"s.id = p.session_id WHERE p.delegate_id = ?1 ORDER BY p.rank, s.code");
	db_bind_int(st, 1, d->id);
	while (db_step(st) == 1) {
		str_catf(choices, "%s%s", choices->len ? "; " : "", db_col_text(st, 0));
		if (db_col_int(st, 1))
			str_catf(choices, ":%lld", (long long)db_col_int(st, 1));
	}
	db_reset(st);
	st = db_prepare(ui->db,
			"SELECT coalesce(x.email, x.first_name || ' ' || x.last_name) FROM "
			"keep_apart k JOIN delegate x ON x.id = (CASE WHEN k.a = ?1 THEN k.b "
			"ELSE k.a END) WHERE k.a = ?1 OR k.b = ?1 ORDER BY 1");
	db_bind_int(st, 1, d->id);
	while (db_step(st) == 1)
		str_catf(apart, "%s%s", apart->len ? "; " : "", db_col_text(st, 0));
	db_reset(st);
}

static unsigned form(struct ui *ui, int idx)
{
	const struct delegate *d = idx >= 0 ? &ui->conf.delegates[idx] : NULL;
	const struct organisation *o = d && d->organisation >= 0
					       ? &ui->conf.organisations[d->organisation]
					       : NULL;
	char *name = d ? delegate_name(d) : NULL;
	char *title = d ? xasprintf("Edit delegate %s", name) : xstrdup("Add a delegate");
	struct ui_form *f;
	struct str days, choices, apart;

	if (d && !*d->email) {
		ui_message(ui, 1,
			   "%s has no email, so convene cannot tell them apart from a "
			   "new delegate; import them again with an email",
			   name);
		free(name);
		free(title);
		return REDRAW_STATUS;
	}
	str_init(&days);
	if (d)
		days_format(d->days, &days);
	else
		str_cat(&days, "all");
	f = ui_form_new(title, d ? d->id : 0);
	f->table = "delegate";
	ui_form_add(f, "First name", d ? d->first_name : "", check_name, NULL);
	ui_form_add(f, "Last name", d ? d->last_name : "", check_name, NULL);
	ui_form_add(f, "Email", d ? d->email : "", check_email, "identifies the delegate");
	ui_form_add(f, "Organisation", o ? o->name : "", NULL, "added if new");
	ui_form_add(f, "Org. type", o ? o->type : "", NULL,
		    "Multi-academy trust, Local authority ...");
	ui_form_add(f, "Role", d ? d->role : "", NULL, "Headteacher, CEO ...");
	ui_form_add(f, "Region", d ? d->region : "", NULL, NULL);
	ui_form_add(f, "Access", d ? d->access : "", NULL, "step_free; hearing_loop ...");
	ui_form_add(f, "Days", days.buf, check_days, "all, or day numbers: 1,2");
	links(ui, d, &choices, &apart);
	ui_form_add(f, "Choices", choices.buf, check_choices,
		    "session codes, first choice first: W01; T04; CAR1:2 (station 2)");
	ui_form_complete(f,
			 ui_form_add(f, "Keep apart", apart.buf, check_apart,
				     "emails or names of delegates never seated with them: a; b  "
				     "^N completes"),
			 ui_complete_delegate);
	f->save = save;
	free(name);
	free(title);
	str_done(&days);
	str_done(&choices);
	str_done(&apart);
	return ui_open_form(ui, f);
}

static enum status delete_yes(struct ui *ui, int64_t id, struct error *err)
{
	return delegate_delete(ui->db, id, err);
}

/* W, answered yes: the delegate does not come. Their seats are freed and
 * waitlists promoted in one edit; whose day changed is shown. */
static enum status withdraw_yes(struct ui *ui, int64_t id, struct error *err)
{
	int d = conf_delegate_at(&ui->conf, id);

	if (d < 0)
		return error_set(err, ST_INPUT, "that delegate is no longer in the file");
	return ui_withdraw(ui, d, NULL, err);
}

static unsigned withdraw(struct ui *ui, int d)
{
	char *name = delegate_name(&ui->conf.delegates[d]);
	char *done = xasprintf("withdrew %s", name);
	unsigned r = ui_confirm(ui, withdraw_yes, ui->conf.delegates[d].id, done,
				"%s does not come: free their seats and promote from the waitlists?",
				name);

	free(name);
	free(done);
	return r;
}

/* The delegate's personal timetable, as it would be printed. */
static unsigned view_timetable(struct ui *ui, int d)
{
	struct print_data pd;
	struct print_timetable tt;
	struct error err = { 0 };
	struct str out;
	char *name;
	unsigned r;

	if (print_data_load(ui->db, &ui->conf, &pd, &err)) {
		ui_message(ui, 1, "%s", err.msg ? err.msg : "cannot read the timetable");
		error_clear(&err);
		return REDRAW_STATUS;
	}
	if (changes_mark(ui->db, &pd, &d, 1, -1, &err)) {
		ui_message(ui, 1, "%s", err.msg ? err.msg : "cannot read what changed");
		error_clear(&err);
	}
	str_init(&out);
	print_timetable_init(&tt, &pd);
	print_timetable_build(&tt, &pd, d, -1);
	print_timetable_text(&pd, &tt, &out);
	print_timetable_done(&tt);
	print_data_done(&pd);
	name = delegate_name(&ui->conf.delegates[d]);
	r = ui_view(ui, name, str_steal(&out));
	free(name);
	return r;
}

/* Print the timetable of the delegate under the cursor as a PDF beside
 * the document; the print is recorded. */
static unsigned print_pdf(struct ui *ui, int d)
{
	return ui_print_timetables(ui, &d, 1, ui->conf.delegates[d].email);
}

/* Every keep-apart pair, then every delegate's ranked choices, in one
 * viewer: the whole of what the allocators are asked to honour. */
static unsigned all_choices(struct ui *ui)
{
	struct db_stmt *st;
	struct str t;
	int pairs = 0, people = 0;
	int64_t last = 0;

	str_init(&t);
	st = db_prepare(ui->db, "SELECT x.first_name || ' ' || x.last_name, x.email, "
				"y.first_name || ' ' || y.last_name, y.email FROM keep_apart k "
				"JOIN delegate x ON x.id = k.a JOIN delegate y ON y.id = k.b "
				"ORDER BY x.last_name, x.first_name, y.last_name, y.first_name");
	str_cat(&t, "Kept apart: never at one table, station or breakout\n");
	while (db_step(st) == 1) {
		str_catf(&t, "  %s <%s>  and  %s <%s>\n", db_col_text(st, 0), db_col_text(st, 1),
			 db_col_text(st, 2), db_col_text(st, 3));
		pairs++;
	}
	db_reset(st);
	if (!pairs)
		str_cat(&t, "  (nobody)\n");
	str_cat(&t, "\nRanked choices\n");
	st = db_prepare(ui->db,
			"SELECT d.id, d.first_name || ' ' || d.last_name, d.email, p.rank, "
			"s.code, s.title, p.station FROM preference p JOIN delegate d ON "
			"d.id = p.delegate_id JOIN session s ON s.id = p.session_id ORDER BY "
			"d.last_name, d.first_name, d.id, p.rank, s.code");
	while (db_step(st) == 1) {
		if (db_col_int(st, 0) != last) {
			last = db_col_int(st, 0);
			str_catf(&t, "  %s <%s>\n", db_col_text(st, 1), db_col_text(st, 2));
			people++;
		}
		str_catf(&t, "    %lld. %s %s", (long long)db_col_int(st, 3), db_col_text(st, 4),
			 db_col_text(st, 5));
		if (db_col_int(st, 6))
			str_catf(&t, " (station %lld)", (long long)db_col_int(st, 6));
		str_cat(&t, "\n");
	}
	db_reset(st);
	if (!people)
		str_cat(&t, "  (nobody has chosen yet)\n");
	return ui_view(ui, people || pairs ? "Choices and keep-apart pairs" : "No choices yet",
		       str_steal(&t));
}

static unsigned key(struct pane *p, struct ui *ui, enum ui_action a)
{
	int s = delegate_of(ui, ui_list_current(&p->list));
	unsigned r = ui_list_key(&p->list, ui, a);
	char *name, *done;

	if (r)
		return r;
	if (a == ACT_ADD)
		return form(ui, -1);
	if (a == ACT_CHOICES)
		return all_choices(ui);
	if (a == ACT_WORST_OFF)
		return toggle_worst(p, ui);
	if (s < 0)
		return 0;
	switch (a) {
	case ACT_BREAKOUTS:
		return ui_fair_open(ui, p->data, s);
	case ACT_EDIT:
		return form(ui, s);
	case ACT_VIEW:
		return view_timetable(ui, s);
	case ACT_PRINT:
		return print_pdf(ui, s);
	case ACT_WITHDRAW:
		return withdraw(ui, s);
	case ACT_DELETE:
		name = delegate_name(&ui->conf.delegates[s]);
		done = xasprintf("deleted delegate %s", name);
		r = ui_confirm(ui, delete_yes, ui->conf.delegates[s].id, done,
			       "Delete delegate %s and their preferences?", name);
		free(name);
		free(done);
		return r;
	default:
		return 0;
	}
}

/* Enter: the delegate's form, or among the worst off their breakouts. */
static unsigned select_row(struct pane *p, struct ui *ui)
{
	int s = delegate_of(ui, ui_list_current(&p->list));

	if (s < 0)
		return 0;
	return ui_fair_worst(p->data) ? ui_fair_open(ui, p->data, s) : form(ui, s);
}

/* A click: the list of the worst off starts a line lower. */
static unsigned click(struct pane *p, struct ui *ui, int y, int x)
{
	return ui_pane_list_click(p, ui, ui_fair_worst(p->data) ? y - 1 : y, x);
}

const struct pane_ops ui_delegates_ops = {
	.name = "delegates",
	.title = "Delegates",
	.flags = PANE_LIST | PANE_EDIT | PANE_SIDE,
	.open = open_pane,
	.draw = draw,
	.key = key,
	.select = select_row,
	.reload = reload_pane,
	.click = click,
	.close = close_pane,
};
