/* i18n.c - binding the text domain; translating into a chosen language. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "src/i18n.h"

static const char *locale_dir(void)
{
    const char *d = getenv("PACTA_LOCALEDIR");
    return (d && *d) ? d : LOCALEDIR;
}

void i18n_init(void)
{
    bindtextdomain("pacta", locale_dir());
    bind_textdomain_codeset("pacta", "UTF-8");
    textdomain("pacta");
}

/* Outputs must follow the agreement's language whatever the screen language
 * and whatever locales the machine has.  GNU gettext consults LANGUAGE before
 * the locale (when the locale is not "C"), so we set it for the duration of
 * one lookup.  English is the msgid itself. */
const char *i18n_lang(const char *lang, const char *msgid)
{
    if (!lang || !*lang || strncmp(lang, "en", 2) == 0)
        return msgid;
    const char *old = getenv("LANGUAGE");
    char *saved = old ? strdup(old) : NULL;
    setenv("LANGUAGE", lang, 1);
    /* Changing LANGUAGE invalidates gettext's cache on the next call. */
    const char *r = dcgettext("pacta", msgid, LC_MESSAGES);
    if (saved) {
        setenv("LANGUAGE", saved, 1);
        free(saved);
    } else {
        unsetenv("LANGUAGE");
    }
    return r;
}
