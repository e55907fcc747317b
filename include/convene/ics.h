/* iCalendar through libical: one VCALENDAR per delegate, or the whole
 * programme, with the event's time zone as TZID and a VTIMEZONE from
 * libical's built-in zone data, so the file imports into phone calendars.
 * UIDs are stable per delegate and session. */
#ifndef CONVENE_ICS_H
#define CONVENE_ICS_H

#include "convene/print.h"
#include "convene/util.h"

/* Append delegate tt->delegate's timetable as one VCALENDAR to out. */
enum status ics_timetable(const struct print_data *pd, const struct print_timetable *tt,
			  struct str *out, struct error *err);
/* Append every placed session as one VCALENDAR to out. */
enum status ics_programme(const struct conf *c, struct str *out, struct error *err);
/* A file name for a delegate's calendar, from the email ("ann_lee_x.example.ics"). */
char *ics_file_name(const struct delegate *d);

#endif
