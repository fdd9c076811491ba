/* main.c - pacta's entry point: global options, then one command.
 *
 * Non-interactive commands live in src/ (cmd_*.c) and never touch the
 * terminal's screen; everything interactive is ui/app.c. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/cmd_calc.h"
#include "src/cmd_check.h"
#include "src/cmdutil.h"
#include "src/cmd_evaluate.h"
#include "src/cmd_new.h"
#include "src/cmd_render.h"
#include "src/cmd_spell.h"
#include "src/doc.h"
#include "src/i18n.h"
#include "ui/app.h"

static void usage(FILE *to)
{
    fprintf(to, _("Usage: pacta [--lang es|en] [FILE]\n"
                  "       pacta new [--type basic|binding|two_way] [--internal] [--lang es|en] [--no-edit] [FILE]\n"
                  "       pacta check [--spell] FILE...\n"
                  "       pacta fmt [--check] FILE...\n"
                  "       pacta summary FILE [-f text|md|html|pdf] [-o OUT]\n"
                  "       pacta checklist [FILE] [--type TYPE] [-f text|md|html|pdf] [-o OUT]\n"
                  "       pacta print FILE [--checklist] [-P PRINTER]\n"
                  "       pacta spell FILE [--dict NAME]\n"
                  "       pacta calc downtime|due|credit ...\n"
                  "       pacta evaluate FILE [MEASUREMENTS] [--period P] [-f text|md|html|pdf] [-o OUT]\n"
                  "\n"
                  "Draft, edit and print Service Level Agreements.\n"
                  "\n"
                  "Without a command, pacta opens the wizard: on FILE when given (a new\n"
                  "agreement saved there if FILE does not exist yet), else on a new agreement.\n"
                  "\n"
                  "Commands:\n"
                  "  new        start a new agreement from the built-in starting point of a type\n"
                  "  check      check agreements against the rules of the format\n"
                  "  fmt        rewrite agreements in canonical form\n"
                  "  summary    the printable summary to hand to the client\n"
                  "  checklist  the checklist to take to a meeting with the client\n"
                  "  print      send the summary (or the checklist) to the printer\n"
                  "  spell      list misspelt words\n"
                  "  calc       downtime budgets, business-hours due times, service credits\n"
                  "  evaluate   the scorecard of a period: promises kept and missed, credits owed\n"
                  "\n"
                  "Options:\n"
                  "  --lang es|en  the language of the screens and messages\n"
                  "  -h, --help    show this help and exit\n"
                  "  -V, --version show the version and exit\n"
                  "\n"
                  "'pacta COMMAND --help' describes each command; 'man pacta' has the details\n"
                  "and the exit statuses.\n"));
}

/* --lang: the screen language.  GNU gettext reads LANGUAGE first, except in
 * the "C" locale, so give messages a UTF-8 locale when the user has none. */
static void set_screen_language(const char *lang)
{
    setenv("LANGUAGE", lang, 1);
    const char *cur = setlocale(LC_MESSAGES, NULL);
    if (cur && (!strcmp(cur, "C") || !strcmp(cur, "POSIX")))
        setlocale(LC_MESSAGES, "C.UTF-8");
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    i18n_init();

    /* Global options come before the command. */
    int i = 1;
    while (i < argc) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
            set_screen_language(argv[i + 1]);
            memmove(&argv[i], &argv[i + 2], (size_t)(argc - i - 1) * sizeof *argv);
            argc -= 2;
        } else if (!strncmp(argv[i], "--lang=", 7)) {
            set_screen_language(argv[i] + 7);
            memmove(&argv[i], &argv[i + 1], (size_t)(argc - i) * sizeof *argv);
            argc -= 1;
        } else {
            break;
        }
    }
    if (argc < 2)
        return app_main(argc, argv);

    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("pacta %s\n", PACKAGE_VERSION);
        return 0;
    }
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } cmds[] = {
        {"check", cmd_check},         {"fmt", cmd_fmt},     {"summary", cmd_summary}, {"checklist", cmd_checklist},
        {"print", cmd_print},         {"spell", cmd_spell}, {"calc", cmd_calc},
        {"evaluate", cmd_evaluate},
    };
    for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
        if (!strcmp(cmd, cmds[k].name))
            return cmds[k].run(argc - 1, argv + 1);
    if (!strcmp(cmd, "new")) {
        struct cmd_new_opts o;
        struct doc_node *tree = NULL;
        int r = cmd_new(argc - 1, argv + 1, &o, &tree);
        if (r == CMD_NEW_OPEN_EDITOR) {
            r = app_edit(tree, o.file);
            doc_free(tree);
        }
        return r;
    }
    if (cmd[0] == '-' && cmd[1]) {
        fprintf(stderr, _("pacta: unknown option \"%s\"\n"), cmd);
        usage(stderr);
        return EXIT_USAGE;
    }
    /* A word that is neither a command nor an existing file nor a file name
     * is far more likely a mistyped command than a new agreement. */
    if (!strchr(cmd, '.') && !strchr(cmd, '/') && access(cmd, F_OK) != 0) {
        fprintf(stderr, _("pacta: \"%s\" is not a command; to start a new agreement in a file, "
                          "give a name ending in .sla.yaml\n"),
                cmd);
        return EXIT_USAGE;
    }
    /* pacta FILE: the editor */
    return app_main(argc, argv);
}
