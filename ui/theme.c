/* theme.c - colour roles with a monochrome fallback. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "ui/theme.h"

struct role_def {
    short fg, bg;
    attr_t colour_attr, mono_attr;
};

static const struct role_def roles[THEME_NROLES] = {
#define THEME_DEF(r, fg, bg, ca, ma) [THEME_##r] = {fg, bg, ca, ma},
    THEME_ROLES(THEME_DEF)
#undef THEME_DEF
};

static bool colour;

void theme_init(void)
{
    const char *nc = getenv("NO_COLOR");
    colour = !(nc && *nc) && has_colors();
    if (!colour)
        return;
    if (start_color() == ERR) {
        colour = false;
        return;
    }
    use_default_colors();
    for (int i = 1; i < THEME_NROLES; i++)
        init_pair((short)i, roles[i].fg, roles[i].bg);
}

bool theme_colour(void) { return colour; }

void theme_set(enum theme_role r)
{
    if (colour)
        attr_set(roles[r].colour_attr, r == THEME_NORMAL ? 0 : (short)r, NULL);
    else
        attr_set(roles[r].mono_attr, 0, NULL);
}

bool theme_cell_is(enum theme_role r, unsigned long attrs, int pair)
{
    if (colour)
        return pair == (r == THEME_NORMAL ? 0 : (int)r);
    attr_t want = roles[r].mono_attr;
    return ((attr_t)attrs & (A_ATTRIBUTES & ~A_COLOR)) == want;
}
