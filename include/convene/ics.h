/* iCalendar through libical: one VCALENDAR per delegate, or the whole
 * programme, with the event's time zone as TZID and a VTIMEZONE from
 * libical's built-in zone data, so the file imports into phone calendars.
 * UIDs are this conference's own (its UUID is in them) and stable per
 * delegate and session; SEQUENCE is the latest edit that changed the
 * entry, read from the journal, so it rises whenever the session, its
 * place, speakers, room or day, the event's time zone, or the delegate's
 * seats in it change, and a calendar that already holds the entry takes
 * the new one. */
#ifndef CONVENE_ICS_H
#define CONVENE_ICS_H

#include "convene/print.h"
#include "convene/util.h"

/* When each entry last changed, for SEQUENCE. */
struct ics_seq;

/* Read when each session of c last changed from the journal of db (which
 * must stay open while it is used). */
struct ics_seq *ics_seq_load(struct db *db, const struct conf *c);
void ics_seq_free(struct ics_seq *q);
/* Append delegate tt->delegate's timetable as one VCALENDAR to out; q may
 * be NULL (every SEQUENCE is then 0). */
enum status ics_timetable(const struct print_data *pd, const struct ics_seq *q,
			  const struct print_timetable *tt, struct str *out, struct error *err);
/* Append every placed session as one VCALENDAR to out. */
enum status ics_programme(const struct conf *c, const struct ics_seq *q, struct str *out,
			  struct error *err);
/* A file name for a delegate's calendar, from the email, that no other
 * delegate's can have: letters lower-cased, every byte but a-z, 0-9, '.',
 * '-' and '@' written %XX ("anna%2bconf@x.example.ics"). */
char *ics_file_name(const struct delegate *d);

#endif
