/* The conference model: validated edits of each entity through db, and a
 * snapshot of the whole conference in plain arrays for checking, listing,
 * solving and printing. Indices in a snapshot refer to its own arrays;
 * ids are the rows in the file. */
#ifndef CONVENE_MODEL_H
#define CONVENE_MODEL_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/util.h"

enum session_kind {
	KIND_KEYNOTE,
	KIND_TALK,
	KIND_PANEL,
	KIND_WORKSHOP,
	KIND_CAROUSEL,
	KIND_WORLD_CAFE,
	KIND_BREAK,
	KIND_MEAL,
	KIND_NETWORKING,
	KIND_PLENARY,
	KIND_COUNT
};

/* The stored name of a kind ("world_cafe"). */
const char *kind_name(enum session_kind kind);
/* A kind from its name or a common synonym ("World Cafe", "lunch"); -1 if none. */
int kind_parse(const char *text);
/* Whether delegates choose among sessions of this kind (breakouts). */
int kind_is_breakout(enum session_kind kind);
/* Whether sessions of this kind hold the whole conference (break, meal...). */
int kind_is_common(enum session_kind kind);

/* Minutes after the midnight a day begins: a day may run past the next
 * midnight up to this (a congress's evening programme ends at 03:00). */
#define DAY_MINUTES_MAX (48 * 60)

/* A period a room or speaker cannot be used: day index and minutes. */
struct period {
	int day;
	int start;
	int end;
};

struct event_info {
	char *name;
	char *venue;
	char *timezone;
	int slot_minutes;
	char *uuid; /* this conference's own, made with the file; read only */
};

struct day {
	int64_t id;
	int number;
	char *date;
	int start;
	int end;
};

struct room {
	int64_t id;
	char *name;
	int capacity;
	int step_free;
	char *features; /* semicolon-separated words */
	int cafe_tables;
	char *tags; /* kinds of room ("hall;quiet"); NULL keeps the stored ones */
	struct period *unavailable;
	int nunavailable;
};

struct speaker {
	int64_t id;
	char *name;
	char *title;
	char *honours;
	char *organisation;
	char *email;
	/* Time and room tags: semicolon words, "!word" for undesired; NULL keeps
	 * the stored ones. Pause: minutes between two sessions, -1 keeps. */
	char *time_tags;
	char *room_tags;
	int pause;
	struct period *unavailable;
	int nunavailable;
};

struct session {
	int64_t id;
	char *code;
	char *title;
	enum session_kind kind;
	int duration;
	int capacity; /* -1: no cap */
	char *audience;
	char *track;
	char *features;  /* required room features */
	char *time_tags; /* "opening;!afternoon"; NULL keeps the stored ones */
	char *room_tags; /* "hall"; NULL keeps the stored ones */
	/* As a frab schedule or the sessions file gives them; NULL keeps the
	 * stored ones. frab_type is the schedule's own word ("devroom"). */
	char *description;
	char *abstract;
	char *subtitle;
	char *language;
	char *frab_type;
	char *guid;
	int pinned;
	int *speakers; /* indices into conf.speakers */
	int nspeakers;
	/* Placement: day < 0 when not placed. */
	int day;
	int start;
	int room;
	/* Derived: delegates who ranked it, and whether any of them needs step-free access. */
	int demand;
	int needs_step_free;
	int minimum;     /* its own minimum size; -1: the default */
	char *cancelled; /* why it is cancelled; NULL while it runs */
	int called_off;  /* cancelled by the organiser: no allocation runs it again */
};

struct organisation {
	int64_t id;
	char *name;
	char *type;
};

struct delegate {
	int64_t id;
	char *first_name;
	char *last_name;
	char *email;
	int organisation; /* index, -1 none */
	char *role;
	char *region;
	char *access;  /* semicolon-separated needs: step_free; hearing_loop ... */
	unsigned days; /* bit d set: attends day number d + 1; 0: every day */
	char *diet;    /* dietary needs as given; NULL keeps the stored ones */
	char *ticket;  /* the registration system's ticket; NULL keeps the stored one */
	int must;      /* index into conf.sessions of the choice they must have, -1 none */
};

/* Why a delegate is due at a session (bits of struct due). */
enum due_how {
	DUE_ALLOCATED = 1,     /* a breakout they were given */
	DUE_SEATED = 2,        /* a cafe table in some round */
	DUE_ROTATING = 4,      /* a carousel station in some rotation */
	DUE_HOSTS_TABLE = 8,   /* a cafe table they host */
	DUE_HOSTS_STATION = 16 /* a carousel station they host */
};

/* A delegate due at a session, and why. */
struct due {
	int delegate; /* index into conf.delegates */
	int session;  /* index into conf.sessions */
	unsigned how; /* enum due_how bits */
};

/* A slot of the grid on a day (index into conf.days). */
struct slot {
	int day;
	int start;
	int end;
};

/* A delegate who ranked a session. */
struct chosen {
	int delegate;
	int session;
};

/* The whole conference, read in one transaction. */
struct conf {
	struct event_info event;
	struct day *days;
	int ndays;
	struct room *rooms;
	int nrooms;
	struct speaker *speakers;
	int nspeakers;
	struct session *sessions;
	int nsessions;
	struct organisation *organisations;
	int norganisations;
	struct delegate *delegates;
	int ndelegates;
	struct due *due; /* sorted by delegate, then session */
	int ndue;
	struct slot *slots;
	int nslots;
	struct chosen *chosen; /* distinct, sorted by delegate, then session */
	int nchosen;
	/* Sessions cancelled (below their minimum): kept apart from sessions,
	 * so that no timetable, rule or solver sees them; lists show them. */
	struct session *cancelled;
	int ncancelled;
};

/* Read the conference from the file into c. */
enum status conf_load(struct db *db, struct conf *c, struct error *err);
void conf_done(struct conf *c);
/* Whether delegate d attends day index k of the conference. */
int conf_attends(const struct conf *c, const struct delegate *d, int k);
/* Sessions the whole conference attends rather than chooses: keynotes,
 * plenaries, breaks, meals and networking. */
int session_for_everyone(const struct session *s);
/* Index of the day, room, session or delegate with that id; -1 if none. */
int conf_day_index(const struct conf *c, int64_t id);
int conf_room_index(const struct conf *c, int64_t id);
int conf_session_index(const struct conf *c, const char *code);
/* The minutes of round r (1-based) of a session split into n rounds, or,
 * with len > 0, of rotation r when each rotation takes len minutes. */
void session_round_times(const struct session *s, int r, int n, int len, int *start, int *end);
/* The first round (1-based) of a placed session of n rounds (rotations of
 * len minutes) that has not begun at minute now of day number now_day; 1
 * when now_day is 0 (before the event) or the session is not placed, n + 1
 * when every round has begun. */
int session_round_to_come(const struct conf *c, const struct session *s, int n, int len,
			  int now_day, int now);
/* Index into conf.cancelled of the cancelled session with that code; -1 if none. */
int conf_cancelled_index(const struct conf *c, const char *code);
/* Index of the speaker, session or delegate with that id (rows are read in
 * id order, so this is a binary search); -1 if none. */
int conf_speaker_at(const struct conf *c, int64_t id);
int conf_session_at(const struct conf *c, int64_t id);
int conf_delegate_at(const struct conf *c, int64_t id);
/* Whether a semicolon list contains word (case-insensitive). */
int tags_have(const char *tags, const char *word);
/* The delegate's display name, "First Last" (allocated). */
char *delegate_name(const struct delegate *d);
/* A speaker's name with title and honours (allocated). */
char *speaker_full_name(const struct speaker *s);

/* Edits. Each runs as one journalled transaction, or inside the caller's. */
enum status event_set(struct db *db, const struct event_info *ev, struct error *err);
enum status day_set(struct db *db, int number, const char *date, int start, int end,
		    struct error *err);
/* Remove day number n; refused while sessions are placed on it. */
enum status day_delete(struct db *db, int number, struct error *err);
/* The id of day number n (1-based); 0 if there is none. */
int64_t day_id(struct db *db, int number);

/* Correct the key of an existing row: a room's name, a session's code, a
 * speaker's or delegate's email; ST_INPUT when another row has it. */
enum status room_rename(struct db *db, int64_t id, const char *name, struct error *err);
enum status session_recode(struct db *db, int64_t id, const char *code, struct error *err);
enum status speaker_set_email(struct db *db, int64_t id, const char *email, struct error *err);
enum status delegate_set_email(struct db *db, int64_t id, const char *email, struct error *err);

/* Add or update a room by name; *id receives its id. */
enum status room_put(struct db *db, const struct room *r, int64_t *id, struct error *err);
int64_t room_id(struct db *db, const char *name);
enum status room_unavailable_add(struct db *db, int64_t room, int64_t day, int start, int end,
				 struct error *err);
enum status room_delete(struct db *db, int64_t id, struct error *err);
/* Remove every unavailable period of a room. */
enum status room_unavailable_clear(struct db *db, int64_t room, struct error *err);

/* Add or update a speaker by email (or by name when there is no email). */
enum status speaker_put(struct db *db, const struct speaker *s, int64_t *id, struct error *err);
int64_t speaker_find(struct db *db, const char *email_or_name);
enum status speaker_unavailable_add(struct db *db, int64_t speaker, int64_t day, int start, int end,
				    struct error *err);
/* Replace a speaker's unavailable periods with none. */
enum status speaker_unavailable_clear(struct db *db, int64_t speaker, struct error *err);

/* Add or update a session by code (speakers and placement are separate). */
enum status session_put(struct db *db, const struct session *s, int64_t *id, struct error *err);
int64_t session_id(struct db *db, const char *code);
enum status session_speakers_clear(struct db *db, int64_t session, struct error *err);
enum status session_speaker_add(struct db *db, int64_t session, int64_t speaker, struct error *err);
/* Delete a session, a speaker or a delegate with what hangs on them. */
enum status session_delete(struct db *db, int64_t id, struct error *err);
enum status speaker_delete(struct db *db, int64_t id, struct error *err);
enum status delegate_delete(struct db *db, int64_t id, struct error *err);
/* Place a session (day, start minute, room), replacing any placement. */
enum status placement_set(struct db *db, int64_t session, int64_t day, int start, int64_t room,
			  struct error *err);
enum status placement_clear(struct db *db, int64_t session, struct error *err);

/* The id of an organisation, added if new; the type is updated when given. */
enum status organisation_put(struct db *db, const char *name, const char *type, int64_t *id,
			     struct error *err);

/* Add or update a delegate by email; extra is a JSON object of other answers. */
enum status delegate_put(struct db *db, const struct delegate *d, int64_t organisation,
			 const char *extra, int64_t *id, int *created, struct error *err);
int64_t delegate_find(struct db *db, const char *email);
/* The delegate holding a ticket (a registration system's reference); 0 if none. */
int64_t delegate_find_ticket(struct db *db, const char *ticket);
/* A delegate's answers to custom questions, as JSON text (allocated). */
char *delegate_extra(struct db *db, int64_t id);
enum status preference_set(struct db *db, int64_t delegate, int64_t session, int station, int rank,
			   struct error *err);
enum status keep_apart_add(struct db *db, int64_t a, int64_t b, struct error *err);
/* Mark the one choice a delegate must have (session 0: none); it must be
 * one of their ranked breakout choices. */
enum status must_set(struct db *db, int64_t delegate, int64_t session, struct error *err);
/* A session's minimum size: fewer delegates cancel it (people < 0: the default). */
enum status session_minimum_set(struct db *db, int64_t session, int people, struct error *err);
/* Remove every ranked choice of a delegate, or every keep-apart pair they are in. */
enum status preferences_clear(struct db *db, int64_t delegate, struct error *err);
enum status keep_apart_clear(struct db *db, int64_t delegate, struct error *err);

enum status carousel_set(struct db *db, int64_t session, int rotations, int rotation_min,
			 struct error *err);

struct station_in {
	int number;
	const char *topic;
	int64_t host_speaker;  /* 0: none */
	int64_t host_delegate; /* 0: none */
	const char *place;
	int capacity;
	int everyone;
	unsigned skip; /* bit r set: does not run in rotation r + 1 */
};
enum status station_put(struct db *db, int64_t carousel, const struct station_in *s,
			struct error *err);
enum status cafe_set(struct db *db, int64_t session, int tables, int seats, int rounds,
		     struct error *err);
/* Remove a carousel's stations or a cafe's tables numbered above n. */
enum status stations_trim(struct db *db, int64_t carousel, int n, struct error *err);
enum status cafe_tables_trim(struct db *db, int64_t cafe, int n, struct error *err);

struct cafe_table_in {
	int number;
	int seats;
	int64_t host_delegate; /* 0: none */
	const char *question;
	int step_free;
};
enum status cafe_table_put(struct db *db, int64_t cafe, const struct cafe_table_in *t,
			   struct error *err);

#endif
