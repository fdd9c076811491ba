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
 * when set; else, for a pacta run from its build tree (never installed), the
 * locale/ folder beside the program; else the configured LOCALEDIR. */
void i18n_init(void);

/* Translate msgid into language lang ("es", "en") regardless of the screen
 * language and of the locales installed: outputs follow the agreement's
 * metadata.language.  Reads the compiled catalogue directly; returns msgid
 * when there is none.  The pointer stays valid for the whole run. */
const char *i18n_lang(const char *lang, const char *msgid) __attribute__((format_arg(2)));
/* Plural forms in language lang (rule n != 1, right for English and
 * Spanish). */
const char *i18n_nlang(const char *lang, const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(2), format_arg(3)));

#endif
