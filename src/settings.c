/* The settings table and its reader. libconfig parses the file; this module
 * walks every setting in it, matches it against the table, checks type and
 * range, and keeps the value as text beside the key. */
#include "convene/settings.h"

#include <errno.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct settings_key settings_keys[] = {
	{ "solver.time_limit", SETTING_FLOAT, "10", 0.05, 3600,
	  "seconds a solver may run before it returns the best plan found" },
	{ "solver.seed", SETTING_INT, "1", 0, 2147483647,
	  "seed of the solvers' random choices; the same seed gives the same plan" },
	{ "allocation.objective", SETTING_STRING, "total", 0, 0,
	  "what makes a breakout allocation fairest: total, greedy or generous" },
	{ "allocation.minimum", SETTING_INT, "0", 0, 100000,
	  "the fewest delegates a breakout runs with unless it sets its own; 0: no minimum" },
	{ "allocation.priority", SETTING_INT, "0", 0, 99,
	  "places a breakout moves up the lists of the priority groups its audience names" },
	{ "weights.track_clash", SETTING_INT, "20", 0, 100000,
	  "cost of two sessions of one track in parallel" },
	{ "weights.audience_clash", SETTING_INT, "30", 0, 100000,
	  "cost of two sessions for one audience (headteachers, ...) in parallel" },
	{ "weights.preference_clash", SETTING_INT, "1", 0, 100000,
	  "cost per delegate who ranked two sessions that run in parallel" },
	{ "weights.room_size", SETTING_INT, "5", 0, 100000,
	  "cost of a popular session in a small room or a small one lost in a hall" },
	{ "weights.speaker_rooms", SETTING_INT, "3", 0, 100000,
	  "cost per extra room a speaker has to go to" },
	{ "weights.speaker_days", SETTING_INT, "10", 0, 100000,
	  "cost per extra day a speaker has to come" },
	{ "weights.time_tags", SETTING_INT, "10", 0, 100000,
	  "cost of a session at an undesired time or not at a preferred one" },
	{ "weights.room_tags", SETTING_INT, "10", 0, 100000,
	  "cost of a session in a room of an undesired kind or not of a preferred one" },
	{ "weights.move_time", SETTING_INT, "50", 0, 100000,
	  "cost of moving a published session to another time" },
	{ "weights.move_room", SETTING_INT, "10", 0, 100000,
	  "cost of moving a published session to another room" },
	{ "weights.cafe_same_organisation", SETTING_INT, "100", 0, 100000,
	  "cost of two people of one organisation at one cafe table" },
	{ "weights.cafe_mixing", SETTING_INT, "1", 0, 100000,
	  "cost of a cafe table that mixes organisation types and roles unevenly" },
	{ "weights.carousel_colleagues", SETTING_INT, "1", 0, 100000,
	  "cost of colleagues at one carousel station in one rotation" },
	{ "file.wait_seconds", SETTING_FLOAT, "60", 0, 86400,
	  "seconds an edit waits for another organiser's edit to finish before it gives up" },
	{ "onday.now", SETTING_STRING, "", 0, 0,
	  "the day and time it is for on-the-day re-plans, \"1 10:30\"; empty: the clock" },
	{ "onday.time_limit", SETTING_FLOAT, "5", 0.05, 3600,
	  "seconds an on-the-day re-plan may search" },
	{ "onday.steps", SETTING_INT, "400000", 0, 2147483647,
	  "search steps of an on-the-day re-plan, so that it gives the same plan on any machine" },
	{ "notice.from", SETTING_STRING, "", 0, 0,
	  "the address change notices come from (mbox); empty: convene@localhost" },
	{ "ui.colour", SETTING_BOOL, "true", 0, 1, "use colours where the terminal has them" },
	{ "ui.mouse", SETTING_BOOL, "true", 0, 1, "use the mouse where the terminal reports it" },
	{ "ui.refresh_ms", SETTING_INT, "500", 50, 10000,
	  "how often the screen looks for changes made by another organiser" },
	{ "colours.*", SETTING_STRING, "", 0, 0,
	  "a colour for an element: \"FOREGROUND BACKGROUND\" with names such as red, default" },
	{ "keys.*", SETTING_STRING, "", 0, 0,
	  "a key for an action: keys.quit = \"q\"; see the help screen for action names" },
	{ NULL, SETTING_INT, NULL, 0, 0, NULL },
};

struct extra {
	char *name;
	char *value;
};

struct settings {
	char **values; /* one per row of settings_keys */
	struct extra *extras;
	int nextras;
};

static int key_count(void)
{
	int n = 0;

	while (settings_keys[n].name)
		n++;
	return n;
}

struct settings *settings_new(void)
{
	struct settings *cfg = xcalloc(1, sizeof(*cfg));
	int n = key_count();

	cfg->values = xcalloc((size_t)n, sizeof(char *));
	for (int i = 0; i < n; i++)
		cfg->values[i] = xstrdup(settings_keys[i].def);
	return cfg;
}

void settings_free(struct settings *cfg)
{
	int n = key_count();

	if (!cfg)
		return;
	for (int i = 0; i < n; i++)
		free(cfg->values[i]);
	for (int i = 0; i < cfg->nextras; i++) {
		free(cfg->extras[i].name);
		free(cfg->extras[i].value);
	}
	free(cfg->extras);
	free(cfg->values);
	free(cfg);
}

char *settings_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg)
		return xasprintf("%s/convene/convene.cfg", xdg);
	return xasprintf("%s/.config/convene/convene.cfg", home && *home ? home : ".");
}

static int find_key(const char *name, int *wild)
{
	*wild = 0;
	for (int i = 0; settings_keys[i].name; i++) {
		const char *k = settings_keys[i].name;
		size_t n = strlen(k);

		if (strcmp(k, name) == 0)
			return i;
		if (n > 2 && strcmp(k + n - 2, ".*") == 0 && strncmp(k, name, n - 1) == 0 &&
		    name[n - 1] != '\0') {
			*wild = 1;
			return i;
		}
	}
	return -1;
}

static void set_extra(struct settings *cfg, const char *name, const char *value)
{
	for (int i = 0; i < cfg->nextras; i++) {
		if (strcmp(cfg->extras[i].name, name) == 0) {
			free(cfg->extras[i].value);
			cfg->extras[i].value = xstrdup(value);
			return;
		}
	}
	cfg->extras = xreallocarray(cfg->extras, (size_t)cfg->nextras + 1, sizeof(*cfg->extras));
	cfg->extras[cfg->nextras].name = xstrdup(name);
	cfg->extras[cfg->nextras].value = xstrdup(value);
	cfg->nextras++;
}

/* The values a string setting may take, where they are few. */
static const struct {
	const char *name;
	const char *choices; /* separated by ", " */
} string_choices[] = {
	{ "allocation.objective", "total, greedy, generous" },
};

static const char *choices_of(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(string_choices); i++)
		if (strcmp(string_choices[i].name, name) == 0)
			return string_choices[i].choices;
	return NULL;
}

/* Whether value is allowed for the string setting name. */
static int one_of(const char *name, const char *value)
{
	const char *c = choices_of(name);
	size_t n = strlen(value);

	while (c && *c) {
		size_t len = strcspn(c, ",");

		if (len == n && strncmp(c, value, n) == 0)
			return 1;
		c += len;
		c += strspn(c, ", ");
	}
	return c == NULL;
}

/* Check one scalar setting against its key and keep its value as text. */
static enum status take(struct settings *cfg, const char *path, const char *name,
			config_setting_t *s, struct error *err)
{
	int wild, i = find_key(name, &wild), line = config_setting_source_line(s);
	const struct settings_key *k;
	int type = config_setting_type(s);
	double v = 0;
	char buf[64];

	if (i < 0)
		return ST_PROBLEM;
	k = &settings_keys[i];
	if (k->type == SETTING_STRING) {
		if (type != CONFIG_TYPE_STRING)
			return error_set(err, ST_INPUT, "%s:%d: %s: a quoted string is wanted",
					 path, line, name);
		if (!one_of(name, config_setting_get_string(s)))
			return error_set(err, ST_INPUT, "%s:%d: %s: '%s' is not one of %s", path,
					 line, name, config_setting_get_string(s), choices_of(name));
		if (wild)
			set_extra(cfg, name, config_setting_get_string(s));
		else {
			free(cfg->values[i]);
			cfg->values[i] = xstrdup(config_setting_get_string(s));
		}
		return ST_OK;
	}
	if (k->type == SETTING_BOOL) {
		if (type != CONFIG_TYPE_BOOL)
			return error_set(err, ST_INPUT, "%s:%d: %s: true or false is wanted", path,
					 line, name);
		free(cfg->values[i]);
		cfg->values[i] = xstrdup(config_setting_get_bool(s) ? "true" : "false");
		return ST_OK;
	}
	if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)
		v = (double)config_setting_get_int64(s);
	else if (type == CONFIG_TYPE_FLOAT && k->type == SETTING_FLOAT)
		v = config_setting_get_float(s);
	else
		return error_set(err, ST_INPUT, "%s:%d: %s: %s is wanted", path, line, name,
				 k->type == SETTING_INT ? "a whole number" : "a number");
	if (v < k->min || v > k->max)
		return error_set(err, ST_INPUT, "%s:%d: %s: %g is not from %g to %g", path, line,
				 name, v, k->min, k->max);
	snprintf(buf, sizeof(buf), k->type == SETTING_INT ? "%.0f" : "%.17g", v);
	free(cfg->values[i]);
	cfg->values[i] = xstrdup(buf);
	return ST_OK;
}

static enum status walk(struct settings *cfg, const char *path, config_setting_t *group,
			const char *prefix, struct str *warnings, struct error *err)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
		const char *leaf = config_setting_name(s);
		char *name = xasprintf("%s%s%s", prefix, *prefix ? "." : "", leaf ? leaf : "?");
		enum status st;

		if (config_setting_is_group(s))
			st = walk(cfg, path, s, name, warnings, err);
		else
			st = take(cfg, path, name, s, err);
		if (st == ST_PROBLEM) {
			if (warnings)
				str_catf(warnings, "%s:%d: unknown setting '%s' is ignored\n", path,
					 config_setting_source_line(s), name);
			st = ST_OK;
		}
		free(name);
		if (st)
			return st;
	}
	return ST_OK;
}

enum status settings_read(struct settings *cfg, const char *path, int optional,
			  struct str *warnings, struct error *err)
{
	config_t lc;
	enum status st;

	if (optional && access(path, F_OK) != 0)
		return ST_OK;
	config_init(&lc);
	if (!config_read_file(&lc, path)) {
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			st = error_set(err, ST_INPUT, "%s: cannot read: %s", path, strerror(errno));
		else
			st = error_set(err, ST_INPUT, "%s:%d: %s", path, config_error_line(&lc),
				       config_error_text(&lc));
		config_destroy(&lc);
		return st;
	}
	st = walk(cfg, path, config_root_setting(&lc), "", warnings, err);
	config_destroy(&lc);
	return st;
}

static int key_index(const char *name)
{
	int wild, i = find_key(name, &wild);

	if (i < 0 || wild)
		die("no setting called '%s'", name);
	return i;
}

long settings_int(const struct settings *cfg, const char *name)
{
	return strtol(cfg->values[key_index(name)], NULL, 10);
}

double settings_float(const struct settings *cfg, const char *name)
{
	return strtod(cfg->values[key_index(name)], NULL);
}

int settings_bool(const struct settings *cfg, const char *name)
{
	return strcmp(cfg->values[key_index(name)], "true") == 0;
}

const char *settings_string(const struct settings *cfg, const char *name)
{
	return cfg->values[key_index(name)];
}

const char *settings_extra(const struct settings *cfg, const char *name)
{
	for (int i = 0; i < cfg->nextras; i++)
		if (strcmp(cfg->extras[i].name, name) == 0)
			return cfg->extras[i].value;
	return NULL;
}

void settings_describe(struct str *out)
{
	static const char *const types[] = { "integer", "number", "true/false", "string" };

	for (int i = 0; settings_keys[i].name; i++) {
		const struct settings_key *k = &settings_keys[i];

		str_catf(out, "%s (%s", k->name, types[k->type]);
		if (k->type == SETTING_INT || k->type == SETTING_FLOAT)
			str_catf(out, ", %g to %g", k->min, k->max);
		if (*k->def)
			str_catf(out, ", default %s", k->def);
		str_catf(out, ")\n    %s\n", k->help);
	}
}

int settings_read_default(struct settings *cfg, const char *who)
{
	char *path = settings_default_path();
	struct error err = { 0 };
	struct str warn;
	int rc = 0;

	str_init(&warn);
	if (settings_read(cfg, path, 1, &warn, &err)) {
		fprintf(stderr, "convene%s%s: %s\n", who ? " " : "", who ? who : "", err.msg);
		error_clear(&err);
		rc = -1;
	}
	if (warn.len)
		fputs(warn.buf, stderr);
	str_done(&warn);
	free(path);
	return rc;
}
