/* xmlload.c - safe XML parsing and RELAX NG validation with diagnostics.
 *
 * Input: a path (or a tree to validate).  Output: a libxml2 document, and
 * one diagnostic per problem, every problem of the file in one run.
 * Parsing never touches the network, never loads a DTD and never expands
 * external entities: blueprints are edited by many people and may be
 * hostile.
 */
#include "internal.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/uri.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* No NOENT (entity substitution), no DTDLOAD, no XINCLUDE: an external
 * entity or DTD in a blueprint is never fetched.  BIG_LINES keeps line
 * numbers right past 65535. */
#define RP_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

static xmlDocPtr parse_file(const char *path, xmlDictPtr dict, int options, rp_diag *d);

/* The entity loader of the process: a document parsed here is read into
 * memory first, and anything it refers to from inside (an external
 * entity, a DTD) is not read, whatever the parser options. */
static xmlExternalEntityLoader default_loader;
static __thread int guarded;   /* within a parse here: nothing may load */
static __thread char *refused; /* the first entity refused */

static xmlParserInputPtr entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    if (!guarded)
        return default_loader(url, id, ctxt); /* schemas and the like */
    if (!refused)
        refused = rp_xstrdup(url ? url : id ? id : "(unnamed)");
    return NULL;
}

void rp_xml_init_loader(void)
{
    default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(entity_loader);
}

typedef struct {
    rp_diag *d;
    const char *file; /* overrides the error's own file when set */
    int last_line, last_col; /* of the previous error, for summaries */
    char *pending;    /* a summary waiting for the position of its detail */
    rp_schema *schema;     /* validating, or NULL */
    size_t before;         /* d's errors before this file's */
    int hidden;            /* errors past RP_MAX_FILE_ERRORS, not said */
    xmlNodePtr explained;  /* the element the last error explained in full */
    xmlNodePtr root;       /* the document's root element, validating */
} collector;

/* Nobody reads the thousandth error of a file, and locating each one reads
 * the file to its line: 10,000 errors in a 10,000-line blueprint took
 * 22 s.  Past this many, errors are counted, and the count is said once. */
#define RP_MAX_FILE_ERRORS 100

/* The count of the errors collect did not say. */
static void say_hidden(collector *c, const char *file)
{
    if (c->hidden) /* after the last error said, where a sorted list puts it */
        rp_diag_add(c->d, RP_NOTE, file, c->last_line, c->last_col,
                    "%d more error%s in this file, not shown", c->hidden,
                    c->hidden == 1 ? "" : "s");
}

static void flush_pending(collector *c, int line)
{
    if (!c->pending)
        return;
    rp_diag_add(c->d, RP_ERROR, c->file, line, line == c->last_line ? c->last_col : 0, "%s",
                c->pending);
    free(c->pending);
    c->pending = NULL;
}

/* sscanf over the whole of msg (libxml2's message, perhaps ending in a
 * newline): sscanf alone stops comparing the literal text after its last
 * conversion, so "Element x failed to validate content" would match a
 * format for "... attributes".  fmt ends in %n.  Returns the count of
 * conversions, or 0. */
static int scan_whole(const char *msg, const char *fmt, char *a, char *b)
{
    int end = -1;
    int got = b ? sscanf(msg, fmt, a, b, &end) : sscanf(msg, fmt, a, &end);
    if (end < 0)
        return 0;
    while (msg[end] == '\n' || msg[end] == ' ')
        end++;
    return msg[end] == '\0' ? got : 0;
}

/* libxml2 keeps no columns for elements: find the attribute (attr, else
 * the one msg names) or element the message is about on its line of the
 * source. */
static int validity_column(const char *file, int line, xmlNodePtr node, const char *attr,
                           const char *msg)
{
    char named[128];
    if (!attr && msg && sscanf(msg, "Invalid attribute %127s for element", named) == 1)
        attr = named;
    if (attr) {
        char *needle = rp_xasprintf(" %s=", attr);
        int col = rp_source_column(file, line, needle);
        free(needle);
        if (col)
            return col + 1;
    }
    if (node->type != XML_ELEMENT_NODE)
        return 0;
    char *needle = rp_xasprintf("<%s", (const char *)node->name);
    int col = rp_source_column(file, line, needle);
    free(needle);
    return col;
}

/* "Error validating value" says nothing of the value: name it. */
static char *better_message(xmlNodePtr node, const char *msg)
{
    if (!msg || (strncmp(msg, "Error validating value", 22) != 0 &&
                 strncmp(msg, "Error validating datatype", 25) != 0) ||
        node->type != XML_ELEMENT_NODE)
        return NULL;
    xmlChar *v = xmlNodeGetContent(node);
    char *s = g_strstrip(g_strdup(v ? (const char *)v : ""));
    char *m = rp_xasprintf("<%s>: '%.60s' is not an allowed value here (see the schema for "
                           "the values <%s> takes)",
                           (const char *)node->name, s, (const char *)node->name);
    g_free(s);
    xmlFree(v);
    return m;
}

static char *unknown_element(const rp_schema_hints *h, const char *name)
{
    const char *near = rp_schema_hints_closest_element(h, name);
    return near ? rp_xasprintf("<%s> is not an element of this schema; did you mean <%s>?", name,
                               near)
                : rp_xasprintf("<%s> is not an element of this schema", name);
}

/* The rewrites of schema_message, one for each of libxml2's messages:
 * NULL keeps libxml2's words. */
typedef struct {
    collector *c;
    const rp_schema_hints *h;
    xmlNodePtr node; /* the element libxml2 names */
    const char *el;  /* its name */
    int drop;        /* the message repeats the one before it */
    xmlNodePtr at;   /* the message is about this element instead */
    const char *attr; /* ... and this attribute of it */
    char attr_name[128]; /* attr's storage, when made here */
    char *also;      /* a second error libxml2 leaves unsaid ... */
    xmlNodePtr also_at; /* ... about this element */
} explainer;

/* "Did not expect element level there": a misspelling, an element its
 * holder never takes, what the holder lacks, else a repeat or a wrong
 * order. */
static char *unexpected_element(explainer *r)
{
    r->c->explained = r->node;
    if (!rp_schema_hints_knows_element(r->h, r->el))
        return unknown_element(r->h, r->el);
    xmlNodePtr parent = r->node->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE)
        return NULL;
    if (!rp_schema_hints_allows_child(r->h, (const char *)parent->name, r->el))
        return rp_xasprintf("<%s> does not take <%s>", (const char *)parent->name, r->el);
    const char *lacks = rp_schema_hints_missing_child(r->h, parent);
    if (lacks)
        return rp_xasprintf("<%s> is not expected here: <%s> lacks <%s>, which it requires",
                            r->el, (const char *)parent->name, lacks);
    return rp_xasprintf("<%s> is not expected here: one too many, or out of order", r->el);
}

/* "Element p has extra content: b", where libxml2 names the holder or the
 * child.  It may name an allowed child of mixed content: the first child
 * the holder does not take is the error. */
static char *extra_content(explainer *r, const char *holder_name, const char *child)
{
    xmlNodePtr ex = r->c->explained;
    if (ex && xmlStrEqual(ex->name, BAD_CAST child) && (r->node == ex || r->node == ex->parent)) {
        r->drop = 1; /* unexpected_element said it */
        return NULL;
    }
    xmlNodePtr holder = !strcmp(holder_name, r->el) ? r->node : r->node->parent;
    if (!holder || holder->type != XML_ELEMENT_NODE ||
        !xmlStrEqual(holder->name, BAD_CAST holder_name))
        return NULL;
    for (xmlNodePtr k = holder->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)k->name;
        if (!rp_schema_hints_knows_element(r->h, name)) {
            r->at = k;
            return unknown_element(r->h, name);
        }
        if (!rp_schema_hints_allows_child(r->h, holder_name, name)) {
            r->at = k;
            return rp_xasprintf("<%s> does not take <%s>", holder_name, name);
        }
    }
    return NULL;
}

/* "Invalid attribute nmae for element skill" about one the element does
 * not take */
static char *unknown_attribute(const rp_schema_hints *h, const char *el, const char *name)
{
    if (rp_schema_hints_allows_attribute(h, el, name))
        return NULL;
    const char *near = rp_schema_hints_closest_attribute(h, el, name);
    return near ? rp_xasprintf("<%s> takes no attribute %s=; did you mean %s=?", el, name, near)
                : rp_xasprintf("<%s> takes no attribute %s=", el, name);
}

static xmlAttrPtr foreign_attribute(const rp_schema_hints *h, xmlNodePtr el)
{
    for (xmlAttrPtr p = el->properties; p; p = p->next)
        if (!p->ns && !rp_schema_hints_allows_attribute(h, (const char *)el->name,
                                                        (const char *)p->name))
            return p;
    return NULL;
}

static char *lacks_attribute(const rp_schema_hints *h, xmlNodePtr el)
{
    const char *lacks = rp_schema_hints_missing_attribute(h, el);
    return lacks ? rp_xasprintf("<%s> lacks the attribute %s=, which it requires",
                                (const char *)el->name, lacks)
                 : NULL;
}

/* "Element skill failed to validate attributes": the required attribute
 * missing; nothing when it has one it does not take (often a misspelt
 * required one) or none is missing (a value it does not take), which
 * libxml2 names next (and should it not, the document's validation says
 * it failed). */
static char *attributes_failed(explainer *r)
{
    char *m = foreign_attribute(r->h, r->node) ? NULL : lacks_attribute(r->h, r->node);
    r->drop = !m;
    return m;
}

/* "Invalid attribute category for element skill": one it takes, with a
 * value it does not (or xml:lang, which libxml2 names without its
 * prefix, where the element takes none). */
static char *invalid_attribute(explainer *r, const char *name)
{
    xmlAttrPtr a = xmlHasProp(r->node, BAD_CAST name);
    if (a && a->ns && a->ns->prefix) {
        int n = snprintf(r->attr_name, sizeof r->attr_name, "%s:%s",
                         (const char *)a->ns->prefix, name);
        r->attr = n > 0 && (size_t)n < sizeof r->attr_name ? r->attr_name : NULL;
        return r->attr ? unknown_attribute(r->h, r->el, r->attr) : NULL;
    }
    char *m = unknown_attribute(r->h, r->el, name);
    if (m || !a)
        return m;
    xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
    const char *value = v ? (const char *)v : "";
    char *near = NULL;
    char *takes = rp_schema_hints_attribute_takes(r->h, r->el, name, value, &near);
    m = takes ? rp_xasprintf("<%s> %s='%.60s' is not an allowed value: %s%s%s%s", r->el, name,
                             value, takes, near ? "; did you mean '" : "", near ? near : "",
                             near ? "'?" : "")
              : rp_xasprintf("<%s> %s='%.60s' is not an allowed value (see the schema for "
                             "what %s= takes)",
                             r->el, name, value, name);
    free(takes);
    free(near);
    xmlFree(v);
    return m;
}

/* The same message standing on a child of skill: its content failed too,
 * and libxml2 says neither what the attributes lack nor (often) what in
 * the content is wrong, and names nothing next.  Both are said here. */
static char *holder_failed(explainer *r, const char *holder_name)
{
    xmlNodePtr holder = r->node->parent;
    while (holder && holder->type == XML_ELEMENT_NODE &&
           !xmlStrEqual(holder->name, BAD_CAST holder_name))
        holder = holder->parent;
    if (!holder || holder->type != XML_ELEMENT_NODE)
        return NULL;
    explainer content = {.c = r->c, .h = r->h, .node = r->node, .el = r->el};
    r->also = extra_content(&content, holder_name, r->el);
    if ((r->also_at = content.at))
        r->c->explained = content.at; /* an "extra content" after this repeats it */
    xmlAttrPtr foreign = foreign_attribute(r->h, holder);
    char *m = foreign ? unknown_attribute(r->h, holder_name, (const char *)foreign->name)
                      : lacks_attribute(r->h, holder);
    if (m) {
        r->at = holder;
        r->attr = foreign ? (const char *)foreign->name : NULL;
    }
    return m;
}

/* libxml2's words for an element out of place or an attribute it does
 * not know, in the schema's terms: what is missing, or what a misspelt
 * name should be (the schema's source is read at a document's first
 * error: valid documents never need it). */
static char *schema_message(explainer *r, const char *msg)
{
    char a[128], b[128];
    rp_schema *s = r->c->schema;
    if (!s || !msg || r->node->type != XML_ELEMENT_NODE)
        return NULL;
    if (!s->hints_read)
        s->hints = rp_schema_hints_load(s->path);
    s->hints_read = 1;
    if (!(r->h = s->hints))
        return NULL;
    if (scan_whole(msg, "Did not expect element %127s there%n", a, NULL) == 1 && !strcmp(a, r->el))
        return unexpected_element(r);
    if (scan_whole(msg, "Element %127s has extra content: %127s%n", a, b) == 2)
        return extra_content(r, a, b);
    if (scan_whole(msg, "Element %127s failed to validate content%n", a, NULL) == 1 &&
        r->node == r->c->explained) {
        r->drop = 1; /* a value better_message explained */
        return NULL;
    }
    if (scan_whole(msg, "Did not expect text in element %127s content%n", a, NULL) == 1 && !strcmp(a, r->el))
        return rp_xasprintf("<%s> takes no text of its own, only elements", r->el);
    /* libxml2 leaves the name out: "Expecting an element , got nothing" */
    if (!strncmp(msg, "Expecting an element", 20) && strstr(msg, "got nothing")) {
        const char *lacks = rp_schema_hints_missing_child(r->h, r->node);
        return lacks ? rp_xasprintf("<%s> lacks <%s>, which it requires", r->el, lacks) : NULL;
    }
    if (scan_whole(msg, "Element %127s failed to validate attributes%n", a, NULL) == 1)
        return !strcmp(a, r->el) ? attributes_failed(r) : holder_failed(r, a);
    if (scan_whole(msg, "Invalid attribute %127s for element %127s%n", a, b) == 2 && !strcmp(b, r->el))
        return invalid_attribute(r, a);
    return NULL;
}

/* One line per diagnostic, in words a blueprint author can act on. */
static char *clean_message(const char *m)
{
    static const struct {
        const char *from, *to;
    } rewrite[] = {
        {"Excessive depth in document", "elements are nested more than 256 deep; a blueprint "
                                        "never needs that (nesting limit)"},
        {"Input is not proper UTF-8", "the file is not valid UTF-8 (rolepress reads UTF-8 only)"},
        {"Detected an entity reference loop", "entities refer to each other in a loop (or "
                                              "expand without bound); entities are not allowed"},
        {"Maximum entity amplification", "entities expand without bound; entities are not "
                                         "allowed"},
    };
    for (size_t i = 0; i < sizeof rewrite / sizeof *rewrite; i++)
        if (strncmp(m, rewrite[i].from, strlen(rewrite[i].from)) == 0)
            return rp_xstrdup(rewrite[i].to);
    char *s = rp_xstrdup(m);
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

/* The second error an explainer found, at its own element. */
static void say_also(collector *c, const char *file, const explainer *r)
{
    int line = (int)xmlGetLineNo(r->also_at);
    int col = file ? validity_column(file, line, r->also_at, NULL, NULL) : 0;
    rp_diag_add(c->d, RP_ERROR, file, line, col, "%s", r->also);
}

static void collect(void *data, xmlErrorPtr e)
{
    collector *c = data;
    if (e->level == XML_ERR_NONE)
        return;
    rp_severity sev = e->level == XML_ERR_WARNING ? RP_WARNING : RP_ERROR;
    /* past the limit an error is counted, its column not looked up */
    int over = sev == RP_ERROR && rp_diag_errors(c->d) - c->before >= RP_MAX_FILE_ERRORS;
    const char *file = c->file ? c->file : e->file;
    int line = e->line;
    int col = e->int2;
    char *better = NULL;
    explainer r = {.c = c};
    if (e->domain == XML_FROM_RELAXNGV) {
        xmlNodePtr node = e->node;
        /* libxml2 names no node for the root's attributes (<role> without
         * its id=): it is the root */
        char el[128];
        if (!node && c->root && e->message &&
            scan_whole(e->message, "Element %127s failed to validate attributes%n", el, NULL) == 1 &&
            xmlStrEqual(c->root->name, BAD_CAST el))
            node = c->root;
        r.node = node;
        r.el = node ? (const char *)node->name : NULL;
        better = node ? better_message(node, e->message) : NULL;
        if (better)
            c->explained = node;
        else if (node)
            better = schema_message(&r, e->message);
        if (r.drop || over) {
            c->hidden += over && !r.drop;
            free(better);
            free(r.also);
            return;
        }
        xmlNodePtr at = r.at ? r.at : node;
        if (at)
            line = (int)xmlGetLineNo(at);
        col = at && file ? validity_column(file, line, at, r.attr, r.at ? NULL : e->message) : 0;
        /* "Element x failed to validate ..." sums up the error reported
         * next to it and carries no position: it gets that one's. */
        if (line <= 0 && sev == RP_ERROR && c->file) {
            flush_pending(c, c->last_line);
            c->pending = rp_xstrdup(e->message ? e->message : "validation error");
            free(better);
            free(r.also);
            return;
        }
    } else if (over) {
        c->hidden++;
        return;
    }
    if (line > 0)
        c->last_line = line;
    char *msg = clean_message(better ? better : e->message ? e->message : "XML error");
    free(better);
    /* An entity loop is reported once per reference: say it once. */
    size_t n = rp_diag_count(c->d);
    const rp_diag_record *prev = n ? rp_diag_get(c->d, n - 1) : NULL;
    if (!prev || prev->line != line || strcmp(prev->message, msg) != 0 ||
        strcmp(prev->file ? prev->file : "", file ? file : "") != 0)
        rp_diag_add(c->d, sev, file, line, col, "%s", msg);
    free(msg);
    c->last_col = col;
    flush_pending(c, line);
    if (r.also)
        say_also(c, file, &r);
    free(r.also);
}


/* Blueprints are a few kilobytes; a file a thousand times that is a
 * mistake or an attack, and refusing it early keeps memory bounded. */
#define RP_MAX_INPUT_BYTES (16L * 1024 * 1024)

static int check_size(const char *path, rp_diag *d)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0; /* the parser reports what is wrong */
    if (S_ISDIR(st.st_mode)) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "is a directory, not an XML file");
        return -1;
    }
    if (st.st_size > RP_MAX_INPUT_BYTES) {
        rp_diag_add(d, RP_ERROR, path, 0, 0,
                    "the file is %lld bytes; rolepress reads XML files of at most %ld MiB",
                    (long long)st.st_size, RP_MAX_INPUT_BYTES / (1024 * 1024));
        return -1;
    }
    return 0;
}

/* Only UTF-8 (and its subset ASCII) is read: a file that declares another
 * encoding is usually mislabelled, and would silently come out garbled. */
static int check_encoding(xmlDocPtr doc, const char *path, rp_diag *d)
{
    const char *enc = (const char *)doc->encoding;
    if (!enc || !strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8") ||
        !strcasecmp(enc, "US-ASCII") || !strcasecmp(enc, "ASCII"))
        return 0;
    rp_diag_add(d, RP_ERROR, path, 1, 1,
                "the file declares encoding=\"%s\"; rolepress reads UTF-8 only (convert the "
                "file and drop the declaration)", enc);
    return -1;
}

xmlDocPtr rp_xml_parse_file(const char *path, rp_diag *d)
{
    return parse_file(path, NULL, RP_PARSE_OPTIONS, d);
}

xmlDocPtr rp_xml_parse_file_in(const char *path, xmlDictPtr dict, rp_diag *d)
{
    return parse_file(path, dict, RP_PARSE_OPTIONS, d);
}

/* Stylesheets and the documents they read may define entities in a
 * DOCTYPE (&nbsp; and the like): those are expanded, within libxml2's
 * limits on expansion, while external entities and DTDs are refused by
 * the entity loader. */
xmlDocPtr rp_xml_parse_dict(const char *path, xmlDictPtr dict, rp_diag *d)
{
    return parse_file(path, dict, RP_PARSE_OPTIONS | XML_PARSE_NOENT, d);
}

/* A file that is UTF-16 (by its byte order mark or its first bytes) is
 * refused up front, as the declared encodings are. */
static int utf16(const char *path, const char *b, size_t n, rp_diag *d)
{
    if (n >= 2 && (((unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xFE) ||
                   ((unsigned char)b[0] == 0xFE && (unsigned char)b[1] == 0xFF) ||
                   (b[0] == 0 && b[1] == '<') || (b[0] == '<' && b[1] == 0))) {
        rp_diag_add(d, RP_ERROR, path, 1, 1, "the file is UTF-16; rolepress reads UTF-8 only "
                                             "(convert the file)");
        return -1;
    }
    return 0;
}

/* The file's bytes, read once and held to the size limit as they are
 * read.  A pipe (a process substitution, /dev/stdin) has no size to check
 * beforehand and gives its bytes only once: opened a second time to be
 * parsed, after its first bytes were read for the UTF-16 test, it gave
 * the parser the rest ("Start tag expected" at 1:1), and it was read
 * without a limit.  NULL after a diagnostic. */
static char *read_input(const char *path, size_t *len, rp_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot read the file: %s", strerror(errno));
        return NULL;
    }
    rp_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > (size_t)RP_MAX_INPUT_BYTES) {
            rp_diag_add(d, RP_ERROR, path, 0, 0,
                        "the input is over %ld MiB; rolepress reads XML files of at most %ld MiB",
                        RP_MAX_INPUT_BYTES / (1024 * 1024), RP_MAX_INPUT_BYTES / (1024 * 1024));
            rp_buf_free(&b);
            fclose(f);
            return NULL;
        }
        rp_buf_add(&b, chunk, n);
    }
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot read the file: %s", strerror(err));
        rp_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.s ? b.s : rp_xstrdup("");
}

/* Parses len bytes that name (a file, or what diagnostics call them)
 * holds: the one parser of this file, for files and memory alike. */
/* libxml2 2.9 compares each attribute of a start tag with all those
 * before it, and appends it to its element by walking the element's list:
 * a start tag with 100,000 attributes took 18 s to parse, and 16 MiB hold
 * over a million.  No document rolepress reads needs many, so a start tag
 * with more than this is refused before libxml2 sees it. */
#define RP_MAX_ATTRIBUTES 256

/* Past the end of what starts at p and ends with the string end_with, or
 * NULL when it never ends. */
static const char *past(const char *p, const char *end, const char *end_with)
{
    size_t n = strlen(end_with);
    const char *q = memmem(p, (size_t)(end - p), end_with, n);
    return q ? q + n : NULL;
}

/* Past a quoted string at p, or NULL when it never ends. */
static const char *past_quoted(const char *p, const char *end)
{
    const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
    return q ? q + 1 : NULL;
}

/* Past a declaration (<!DOCTYPE ... [ ... ]>) at p, whose internal subset
 * holds declarations of its own, or NULL. */
static const char *past_declaration(const char *p, const char *end)
{
    int depth = 0;
    for (p += 2; p && p < end;) {
        if (*p == '"' || *p == '\'')
            p = past_quoted(p, end);
        else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
            p = past(p + 4, end, "-->");
        else if (*p == '[' || *p == '<')
            depth++, p++;
        else if ((*p == ']' || *p == '>') && depth > 0)
            depth--, p++;
        else if (*p == '>')
            return p + 1;
        else
            p++;
    }
    return NULL;
}

/* Reports the start tag at tag (in the bytes from b) as having too many
 * attributes. */
static void say_too_many_attributes(const char *b, const char *tag, const char *end,
                                    const char *name, rp_diag *d)
{
    int line = 1, col = 1;
    for (const char *p = b; p < tag; p++) {
        if (*p == '\n')
            line++, col = 1;
        else if (((unsigned char)*p & 0xC0) != 0x80) /* a character, not a continuation */
            col++;
    }
    size_t n = 0; /* the name's length (the bytes need not end in a NUL) */
    while (tag + 1 + n < end && !strchr(" \t\r\n/>", tag[1 + n]))
        n++;
    rp_diag_add(d, RP_ERROR, name, line, col,
                "<%.*s%s> has more than %d attributes; no document rolepress reads needs "
                "that many (attribute limit)",
                (int)(n > 64 ? 64 : n), tag + 1, n > 64 ? "..." : "", RP_MAX_ATTRIBUTES);
}

/* Whether a start tag in the bytes has more than RP_MAX_ATTRIBUTES
 * attributes (reported).  Bytes that are not well-formed are left to
 * libxml2: the scan stops where it loses its way. */
static int too_many_attributes(const char *b, size_t len, const char *name, rp_diag *d)
{
    const char *end = b + len;
    for (const char *p = b; p && (p = memchr(p, '<', (size_t)(end - p)));) {
        size_t left = (size_t)(end - p);
        if (left >= 4 && memcmp(p, "<!--", 4) == 0)
            p = past(p + 4, end, "-->");
        else if (left >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
            p = past(p + 9, end, "]]>");
        else if (left >= 2 && p[1] == '?')
            p = past(p + 2, end, "?>");
        else if (left >= 2 && p[1] == '!')
            p = past_declaration(p, end);
        else {
            /* a tag: its attributes are its '=' outside quoted values */
            const char *tag = p;
            int n = 0;
            for (p++; p && p < end && *p != '>' && *p != '<';) {
                if (*p == '"' || *p == '\'') {
                    p = past_quoted(p, end);
                    continue;
                }
                if (*p++ == '=' && ++n > RP_MAX_ATTRIBUTES) {
                    say_too_many_attributes(b, tag, end, name, d);
                    return 1;
                }
            }
        }
    }
    return 0;
}

static xmlDocPtr parse_bytes(const char *bytes, size_t len, const char *name, xmlDictPtr dict,
                             int options, rp_diag *d)
{
    if (too_many_attributes(bytes, len, name, d))
        return NULL;
    collector c = {.d = d, .file = name, .before = rp_diag_errors(d)};
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        rp_diag_add(d, RP_ERROR, name, 0, 0, "cannot create an XML parser");
        return NULL;
    }
    if (dict) {
        if (pc->dict)
            xmlDictFree(pc->dict);
        pc->dict = dict;
        xmlDictReference(dict);
    }
    xmlSetStructuredErrorFunc(&c, collect);
    size_t before = rp_diag_errors(d);
    free(refused);
    refused = NULL;
    guarded = 1; /* the document is in memory: nothing is loaded */
    xmlDocPtr doc = xmlCtxtReadMemory(pc, bytes, (int)len, name, NULL, options);
    guarded = 0;
    xmlSetStructuredErrorFunc(NULL, NULL);
    say_hidden(&c, name);
    xmlFreeParserCtxt(pc);
    if (refused) {
        /* libxml2 only warns; a document that needs what may not be read
         * is an error, not a document with a hole in it. */
        rp_diag_add(d, RP_ERROR, name, 0, 0,
                    "refers to the external entity or DTD \"%s\", which rolepress does not read",
                    refused);
        free(refused);
        refused = NULL;
    }
    if (!doc && rp_diag_errors(d) == before)
        rp_diag_add(d, RP_ERROR, name, 0, 0, "not a well-formed XML document");
    if (doc && rp_diag_errors(d) > before) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc && check_encoding(doc, name, d) != 0) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc && !xmlDocGetRootElement(doc)) {
        rp_diag_add(d, RP_ERROR, name, 1, 1, "document is empty");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

static xmlDocPtr parse_file(const char *path, xmlDictPtr dict, int options, rp_diag *d)
{
    if (check_size(path, d) != 0)
        return NULL;
    size_t len;
    char *bytes = read_input(path, &len, d);
    if (!bytes)
        return NULL;
    xmlDocPtr doc =
        utf16(path, bytes, len, d) == 0 ? parse_bytes(bytes, len, path, dict, options, d) : NULL;
    free(bytes);
    return doc;
}

rp_schema *rp_schema_get(rp_context *ctx, rp_schema *slot, const char *rel, rp_diag *d)
{
    char *path = rp_data_path(ctx, rel);
    rp_context_note_dependency(ctx, path);
    if (slot->rng) {
        free(path);
        return slot;
    }
    collector c = {.d = d, .before = rp_diag_errors(d)};
    /* Compiling a schema touches libxml2's shared datatype tables: one
     * thread at a time (each context compiles each schema once). */
    static pthread_mutex_t compile = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&compile);
    xmlSetStructuredErrorFunc(&c, collect);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
    slot->rng = pc ? xmlRelaxNGParse(pc) : NULL;
    xmlSetStructuredErrorFunc(NULL, NULL);
    pthread_mutex_unlock(&compile);
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    if (!slot->rng) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot load the schema");
        free(path);
        return NULL;
    }
    slot->path = path;
    return slot;
}

void rp_schema_clear(rp_schema *s)
{
    if (s->rng)
        xmlRelaxNGFree(s->rng);
    free(s->path);
    rp_schema_hints_free(s->hints);
    memset(s, 0, sizeof *s);
}

int rp_xml_validate(rp_schema *schema, xmlDocPtr doc, const char *file, rp_diag *d)
{
    /* For every error, libxml2 looks for the file it came from by
     * walking back over all the node's preceding siblings and ancestors
     * (for XInclude), when the document has a URL: quadratic in a file
     * with many invalid siblings (20,000 misspelt attributes took 6 s,
     * 70,000 took 210 s).  The file is known here, so the document goes
     * without its URL while it is validated. */
    const xmlChar *url = doc->URL;
    if (!file)
        file = (const char *)url;
    doc->URL = NULL;
    collector c = {.d = d, .file = file, .schema = schema, .before = rp_diag_errors(d),
                   .root = xmlDocGetRootElement(doc)};
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema->rng);
    xmlSetStructuredErrorFunc(&c, collect);
    size_t before = rp_diag_errors(d);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlSetStructuredErrorFunc(NULL, NULL);
    doc->URL = url;
    flush_pending(&c, c.last_line);
    say_hidden(&c, file);
    xmlRelaxNGFreeValidCtxt(vc);
    int errs = (int)(rp_diag_errors(d) - before);
    if (rc != 0 && errs == 0) {
        rp_diag_add(d, RP_ERROR, file, 0, 0, "document does not match its schema");
        errs = 1;
    }
    return errs;
}

int rp_xml_forbid_doctype(xmlDocPtr doc, const char *path, rp_diag *d)
{
    xmlDtdPtr dtd = doc->intSubset ? doc->intSubset : doc->extSubset;
    if (!dtd)
        return 0;
    int line = rp_source_line(path, "<!DOCTYPE");
    rp_diag_add(d, RP_ERROR, path, line > 0 ? line : 1, 1,
                "a DOCTYPE declaration is not allowed here: the schema defines the document, "
                "and entities could expand without bound or read other files");
    return -1;
}

xmlDocPtr rp_xml_parse_memory(const char *buf, size_t len, const char *name, rp_diag *d)
{
    if (len > (size_t)RP_MAX_INPUT_BYTES) {
        rp_diag_add(d, RP_ERROR, name, 0, 0, "the input is %zu bytes; rolepress reads XML of at "
                    "most %ld MiB", len, RP_MAX_INPUT_BYTES / (1024 * 1024));
        return NULL;
    }
    return parse_bytes(buf, len, name, NULL, RP_PARSE_OPTIONS, d);
}

char *rp_uri_to_path(const char *uri)
{
    if (!uri)
        return NULL;
    if (strncmp(uri, "file://", 7) == 0)
        uri += 7;
    /* libxml2 keeps a document's URL escaped ("my%20roles"): undo it to
     * get the name of the file on disk. */
    char *raw = xmlURIUnescapeString(uri, 0, NULL);
    char *s = rp_xstrdup(raw ? raw : uri);
    xmlFree(raw);
    return s;
}
