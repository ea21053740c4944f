/* export.c - the pipeline for one document.
 *
 * blueprint file --load+validate--> tree --stylesheet--> layout XML
 * --validate--> typeset --> PDF (or the layout XML itself with
 * emit_layout).  Each stage reports into the same sink; the first stage
 * that fails stops this document and nothing is written.
 */
#include "internal.h"
#include "chunks.h"
#include "ladder.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

static char *output_path(const char *output, const rp_export_options *opt, xmlDocPtr bp)
{
    if (!opt->output_is_dir)
        return rp_xstrdup(output);
    xmlChar *id = xmlGetProp(xmlDocGetRootElement(bp), BAD_CAST "id");
    size_t n = strlen(output);
    const char *sep = n && output[n - 1] == '/' ? "" : "/";
    char *p = rp_xasprintf("%s%s%s.%s", output, sep, id ? (const char *)id : "role",
                           opt->emit_layout ? "xml" : "pdf");
    xmlFree(id);
    return p;
}

static int write_layout(xmlDocPtr layout, const char *path, rp_diag *d)
{
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpFormatMemoryEnc(layout, &mem, &len, "UTF-8", 1);
    int rc = rp_write_file(path, mem, (size_t)len, d);
    xmlFree(mem);
    return rc;
}

/* The stylesheet stage every kind shares: the layout XML of input, held
 * to the layout schema, or NULL.  *sheet gets the stylesheet's path.
 * With big, the blocks a shipped stylesheet flushes wait in a temporary
 * file until they are typeset (not a user's stylesheet: its whole output
 * is validated; not the layout written out as it is). */
static xmlDocPtr make_layout(rp_context *ctx, const char *kind, xmlDocPtr input,
                             const rp_export_options *opt, int big, char **sheet, rp_diag *d)
{
    *sheet = opt->stylesheet ? rp_xstrdup(opt->stylesheet)
                             : rp_xasprintf("%s/xsl/%s.xsl", ctx->datadir, kind);
    rp_l10n l10n;
    rp_l10n_choose(ctx, input, opt, &l10n);
    rp_chunks *chunks = big && !opt->stylesheet && !opt->emit_layout ? rp_chunks_new() : NULL;
    xmlDocPtr layout = rp_transform_chunked(ctx, *sheet, input, l10n.params, chunks, d);
    rp_l10n_report(ctx, &l10n, d);
    rp_l10n_free(&l10n);
    /* A user's stylesheet is held to layout.rng, where the error names the
     * stylesheet.  The shipped ones are validated by the test suite on
     * every change; validating their output on each export (a sixth of a
     * job description's time) would only re-check that.  The typesetter
     * itself stays safe on any tree that passes the structural check. */
    int ok = layout && (opt->stylesheet ? rp_layout_validate(ctx, layout, *sheet, d) == 0
                                        : rp_layout_check(layout, *sheet, d) == 0);
    if (!ok) {
        rp_layout_free(layout);
        return NULL;
    }
    return layout;
}

/* The output stage: the layout XML itself, or the typeset PDF.  Frees
 * layout and sheet. */
static int write_output(rp_context *ctx, xmlDocPtr layout, char *sheet, const char *path,
                        const rp_export_options *opt, rp_diag *d)
{
    int rc;
    if (opt->emit_layout) {
        rc = write_layout(layout, path, d);
        rp_layout_free(layout);
    } else {
        rc = rp_typeset_consume(ctx, layout, sheet, path, d);
    }
    free(sheet);
    return rc;
}

int rp_export_set(rp_context *ctx, const char *kind, const char *const *paths, size_t n,
                  const char *output, const rp_export_options *opt, rp_diag *d)
{
    size_t errors = rp_diag_errors(d);
    rp_set *s = rp_set_load(ctx, paths, n, opt->ladder, d);
    xmlDocPtr set = NULL;
    if (rp_diag_errors(d) == errors)
        set = rp_set_document_taking(ctx, s, opt->handbook, d);
    char *sheet = NULL;
    xmlDocPtr layout = set ? make_layout(ctx, kind, set, opt, 1, &sheet, d) : NULL;
    /* The roles are in the layout now: a book typesets without them,
     * and their pages go back to the system before the first pass fills
     * others (jemalloc would keep them for seconds: 30 MiB more at the
     * peak of a 3000-role book). */
    xmlFreeDoc(set);
    rp_set_free(s);
    rp_release_free_memory();
    if (!layout) {
        free(sheet);
        return -1;
    }
    return write_output(ctx, layout, sheet, output, opt, d);
}

/* The ladder a single blueprint's document reads, as a set finds its
 * own: --ladder, else ladders.xml beside the roles' directory (roles/../),
 * else NULL (the stylesheet's default, the shipped one).  Absolute: the
 * stylesheet resolves a relative one against itself. */
static char *blueprint_ladder(const char *input, const rp_export_options *opt)
{
    if (opt->ladder)
        return g_canonicalize_filename(opt->ladder, NULL);
    char *dir = g_path_get_dirname(input);
    char *beside = rp_xasprintf("%s/../ladders.xml", dir);
    g_free(dir);
    /* resolved by the file system, as the set's is (roles may be a link) */
    char *real = g_file_test(beside, G_FILE_TEST_IS_REGULAR) ? realpath(beside, NULL) : NULL;
    free(beside);
    char *p = real ? g_strdup(real) : NULL;
    free(real);
    return p;
}

/* Whether the caller's stylesheet parameters set name (--param). */
static int param_given(const rp_export_options *opt, const char *name)
{
    for (size_t n = 0; opt->params && opt->params[n]; n += 2)
        if (strcmp(opt->params[n], name) == 0)
            return 1;
    return 0;
}

/* opt with the stylesheet parameter ladder set to ladder: *params holds
 * the new list. */
static rp_export_options with_ladder(const rp_export_options *opt, const char *ladder,
                                     const char ***params)
{
    rp_export_options o = *opt;
    size_t n = 0;
    while (opt->params && opt->params[n])
        n += 2;
    *params = NULL;
    if (!ladder)
        return o;
    *params = rp_xcalloc(n + 3, sizeof **params);
    if (n)
        memcpy(*params, opt->params, n * sizeof **params);
    (*params)[n] = "ladder";
    (*params)[n + 1] = ladder; /* a file: URI (see rp_export) */
    o.params = *params;
    return o;
}

int rp_export(rp_context *ctx, const char *kind, const char *input, const char *output,
              const rp_export_options *opt, rp_diag *d, char **written)
{
    xmlDocPtr bp = rp_blueprint_load(ctx, input, d);
    if (written)
        *written = NULL;
    if (!bp)
        return -1;
    /* The ladder is checked as a set's is (ladders.rng), then read by the
     * stylesheet; unless --param ladder=... hands the stylesheet another. */
    char *ladder = param_given(opt, "ladder") ? NULL : blueprint_ladder(input, opt);
    if (ladder && rp_ladder_check(ctx, ladder, d) != 0) {
        g_free(ladder);
        xmlFreeDoc(bp);
        return -1;
    }
    if (ladder) /* named by the user, or beside the roles: the stylesheet may read it */
        rp_context_allow_read(ctx, ladder);
    /* As a URI: document() takes a path with a space or a letter beyond
     * ASCII for none at all. */
    char *uri = ladder ? g_filename_to_uri(ladder, NULL, NULL) : NULL;
    const char **params;
    rp_export_options o = with_ladder(opt, uri, &params);
    char *path = output_path(output, &o, bp);
    char *sheet = NULL;
    xmlDocPtr layout = make_layout(ctx, kind, bp, &o, 0, &sheet, d);
    free(params);
    g_free(uri);
    g_free(ladder);
    xmlFreeDoc(bp);
    int rc = -1;
    if (layout)
        rc = write_output(ctx, layout, sheet, path, opt, d);
    else
        free(sheet);
    if (written)
        *written = path;
    else
        free(path);
    return rc;
}

int rp_export_layout(rp_context *ctx, const char *input, const char *output, rp_diag *d)
{
    xmlDocPtr layout = rp_xml_parse_file(input, d);
    if (layout && rp_xml_forbid_doctype(layout, input, d) == 0 &&
        rp_layout_validate(ctx, layout, input, d) == 0)
        return rp_typeset_consume(ctx, layout, input, output, d);
    xmlFreeDoc(layout);
    return -1;
}
