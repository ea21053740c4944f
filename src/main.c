/* main.c - the rolepress command line.
 *
 * Parses arguments, runs the library, prints diagnostics, sets the exit
 * status.  Holds no pipeline logic of its own.
 */
#include "rolepress.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

#ifdef RP_JEMALLOC_LINKED
/* jemalloc's options, read from this symbol at start.  By default each
 * thread gets an arena of its own, and the pages a book's drawing thread
 * freed stayed with its arena while the layout thread grew its own: one
 * arena for all keeps the 300-role handbook's peak 14 MB lower, and costs
 * a batch of job descriptions nothing measurable (threads keep their own
 * caches).
 *
 * zlib (ours and Cairo's) callocs four 64 KiB blocks for each stream it
 * compresses.  Above tcache_max (32 KiB by default) jemalloc serves them
 * from its extents, and zeroes a reused one with madvise(MADV_DONTNEED):
 * ten calls a job description, each flushing the TLBs of every core the
 * process runs on, which costs a virtual machine dearly.  Kept in the
 * threads' caches (four a size, so that memory does not grow), they are
 * zeroed with memset: 1000 job descriptions with -j 2 took 7-22 % less
 * CPU (three runs each, interleaved), madvise calls 12 -> 5 a document;
 * the 300-role book's time and peak unchanged. */
const char *malloc_conf = "narenas:1,tcache_max:65536,tcache_nslots_large:4";
#endif

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
    "                           receives one <role id>.pdf per input; - writes\n"
    "                           the one input's document to standard output\n"
    "      --paper a4|letter    paper size (default a4)\n"
    "      --lang TAG           the documents' language (de, fr-CA...), instead of\n"
    "                           the xml:lang of each blueprint or of the handbook:\n"
    "                           their fixed text comes from xml/l10n/TAG.xml (else\n"
    "                           that of the primary subtag, else English)\n"
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
    "      --timeout SECONDS    stop a stylesheet that runs longer (default 300; 0: none)\n"
    "  -j, --jobs N             export N documents at a time (default: the number of\n"
    "                           cores); the output is the same whatever N\n"
    "      --shard K/N          export only the K-th of N equal shares of the inputs\n"
    "                           (1 <= K <= N), to split a batch across CI jobs\n"
    "      --depfile FILE       write make rules naming every file each output was\n"
    "                           made from\n"
    "      --diagnostics text|json\n"
    "                           diagnostics as FILE:LINE:COL: lines (default) or as\n"
    "                           one JSON object a line\n"
    "      --keep-going         the default: a failing input is reported and the\n"
    "                           others are still exported; the exit status is 1\n"
    "      --allow-read DIR     let stylesheets read files under DIR too (document(),\n"
    "                           xsl:import); by default document() reads under the\n"
    "                           input's directory and the data directory, and\n"
    "                           xsl:import under the stylesheet's and the data\n"
    "                           directory\n"
    "      --datadir DIR        where xml/, xsl/ and fonts/ are\n"
    "  -h, --help               show this help\n"
    "      --version            show the version\n"
    "\n"
    "Exit status: 0 success, 1 errors in the input (diagnostics on standard\n"
    "error as FILE:LINE:COL: error: MESSAGE), 2 wrong usage.\n";

typedef struct {
    const char *command, *output, *paper, *stylesheet, *datadir, *ladder, *handbook, *lang;
    const char *depfile;
    const char **allow_read; /* NULL-terminated */
    size_t nallow_read;
    int jobs, json;
    size_t shard, shards; /* 1-based share, 0 shares for all */
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

/* A growable string (the library's helpers are internal to it). */
typedef struct {
    char *s;
    size_t len, cap;
} rp_buf_t;

static void buf_add(rp_buf_t *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void buf_puts(rp_buf_t *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

/* A file name as make reads it: space, # and \\ escaped, $ doubled. */
static void depfile_name(rp_buf_t *b, const char *name)
{
    for (const char *p = name; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\\')
            buf_add(b, "\\", 1);
        else if (*p == '$')
            buf_add(b, "$", 1);
        buf_add(b, p, 1);
    }
}

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
           OPT_LINE_BREAKING, OPT_STATS, OPT_SHARD, OPT_DEPFILE, OPT_DIAGNOSTICS,
           OPT_KEEP_GOING, OPT_ALLOW_READ, OPT_LANG };
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"paper", required_argument, NULL, OPT_PAPER},
        {"lang", required_argument, NULL, OPT_LANG},
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
        {"jobs", required_argument, NULL, 'j'},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"depfile", required_argument, NULL, OPT_DEPFILE},
        {"diagnostics", required_argument, NULL, OPT_DIAGNOSTICS},
        {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
        {"allow-read", required_argument, NULL, OPT_ALLOW_READ},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0;
    /* GNU getopt permutes: options may come before or after the files. */
    while ((ch = getopt_long(argc, argv, "o:hj:", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': c->output = optarg; break;
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 256)
                return usage_error("--jobs takes a number from 1 to 256, not '%s'", optarg);
            c->jobs = (int)v;
            break;
        }
        case OPT_SHARD: {
            unsigned long k, n;
            char extra;
            if (sscanf(optarg, "%lu/%lu%c", &k, &n, &extra) != 2 || k < 1 || n < 1 || k > n)
                return usage_error("--shard takes K/N with 1 <= K <= N, not '%s'", optarg);
            c->shard = k;
            c->shards = n;
            break;
        }
        case OPT_DEPFILE: c->depfile = optarg; break;
        case OPT_ALLOW_READ:
            c->allow_read = realloc(c->allow_read, (c->nallow_read + 2) * sizeof *c->allow_read);
            if (!c->allow_read)
                abort();
            c->allow_read[c->nallow_read++] = optarg;
            c->allow_read[c->nallow_read] = NULL;
            break;
        case OPT_KEEP_GOING: break; /* what it does is the default */
        case OPT_DIAGNOSTICS:
            if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
                return usage_error("--diagnostics takes text or json, not '%s'", optarg);
            c->json = strcmp(optarg, "json") == 0;
            break;
        case OPT_PAPER:
            if (strcasecmp(optarg, "a4") == 0)
                c->paper = "A4";
            else if (strcasecmp(optarg, "letter") == 0)
                c->paper = "Letter";
            else
                return usage_error("--paper takes a4 or letter, not '%s'", optarg);
            break;
        case OPT_LANG:
            if (!rp_lang_tag_valid(optarg))
                return usage_error("--lang takes a language tag such as de, fr or pt-BR "
                                   "(letters and digits joined by hyphens), not '%s'", optarg);
            c->lang = optarg;
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

/* Diagnostics go to standard error as FILE:LINE:COL: lines, or as JSON
 * lines for CI annotations. */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void print_record(const rp_diag_record *r, int json)
{
    if (json) {
        static const char *const sev[] = {"note", "warning", "error"};
        fputs("{\"file\":", stderr);
        json_string(stderr, r->file);
        fprintf(stderr, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":", r->line,
                r->col, sev[r->severity]);
        json_string(stderr, r->message);
        fputs("}\n", stderr);
        return;
    }
    char *line = rp_diag_format(r);
    fprintf(stderr, "%s\n", line);
    free(line);
}

/* Prints the diagnostics not shown yet; *shown counts those already out. */
static void report(rp_diag *d, size_t *shown, int json)
{
    for (size_t i = *shown; i < rp_diag_count(d); i++)
        print_record(rp_diag_get(d, i), json);
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

/* A make rule: "out: dep dep ...", with the characters make treats
 * specially escaped. */
static void depfile_rule(rp_buf_t *b, const char *out, const char *const *deps, size_t n)
{
    depfile_name(b, out);
    buf_puts(b, ":");
    for (size_t i = 0; i < n; i++) {
        if (strcmp(deps[i], out) == 0)
            continue;
        buf_puts(b, " \\\n  ");
        depfile_name(b, deps[i]);
    }
    buf_puts(b, "\n");
}

typedef struct {
    const cli *c;
    size_t n;
    int progress;
    rp_buf_t deps;
    size_t failed;
} export_state;

static void on_document(void *data, size_t i, const char *input, const char *output, int status,
                        rp_diag *d, const char *const *deps, size_t ndeps)
{
    export_state *st = data;
    (void)input;
    if (st->progress)
        fputs("\r\033[K", stderr);
    size_t shown = 0;
    report(d, &shown, st->c->json);
    if (status == 0 && st->c->depfile)
        depfile_rule(&st->deps, output, deps, ndeps);
    /* --check-layout defects fail a document that was still written */
    st->failed += status != 0 || rp_diag_errors(d) > 0;
    if (st->progress && i + 1 < st->n)
        fprintf(stderr, "[%zu/%zu] %s", i + 1, st->n, output);
}

/* The inputs of this shard: the k-th of every n, so that shares are equal
 * in number and together cover every input once. */
static size_t take_shard(char **files, size_t n, size_t k, size_t shards)
{
    if (!shards)
        return n;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i % shards == k - 1)
            files[m++] = files[i];
        else
            free(files[i]);
    }
    return m;
}

static int write_depfile(const char *path, rp_buf_t *b, rp_diag *d)
{
    return rp_write_file(path, b->s ? b->s : "", b->len, d);
}

static int cmd_export(const cli *c, rp_diag *d, char **files, size_t n, const char *kind,
                      rp_line_stats *stats)
{
    const char *suffix = c->emit_layout ? ".xml" : ".pdf";
    rp_batch_options o = {.kind = kind, .output = c->output, .jobs = c->jobs,
                          .datadir = c->datadir, .max_pages = c->max_pages,
                          .timeout = c->timeout, .check_layout = c->check_layout,
                          .first_fit = c->first_fit,
                          .allow_read = (const char *const *)c->allow_read};
    o.export = (rp_export_options){.stylesheet = c->stylesheet, .emit_layout = c->emit_layout,
                                   .params = c->params, .ladder = c->ladder, .lang = c->lang};
    int to_stdout = strcmp(c->output, "-") == 0;
    o.export.output_is_dir = !to_stdout && !ends_with(c->output, suffix);
    if (!o.export.output_is_dir && n > 1) {
        if (to_stdout)
            fprintf(stderr, "rolepress: %zu inputs need an output directory, not standard "
                            "output (-o -)\n", n);
        else
            fprintf(stderr, "rolepress: %zu inputs need an output directory, not the file '%s'\n",
                    n, c->output);
        return EXIT_USAGE;
    }
    if (o.export.output_is_dir && ensure_dir(c->output) != 0) {
        rp_diag_add(d, RP_ERROR, c->output, 0, 0, "cannot create the output directory: %s",
                    strerror(errno));
        return 0;
    }
    char **outputs = NULL;
    if (strcmp(kind, "layout") == 0) {
        outputs = calloc(n + 1, sizeof *outputs);
        for (size_t i = 0; outputs && i < n; i++)
            outputs[i] = o.export.output_is_dir ? layout_output(c->output, files[i])
                                                : strdup(c->output);
        o.outputs = (const char *const *)outputs;
    }
    export_state st = {.c = c, .n = n, .progress = isatty(2) && !c->json && n > 1};
    /* on_document counts the failures, --check-layout defects included */
    rp_batch_run((const char *const *)files, n, &o, on_document, &st, stats);
    if (st.progress)
        fputs("\r\033[K", stderr);
    if (c->depfile)
        write_depfile(c->depfile, &st.deps, d);
    free(st.deps.s);
    for (size_t i = 0; outputs && i < n; i++)
        free(outputs[i]);
    free(outputs);
    return st.failed ? EXIT_INPUT : 0;
}

static int cmd_handbook(const cli *c, rp_context *ctx, rp_diag *d)
{
    rp_export_options opt = {.stylesheet = c->stylesheet, .emit_layout = c->emit_layout,
                             .params = c->params, .ladder = c->ladder, .handbook = c->handbook,
                             .lang = c->lang};
    rp_context_begin(ctx);
    int rc = rp_export_set(ctx, "handbook", (const char *const *)c->inputs, c->ninputs,
                           c->output, &opt, d);
    if (rc == 0 && c->depfile) {
        rp_buf_t b = {0};
        const char *const *deps;
        size_t n = rp_context_dependencies(ctx, &deps);
        depfile_rule(&b, c->output, deps, n);
        write_depfile(c->depfile, &b, d);
        free(b.s);
    }
    return 0;
}

int main(int argc, char **argv)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cli c = {.max_pages = RP_DEFAULT_MAX_PAGES, .timeout = RP_DEFAULT_XSL_TIMEOUT,
             .jobs = cores > 0 ? (int)cores : 1};
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
    if (c.depfile && c.output && strcmp(c.output, "-") == 0) {
        free(c.params);
        return usage_error("--depfile needs an output file or directory: standard output (%s) "
                           "is nothing a build can depend on", "-o -");
    }
    if (c.paper) /* --paper wins over --param paper=, being the more specific */
        add_param(&c, "paper", c.paper);

    rp_output_handle_signals();
    rp_render_init();
    rp_fonts_skip_system_config();
    rp_diag *d = rp_diag_new();
    rp_line_stats stats = {0};
    size_t shown = 0;
    rc = 0;
    if (c.output && strcmp(c.output, "-") == 0 && fcntl(STDOUT_FILENO, F_GETFD) == -1) {
        /* said before an export that may take long; and a temporary file
         * opened as fd 1 would be copied onto itself */
        rp_diag_add(d, RP_ERROR, "-", 0, 0, "cannot write to standard output: %s",
                    strerror(errno));
    } else if (kind) {
        /* Each export thread makes its own context. */
        char **files = NULL;
        size_t n = rp_inputs_expand((const char *const *)c.inputs, c.ninputs, 0, &files, d);
        n = take_shard(files, n, c.shard, c.shards);
        report(d, &shown, c.json);
        if (!rp_diag_errors(d))
            rc = cmd_export(&c, d, files, n, kind, &stats);
        for (size_t i = 0; i < n; i++)
            free(files[i]);
        free(files);
    } else {
        rp_context *ctx = rp_context_new(c.datadir, d);
        if (ctx) {
            rp_context_set_limits(ctx, c.max_pages, c.timeout);
            rp_context_set_check_layout(ctx, c.check_layout);
            rp_context_set_first_fit(ctx, c.first_fit);
            rp_context_set_spare_core(ctx, c.jobs > 1);
            for (size_t i = 0; i < c.nallow_read; i++)
                rp_context_allow_read(ctx, c.allow_read[i]);
            rc = book ? cmd_handbook(&c, ctx, d) : cmd_validate(&c, ctx, d);
            rp_context_line_stats(ctx, &stats);
        }
        rp_context_free(ctx);
    }
    report(d, &shown, c.json);
    if (c.stats)
        fprintf(stderr, "rolepress: %zu justified lines, sum of squared adjustment ratios %.2f "
                        "(mean %.4f), %zu ending in a hyphen\n",
                stats.lines, stats.sum_r2, stats.lines ? stats.sum_r2 / (double)stats.lines : 0.0,
                stats.hyphens);
    if (!rc && rp_diag_errors(d))
        rc = EXIT_INPUT;
    rp_diag_free(d);
    free(c.params);
    free(c.allow_read);
    rp_shutdown();
    return rc;
}
