/* Edits missing from the model, written the way model.c writes its own:
 * a prepared statement with bound values inside one journalled edit. */
#include "convene/ui_edit.h"

/* Run sql with id bound as ?1 as one edit (or inside the caller's). */
static enum status run_one(struct db *db, const char *sql, int64_t id, const char *what,
			   struct error *err)
{
	int own = !db_in_edit(db);
	struct db_stmt *st;

	if (own && db_begin(db, what, err))
		return ST_IO;
	st = db_prepare(db, sql);
	db_bind_int(st, 1, id);
	if (db_run(st)) {
		enum status s = error_set(err, db_err_is_constraint(db) ? ST_INPUT : ST_IO,
					  "%s: %s", what, db_errmsg(db));

		if (own)
			db_rollback(db);
		return s;
	}
	return own ? db_commit(db, err) : ST_OK;
}

enum status ui_edit_session_delete(struct db *db, int64_t id, struct error *err)
{
	return run_one(db, "DELETE FROM session WHERE id = ?1", id, "delete a session", err);
}

enum status ui_edit_speaker_delete(struct db *db, int64_t id, struct error *err)
{
	return run_one(db, "DELETE FROM speaker WHERE id = ?1", id, "delete a speaker", err);
}

enum status ui_edit_delegate_delete(struct db *db, int64_t id, struct error *err)
{
	return run_one(db, "DELETE FROM delegate WHERE id = ?1", id, "delete a delegate", err);
}

enum status ui_edit_room_unavailable_clear(struct db *db, int64_t room, struct error *err)
{
	return run_one(db, "DELETE FROM room_unavailable WHERE room_id = ?1", room,
		       "clear unavailable periods", err);
}

char *ui_edit_delegate_extra(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT extra FROM delegate WHERE id = ?1");
	char *extra;

	db_bind_int(st, 1, id);
	extra = xstrdup(db_step(st) == 1 ? db_col_text(st, 0) : "{}");
	db_reset(st);
	return extra;
}
