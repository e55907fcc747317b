/* Answers as registration systems and forms give them: which days a
 * delegate comes, whether a ticket still holds a place, access and dietary
 * needs. Each reads what people and systems actually write ("Day two
 * only", "Thursday", "11 March", "Checked In", "N/A") and says so when it
 * cannot, rather than guessing. Pure functions: no file, no SQLite. */
#ifndef CONVENE_ANSWERS_H
#define CONVENE_ANSWERS_H

#include "convene/util.h"

#define ANSWER_MAX_DAYS 14

/* The event's days, to read day answers against. */
struct event_days {
	int n;
	int number[ANSWER_MAX_DAYS];
	int year[ANSWER_MAX_DAYS], month[ANSWER_MAX_DAYS], mday[ANSWER_MAX_DAYS];
	int wday[ANSWER_MAX_DAYS]; /* 0 Sunday .. 6 Saturday */
};

/* Add day number with its date "YYYY-MM-DD"; -1 if there is no room or
 * the date is not one. */
int answer_days_add(struct event_days *ed, int number, const char *date);
/* Which days an answer names ("Day 1", "day two", "Thursday", "11 March",
 * "11/03", "both", "all", "Two-day delegate", "1;2"): *days is 0 for every
 * day, else bit d - 1 for day number d. Words it does not know are passed
 * over ("Day 1 only, Main Hall"), but an answer naming no day, or a day or
 * date the event does not have, is -1 with the reason in why. */
int answer_days(const struct event_days *ed, const char *text, unsigned *days, struct str *why);

enum ticket_state {
	TICKET_ATTENDING,
	TICKET_CANCELLED,
	TICKET_REFUNDED,
	TICKET_VOID,
	TICKET_TRANSFERRED,
	TICKET_STATES
};

/* What a status column says of a ticket ("Attending", "Checked In",
 * "Valid", "Refunded", "Void", "Transferred"; empty is attending); -1 for a
 * word it does not know. */
int answer_ticket(const char *status);
/* "cancelled", "refunded"... */
const char *answer_ticket_name(enum ticket_state st);
/* The words answer_ticket knows for attending and for not attending. */
const char *answer_ticket_words(void);

/* Access needs as semicolon tags: "None", "N/A", "No" are none; a
 * wheelchair, steps, a lift or mobility become step_free, hearing or a
 * loop hearing_loop; anything else is kept as a tag (allocated). */
char *answer_access(const char *text);
/* Dietary needs as given, "" when the answer says there are none
 * (allocated). */
char *answer_diet(const char *text);

#endif
