/* Telling the delegates whose day changed: one message each, from the one
 * comparison of changes.h, as an mbox (RFC 5322 messages in the mboxrd
 * manner, MIME multipart: the change in plain text and the delegate's
 * updated calendar attached as text/calendar) or as CSV for a mail merge.
 * Header text is encoded (RFC 2047) where it is not ASCII and never
 * carries a control character from the file. */
#ifndef CONVENE_NOTICE_H
#define CONVENE_NOTICE_H

#include <stdint.h>
#include <time.h>

#include "convene/db.h"
#include "convene/util.h"

struct notice_options {
	const char *from; /* the sender's address; NULL or "": convene@localhost */
	time_t now;       /* the Date of the messages */
};

/* An mbox with a message to each delegate affected by the edits after
 * edit since; *count gets how many. */
enum status notice_mbox(struct db *db, int64_t since, const struct notice_options *o,
			struct str *out, int *count, struct error *err);
/* The same as CSV: Email, Name, First name, Changes (one sentence a
 * line), Count. */
enum status notice_csv(struct db *db, int64_t since, struct str *out, int *count, struct error *err);
/* Record in the journal that notices for the changes after since were
 * sent (an edit of its own, noted 'notice'). */
enum status notice_record(struct db *db, int64_t since, int count, struct error *err);
/* The edit that recorded the latest notices (0: none were sent): what
 * `--changed-since last-notice` starts from. */
int64_t notice_last(struct db *db);

#endif
