/* The history of the file on the screen: every edit, newest first, who
 * made it and when, and which of them undo and redo would act on. The
 * states come from journal_history, which reads them the way undo does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "convene/journal.h"
#include "convene/ui_pane.h"

#define HISTORY_EDITS 500

/* "2026-12-02T08:01:02.123Z" as "2026-12-02 08:01". */
static void when(const char *at, char out[17])
{
	snprintf(out, 17, "%.16s", at);
	if (strlen(out) > 10)
		out[10] = ' ';
}

static void state_words(const struct ui *ui, const struct journal_entry *e, struct str *out)
{
	switch (e->state) {
	case JOURNAL_DONE:
		break;
	case JOURNAL_UNDONE:
		str_cat(out, "  undone");
		if (e->by)
			str_catf(out, " by #%lld", (long long)e->by);
		break;
	case JOURNAL_REDONE:
		str_catf(out, "  undone, then redone as #%lld", (long long)e->by);
		break;
	case JOURNAL_GONE:
		str_cat(out, "  undone, and edited over since: it cannot be redone");
		break;
	case JOURNAL_REPLAY:
		str_catf(out, "  (%s #%lld)", e->redo ? "redid" : "undid", (long long)e->of);
		break;
	case JOURNAL_NOTE:
		str_cat(out, "  (recorded; changes nobody's programme)");
		break;
	}
}

unsigned ui_history(struct ui *ui)
{
	struct journal_entry *v;
	struct error err = { 0 };
	struct str t;
	int n, wwho = 3;

	if (journal_history(ui->db, HISTORY_EDITS, &v, &n, &err)) {
		ui_message(ui, 1, "%s", err.msg);
		error_clear(&err);
		return REDRAW_STATUS;
	}
	for (int i = 0; i < n; i++)
		if ((int)strlen(v[i].who) > wwho)
			wwho = (int)strlen(v[i].who) > 16 ? 16 : (int)strlen(v[i].who);
	str_init(&t);
	if (!n)
		str_cat(&t, "Nothing has been edited in this file yet.\n");
	else
		str_catf(&t,
			 "%d edit%s, newest first, times in UTC. The edit marked u is the one u "
			 "takes back; ^R, the one ^R brings back.%s\n\n",
			 n, n == 1 ? "" : "s",
			 ui->next.undo_edit ? "" : " Nothing of yours is left to undo.");
	for (int i = 0; i < n; i++) {
		char at[17];

		when(v[i].at, at);
		str_catf(&t, "%-2s #%-5lld %s  %-*.*s  ",
			 v[i].edit == ui->next.undo_edit   ? "u"
			 : v[i].edit == ui->next.redo_edit ? "^R"
							   : "",
			 (long long)v[i].edit, at + 5, wwho, wwho, *v[i].who ? v[i].who : "-");
		str_cat_safe(&t, v[i].what, strlen(v[i].what), SAFE_SPACE);
		state_words(ui, &v[i], &t);
		str_cat(&t, "\n");
	}
	if (n == HISTORY_EDITS)
		str_catf(&t, "\n(the latest %d; convene changes FILE lists what they did)\n", n);
	journal_history_done(v, n);
	return ui_view(ui, "History", str_steal(&t));
}
