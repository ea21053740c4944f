/* xmlload.c - safe XML parsing and RELAX NG validation with diagnostics.
 *
 * Input: a path (or a tree to validate).  Output: a libxml2 document, and
 * one diagnostic per problem, every problem of the file in one run.
 * Parsing never touches the network, never loads a DTD and never expands
 * external entities: blueprints are edited by many people and may be
 * hostile.
 */
#include "internal.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <string.h>

/* No NOENT (entity substitution), no DTDLOAD, no XINCLUDE: an external
 * entity or DTD in a blueprint is never fetched.  BIG_LINES keeps line
 * numbers right past 65535. */
#define RP_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

typedef struct {
    rp_diag *d;
    const char *file; /* overrides the error's own file when set */
} collector;

static void collect(void *data, xmlErrorPtr e)
{
    collector *c = data;
    if (e->level == XML_ERR_NONE)
        return;
    rp_severity sev = e->level == XML_ERR_WARNING ? RP_WARNING : RP_ERROR;
    const char *file = c->file ? c->file : e->file;
    int line = e->line;
    int col = e->int2;
    if (e->domain == XML_FROM_RELAXNGV && e->node) {
        xmlNodePtr n = e->node;
        line = (int)xmlGetLineNo(n);
        col = 0;
    }
    rp_diag_add(c->d, sev, file, line, col, "%s", e->message ? e->message : "XML error");
}

xmlDocPtr rp_xml_parse_file(const char *path, rp_diag *d)
{
    collector c = {d, path};
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot create an XML parser");
        return NULL;
    }
    xmlSetStructuredErrorFunc(&c, collect);
    size_t before = rp_diag_errors(d);
    xmlDocPtr doc = xmlCtxtReadFile(pc, path, NULL, RP_PARSE_OPTIONS);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(pc);
    if (!doc && rp_diag_errors(d) == before)
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot read the file");
    if (doc && rp_diag_errors(d) > before) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (doc && !xmlDocGetRootElement(doc)) {
        rp_diag_add(d, RP_ERROR, path, 1, 1, "document is empty");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    return doc;
}

xmlRelaxNGPtr rp_schema_get(rp_context *ctx, xmlRelaxNGPtr *slot, const char *rel,
                            rp_diag *d)
{
    if (*slot)
        return *slot;
    char *path = rp_data_path(ctx, rel);
    collector c = {d, NULL};
    xmlSetStructuredErrorFunc(&c, collect);
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
    *slot = pc ? xmlRelaxNGParse(pc) : NULL;
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (pc)
        xmlRelaxNGFreeParserCtxt(pc);
    if (!*slot)
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot load the schema");
    free(path);
    return *slot;
}

int rp_xml_validate(xmlRelaxNGPtr schema, xmlDocPtr doc, const char *file, rp_diag *d)
{
    collector c = {d, file};
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    xmlSetStructuredErrorFunc(&c, collect);
    size_t before = rp_diag_errors(d);
    int rc = xmlRelaxNGValidateDoc(vc, doc);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlRelaxNGFreeValidCtxt(vc);
    int errs = (int)(rp_diag_errors(d) - before);
    if (rc != 0 && errs == 0) {
        rp_diag_add(d, RP_ERROR, file ? file : (const char *)doc->URL, 0, 0,
                    "document does not match its schema");
        errs = 1;
    }
    return errs;
}
