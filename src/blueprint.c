/* blueprint.c - loading role blueprints.
 *
 * Input: blueprint files, or directories of them.  Output: parsed documents
 * validated against xml/schema/blueprint.rng, with every schema problem
 * reported as file:line:col.  The set checks (references, ladder) build on
 * these documents.
 */
#include "internal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

xmlDocPtr rp_blueprint_load(rp_context *ctx, const char *path, rp_diag *d)
{
    xmlRelaxNGPtr rng = rp_schema_get(ctx, &ctx->blueprint_rng, "xml/schema/blueprint.rng", d);
    if (!rng)
        return NULL;
    xmlDocPtr doc = rp_xml_parse_file(path, d);
    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!xmlStrEqual(root->name, BAD_CAST "role")) {
        rp_diag_add(d, RP_ERROR, path, (int)xmlGetLineNo(root), 0,
                    "the root element is <%s>; a role blueprint starts with <role>",
                    (const char *)root->name);
        xmlFreeDoc(doc);
        return NULL;
    }
    if (rp_xml_validate(rng, doc, path, d)) {
        xmlFreeDoc(doc);
        return NULL;
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

/* Expands paths: a directory contributes its *.xml files in name order (so
 * the output does not depend on directory order), a file itself.  A path
 * that does not exist is an error.  Returns the number of paths in *out. */
size_t rp_inputs_expand(const char *const *paths, size_t n, char ***out, rp_diag *d)
{
    char **list = NULL;
    size_t len = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            rp_diag_add(d, RP_ERROR, paths[i], 0, 0, "no such file or directory");
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            *RP_PUSH(list, len, cap) = rp_xstrdup(paths[i]);
            continue;
        }
        DIR *dir = opendir(paths[i]);
        if (!dir) {
            rp_diag_add(d, RP_ERROR, paths[i], 0, 0, "cannot read the directory");
            continue;
        }
        size_t first = len;
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (!has_xml_suffix(e->d_name))
                continue;
            size_t pl = strlen(paths[i]);
            const char *sep = pl && paths[i][pl - 1] == '/' ? "" : "/";
            *RP_PUSH(list, len, cap) = rp_xasprintf("%s%s%s", paths[i], sep, e->d_name);
        }
        closedir(dir);
        qsort(list + first, len - first, sizeof *list, cmp_str);
        if (len == first)
            rp_diag_add(d, RP_ERROR, paths[i], 0, 0, "the directory holds no .xml files");
    }
    *out = list;
    return len;
}
