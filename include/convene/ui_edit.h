/* Edits the screen needs that the model does not offer yet: deleting a
 * session, speaker or delegate, clearing a room's unavailable periods, and
 * reading a delegate's extra answers so an edit keeps them. No curses here;
 * each runs as one journalled edit, or inside the caller's. These belong in
 * model.c and can move there as they are. */
#ifndef CONVENE_UI_EDIT_H
#define CONVENE_UI_EDIT_H

#include <stdint.h>

#include "convene/db.h"
#include "convene/util.h"

enum status ui_edit_session_delete(struct db *db, int64_t id, struct error *err);
enum status ui_edit_speaker_delete(struct db *db, int64_t id, struct error *err);
enum status ui_edit_delegate_delete(struct db *db, int64_t id, struct error *err);
enum status ui_edit_room_unavailable_clear(struct db *db, int64_t room, struct error *err);
/* A delegate's extra answers as JSON text (allocated; "{}" if none). */
char *ui_edit_delegate_extra(struct db *db, int64_t id);

#endif
