/* i18n.h - gettext shorthands for every module.
 *
 * Every user-visible string goes through _() (or N_() where it must be a
 * constant and is translated later, P_() for plural forms).  The text domain
 * is bound once, in main(), by i18n_init(). */
#ifndef PACTA_I18N_H
#define PACTA_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext((one), (many), (unsigned long)(n))

/* Bind the "pacta" text domain.  The catalogue directory is $PACTA_LOCALEDIR
 * when set (tests run from the build tree), else the configured LOCALEDIR. */
void i18n_init(void);

/* Translate msgid into language lang ("es", "en") regardless of the screen
 * language: outputs follow the agreement's metadata.language.  Returns a
 * pointer owned by gettext (valid until the next i18n_lang call). */
const char *i18n_lang(const char *lang, const char *msgid);

#endif
