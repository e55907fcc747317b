/* The user's settings ($XDG_CONFIG_HOME/convene/convene.cfg), read by
 * libconfig through one table of keys, each with a type, a default, a range
 * and help. Errors name the file and line; unknown keys warn. */
#ifndef CONVENE_SETTINGS_H
#define CONVENE_SETTINGS_H

#include "convene/util.h"

enum settings_type {
	SETTING_INT,
	SETTING_FLOAT,
	SETTING_BOOL,
	SETTING_STRING,
};

struct settings_key {
	const char *name; /* "solver.seed"; a trailing ".*" takes any name below */
	enum settings_type type;
	const char *def;
	double min;
	double max;
	const char *help;
};

/* The table of every setting, ending with a row whose name is NULL. */
extern const struct settings_key settings_keys[];

struct settings;

/* Settings at their defaults. */
struct settings *settings_new(void);
void settings_free(struct settings *cfg);
/* Read a settings file over the current values; warnings (unknown keys)
 * are appended to *warnings, one per line. A missing file is not an error
 * when optional is set. */
enum status settings_read(struct settings *cfg, const char *path, int optional,
			  struct str *warnings, struct error *err);
/* Read the user's settings file if there is one; problems are printed on
 * stderr as warnings and the defaults stay. Returns 0, or -1 on an error. */
int settings_read_default(struct settings *cfg, const char *who);
/* The default path: $XDG_CONFIG_HOME/convene/convene.cfg or ~/.config/... */
char *settings_default_path(void);
/* Values by name; asking for a name not in the table is a bug. */
long settings_int(const struct settings *cfg, const char *name);
double settings_float(const struct settings *cfg, const char *name);
int settings_bool(const struct settings *cfg, const char *name);
const char *settings_string(const struct settings *cfg, const char *name);
/* A value set under a wildcard key ("keys.quit"); NULL when not set. */
const char *settings_extra(const struct settings *cfg, const char *name);
/* Write the reference of every key (name, type, default, range, help). */
void settings_describe(struct str *out);

#endif
