/* ladder.h - the career ladder (xml/ladders.xml) and the checks that
 * need it: a role's family and level, a skill's proficiency. */
#ifndef RP_LADDER_H
#define RP_LADDER_H

#include "internal.h"

typedef struct {
    char *id, *name;
    int rank; /* 0 for families */
    int line; /* of its element in the ladder file */
} rp_rung;

typedef struct {
    char *path;
    xmlDocPtr doc; /* the parsed file, for stylesheets that need it whole */
    rp_rung *families, *levels, *proficiencies;
    size_t nfamilies, nlevels, nproficiencies;
} rp_ladder;

/* Parses and validates a ladder file against ladders.rng.  Returns a new
 * ladder (free with rp_ladder_free) or NULL with diagnostics. */
rp_ladder *rp_ladder_load(rp_context *ctx, const char *path, rp_diag *d);
void rp_ladder_free(rp_ladder *l);
/* rp_ladder_load for a check only: 0 when the ladder at path has no error,
 * else -1 with diagnostics.  A ladder found good is not read again by
 * the same context (a batch's documents share one), though it is still
 * noted as a dependency of each document. */
int rp_ladder_check(rp_context *ctx, const char *path, rp_diag *d);
/* The entry with that id, or NULL.  Borrowed. */
const rp_rung *rp_rung_find(const rp_rung *v, size_t n, const char *id);

/* Checks a set of validated blueprints against each other and the ladder
 * (NULL: skip the ladder checks): unique ids, file names that match ids,
 * references that resolve, promotions that rise, no promotion cycles,
 * families, levels and proficiencies that exist.  known lists the ids
 * of roles in the set that failed their schema (already reported): a
 * reference to them is not dangling.  Every problem is reported.  Returns
 * the number of errors. */
size_t rp_set_check(const rp_ladder *ladder, xmlDocPtr *docs, size_t n, char *const *known,
                    size_t nknown, rp_diag *d);

#endif
