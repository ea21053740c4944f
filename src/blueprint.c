/* blueprint.c - loading role blueprints.
 *
 * Input: blueprint files, or directories of them.  Output: parsed documents
 * validated against xml/schema/blueprint.rng, with every schema problem
 * reported as file:line:col.  The set checks (references, ladder) build on
 * these documents.
 */
#include "ladder.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void stamp_sources(xmlNodePtr n, const char *path);
static int blueprint_validate(rp_context *ctx, xmlDocPtr doc, const char *path, rp_diag *d);

/* Validates a parsed document as a blueprint; returns 0 when valid. */
static int blueprint_check(rp_context *ctx, xmlDocPtr doc, const char *path, rp_diag *d)
{
    int rc = blueprint_validate(ctx, doc, path, d);
    if (rc == 0)
        stamp_sources(xmlDocGetRootElement(doc), path);
    return rc;
}

static int blueprint_validate(rp_context *ctx, xmlDocPtr doc, const char *path, rp_diag *d)
{
    rp_schema *rng = rp_schema_get(ctx, &ctx->blueprint_rng, "xml/schema/blueprint.rng", d);
    if (!rng)
        return -1;
    if (rp_xml_forbid_doctype(doc, path, d) != 0)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST "role")) {
        rp_diag_add(d, RP_ERROR, path, (int)xmlGetLineNo(root), 1,
                    "the root element is <%s>; a role blueprint starts with <role>",
                    (const char *)root->name);
        return -1;
    }
    return rp_xml_validate(rng, doc, path, d) ? -1 : 0;
}

/* Positions survive the stylesheet.  A valid blueprint's root element
 * gets src="file:line"; the others keep their line in the tree (in the
 * copies a set document or a stylesheet makes too), and rp_node_src
 * joins the two.  An attribute on every element, as before, was a quarter
 * of a parsed blueprint: 73 MiB of a 3000-role set.  Elements from line
 * 65535 on are stamped as well: a copy of the tree cannot tell their
 * lines. */
static void stamp_at(xmlNodePtr n, const char *path)
{
    char *where = rp_xasprintf("%s:%ld", path, xmlGetLineNo(n));
    xmlSetProp(n, BAD_CAST "src", BAD_CAST where);
    free(where);
}

static void stamp_far(xmlNodePtr n, const char *path)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (n->line == 65535) /* libxml2's mark of a line it keeps elsewhere */
            stamp_at(n, path);
        stamp_far(n->children, path);
    }
}

static void stamp_sources(xmlNodePtr root, const char *path)
{
    stamp_at(root, path);
    stamp_far(root->children, path);
}

char *rp_node_src(xmlNodePtr n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->parent; /* a text's or an attribute's element */
    for (xmlNodePtr e = n; e && e->type == XML_ELEMENT_NODE; e = e->parent) {
        xmlChar *src = xmlGetNoNsProp(e, BAD_CAST "src");
        if (!src)
            continue;
        char *at;
        if (e == n) {
            at = rp_xstrdup((const char *)src);
        } else {
            const char *colon = strrchr((const char *)src, ':');
            int file = colon ? (int)(colon - (const char *)src) : xmlStrlen(src);
            at = rp_xasprintf("%.*s:%ld", file, (const char *)src, xmlGetLineNo(n));
        }
        xmlFree(src);
        return at;
    }
    return NULL;
}

xmlDocPtr rp_blueprint_parse(rp_context *ctx, const char *buf, size_t len, const char *name,
                             rp_diag *d)
{
    xmlDocPtr doc = rp_xml_parse_memory(buf, len, name, d);
    if (doc && blueprint_check(ctx, doc, name, d) != 0) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

xmlDocPtr rp_blueprint_load(rp_context *ctx, const char *path, rp_diag *d)
{
    rp_context_note_dependency(ctx, path);
    xmlDocPtr doc = rp_xml_parse_file(path, d);
    if (doc && blueprint_check(ctx, doc, path, d) != 0) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_xml_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0 && name[0] != '.';
}

typedef struct {
    char **list;
    size_t len, cap;
    GHashTable *seen; /* rp_file_key() of each directory scanned, file listed */
    size_t found;     /* .xml files met, listed before or not */
    rp_diag *d;
} scan;

/* Lists path (taken) unless the file is listed already, by another path
 * or the same one given twice. */
static void add_input(scan *sc, char *path)
{
    char *key = rp_file_key(path);
    if (key && !g_hash_table_add(sc->seen, key)) {
        free(path);
        return;
    }
    *RP_PUSH(sc->list, sc->len, sc->cap) = path;
}

/* Whether an entry is a file to read: a pipe, socket or device named
 * *.xml in a directory would block the export reading it, or never end. */
static int regular(const struct dirent *e, const char *path, rp_diag *d)
{
    if (e->d_type == DT_REG)
        return 1;
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return 1; /* a dangling link is reported when it is read */
    if (S_ISDIR(st.st_mode))
        return 0; /* a directory named *.xml, not scanned into */
    rp_diag_add(d, RP_ERROR, path, 0, 0,
                "not a regular file (a pipe, socket or device in a directory is not read)");
    return 0;
}

static void scan_entry(const char *path, const struct dirent *e, void *data)
{
    scan *sc = data;
    if (!e) {
        rp_diag_add(sc->d, RP_ERROR, path, 0, 0, "cannot read the directory: %s", strerror(errno));
    } else if (has_xml_suffix(e->d_name)) {
        sc->found++; /* a directory whose files were named too still has them */
        if (regular(e, path, sc->d))
            add_input(sc, rp_xstrdup(path));
    }
}

/* The .xml files of dir, and with recursive those of its directories,
 * listed in name order, so that output never depends on directory order.
 * Each directory is scanned once, however many links lead to it: a link
 * back up (roles/all -> ..) had the scan go forty levels deep, and every
 * role was reported as a duplicate of itself; a file is listed once too.
 * Returns as rp_walk_dir. */
static int scan_dir(scan *sc, const char *dir, int recursive)
{
    size_t first = sc->len;
    int r = rp_walk_dir(dir, recursive, sc->seen, scan_entry, sc);
    if (sc->len - first > 1)
        qsort(sc->list + first, sc->len - first, sizeof *sc->list, cmp_str);
    return r;
}

size_t rp_inputs_expand(const char *const *paths, size_t n, int recursive, char ***out,
                        rp_diag *d)
{
    scan sc = {.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), .d = d};
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                rp_diag_add(d, RP_ERROR, paths[i], 0, 0, "no such file or directory");
            else
                rp_diag_add(d, RP_ERROR, paths[i], 0, 0, "cannot read it: %s", strerror(errno));
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            add_input(&sc, rp_xstrdup(paths[i]));
            continue;
        }
        size_t found = sc.found, errors = rp_diag_errors(d);
        if (scan_dir(&sc, paths[i], recursive) == 0 && sc.found == found &&
            rp_diag_errors(d) == errors)
            rp_diag_add(d, RP_ERROR, paths[i], 0, 0, "the directory holds no .xml files");
    }
    g_hash_table_destroy(sc.seen);
    *out = sc.list;
    return sc.len;
}

/* ------------------------------------------------------------- the set */

struct rp_set {
    xmlDocPtr *roles;
    size_t n, cap;
    rp_ladder *ladder;
    char *handbook; /* a <handbook> definition met among the inputs */
    xmlDictPtr dict; /* the names of the roles and of the set document */
};

static int is_named(const char *path, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(path, paths[i]) == 0)
            return 1;
    return 0;
}

/* A definition file a set names none of (ladders.xml, handbook.xml): the
 * one beside the roles' directory (xml/ladders.xml for xml/roles/), else
 * the shipped one. */
static char *beside_roles(rp_context *ctx, const rp_set *s, const char *name)
{
    if (s->n && s->roles[0]->URL) {
        char *file = rp_uri_to_path((const char *)s->roles[0]->URL);
        char *dir = g_path_get_dirname(file);
        char *p = rp_xasprintf("%s/../%s", dir, name);
        g_free(dir);
        free(file);
        struct stat st;
        if (stat(p, &st) == 0)
            return p;
        free(p);
    }
    char *rel = rp_xasprintf("xml/%s", name);
    char *p = rp_data_path(ctx, rel);
    free(rel);
    return p;
}

rp_set *rp_set_load(rp_context *ctx, const char *const *paths, size_t npaths,
                    const char *ladder, rp_diag *d)
{
    rp_set *s = rp_xcalloc(1, sizeof *s);
    s->dict = xmlDictCreate();
    size_t first_diag = rp_diag_count(d);
    char **files = NULL;
    size_t n = rp_inputs_expand(paths, npaths, 1, &files, d);
    char *ladder_file = ladder ? rp_xstrdup(ladder) : NULL;
    char **broken = NULL;
    size_t nbroken = 0, capbroken = 0;
    for (size_t i = 0; i < n; i++) {
        rp_context_note_dependency(ctx, files[i]);
        xmlDocPtr doc = rp_xml_parse_file_in(files[i], s->dict, d);
        xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
        if (root && xmlStrEqual(root->name, BAD_CAST "ladder") && !ladder_file) {
            ladder_file = rp_xstrdup(files[i]);
        } else if (root && xmlStrEqual(root->name, BAD_CAST "handbook") && !s->handbook) {
            s->handbook = rp_xstrdup(files[i]);
        } else if (root && xmlStrEqual(root->name, BAD_CAST "catalogue")) {
            rp_l10n_check(ctx, doc, files[i], d); /* xml/l10n/ of a data tree */
        } else if (root && (xmlStrEqual(root->name, BAD_CAST "role") ||
                            is_named(files[i], paths, npaths))) {
            if (blueprint_check(ctx, doc, files[i], d) == 0) {
                *RP_PUSH(s->roles, s->n, s->cap) = doc;
                doc = NULL;
            } else {
                /* Still a member of the set: others may name it. */
                xmlChar *id = xmlGetProp(root, BAD_CAST "id");
                if (id)
                    *RP_PUSH(broken, nbroken, capbroken) = rp_xstrdup((const char *)id);
                xmlFree(id);
            }
        } /* other documents met in a directory (schemas' samples,
             a second handbook definition) are not blueprints: skipped */
        xmlFreeDoc(doc);
        free(files[i]);
    }
    free(files);
    if (!ladder_file)
        ladder_file = beside_roles(ctx, s, "ladders.xml");
    s->ladder = rp_ladder_load(ctx, ladder_file, d);
    free(ladder_file);
    rp_set_check(s->ladder, s->roles, s->n, broken, nbroken, d);
    /* Schema and set problems together, in file order, as editors and CI
     * annotations want them. */
    rp_diag_sort(d, first_diag);
    for (size_t i = 0; i < nbroken; i++)
        free(broken[i]);
    free(broken);
    return s;
}

void rp_set_free(rp_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        xmlFreeDoc(s->roles[i]);
    free(s->roles);
    rp_ladder_free(s->ladder);
    free(s->handbook);
    xmlDictFree(s->dict);
    free(s);
}

size_t rp_set_count(const rp_set *s)
{
    return s->n;
}

/* The handbook definition: the one named, else one met among the inputs,
 * else handbook.xml beside the roles' directory, else the shipped one. */
static char *find_handbook(rp_context *ctx, const rp_set *s, const char *given)
{
    if (given)
        return rp_xstrdup(given);
    if (s->handbook)
        return rp_xstrdup(s->handbook);
    return beside_roles(ctx, s, "handbook.xml");
}

static xmlDocPtr set_document(rp_context *ctx, rp_set *s, const char *handbook, int take,
                              rp_diag *d)
{
    if (!s->ladder)
        return NULL;
    char *path = find_handbook(ctx, s, handbook);
    rp_context_note_dependency(ctx, path);
    rp_schema *rng = rp_schema_get(ctx, &ctx->handbook_rng, "xml/schema/handbook.rng", d);
    xmlDocPtr def = rng ? rp_xml_parse_file(path, d) : NULL;
    if (def && !xmlStrEqual(xmlDocGetRootElement(def)->name, BAD_CAST "handbook")) {
        rp_diag_add(d, RP_ERROR, path, (int)xmlGetLineNo(xmlDocGetRootElement(def)), 1,
                    "the root element is <%s>; a handbook definition starts with <handbook>",
                    (const char *)xmlDocGetRootElement(def)->name);
        xmlFreeDoc(def);
        def = NULL;
    }
    if (def && (rp_xml_forbid_doctype(def, path, d) || rp_xml_validate(rng, def, path, d))) {
        xmlFreeDoc(def);
        def = NULL;
    }
    if (!def) {
        free(path);
        return NULL;
    }
    /* One document holds everything the stylesheet needs, so that it
     * reads no file of its own; its base is the definition's. */
    xmlDocPtr set = xmlNewDoc(BAD_CAST "1.0");
    set->dict = s->dict; /* the roles' names, not a copy of each */
    xmlDictReference(s->dict);
    xmlNodePtr root = xmlNewDocNode(set, NULL, BAD_CAST "rolepress-set", NULL);
    xmlDocSetRootElement(set, root);
    set->URL = xmlStrdup(BAD_CAST path);
    xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(def), set, 1));
    xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(s->ladder->doc), set, 1));
    for (size_t i = 0; i < s->n; i++) {
        xmlAddChild(root, xmlDocCopyNode(xmlDocGetRootElement(s->roles[i]), set, 1));
        if (take) {
            xmlFreeDoc(s->roles[i]);
            s->roles[i] = NULL;
        }
    }
    if (take)
        s->n = 0;
    xmlFreeDoc(def);
    free(path);
    return set;
}

xmlDocPtr rp_set_document(rp_context *ctx, rp_set *s, const char *handbook, rp_diag *d)
{
    return set_document(ctx, s, handbook, 0, d);
}

xmlDocPtr rp_set_document_taking(rp_context *ctx, rp_set *s, const char *handbook, rp_diag *d)
{
    return set_document(ctx, s, handbook, 1, d);
}
