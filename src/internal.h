/* internal.h - what the library's modules share and nothing outside sees. */
#ifndef RP_INTERNAL_H
#define RP_INTERNAL_H

#include "rolepress.h"
#include "util.h"

#include <libxml/relaxng.h>
#include <pango/pango.h>
#include <stdio.h>

typedef struct {
    size_t lines;      /* justified lines, last lines of paragraphs excepted */
    double sum_r2;     /* sum of their squared adjustment ratios */
    size_t hyphens;    /* of them, ending in a hyphen */
} rp_compose_stats;

/* schemahints.c: what a RELAX NG schema allows, read from its source, for
 * diagnostics that say what a document lacks or misspells. */
typedef struct rp_schema_hints rp_schema_hints;
rp_schema_hints *rp_schema_hints_load(const char *rng_path); /* NULL if unreadable */
void rp_schema_hints_free(rp_schema_hints *h);
/* The first child element (attribute) every definition of el's element
 * requires and el lacks, or NULL. */
const char *rp_schema_hints_missing_child(const rp_schema_hints *h, xmlNodePtr el);
const char *rp_schema_hints_missing_attribute(const rp_schema_hints *h, xmlNodePtr el);
int rp_schema_hints_knows_element(const rp_schema_hints *h, const char *name);
int rp_schema_hints_allows_attribute(const rp_schema_hints *h, const char *element,
                                     const char *name);
int rp_schema_hints_allows_child(const rp_schema_hints *h, const char *element, const char *name);
/* What the attribute attr of element takes, in words for a message: "one
 * of a, b, c" when the schema lists its values (*near then the one
 * nearest to value, or NULL), else its documentation; NULL when the
 * schema says neither. */
char *rp_schema_hints_attribute_takes(const rp_schema_hints *h, const char *element,
                                      const char *attr, const char *value, char **near);
/* The schema's element name (element's attribute name) nearest to a
 * misspelt name, or NULL when none is near. */
const char *rp_schema_hints_closest_element(const rp_schema_hints *h, const char *name);
const char *rp_schema_hints_closest_attribute(const rp_schema_hints *h, const char *element,
                                              const char *name);

/* A compiled schema and, read at its first error, what its source says. */
typedef struct {
    xmlRelaxNGPtr rng;
    char *path;
    rp_schema_hints *hints;
    int hints_read; /* hints may be NULL after: an unreadable source */
} rp_schema;

struct rp_context {
    char *datadir;
    struct _FcConfig *fonts;      /* only the bundled fonts */
    PangoFontMap *fontmap;
    PangoContext *pango;          /* 72 dpi: one Pango unit is 1/1024 pt */
    PangoContext *pango_rtl;      /* the same, right-to-left base direction */
    rp_schema blueprint_rng;      /* compiled on first use */
    rp_schema layout_rng;
    rp_schema ladder_rng;
    rp_schema handbook_rng;
    rp_schema l10n_rng;
    xmlDocPtr l10n_en;            /* the shipped en.xml, read on first use */
    struct rp_xsl_cache *xsl;     /* parsed stylesheets by path */
    GHashTable *hyphen;           /* language -> libhyphen dictionary */
    GHashTable *hyphen_paths;     /* language -> its file */
    GHashTable *good_ladders;     /* ladders checked without an error */
    char **deps;                  /* files the current document depends on */
    size_t ndeps, capdeps;
    GHashTable *depset;           /* the same, for "seen already?" (NULL: none) */
    char **font_files;            /* the bundled fonts */
    size_t nfont_files, capfont_files;
    struct _cairo_scaled_font **pins; /* one a bundled face, its FreeType face
                                         locked open (context.c) */
    size_t npins, cappins;
    char **allowed;               /* more directories stylesheets may read */
    size_t nallowed, capallowed;
    size_t max_pages;             /* 0: no limit */
    int check_layout;             /* report layout defects */
    int first_fit;                /* break lines first-fit (for comparisons) */
    int spare_core;               /* a core free to draw pages on */
    rp_compose_stats stats;       /* of the justified lines composed */
    double xsl_timeout;           /* seconds a transformation may run */
};

/* Where a block of the layout came from, read from its src attribute
 * ("file:line"): the file (a string its owner keeps once for all the
 * blocks from that file) and the line, 0 when the attribute named none.
 * No file: the block has no src. */
typedef struct {
    const char *file;
    unsigned line;
} rp_src;

/* diag.c: rp_diag_add at src, else at fallback, a whole file. */
void rp_diag_add_src(rp_diag *d, rp_severity sev, rp_src src, const char *fallback,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Turns the records from index first on into errors. */
void rp_diag_escalate(rp_diag *d, size_t first);
/* Drops the records from index n on. */
void rp_diag_truncate(rp_diag *d, size_t n);
/* Orders the records from index first on by file, line and column. */
void rp_diag_sort(rp_diag *d, size_t first);
/* Drops each warning and note from index first on that says what one in
 * seen (a map from malloc'd strings, freed by the map) or an earlier one
 * of the range already said: same file, line, column and text.  The
 * others are added to seen.  Errors are all kept unless owner is given:
 * then an error said already is dropped too, and a new one is added with
 * owner (borrowed) as its value.  Returns the number of errors dropped;
 * *first_owner (when not NULL) gets the owner of the first. */
size_t rp_diag_unique(rp_diag *d, size_t first, GHashTable *seen, const char *owner,
                      const char **first_owner);

/* context.c: records a file the output depends on (a dictionary, a
 * font...), once. */
void rp_context_note_dependency(rp_context *ctx, const char *path);
/* context.c: a path under the data directory; caller frees. */
char *rp_data_path(const rp_context *ctx, const char *rel);

/* xmlload.c: safe parsing and schema validation. */
xmlDocPtr rp_xml_parse_file(const char *path, rp_diag *d);
/* The same, the names interned in dict: the documents of a set share one
 * (a dictionary of its own was 5.6 KB of each parsed blueprint). */
xmlDocPtr rp_xml_parse_file_in(const char *path, xmlDictPtr dict, rp_diag *d);
/* Installs the process's entity loader, which reads the documents asked
 * for and never what they refer to (external entities, DTDs). */
void rp_xml_init_loader(void);
/* The same from memory; name is what diagnostics call it. */
xmlDocPtr rp_xml_parse_memory(const char *buf, size_t len, const char *name, rp_diag *d);
/* The same, with the names interned in dict (libxslt wants a stylesheet's
 * documents to share its dictionary). */
xmlDocPtr rp_xml_parse_dict(const char *path, xmlDictPtr dict, rp_diag *d);
/* Data files (blueprints, ladder, handbook definition) carry no DOCTYPE:
 * reports one and returns -1. */
int rp_xml_forbid_doctype(xmlDocPtr doc, const char *path, rp_diag *d);
/* The file name behind a document URL or file: URI (caller frees). */
char *rp_uri_to_path(const char *uri);
/* Compiles rel (under the data directory) once and caches it in *slot;
 * NULL (with a diagnostic) when it cannot. */
rp_schema *rp_schema_get(rp_context *ctx, rp_schema *slot, const char *rel, rp_diag *d);
void rp_schema_clear(rp_schema *s);
/* Validates doc; problems are reported against file (or the node's own
 * document URL when file is NULL).  Returns the number of errors. */
int rp_xml_validate(rp_schema *schema, xmlDocPtr doc, const char *file, rp_diag *d);

/* setcheck.c: the 1-based column of needle on line `line` of file, or 0
 * (libxml2 keeps lines but not columns for elements). */
int rp_source_column(const char *file, int line, const char *needle);
/* The same on the span lines from *line on, read in one pass: the column
 * of needle on the first of them that has it, that line in *line, or 0
 * (and *line unchanged). */
int rp_source_find(const char *file, int *line, int span, const char *needle);
/* The first line of file that contains needle, or 0. */
int rp_source_line(const char *file, const char *needle);
/* The line of the nth (from 1) line of file that contains needle, or 0. */
int rp_nth_line(const char *file, const char *needle, int nth);

/* blueprint.c: rp_set_document, with the roles moved out of s (each one
 * freed once it is copied: a book's blueprints are never in memory
 * twice); s keeps its ladder. */
xmlDocPtr rp_set_document_taking(rp_context *ctx, rp_set *s, const char *handbook, rp_diag *d);

/* typeset.c: whether the subtree at root, the depth-th level of its
 * document, keeps what rp_layout_check asks (valid UTF-8, bounded
 * nesting): 0, or -1, reported against culprit when d is not NULL. */
int rp_layout_check_tree(xmlNodePtr root, int depth, const char *culprit, rp_diag *d);

/* transform.c */
void rp_xsl_cache_free(struct rp_xsl_cache *c);
/* Routes libxslt's process-wide error messages to the calling thread's
 * collector (installed once per process). */
void rp_xsl_init_errors(void);
/* libxslt's document loader, made safe (installed once per process). */
#include <libxslt/documents.h>
xmlDocPtr rp_xsl_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                        xsltLoadType type);

/* l10n.c: the language of a document and the message catalogue its
 * stylesheet prints from. */
typedef struct {
    const char **params;   /* the options' params, then lang and catalogue */
    char *lang;            /* the document's language tag */
    char *catalogue;       /* absolute path of the catalogue, or NULL when
                              the caller's params name one */
    int fell_back;         /* no catalogue for lang: English instead */
    char *where_file;      /* the xml:lang that asked for lang (NULL: the */
    int where_line, where_col; /* lang option) */
} rp_l10n;
/* Chooses the language and catalogue of doc; free with rp_l10n_free. */
void rp_l10n_choose(rp_context *ctx, xmlDocPtr doc, const rp_export_options *opt, rp_l10n *l);
/* After the transformation: warns about an English fallback if the
 * stylesheet read the catalogue. */
void rp_l10n_report(rp_context *ctx, const rp_l10n *l, rp_diag *d);
void rp_l10n_free(rp_l10n *l);
/* A message catalogue met among a set's inputs (rolepress validate xml/):
 * reports what breaks l10n.rng, and messages missing from it or unknown
 * to the shipped en.xml, as errors.  Returns the number of errors. */
int rp_l10n_check(rp_context *ctx, xmlDocPtr doc, const char *path, rp_diag *d);

/* fonts.c: a fontconfig configuration holding only the fonts in dir. */
struct _FcConfig *rp_fonts_load(const char *dir, rp_diag *d);

/* Indexes by name (a hash table of borrowed keys, g_str_hash): the first
 * index put under a name is the one kept, and rp_index_get gives it, or
 * -1 for a name never put (or NULL). */
void rp_index_put(GHashTable *h, const char *name, size_t i);
ssize_t rp_index_get(GHashTable *h, const char *name);

#endif
