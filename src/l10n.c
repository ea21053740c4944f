/* l10n.c - the language of a document and its message catalogue.
 *
 * Input: the document a stylesheet is about to transform (a blueprint, or
 * the set document of a book) and the export options.  Output: the
 * stylesheet parameters lang (the document's language tag: the lang
 * option, else the input's xml:lang, else en) and catalogue (the file of
 * xml/l10n/ the stylesheets print their fixed text from: the tag itself,
 * else its primary subtag, else en.xml).  Falling back to English is
 * reported once, as a warning at the xml:lang that asked for the language
 * (or at the lang option), and only when the stylesheet did read the
 * catalogue: a user's stylesheet that prints no catalogue text is not
 * warned about.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A language tag as BCP 47 writes it, syntactically: a primary subtag of
 * 2 to 8 letters, then subtags of 1 to 8 letters or digits, joined by
 * hyphens ("de", "de-CH", "zh-Hant-TW").  Whether a catalogue exists is
 * another matter. */
int rp_lang_tag_valid(const char *tag)
{
    size_t run = 0, subtags = 0;
    for (const char *p = tag;; p++) {
        if (*p == '-' || *p == '\0') {
            if (run < (subtags ? 1u : 2u) || run > 8)
                return 0;
            subtags++;
            run = 0;
            if (!*p)
                return 1;
            continue;
        }
        if (!isascii((unsigned char)*p) || !(subtags ? isalnum((unsigned char)*p)
                                                     : isalpha((unsigned char)*p)))
            return 0;
        run++;
    }
}

/* The catalogue for one name ("de-ch", "de"), as an absolute path, or
 * NULL when there is none. */
static char *catalogue_file(const rp_context *ctx, const char *name, size_t len)
{
    char *rel = rp_xasprintf("xml/l10n/%.*s.xml", (int)len, name);
    char *path = rp_data_path(ctx, rel);
    char *real = access(path, R_OK) == 0 ? realpath(path, NULL) : NULL;
    free(rel);
    free(path);
    return real;
}

/* The element whose xml:lang gives the document's language: a role's
 * root, or the handbook definition inside a set document. */
static xmlNodePtr lang_holder(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root && xmlStrEqual(root->name, BAD_CAST "rolepress-set"))
        for (xmlNodePtr n = root->children; n; n = n->next)
            if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "handbook"))
                return n;
    return root;
}

static const char *param_value(const char *const *params, const char *name)
{
    for (size_t i = 0; params && params[i]; i += 2)
        if (strcmp(params[i], name) == 0)
            return params[i + 1];
    return NULL;
}

/* Where the tag was asked for: the lang option (no file), or the file and
 * line of the xml:lang. */
static void note_origin(rp_l10n *l, xmlDocPtr doc, xmlNodePtr holder, int from_option)
{
    if (from_option)
        return;
    l->where_file = doc->URL ? rp_uri_to_path((const char *)doc->URL) : NULL;
    l->where_line = (int)xmlGetLineNo(holder);
    if (l->where_line <= 0 && l->where_file) /* copied into a set document */
        l->where_line = rp_source_line(l->where_file, "xml:lang");
    if (l->where_file && l->where_line > 0)
        l->where_col = rp_source_column(l->where_file, l->where_line, "xml:lang");
}

/* The caller's own parameters, then lang and catalogue.  lang is always
 * the one chosen (the lang option wins over a lang param, and the layout's
 * xml:lang must name the catalogue's language); a catalogue given with the
 * param option is used as it is. */
static void build_params(rp_l10n *l, const char *const *given)
{
    size_t total = 0, n = 0;
    while (given && given[total])
        total += 2;
    l->params = rp_xcalloc(total + 5, sizeof *l->params);
    for (size_t i = 0; i < total; i += 2)
        if (strcmp(given[i], "lang") != 0) {
            l->params[n++] = given[i];
            l->params[n++] = given[i + 1];
        }
    l->params[n++] = "lang";
    l->params[n++] = l->lang;
    if (l->catalogue) {
        l->params[n++] = "catalogue";
        l->params[n++] = l->catalogue;
    }
}

void rp_l10n_choose(rp_context *ctx, xmlDocPtr doc, const rp_export_options *opt, rp_l10n *l)
{
    memset(l, 0, sizeof *l);
    xmlNodePtr holder = lang_holder(doc);
    xmlChar *own = holder ? xmlGetNsProp(holder, BAD_CAST "lang", XML_XML_NAMESPACE) : NULL;
    const char *asked = opt->lang ? opt->lang : param_value(opt->params, "lang");
    l->lang = rp_xstrdup(asked ? asked : own && *own ? (const char *)own : "en");
    xmlFree(own);
    if (!param_value(opt->params, "catalogue")) {
        char *name = g_ascii_strdown(l->lang, -1);
        size_t primary = strcspn(name, "-");
        /* Only a tag names a file: "--param lang=../x" looks nowhere. */
        if (rp_lang_tag_valid(name)) {
            l->catalogue = catalogue_file(ctx, name, strlen(name));
            if (!l->catalogue && name[primary])
                l->catalogue = catalogue_file(ctx, name, primary);
        }
        if (!l->catalogue) {
            l->catalogue = catalogue_file(ctx, "en", 2);
            l->fell_back = 1;
            note_origin(l, doc, holder, asked != NULL);
        }
        g_free(name);
    }
    build_params(l, opt->params);
}

void rp_l10n_report(rp_context *ctx, const rp_l10n *l, rp_diag *d)
{
    if (!l->fell_back || !l->catalogue)
        return;
    /* Warned only when the stylesheet did read it (a dependency noted). */
    if (!ctx->depset || !g_hash_table_contains(ctx->depset, l->catalogue))
        return;
    if (l->where_file)
        rp_diag_add(d, RP_WARNING, l->where_file, l->where_line, l->where_col,
                    "no message catalogue for language '%s' (xml/l10n/): its fixed text is "
                    "printed in English",
                    l->lang);
    else
        rp_diag_add(d, RP_WARNING, NULL, 0, 0,
                    "--lang %s: no message catalogue for this language (xml/l10n/): the fixed "
                    "text is printed in English",
                    l->lang);
}

void rp_l10n_free(rp_l10n *l)
{
    free(l->params);
    free(l->lang);
    free(l->catalogue);
    free(l->where_file);
}

/* The column of n's key="key" on its line of path (0: not found). */
static int key_column(const char *path, int line, const xmlChar *key)
{
    char *needle = rp_xasprintf("key=\"%s\"", (const char *)key);
    int col = rp_source_column(path, line, needle);
    free(needle);
    return col;
}

/* The set of a catalogue's keys; a key met twice is reported (with d). */
static GHashTable *catalogue_keys(xmlDocPtr doc, const char *path, rp_diag *d)
{
    GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, xmlFree, NULL);
    for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
        xmlChar *key = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, BAD_CAST "key") : NULL;
        if (!key)
            continue;
        if (g_hash_table_contains(keys, key)) {
            int line = (int)xmlGetLineNo(n);
            if (d)
                rp_diag_add(d, RP_ERROR, path, line, key_column(path, line, key),
                            "message '%s' is defined twice", (const char *)key);
            xmlFree(key);
        } else {
            g_hash_table_add(keys, key);
        }
    }
    return keys;
}

/* Reports, in document order, each message of from whose key is not in
 * keys: at root (the catalogue's root element) when given, else at the
 * message. */
static void report_absent(xmlDocPtr from, GHashTable *keys, const char *path, xmlNodePtr root,
                          const char *what, rp_diag *d)
{
    int root_line = root ? (int)xmlGetLineNo(root) : 0, root_col = 0;
    if (root) {
        char *tag = rp_xasprintf("<%s", (const char *)root->name);
        root_col = rp_source_column(path, root_line, tag);
        free(tag);
    }
    for (xmlNodePtr n = xmlDocGetRootElement(from)->children; n; n = n->next) {
        xmlChar *key = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, BAD_CAST "key") : NULL;
        if (key && !g_hash_table_contains(keys, key)) {
            int line = root ? root_line : (int)xmlGetLineNo(n);
            rp_diag_add(d, RP_ERROR, path, line, root ? root_col : key_column(path, line, key),
                        what, (const char *)key);
        }
        xmlFree(key);
    }
}

/* The shipped en.xml, which every catalogue is held to, or NULL when it
 * cannot be read.  Parsed once a context: validate xml/ checks every
 * catalogue of xml/l10n/ against it. */
static xmlDocPtr reference_catalogue(rp_context *ctx)
{
    if (!ctx->l10n_en) {
        char *path = rp_data_path(ctx, "xml/l10n/en.xml");
        rp_diag *scratch = rp_diag_new();
        ctx->l10n_en = rp_xml_parse_file(path, scratch); /* the shipped one: valid */
        rp_diag_free(scratch);
        free(path);
    }
    return ctx->l10n_en;
}

int rp_l10n_check(rp_context *ctx, xmlDocPtr doc, const char *path, rp_diag *d)
{
    size_t before = rp_diag_errors(d);
    rp_schema *rng = rp_schema_get(ctx, &ctx->l10n_rng, "xml/schema/l10n.rng", d);
    if (!rng || rp_xml_forbid_doctype(doc, path, d) || rp_xml_validate(rng, doc, path, d))
        return (int)(rp_diag_errors(d) - before);
    xmlDocPtr en = reference_catalogue(ctx);
    if (en) {
        GHashTable *keys = catalogue_keys(doc, path, d);
        GHashTable *en_keys = catalogue_keys(en, NULL, NULL);
        report_absent(en, keys, path, xmlDocGetRootElement(doc),
                      "no message '%s': every catalogue has every message of en.xml", d);
        report_absent(doc, en_keys, path, NULL,
                      "message '%s' is not one of en.xml's: no stylesheet prints it", d);
        g_hash_table_destroy(keys);
        g_hash_table_destroy(en_keys);
    }
    return (int)(rp_diag_errors(d) - before);
}
