/* setcheck.c - checks on the blueprint set as a whole.
 *
 * Input: blueprints already valid against the schema, and the ladder.
 * Output: one diagnostic per problem, at the file, line and column of the
 * element or attribute at fault.  Schema validation sees one file at a
 * time; what only the set can tell is checked here: unique ids, ids that
 * match file names (stylesheets find roles by id), references that
 * resolve, promotions that go up the ladder and never come round in a
 * cycle, families, levels and proficiencies that the ladder defines.
 */
#include "ladder.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    char *file;
    xmlNodePtr root;
    char *id, *family, *level;
    xmlNodePtr family_node, level_node;
    int rank;               /* of the level, 0 when unknown */
    size_t *promotes;       /* indices of promotion targets in the set */
    xmlNodePtr *promote_nodes;
    size_t npromotes, cappromotes;
} role_info;

/* needle in s; a needle that opens a tag ("<skill") only where the name
 * ends, not inside a longer one ("<skills"). */
static char *find_needle(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (char *p = strstr(s, needle); p; p = strstr(p + 1, needle)) {
        char next = p[n];
        if (needle[0] != '<' || !(g_ascii_isalnum(next) || (next && strchr("-_.:", next))))
            return p;
    }
    return NULL;
}

int rp_source_find(const char *file, int *line, int span, const char *needle)
{
    FILE *f = fopen(file, "rb");
    if (!f || *line < 1)
        return f ? (fclose(f), 0) : 0;
    char *buf = NULL;
    size_t cap = 0;
    int col = 0;
    /* One read of the file, however many lines are searched. */
    long last = (long)*line + span; /* a line number near INT_MAX must not overflow */
    for (long l = 1; l < last && getline(&buf, &cap, f) >= 0; l++) {
        char *p = l >= *line ? find_needle(buf, needle) : NULL;
        if (p) {
            col = (int)(p - buf) + 1;
            *line = (int)l;
            break;
        }
    }
    free(buf);
    fclose(f);
    return col;
}

int rp_source_column(const char *file, int line, const char *needle)
{
    return rp_source_find(file, &line, 1, needle);
}

int rp_nth_line(const char *file, const char *needle, int nth)
{
    FILE *f = fopen(file, "rb");
    if (!f)
        return 0;
    char *buf = NULL;
    size_t cap = 0;
    int found = 0, seen = 0;
    for (int l = 1; getline(&buf, &cap, f) >= 0; l++)
        if (find_needle(buf, needle) && ++seen == nth) {
            found = l;
            break;
        }
    free(buf);
    fclose(f);
    return found;
}

int rp_source_line(const char *file, const char *needle)
{
    return rp_nth_line(file, needle, 1);
}

static char *text_of(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = g_strstrip(g_strdup((const char *)v));
    char *r = rp_xstrdup(s);
    g_free(s);
    xmlFree(v);
    return r;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return c;
    return NULL;
}

/* Reports an error at node, with the column of `needle` on its line (the
 * attribute or element text the message is about). */
static void error_at(rp_diag *d, const char *file, xmlNodePtr n, const char *needle,
                     const char *fmt, const char *a, const char *b, const char *c)
{
    int line = (int)xmlGetLineNo(n);
    int col = needle ? rp_source_column(file, line, needle) : 0;
    if (!col) {
        char *tag = rp_xasprintf("<%s", (const char *)n->name);
        col = rp_source_column(file, line, tag);
        free(tag);
    }
    char *msg = rp_xasprintf(fmt, a, b, c);
    rp_diag_add(d, RP_ERROR, file, line, col, "%s", msg);
    free(msg);
}

/* The first role of the set with id, or -1: looked up in ids
 * (index_roles), as a scan per reference was quadratic in the roles. */
static ssize_t find_role(GHashTable *ids, const char *id)
{
    return rp_index_get(ids, id);
}

static GHashTable *index_roles(const role_info *r, size_t n)
{
    GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++)
        rp_index_put(ids, r[i].id, i);
    return ids;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void check_identity(role_info *r, GHashTable *ids, size_t i, rp_diag *d)
{
    ssize_t first = find_role(ids, r[i].id);
    if (first >= 0 && (size_t)first < i) {
        char *where = rp_xasprintf("%s:%ld", r[first].file, xmlGetLineNo(r[first].root));
        error_at(d, r[i].file, r[i].root, "id=", "role id '%s' is already used by %s%s", r[i].id,
                 where, "");
        free(where);
    }
    /* A pipe's name (/dev/stdin, a process substitution's /dev/fd/63)
     * names no role, nor does a descriptor's open on a file (/dev/stdin
     * < role.xml): only a file's own name is held to its id. */
    char *expect = rp_xasprintf("%s.xml", r[i].id);
    struct stat st;
    int descriptor = strncmp(r[i].file, "/dev/", 5) == 0 || strncmp(r[i].file, "/proc/", 6) == 0;
    if (!descriptor && stat(r[i].file, &st) == 0 && S_ISREG(st.st_mode) &&
        strcmp(base_name(r[i].file), expect) != 0)
        error_at(d, r[i].file, r[i].root, "id=",
                 "role id '%s' does not match the file name: name the file %s%s", r[i].id,
                 expect, " (other roles and the stylesheets find a role by its id)");
    free(expect);
}

/* "; did you mean 'x'?" for the rung of v nearest to a misspelt id, or
 * "" (the caller frees either). */
static char *rung_hint(const rp_rung *v, size_t n, const char *id)
{
    rp_near s = rp_near_init(id);
    for (size_t i = 0; i < n; i++)
        rp_near_consider(&s, v[i].id);
    return rp_near_hint(&s);
}

static void check_ladder(role_info *ri, const rp_ladder *l, rp_diag *d)
{
    if (!rp_rung_find(l->families, l->nfamilies, ri->family)) {
        char *hint = rung_hint(l->families, l->nfamilies, ri->family);
        error_at(d, ri->file, ri->family_node, ri->family,
                 "family '%s' is not defined in the ladder (%s)%s", ri->family, l->path, hint);
        free(hint);
    }
    const rp_rung *lv = rp_rung_find(l->levels, l->nlevels, ri->level);
    if (!lv) {
        char *hint = rung_hint(l->levels, l->nlevels, ri->level);
        error_at(d, ri->file, ri->level_node, ri->level,
                 "level '%s' is not defined in the ladder (%s)%s", ri->level, l->path, hint);
        free(hint);
    } else
        ri->rank = lv->rank;
    for (xmlNodePtr s = child(child(ri->root, "skills"), "skill"); s; s = s->next) {
        if (s->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *p = xmlGetProp(s, BAD_CAST "proficiency");
        if (p && !rp_rung_find(l->proficiencies, l->nproficiencies, (const char *)p)) {
            char *needle = rp_xasprintf("\"%s\"", (const char *)p);
            char *hint = rung_hint(l->proficiencies, l->nproficiencies, (const char *)p);
            error_at(d, ri->file, s, needle,
                     "proficiency '%s' is not on the ladder's proficiency scale (%s)%s",
                     (const char *)p, l->path, hint);
            free(hint);
            free(needle);
        }
        xmlFree(p);
    }
}

/* Checks one role="..." reference; returns the target's index or -1. */
static int is_known(char *const *known, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(known[i], id) == 0)
            return 1;
    return 0;
}

/* "; did you mean 'x'?" for the role id of the set (or known) nearest to
 * a misspelt one, or "" (the caller frees either). */
static char *role_hint(const role_info *r, size_t nroles, char *const *known, size_t nknown,
                       const char *id)
{
    rp_near s = rp_near_init(id);
    for (size_t i = 0; i < nroles; i++)
        rp_near_consider(&s, r[i].id);
    for (size_t i = 0; i < nknown; i++)
        rp_near_consider(&s, known[i]);
    return rp_near_hint(&s);
}

static ssize_t check_ref(role_info *r, size_t nroles, GHashTable *ids, size_t i, xmlNodePtr node,
                         const char *what, char *const *known, size_t nknown, rp_diag *d)
{
    xmlChar *ref = xmlGetProp(node, BAD_CAST "role");
    if (!ref)
        return -1;
    ssize_t t = find_role(ids, (const char *)ref);
    if (t < 0 && !is_known(known, nknown, (const char *)ref)) {
        char *needle = rp_xasprintf("role=\"%s\"", (const char *)ref);
        char *hint = role_hint(r, nroles, known, nknown, (const char *)ref);
        error_at(d, r[i].file, node, needle, "%s refers to role '%s', which is not in the set%s",
                 what, (const char *)ref, hint);
        free(hint);
        free(needle);
    }
    xmlFree(ref);
    return t;
}

static void check_refs(role_info *r, size_t nroles, GHashTable *ids, size_t i, char *const *known,
                       size_t nknown, rp_diag *d)
{
    xmlNodePtr rep = child(r[i].root, "reporting");
    for (xmlNodePtr c = rep ? rep->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            check_ref(r, nroles, ids, i, c, xmlStrEqual(c->name, BAD_CAST "reports-to") ? "reports-to"
                                                                              : "collaborator",
                      known, nknown, d);
    for (xmlNodePtr m = child(child(r[i].root, "career-path"), "move"); m; m = m->next) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        ssize_t t = check_ref(r, nroles, ids, i, m, "career path", known, nknown, d);
        xmlChar *kind = xmlGetProp(m, BAD_CAST "kind");
        if (t >= 0 && xmlStrEqual(kind, BAD_CAST "promotion")) {
            role_info *ri = &r[i];
            if (rp_grow((void **)&ri->promotes, &ri->cappromotes, ri->npromotes + 1,
                        sizeof *ri->promotes))
                ri->promote_nodes = rp_xrealloc(ri->promote_nodes,
                                                ri->cappromotes * sizeof *ri->promote_nodes);
            ri->promote_nodes[ri->npromotes] = m;
            ri->promotes[ri->npromotes++] = (size_t)t;
        }
        xmlFree(kind);
    }
}

static void check_promotion_levels(role_info *r, size_t i, const rp_ladder *l, rp_diag *d)
{
    for (size_t k = 0; k < r[i].npromotes; k++) {
        role_info *t = &r[r[i].promotes[k]];
        if (!r[i].rank || !t->rank || t->rank > r[i].rank)
            continue;
        const rp_rung *from = rp_rung_find(l->levels, l->nlevels, r[i].level);
        const rp_rung *to = rp_rung_find(l->levels, l->nlevels, t->level);
        char *detail = rp_xasprintf("%s (rank %d) is not above this role's level, %s (rank %d)",
                                    to->name, to->rank, from->name, from->rank);
        char *needle = rp_xasprintf("role=\"%s\"", t->id);
        error_at(d, r[i].file, r[i].promote_nodes[k], needle,
                 "promotion to '%s' does not go up the ladder: its level %s%s", t->id, detail, "");
        free(needle);
        free(detail);
    }
}

/* Depth-first search over promotions; colour 1 = on the current path.
 * A cycle is reported once, at the move that closes it. */
static void find_cycles(role_info *r, size_t i, char *colour, size_t *path, size_t depth,
                        rp_diag *d)
{
    colour[i] = 1;
    path[depth] = i;
    for (size_t k = 0; k < r[i].npromotes; k++) {
        size_t t = r[i].promotes[k];
        if (colour[t] == 1) {
            rp_buf cycle = {0};
            size_t s = depth;
            while (path[s] != t)
                s--;
            for (size_t p = s; p <= depth; p++)
                rp_buf_printf(&cycle, "%s \u2192 ", r[path[p]].id);
            rp_buf_puts(&cycle, r[t].id);
            char *needle = rp_xasprintf("role=\"%s\"", r[t].id);
            error_at(d, r[i].file, r[i].promote_nodes[k], needle, "promotion cycle: %s%s%s",
                     cycle.s, "", "");
            free(needle);
            rp_buf_free(&cycle);
        } else if (colour[t] == 0) {
            find_cycles(r, t, colour, path, depth + 1, d);
        }
    }
    colour[i] = 2;
}

size_t rp_set_check(const rp_ladder *ladder, xmlDocPtr *docs, size_t n, char *const *known,
                    size_t nknown, rp_diag *d)
{
    size_t before = rp_diag_errors(d), first = rp_diag_count(d);
    role_info *r = rp_xcalloc(n, sizeof *r);
    for (size_t i = 0; i < n; i++) {
        r[i].file = rp_uri_to_path((const char *)docs[i]->URL);
        r[i].root = xmlDocGetRootElement(docs[i]);
        xmlChar *id = xmlGetProp(r[i].root, BAD_CAST "id");
        r[i].id = rp_xstrdup(id ? (const char *)id : "");
        xmlFree(id);
        r[i].family_node = child(r[i].root, "family");
        r[i].level_node = child(r[i].root, "level");
        r[i].family = text_of(r[i].family_node);
        r[i].level = text_of(r[i].level_node);
    }
    GHashTable *ids = index_roles(r, n);
    for (size_t i = 0; i < n; i++) {
        check_identity(r, ids, i, d);
        if (ladder)
            check_ladder(&r[i], ladder, d);
    }
    for (size_t i = 0; i < n; i++)
        check_refs(r, n, ids, i, known, nknown, d);
    g_hash_table_destroy(ids);
    for (size_t i = 0; ladder && i < n; i++)
        check_promotion_levels(r, i, ladder, d);
    char *colour = rp_xcalloc(n + 1, 1);
    size_t *path = rp_xcalloc(n + 1, sizeof *path);
    for (size_t i = 0; i < n; i++)
        if (!colour[i])
            find_cycles(r, i, colour, path, 0, d);
    free(colour);
    free(path);
    for (size_t i = 0; i < n; i++) {
        free(r[i].file);
        free(r[i].id);
        free(r[i].family);
        free(r[i].level);
        free(r[i].promotes);
        free(r[i].promote_nodes);
    }
    free(r);
    /* Editors and CI annotate best in file order. */
    rp_diag_sort(d, first);
    return rp_diag_errors(d) - before;
}
