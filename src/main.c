/* main.c - the rolepress command line.
 *
 * Parses arguments, runs the library, prints diagnostics, sets the exit
 * status.  Holds no pipeline logic of its own.
 */
#include "rolepress.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: rolepress COMMAND [OPTIONS] FILE|DIR...\n"
    "\n"
    "Commands:\n"
    "  validate FILE|DIR...     check role blueprints and the ladder as a set;\n"
    "                           prints nothing when all is well\n"
    "  jd FILE|DIR... -o OUT    export job descriptions (PDF)\n"
    "  guide FILE|DIR... -o OUT export career guides (PDF)\n"
    "  handbook DIR... -o FILE  export the career-ladder handbook of every role (PDF)\n"
    "  typeset LAYOUT.xml -o OUT.pdf\n"
    "                           typeset layout XML (a stylesheet's output) directly\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT         a .pdf file for one input, else a directory that\n"
    "                           receives one <role id>.pdf per input\n"
    "      --paper a4|letter    paper size (default a4)\n"
    "      --param NAME=VALUE   pass a parameter to the stylesheet (repeatable)\n"
    "      --stylesheet FILE    use FILE instead of the shipped stylesheet\n"
    "      --emit layout        write the layout XML instead of the PDF\n"
    "      --check-layout       report every layout defect (text past the measure,\n"
    "                           headings last on a page, widows, orphans, overflow,\n"
    "                           loose lines, hyphen runs) with page and source; exit 1\n"
    "                           if there is any\n"
    "      --ladder FILE        the career ladder (default: ladders.xml beside the\n"
    "                           roles' directory, else the shipped one)\n"
    "      --definition FILE    the handbook definition (default: handbook.xml beside\n"
    "                           the roles' directory, else the shipped one)\n"
    "      --line-breaking total-fit|first-fit\n"
    "                           how paragraphs are broken into lines (default\n"
    "                           total-fit; first-fit is there to compare against)\n"
    "      --stats              print statistics of the justified lines on stderr\n"
    "      --max-pages N        refuse documents longer than N pages (default 100000;\n"
    "                           0: no limit)\n"
    "      --timeout SECONDS    stop a stylesheet that runs longer (default 60; 0: none)\n"
    "      --datadir DIR        where xml/, xsl/ and fonts/ are\n"
    "  -h, --help               show this help\n"
    "      --version            show the version\n"
    "\n"
    "Exit status: 0 success, 1 errors in the input (diagnostics on standard\n"
    "error as FILE:LINE:COL: error: MESSAGE), 2 wrong usage.\n";

typedef struct {
    const char *command, *output, *paper, *stylesheet, *datadir, *ladder, *handbook;
    size_t max_pages;
    double timeout;
    int check_layout;
    int first_fit, stats;
    int emit_layout;
    const char **params; /* name, value pairs, NULL-terminated */
    size_t nparams;
    char **inputs;
    size_t ninputs;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
    fputs("rolepress: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'rolepress --help'.\n", stderr);
    return EXIT_USAGE;
}

/* A parameter given twice takes its last value, as options do. */
static void add_param(cli *c, const char *name, const char *value)
{
    for (size_t i = 0; i < c->nparams; i++)
        if (strcmp(c->params[2 * i], name) == 0) {
            c->params[2 * i + 1] = value;
            return;
        }
    c->params = realloc(c->params, (2 * c->nparams + 3) * sizeof *c->params);
    if (!c->params)
        abort();
    c->params[2 * c->nparams] = name;
    c->params[2 * c->nparams + 1] = value;
    c->params[2 * ++c->nparams] = NULL;
}

/* Returns -1 to go on, else an exit status. */
static int parse_args(cli *c, int argc, char **argv)
{
    enum { OPT_PAPER = 256, OPT_PARAM, OPT_STYLESHEET, OPT_EMIT, OPT_VERSION, OPT_DATADIR,
           OPT_LADDER, OPT_HANDBOOK, OPT_MAX_PAGES, OPT_TIMEOUT, OPT_CHECK_LAYOUT,
           OPT_LINE_BREAKING, OPT_STATS };
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"paper", required_argument, NULL, OPT_PAPER},
        {"param", required_argument, NULL, OPT_PARAM},
        {"stylesheet", required_argument, NULL, OPT_STYLESHEET},
        {"emit", required_argument, NULL, OPT_EMIT},
        {"datadir", required_argument, NULL, OPT_DATADIR},
        {"ladder", required_argument, NULL, OPT_LADDER},
        {"definition", required_argument, NULL, OPT_HANDBOOK},
        {"max-pages", required_argument, NULL, OPT_MAX_PAGES},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {"check-layout", no_argument, NULL, OPT_CHECK_LAYOUT},
        {"line-breaking", required_argument, NULL, OPT_LINE_BREAKING},
        {"stats", no_argument, NULL, OPT_STATS},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0;
    /* GNU getopt permutes: options may come before or after the files. */
    while ((ch = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': c->output = optarg; break;
        case OPT_PAPER:
            if (strcasecmp(optarg, "a4") == 0)
                c->paper = "A4";
            else if (strcasecmp(optarg, "letter") == 0)
                c->paper = "Letter";
            else
                return usage_error("--paper takes a4 or letter, not '%s'", optarg);
            break;
        case OPT_PARAM: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg)
                return usage_error("--param takes NAME=VALUE, not '%s'", optarg);
            *eq = '\0';
            add_param(c, optarg, eq + 1);
            break;
        }
        case OPT_STYLESHEET: c->stylesheet = optarg; break;
        case OPT_DATADIR: c->datadir = optarg; break;
        case OPT_LADDER: c->ladder = optarg; break;
        case OPT_HANDBOOK: c->handbook = optarg; break;
        case OPT_CHECK_LAYOUT: c->check_layout = 1; break;
        case OPT_STATS: c->stats = 1; break;
        case OPT_LINE_BREAKING:
            if (strcmp(optarg, "total-fit") != 0 && strcmp(optarg, "first-fit") != 0)
                return usage_error("--line-breaking takes total-fit or first-fit, not '%s'", optarg);
            c->first_fit = strcmp(optarg, "first-fit") == 0;
            break;
        case OPT_MAX_PAGES: {
            char *end;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (*end || end == optarg || optarg[0] == '-')
                return usage_error("--max-pages takes a number, not '%s'", optarg);
            c->max_pages = (size_t)v;
            break;
        }
        case OPT_TIMEOUT: {
            char *end;
            double v = strtod(optarg, &end);
            if (*end || end == optarg || v < 0)
                return usage_error("--timeout takes seconds, not '%s'", optarg);
            c->timeout = v;
            break;
        }
        case OPT_EMIT:
            if (strcmp(optarg, "layout") != 0)
                return usage_error("--emit takes 'layout', not '%s'", optarg);
            c->emit_layout = 1;
            break;
        case 'h': fputs(usage, stdout); return 0;
        case OPT_VERSION: puts("rolepress " RP_VERSION); return 0;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("%s", "no command given");
    c->command = argv[optind++];
    c->inputs = argv + optind;
    c->ninputs = (size_t)(argc - optind);
    return -1;
}

/* Prints the diagnostics not shown yet; *shown counts those already out. */
static void report(rp_diag *d, size_t *shown)
{
    for (size_t i = *shown; i < rp_diag_count(d); i++) {
        char *s = rp_diag_format(rp_diag_get(d, i));
        fprintf(stderr, "%s\n", s);
        free(s);
    }
    *shown = rp_diag_count(d);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Makes dir and its missing parents, like mkdir -p. */
static int ensure_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
    char *parent = strdup(dir);
    if (!parent)
        abort();
    char *slash = strrchr(parent, '/');
    while (slash && slash > parent && slash[1] == '\0') { /* trailing slashes */
        *slash = '\0';
        slash = strrchr(parent, '/');
    }
    int rc = 0;
    if (slash && slash != parent) {
        *slash = '\0';
        rc = ensure_dir(parent);
    }
    free(parent);
    if (rc == 0 && mkdir(dir, 0777) != 0 && errno != EEXIST)
        rc = -1;
    return rc;
}

static int cmd_validate(const cli *c, rp_context *ctx, rp_diag *d)
{
    rp_set *s = rp_set_load(ctx, (const char *const *)c->inputs, c->ninputs, c->ladder, d);
    rp_set_free(s);
    return 0;
}

/* DIR/NAME.pdf for a layout file NAME.xml typeset into directory DIR. */
static char *layout_output(const char *dir, const char *input)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
        n -= 4;
    size_t dl = strlen(dir);
    char *out = malloc(dl + n + 6);
    if (!out)
        abort();
    sprintf(out, "%s%s%.*s.pdf", dir, dl && dir[dl - 1] == '/' ? "" : "/", (int)n, base);
    return out;
}

static int cmd_export(const cli *c, rp_context *ctx, rp_diag *d, char **files, size_t n,
                      const char *kind, size_t *shown)
{
    const char *suffix = c->emit_layout ? ".xml" : ".pdf";
    rp_export_options opt = {.stylesheet = c->stylesheet, .emit_layout = c->emit_layout};
    opt.output_is_dir = !ends_with(c->output, suffix);
    if (!opt.output_is_dir && n > 1) {
        fprintf(stderr, "rolepress: %zu inputs need an output directory, not the file '%s'\n",
                n, c->output);
        return EXIT_USAGE;
    }
    if (opt.output_is_dir && ensure_dir(c->output) != 0) {
        rp_diag_add(d, RP_ERROR, c->output, 0, 0, "cannot create the output directory: %s",
                    strerror(errno));
        return 0;
    }
    opt.params = c->params;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(kind, "layout") == 0) {
            char *out = opt.output_is_dir ? layout_output(c->output, files[i]) : NULL;
            rp_export_layout(ctx, files[i], out ? out : c->output, d);
            free(out);
        } else {
            rp_export(ctx, kind, files[i], c->output, &opt, d);
        }
        report(d, shown); /* as each document finishes */
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {.max_pages = RP_DEFAULT_MAX_PAGES, .timeout = RP_DEFAULT_XSL_TIMEOUT};
    int rc = parse_args(&c, argc, argv);
    if (rc >= 0) {
        free(c.params);
        return rc;
    }
    const char *kind = NULL;
    int book = 0;
    if (strcmp(c.command, "jd") == 0 || strcmp(c.command, "job-description") == 0)
        kind = "job-description";
    else if (strcmp(c.command, "guide") == 0 || strcmp(c.command, "career-guide") == 0)
        kind = "career-guide";
    else if (strcmp(c.command, "handbook") == 0)
        book = 1;
    else if (strcmp(c.command, "typeset") == 0)
        kind = "layout";
    else if (strcmp(c.command, "validate") != 0) {
        free(c.params);
        return usage_error("unknown command '%s'", c.command);
    }
    if (c.ninputs == 0) {
        free(c.params);
        return usage_error("'%s' needs at least one FILE or DIR", c.command);
    }
    if ((kind || book) && !c.output) {
        free(c.params);
        return usage_error("'%s' needs -o OUT", c.command);
    }
    if (c.paper) /* --paper wins over --param paper=, being the more specific */
        add_param(&c, "paper", c.paper);

    rp_output_handle_signals();
    rp_diag *d = rp_diag_new();
    rp_context *ctx = rp_context_new(c.datadir, d);
    char **files = NULL;
    size_t n = 0;
    size_t shown = 0;
    rc = 0;
    if (ctx) {
        rp_context_set_limits(ctx, c.max_pages, c.timeout);
        rp_context_set_check_layout(ctx, c.check_layout);
        rp_context_set_first_fit(ctx, c.first_fit);
    }
    if (ctx && book) {
        rp_export_options opt = {.stylesheet = c.stylesheet, .emit_layout = c.emit_layout,
                                 .params = c.params, .ladder = c.ladder,
                                 .handbook = c.handbook};
        rp_export_set(ctx, "handbook", (const char *const *)c.inputs, c.ninputs, c.output,
                      &opt, d);
    } else if (ctx && kind) {
        n = rp_inputs_expand((const char *const *)c.inputs, c.ninputs, 0, &files, d);
        rc = cmd_export(&c, ctx, d, files, n, kind, &shown);
    } else if (ctx) {
        rc = cmd_validate(&c, ctx, d);
    }
    report(d, &shown);
    if (ctx && c.stats) {
        size_t lines, hyphens;
        double sum;
        rp_context_line_stats(ctx, &lines, &sum, &hyphens);
        fprintf(stderr, "rolepress: %zu justified lines, sum of squared adjustment ratios %.2f "
                        "(mean %.4f), %zu ending in a hyphen\n",
                lines, sum, lines ? sum / (double)lines : 0.0, hyphens);
    }
    if (!rc && rp_diag_errors(d))
        rc = EXIT_INPUT;
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    rp_context_free(ctx);
    rp_diag_free(d);
    free(c.params);
    rp_shutdown();
    return rc;
}
