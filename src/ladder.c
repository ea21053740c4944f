/* ladder.c - loading the career ladder definition.
 *
 * Input: xml/ladders.xml (or a user's ladder).  Output: families, levels
 * and proficiencies with their ranks, validated against ladders.rng.
 */
#include "ladder.h"

#include <string.h>

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? rp_xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static void read_rungs(xmlNodePtr list, const char *elem, rp_rung **out, size_t *n)
{
    size_t cap = 0;
    for (xmlNodePtr c = list->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST elem))
            continue;
        rp_rung *r = RP_PUSH(*out, *n, cap);
        r->id = attr(c, "id");
        r->name = attr(c, "name");
        r->line = (int)xmlGetLineNo(c);
        char *rank = attr(c, "rank");
        r->rank = rank ? atoi(rank) : 0;
        free(rank);
    }
}

/* Two entries with one id (or two levels with one rank) would make the
 * ladder ambiguous: every role's level must mean one thing.  Reported at
 * the later entry. */
static void check_unique(const rp_rung *v, size_t n, const char *what, const char *path,
                         rp_diag *d)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++) {
            int same_id = strcmp(v[i].id, v[j].id) == 0;
            if (!same_id && !(v[i].rank && v[i].rank == v[j].rank))
                continue;
            char *needle = same_id ? rp_xasprintf("id=\"%s\"", v[i].id) : rp_xstrdup("rank=\"");
            int col = rp_source_column(path, v[i].line, needle);
            free(needle);
            if (same_id)
                rp_diag_add(d, RP_ERROR, path, v[i].line, col, "%s '%s' is defined twice", what,
                            v[i].id);
            else
                rp_diag_add(d, RP_ERROR, path, v[i].line, col,
                            "%s '%s' has rank %d, as '%s' does; ranks order the %ss", what,
                            v[i].id, v[i].rank, v[j].id, what);
        }
}

rp_ladder *rp_ladder_load(rp_context *ctx, const char *path, rp_diag *d)
{
    rp_schema *rng = rp_schema_get(ctx, &ctx->ladder_rng, "xml/schema/ladders.rng", d);
    if (!rng)
        return NULL;
    rp_context_note_dependency(ctx, path);
    xmlDocPtr doc = rp_xml_parse_file(path, d);
    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST "ladder")) {
        rp_diag_add(d, RP_ERROR, path, (int)xmlGetLineNo(root), 1,
                    "the root element is <%s>; a ladder definition starts with <ladder>",
                    (const char *)root->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    if (rp_xml_forbid_doctype(doc, path, d) || rp_xml_validate(rng, doc, path, d)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    rp_ladder *l = rp_xcalloc(1, sizeof *l);
    l->path = rp_xstrdup(path);
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "families"))
            read_rungs(c, "family", &l->families, &l->nfamilies);
        else if (xmlStrEqual(c->name, BAD_CAST "levels"))
            read_rungs(c, "level", &l->levels, &l->nlevels);
        else if (xmlStrEqual(c->name, BAD_CAST "proficiencies"))
            read_rungs(c, "proficiency", &l->proficiencies, &l->nproficiencies);
    }
    l->doc = doc;
    check_unique(l->families, l->nfamilies, "family", path, d);
    check_unique(l->levels, l->nlevels, "level", path, d);
    check_unique(l->proficiencies, l->nproficiencies, "proficiency", path, d);
    return l;
}

int rp_ladder_check(rp_context *ctx, const char *path, rp_diag *d)
{
    if (ctx->good_ladders && g_hash_table_contains(ctx->good_ladders, path)) {
        rp_context_note_dependency(ctx, ctx->ladder_rng.path); /* as a load does */
        rp_context_note_dependency(ctx, path);
        return 0;
    }
    size_t errors = rp_diag_errors(d);
    rp_ladder *l = rp_ladder_load(ctx, path, d);
    int ok = l && rp_diag_errors(d) == errors; /* the checks after validation report */
    rp_ladder_free(l);
    if (!ok)
        return -1;
    if (!ctx->good_ladders)
        ctx->good_ladders = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    g_hash_table_add(ctx->good_ladders, rp_xstrdup(path));
    return 0;
}

static void free_rungs(rp_rung *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].name);
    }
    free(v);
}

void rp_ladder_free(rp_ladder *l)
{
    if (!l)
        return;
    free_rungs(l->families, l->nfamilies);
    free_rungs(l->levels, l->nlevels);
    free_rungs(l->proficiencies, l->nproficiencies);
    free(l->path);
    xmlFreeDoc(l->doc);
    free(l);
}

const rp_rung *rp_rung_find(const rp_rung *v, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(v[i].id, id) == 0)
            return &v[i];
    return NULL;
}
