/* The screen's keys and marks as roff, from the one key table
 * (src/ui_keys.c), for the man page's SCREEN section: `make man-keys`
 * writes it into docs/convene.1, and tests/cli/man.test fails when the
 * page and the table differ. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "convene/ui_keys.h"

/* Text as roff: backslashes doubled, a leading . or ' protected. */
static void roff(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

int main(void)
{
	puts(".\\\" The keys and marks below come from the key table (src/ui_keys.c):");
	puts(".\\\" run `make man-keys` after changing it.");
	puts(".SS Keys");
	for (size_t i = 0; i < ARRAY_SIZE(ui_key_defs); i++) {
		const struct ui_key_def *d = &ui_key_defs[i];
		char keys[64];

		puts(".TP");
		fputs(".B \"", stdout);
		snprintf(keys, sizeof(keys), "%s", d->keys);
		for (char *k = strtok(keys, ","); k; k = strtok(NULL, ",")) {
			if (k != keys)
				fputs(", ", stdout);
			roff(k);
		}
		fputs("\"  (", stdout);
		roff(d->name);
		puts(")");
		roff(d->help);
		putchar('\n');
	}
	puts(".SS Marks");
	for (int i = 0; i < UI_NMARKS; i++) {
		puts(".TP");
		fputs(".B \"", stdout);
		roff(ui_marks[i].mark);
		puts("\"");
		roff(ui_marks[i].meaning);
		putchar('\n');
	}
	return 0;
}
