/* rolepress.h - public interface of librolepress.
 *
 * rolepress turns role blueprints (XML) into printable documents:
 * blueprint --load+validate--> XML tree --XSLT--> layout XML --typeset-->
 * pages --render--> PDF.  The CLI (main.c) is a thin client of this API.
 *
 * Ownership: functions named _new/_load return objects the caller frees with
 * the matching _free; every other returned pointer is borrowed and lives as
 * long as the object it came from.  The library never prints: problems are
 * collected as records in an rp_diag sink that the caller reports.
 */
#ifndef ROLEPRESS_H
#define ROLEPRESS_H

#include <stddef.h>
#include <libxml/tree.h>

#define RP_VERSION "0.1.0"

/* ---------------------------------------------------------- diagnostics */

typedef enum { RP_NOTE, RP_WARNING, RP_ERROR } rp_severity;

typedef struct {
    rp_severity severity;
    char *file;     /* may be NULL when no file is involved */
    int line, col;  /* 0 when unknown */
    char *message;
} rp_diag_record;

typedef struct rp_diag rp_diag;

rp_diag *rp_diag_new(void);
void rp_diag_free(rp_diag *d);
void rp_diag_add(rp_diag *d, rp_severity sev, const char *file, int line, int col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
size_t rp_diag_count(const rp_diag *d);
const rp_diag_record *rp_diag_get(const rp_diag *d, size_t i);
size_t rp_diag_errors(const rp_diag *d);
/* Formats a record as "file:line:col: error: message" (no newline).
 * Returns a string the caller frees. */
char *rp_diag_format(const rp_diag_record *r);

/* -------------------------------------------------------------- context */

/* The shared state of a run: where the data files are (xml/, xsl/,
 * fonts/), the font configuration built from the bundled fonts only, and
 * the compiled schemas.  Not thread-safe; use one per thread. */
typedef struct rp_context rp_context;

/* datadir: directory holding xml/, xsl/ and fonts/; NULL picks
 * $ROLEPRESS_DATADIR, else the compiled-in location.  Returns NULL and adds
 * a diagnostic when the data or fonts cannot be found. */
rp_context *rp_context_new(const char *datadir, rp_diag *d);
void rp_context_free(rp_context *ctx);
const char *rp_context_datadir(const rp_context *ctx);

/* Bounds on a document: at most max_pages pages (0: none), and a
 * stylesheet stopped after xsl_timeout seconds (0: none).  The defaults
 * stop runaway input long before it exhausts a machine. */
#define RP_DEFAULT_MAX_PAGES 100000
#define RP_DEFAULT_XSL_TIMEOUT 300.0
void rp_context_set_limits(rp_context *ctx, size_t max_pages, double xsl_timeout);

/* With on, typesetting also reports every layout defect (text past the
 * measure, a heading last on its page, widows, orphans, overflow...) as a
 * diagnostic: errors for avoidable defects, warnings for the rest.  The
 * document is still written. */
void rp_context_set_check_layout(rp_context *ctx, int on);

/* Stylesheets read files (document(), xsl:import, xsl:include) only from
 * the input's or the stylesheet's directory and the data directory; this
 * adds another. */
void rp_context_allow_read(rp_context *ctx, const char *dir);

/* With on, lines are broken first-fit (each line as full as it goes) as a
 * line-by-line typesetter does, instead of by total fit: for comparing
 * the two, not for production. */
void rp_context_set_first_fit(rp_context *ctx, int on);
/* With on, a core is free for this context besides its own thread: a
 * long document is drawn on a thread of its own while it is laid out.
 * The output is the same either way. */
void rp_context_set_spare_core(rp_context *ctx, int on);
/* Statistics of the justified lines composed so far (the last line of
 * each paragraph excepted): their count, the sum of their squared
 * adjustment ratios (0 is a perfect line, 1 a line stretched or shrunk by
 * all its spaces allow) and how many end in a hyphen. */
typedef struct {
    size_t lines, hyphens;
    double sum_r2;
} rp_line_stats;
void rp_context_line_stats(const rp_context *ctx, rp_line_stats *out);

/* Dependency tracking for build systems.  rp_context_begin starts a new
 * document; afterwards rp_context_dependencies lists every file it was
 * made from: inputs, stylesheets with their imports and includes,
 * documents they read, schemas, the ladder and handbook definitions,
 * fonts, hyphenation patterns.  The list is borrowed until the next
 * begin. */
void rp_context_begin(rp_context *ctx);
size_t rp_context_dependencies(const rp_context *ctx, const char *const **files);

/* For a program that uses fontconfig only through rolepress, such as the
 * rolepress command: makes fontconfig's process-wide configuration an
 * empty one, so that the system's is never loaded (each context has its
 * own, with the bundled fonts only).  Call before the first
 * rp_context_new(); a program that shows system fonts must not. */
void rp_fonts_skip_system_config(void);

/* Releases the global state of libxml2 and libxslt (not fontconfig's:
 * Pango's FcInit thread may still be running).  Call once at exit, after
 * every context is freed, so that leak checkers see a clean exit. */
void rp_shutdown(void);

/* ----------------------------------------------------------- the stages */

/* Parses and validates one blueprint file against blueprint.rng.  Returns
 * the document (caller frees with xmlFreeDoc) or NULL with diagnostics. */
xmlDocPtr rp_blueprint_load(rp_context *ctx, const char *path, rp_diag *d);
/* The same for a blueprint in memory; name is used in diagnostics. */
xmlDocPtr rp_blueprint_parse(rp_context *ctx, const char *buf, size_t len, const char *name,
                             rp_diag *d);
/* Where the element n (or the element of a text or attribute node) of a
 * loaded blueprint, or of a copy of one, was written: "file:line" (a new
 * string), or NULL for an element of no blueprint (a handbook
 * definition, a ladder, an element a stylesheet made). */
char *rp_node_src(xmlNodePtr n);

/* Expands files and directories (their *.xml files, sorted by name; with
 * recursive, those of subdirectories too) into a list the caller frees
 * (each string, then the array).  Missing paths are reported.  Returns the
 * number of entries. */
size_t rp_inputs_expand(const char *const *paths, size_t n, int recursive, char ***out,
                        rp_diag *d);

/* A blueprint set: every role found in the given files and directories
 * (searched recursively; documents that are not roles are skipped unless
 * named explicitly), and the career ladder (the given file, else a
 * <ladder> document among the inputs, else ladders.xml beside the roles'
 * directory, else the shipped one).  Loading validates every role against
 * the schema, then checks the set as a whole: unique ids, references,
 * promotions, ladder entries.  Always returns a set (free with
 * rp_set_free); problems are in d. */
typedef struct rp_set rp_set;
rp_set *rp_set_load(rp_context *ctx, const char *const *paths, size_t n, const char *ladder,
                    rp_diag *d);
void rp_set_free(rp_set *s);
size_t rp_set_count(const rp_set *s);
/* The whole set as one document for a book's stylesheet: <rolepress-set>
 * holding the handbook definition (the file given, else one among the
 * inputs, else handbook.xml beside the roles' directory, else the shipped
 * one; validated against handbook.rng), the ladder and every role in name
 * order.  Returns a new document (caller frees) or NULL with diagnostics. */
xmlDocPtr rp_set_document(rp_context *ctx, rp_set *s, const char *handbook, rp_diag *d);

/* Applies a stylesheet.  params is a NULL-terminated list of name, value
 * pairs (values are plain strings, not XPath).  Returns the result document
 * (caller frees) or NULL with diagnostics that name the stylesheet; a
 * warning the stylesheet gives many times is in them once. */
xmlDocPtr rp_transform(rp_context *ctx, const char *stylesheet, xmlDocPtr input,
                       const char *const *params, rp_diag *d);

/* Validates layout XML against layout.rng; culprit is the file named in
 * diagnostics (the stylesheet that produced it).  Returns 0 when valid. */
int rp_layout_validate(rp_context *ctx, xmlDocPtr layout, const char *culprit,
                       rp_diag *d);
/* Only what the typesetter relies on: a <document> root, a sane depth,
 * text that is valid UTF-8.  For the shipped stylesheets, whose output the
 * test suite validates against layout.rng.  Returns 0 when it holds. */
int rp_layout_check(xmlDocPtr layout, const char *culprit, rp_diag *d);

/* Typesets validated layout XML into a PDF at path.  Writes to a
 * temporary file renamed into place: on failure nothing is left at path.
 * Returns 0 on success. */
int rp_typeset(rp_context *ctx, xmlDocPtr layout, const char *culprit,
               const char *path, rp_diag *d);
/* The same, taking layout: its blocks are freed as soon as they are
 * drawn, the document at the end.  For the largest books, whose layout
 * tree is most of the memory a run takes. */
int rp_typeset_consume(rp_context *ctx, xmlDocPtr layout, const char *culprit,
                       const char *path, rp_diag *d);

/* ------------------------------------------------------------- pipeline */

typedef struct {
    const char *stylesheet;        /* NULL: the shipped one for the kind */
    const char *const *params;     /* NULL-terminated name, value pairs */
    int emit_layout;               /* write layout XML instead of a PDF */
    int output_is_dir;             /* output names a directory: write
                                      <dir>/<role id>.pdf (or .xml) */
    const char *ladder;            /* the career ladder file, or NULL */
    const char *handbook;          /* the handbook definition, or NULL */
    const char *lang;              /* the document's language tag, over
                                      the input's xml:lang, or NULL */
} rp_export_options;

/* Whether tag is a syntactically valid language tag ("de", "de-CH"): a
 * primary subtag of 2 to 8 letters, then hyphen-joined subtags of 1 to 8
 * letters or digits.  The fixed text of a document comes from the message
 * catalogue xml/l10n/TAG.xml, else the one of its primary subtag, else
 * English (with a warning). */
int rp_lang_tag_valid(const char *tag);

/* Runs the whole pipeline for one blueprint: load, transform with the
 * document kind's stylesheet ("job-description"), validate, typeset, write
 * output.  Returns 0 on success; on failure output is not created and an
 * existing file at the output path is left as it was.  With written, the
 * path of the output (or the one it would have had) is returned there for
 * the caller to free. */
int rp_export(rp_context *ctx, const char *kind, const char *input,
              const char *output, const rp_export_options *opt, rp_diag *d,
              char **written);

/* The same for a book made of the whole set ("handbook"): loads the set
 * from paths, stops at the first error, else builds the set document and
 * runs it through the kind's stylesheet to output.  opt->handbook names
 * the definition (NULL: found as rp_set_document says). */
int rp_export_set(rp_context *ctx, const char *kind, const char *const *paths, size_t n,
                  const char *output, const rp_export_options *opt, rp_diag *d);

/* Installs handlers so that SIGINT, SIGTERM and SIGHUP remove the
 * temporary files of outputs being written before the process ends (the
 * previous outputs stay intact), and so that a file-size limit makes
 * writes fail with a diagnostic.  For programs; the library never calls
 * it itself. */
void rp_output_handle_signals(void);

/* Process-wide set-up for PDF output, to be called before any thread
 * starts (it sets an environment variable): Cairo then leaves page content
 * uncompressed, and rolepress compresses it once, after marking its
 * artifacts, instead of inflating and compressing it again.  Output is
 * the same either way; this only makes it faster.  For programs. */
void rp_render_init(void);

/* Typesets a layout XML file (what a stylesheet produces) into a PDF;
 * problems in it are reported against the file itself. */
int rp_export_layout(rp_context *ctx, const char *input, const char *output, rp_diag *d);

/* ----------------------------------------------------------------- batch */

typedef struct {
    const char *kind;              /* "job-description", "career-guide", "layout" */
    const char *output;            /* a file, or a directory (export.output_is_dir) */
    const char *const *outputs;    /* or one output per input (NULL: output) */
    rp_export_options export;
    int jobs;                      /* threads */
    const char *datadir;
    size_t max_pages;
    double timeout;
    int check_layout, first_fit;
    const char *const *allow_read; /* NULL-terminated, or NULL */
} rp_batch_options;

/* Called once per input, in input order: its output path, status, the
 * diagnostics and the files it depends on (all borrowed for the call). */
typedef void (*rp_batch_report)(void *data, size_t index, const char *input, const char *output,
                                int status, rp_diag *d, const char *const *deps, size_t ndeps);

/* Exports every input with o->jobs threads, each with its own context.
 * Outputs and reports do not depend on the number of threads.  A warning
 * or note that an earlier document reported already (same file, line,
 * column and text) is left out of a later document's diagnostics: a run
 * says it once.  With stats,
 * adds up the line statistics of all documents there.  Returns the number
 * of inputs that failed. */
size_t rp_batch_run(const char *const *inputs, size_t n, const rp_batch_options *o,
                    rp_batch_report report, void *data, rp_line_stats *stats);

/* Writes a file atomically: data goes to a temporary file in the same
 * directory, renamed into place on success. */
int rp_write_file(const char *path, const void *data, size_t len, rp_diag *d);

#endif
