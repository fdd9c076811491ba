/* fieldedit.c - a minimal UTF-8 text buffer with a cursor. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "src/xalloc.h"
#include "ui/fieldedit.h"

void fieldedit_set(struct fieldedit *e, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    e->buf = xgrow(e->buf, &e->cap, n + 1, 1);
    if (n)
        memcpy(e->buf, s, n);
    e->buf[n] = 0;
    e->len = e->cur = n;
}

void fieldedit_free(struct fieldedit *e)
{
    free(e->buf);
    memset(e, 0, sizeof *e);
}

static bool is_mark(size_t off, const struct fieldedit *e)
{
    ucs4_t uc;
    if (off >= e->len)
        return false;
    u8_mbtouc(&uc, (const uint8_t *)e->buf + off, e->len - off);
    return uc >= 0x300 && uc_width(uc, "UTF-8") == 0;
}

void fieldedit_insert_str(struct fieldedit *e, const char *s)
{
    size_t n = strlen(s);
    e->buf = xgrow(e->buf, &e->cap, e->len + n + 1, 1);
    memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
    memcpy(e->buf + e->cur, s, n);
    e->len += n;
    e->cur += n;
}

void fieldedit_insert(struct fieldedit *e, unsigned int uc)
{
    uint8_t tmp[8];
    int n = u8_uctomb(tmp, uc, 6);
    if (n <= 0)
        return;
    tmp[n] = 0;
    fieldedit_insert_str(e, (const char *)tmp);
}

bool fieldedit_left(struct fieldedit *e)
{
    if (e->cur == 0)
        return false;
    do {
        const uint8_t *p = u8_prev(NULL, (const uint8_t *)e->buf + e->cur, (const uint8_t *)e->buf);
        e->cur = p ? (size_t)(p - (const uint8_t *)e->buf) : e->cur - 1;
    } while (e->cur > 0 && is_mark(e->cur, e));
    return true;
}

bool fieldedit_right(struct fieldedit *e)
{
    if (e->cur >= e->len)
        return false;
    do {
        ucs4_t uc;
        e->cur += u8_mbtouc(&uc, (const uint8_t *)e->buf + e->cur, e->len - e->cur);
    } while (e->cur < e->len && is_mark(e->cur, e));
    return true;
}

bool fieldedit_backspace(struct fieldedit *e)
{
    size_t end = e->cur;
    if (!fieldedit_left(e))
        return false;
    memmove(e->buf + e->cur, e->buf + end, e->len - end + 1);
    e->len -= end - e->cur;
    return true;
}

bool fieldedit_delete(struct fieldedit *e)
{
    size_t start = e->cur;
    if (!fieldedit_right(e))
        return false;
    memmove(e->buf + start, e->buf + e->cur, e->len - e->cur + 1);
    e->len -= e->cur - start;
    e->cur = start;
    return true;
}

void fieldedit_home(struct fieldedit *e)
{
    while (e->cur > 0 && e->buf[e->cur - 1] != '\n')
        e->cur--;
}

void fieldedit_end(struct fieldedit *e)
{
    while (e->cur < e->len && e->buf[e->cur] != '\n')
        e->cur++;
}

char *fieldedit_nfc(const struct fieldedit *e)
{
    size_t n = 0;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)(e->buf ? e->buf : ""), e->len, NULL, &n);
    if (!r)
        return xstrdup(e->buf ? e->buf : "");
    char *s = xmalloc(n + 1);
    memcpy(s, r, n);
    s[n] = 0;
    free(r);
    return s;
}
