/* The sort-key part of `skola check [--repair]`: rows written by another
 * program (the sqlite3 CLI, Python, DB Browser) keep an outdated Latvian
 * sort key or no uid; check names them per kind, --repair recomputes the
 * keys and gives the rows uids. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

int
cli_check_sort_keys(struct cli_ctx *ctx, struct storage_db *db, bool repair)
{
    struct sk_error err = {0};
    if (repair) {
        int64_t fixed = 0;
        if (!storage_sortkeys_repair(db, &fixed, &err))
            return cli_fail(ctx, &err);
        if (fixed > 0)
            printf(ngettext("Refreshed the sort key of %lld row.\n",
                            "Refreshed the sort keys of %lld rows.\n", (unsigned long)fixed),
                   (long long)fixed);
    }
    if (repair) {
        int64_t fixed = 0;
        if (!storage_search_repair(db, &fixed, &err))
            return cli_fail(ctx, &err);
        if (fixed > 0)
            printf(ngettext("Refreshed the search text of %lld row.\n",
                            "Refreshed the search texts of %lld rows.\n", (unsigned long)fixed),
                   (long long)fixed);
    }
    if (repair) {
        int64_t fixed = 0;
        if (!storage_uids_repair(db, &fixed, &err))
            return cli_fail(ctx, &err);
        if (fixed > 0)
            printf(ngettext("Gave %lld row a record id (uid).\n",
                            "Gave %lld rows record ids (uid).\n", (unsigned long)fixed),
                   (long long)fixed);
    }
    int64_t *stale = sk_xcalloc(forms_n_kinds, sizeof *stale);
    if (!storage_sortkeys_check(db, stale, &err)) {
        free(stale);
        return cli_fail(ctx, &err);
    }
    int rc = 0;
    int64_t ticks = 0; /* sheets whose summary bit sets disagree with their tick rows */
    if (!storage_obs_ticks_check(db, repair, &ticks, &err)) {
        free(stale);
        return cli_fail(ctx, &err);
    }
    if (ticks > 0 && repair)
        printf(ngettext("Refreshed the ticks summary of %lld observation sheet.\n",
                        "Refreshed the ticks summary of %lld observation sheets.\n",
                        (unsigned long)ticks),
               (long long)ticks);
    else if (ticks > 0) {
        fprintf(stderr,
                ngettext("observations: %lld sheet has ticks changed by another program; "
                         "run “skola check --repair”.\n",
                         "observations: %lld sheets have ticks changed by another program; "
                         "run “skola check --repair”.\n",
                         (unsigned long)ticks),
                (long long)ticks);
        rc = 1;
    }
    for (size_t k = 0; k < forms_n_kinds; k++) {
        if (stale[k] == 0)
            continue;
        fprintf(stderr,
                ngettext("%s: %lld row has an outdated sort key (changed by another program); "
                         "run “skola check --repair”.\n",
                         "%s: %lld rows have outdated sort keys (changed by another program); "
                         "run “skola check --repair”.\n",
                         (unsigned long)stale[k]),
                forms_kinds[k]->key, (long long)stale[k]);
        rc = 1;
    }
    if (!storage_uids_check(db, stale, &err)) {
        free(stale);
        return cli_fail(ctx, &err);
    }
    for (size_t k = 0; k < forms_n_kinds; k++) {
        if (stale[k] == 0)
            continue;
        fprintf(stderr,
                ngettext("%s: %lld row has no record id (uid; inserted by another program); "
                         "run “skola check --repair”.\n",
                         "%s: %lld rows have no record id (uid; inserted by another program); "
                         "run “skola check --repair”.\n",
                         (unsigned long)stale[k]),
                forms_kinds[k]->key, (long long)stale[k]);
        rc = 1;
    }
    if (!storage_uids_check_forms(db, stale, &err)) {
        free(stale);
        return cli_fail(ctx, &err);
    }
    for (size_t k = 0; k < forms_n_kinds; k++) {
        if (stale[k] == 0)
            continue;
        fprintf(stderr,
                ngettext("%s: %lld row has a record id (uid) that is not one skola makes "
                         "(changed by another program); “skola check --repair” gives it a "
                         "new one.\n",
                         "%s: %lld rows have record ids (uid) that are not ones skola makes "
                         "(changed by another program); “skola check --repair” gives them "
                         "new ones.\n",
                         (unsigned long)stale[k]),
                forms_kinds[k]->key, (long long)stale[k]);
        rc = 1;
    }
    free(stale);
    int64_t n_search = 0;
    if (!storage_search_check(db, &n_search, &err))
        return cli_fail(ctx, &err);
    if (n_search > 0) {
        fprintf(stderr,
                ngettext("%lld row has an outdated search text (changed by another program); "
                         "run “skola check --repair”.\n",
                         "%lld rows have outdated search texts (changed by another program); "
                         "run “skola check --repair”.\n",
                         (unsigned long)n_search),
                (long long)n_search);
        rc = 1;
    }
    return rc;
}
