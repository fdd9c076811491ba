/* gen.c - generate a valid agreement of any size, for the benchmarks.
 *
 *   bench/gen [--seed N] [--text] ITEMS > FILE
 *
 * ITEMS items are spread evenly over needs, objectives, services, service
 * levels and obligations (one of each per group), with Spanish free text and
 * multi-line literal blocks.  Every reference resolves and every need is
 * covered, so `pacta check` finds nothing.  Sequences are indented one step
 * more than pacta writes them, so `pacta fmt` has a whole file to rewrite.
 * About 100 bytes per item: 100,000 items make about 10 MB.
 *
 * With --text, only the free text is written, one field a line: the same
 * words `pacta spell` checks, for `hunspell -l`.
 *
 * Output is deterministic for a given seed.  A few misspelt words are
 * planted (the same ones over and over, as in real documents). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const words[] = {
    "acceso", "actividad", "actividades", "actualización", "almacén", "alta", "antigua", "antiguo",
    "apertura", "atención", "avería", "averías", "aviso", "avisos", "baja", "base",
    "cada", "caja", "calidad", "cierre", "cliente", "clientes", "cobro", "comercio",
    "completa", "completo", "comprobación", "con", "conexión", "configuración", "continuo", "contraseña",
    "contraseñas", "copia", "copias", "correo", "crédito", "créditos", "crítica", "cuota",
    "datos", "de", "debe", "deben", "del", "demora", "desde", "diaria",
    "dirección", "disponibilidad", "documentación", "domingo", "días", "el", "electrónico", "empresa",
    "en", "entre", "entrega", "equipo", "equipos", "externo", "factura", "facturas",
    "festivo", "formación", "funcionamiento", "garantiza", "garantizan", "garantía", "gerente", "gran",
    "grande", "hasta", "horario", "horas", "impresora", "incidencia", "incidencias", "incluye",
    "incluyen", "informe", "informes", "instalación", "interés", "jueves", "la", "las",
    "licencia", "licencias", "llamadas", "local", "los", "lunes", "mantenimiento", "martes",
    "mañana", "medida", "mensual", "meses", "minutos", "miércoles", "necesidad", "necesidades",
    "negocio", "nivel", "niveles", "noche", "normal", "nueva", "nuevo", "objetivo",
    "objetivos", "obligaciones", "obligación", "oficina", "ordenador", "pago", "pagos", "panadería",
    "para", "pedido", "pedidos", "pequeña", "pequeño", "personal", "petición", "plazo",
    "plazos", "por", "precio", "prioridad", "programa", "proveedor", "puede", "pueden",
    "queda", "quedan", "red", "registro", "remoto", "resolución", "responsable", "respuesta",
    "restauración", "revisión", "rápida", "rápido", "segura", "seguridad", "seguro", "semanal",
    "semanas", "servicio", "servicios", "servidor", "será", "serán", "sin", "sistema",
    "sistemas", "sobre", "sábado", "tarde", "teléfono", "tiempo", "tienda", "tiques",
    "toda", "todo", "todos", "técnica", "técnico", "un", "una", "urgente",
    "usuario", "usuarios", "viernes", "última", "último",

};
#define NWORDS (sizeof words / sizeof words[0])

/* Planted, repeated misspellings. */
static const char *const typos[] = {"incidensia", "mantenimento", "serbicio"};

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

static unsigned long item_no;
static int text_only;

/* A sentence of lo..hi words, first letter as is (words are lower case;
 * capitalising would need UTF-8 case mapping for a benchmark that does not
 * care). */
static void sentence(char *buf, size_t size, unsigned lo, unsigned hi)
{
    unsigned n = lo + rnd(hi - lo + 1);
    size_t len = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < n; i++) {
        const char *w = words[rnd(NWORDS)];
        if (++item_no % 997 == 0)
            w = typos[item_no / 997 % 3];
        int k = snprintf(buf + len, size - len, "%s%s", i ? " " : "", w);
        if (k < 0 || (size_t)k >= size - len)
            break;
        len += (size_t)k;
    }
}

/* A quoted free-text field: key: "text" (the words need no escaping). */
static void text_field(const char *indent, const char *key, unsigned lo, unsigned hi)
{
    char s[512];
    sentence(s, sizeof s, lo, hi);
    if (text_only)
        printf("%s\n", s);
    else
        printf("%s%s: \"%s\"\n", indent, key, s);
}

/* A literal block of `lines` lines. */
static void block_field(const char *indent, const char *key, unsigned lines)
{
    char s[512];
    if (!text_only)
        printf("%s%s: |\n", indent, key);
    for (unsigned i = 0; i < lines; i++) {
        sentence(s, sizeof s, 2, 5);
        printf(text_only ? "%s%s.\n" : "%s  %s.\n", text_only ? "" : indent, s);
    }
}

static void out(const char *s)
{
    if (!text_only)
        fputs(s, stdout);
}

int main(int argc, char **argv)
{
    unsigned long items = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--text") == 0)
            text_only = 1;
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            rng_state = strtoull(argv[++i], NULL, 10) | 1;
        else
            items = strtoul(argv[i], NULL, 10);
    }
    if (items == 0) {
        fprintf(stderr, "usage: gen [--seed N] [--text] ITEMS\n");
        return 2;
    }
    unsigned long groups = (items + 4) / 5, g;

    out("apiVersion: pacta/v1\n"
        "kind: ServiceLevelAgreement\n"
        "metadata:\n"
        "  id: banco-de-pruebas\n");
    text_field("  ", "title", 3, 6);
    out("  language: es\n"
        "  status: draft\n"
        "  version: 1\n"
        "  created: 2026-11-02\n"
        "  updated: 2026-11-28\n"
        "  spell_ignore:\n"
        "    - TPV\n"
        "agreement:\n"
        "  type: basic\n"
        "  scope: external\n"
        "  effective_from: 2027-01-01\n"
        "  effective_to: 2027-12-31\n"
        "  timezone: Europe/Madrid\n"
        "parties:\n"
        "  provider:\n"
        "    name: \"Soluciones Ana Pérez\"\n"
        "  client:\n"
        "    name: \"Panadería López S.L.\"\n"
        "needs:\n");
    for (g = 1; g <= groups; g++) {
        if (!text_only)
            printf("  - id: N%lu\n", g);
        text_field("    ", "description", 3, 6);
        out(g % 3 ? "    priority: must\n" : "    priority: should\n");
        text_field("    ", "impact", 2, 4);
    }
    out("objectives:\n");
    for (g = 1; g <= groups; g++) {
        if (!text_only)
            printf("  - id: O%lu\n", g);
        text_field("    ", "description", 2, 5);
        if (!text_only)
            printf("    needs: [N%lu]\n", g);
    }
    out("services:\n");
    for (g = 1; g <= groups; g++) {
        if (!text_only)
            printf("  - id: S%lu\n", g);
        text_field("    ", "name", 2, 4);
        block_field("    ", "description", 2);
        if (!text_only)
            printf("    objectives: [O%lu]\n", g);
    }
    out("service_levels:\n");
    for (g = 1; g <= groups; g++) {
        if (!text_only)
            printf("  - id: SL%lu\n"
                   "    service: S%lu\n"
                   "    obligated: provider\n"
                   "    indicator: availability\n",
                   g, g);
        text_field("    ", "name", 2, 4);
        text_field("    ", "measurement", 2, 4);
        out("    op: gte\n"
            "    target: 99.5\n"
            "    unit: percent\n"
            "    window: 1M\n");
    }
    out("obligations:\n"
        "  provider:\n");
    for (g = 1; g <= groups; g += 2) {
        if (!text_only)
            printf("    - id: OP%lu\n", g);
        text_field("      ", "text", 3, 6);
    }
    out("  client:\n");
    for (g = 2; g <= groups; g += 2) {
        if (!text_only)
            printf("    - id: OC%lu\n", g);
        text_field("      ", "text", 3, 6);
    }
    if (groups < 2 && !text_only)
        printf("    - id: OC2\n      text: \"Avisar de las incidencias por teléfono\"\n");
    out("notes: \"\"\n");
    return ferror(stdout) ? 1 : 0;
}
