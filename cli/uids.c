/* Rows another program inserted without a uid, met by a command that only
 * reads (export, backup): the file is opened once for writing, which gives
 * them theirs (storage_open), so that what the command writes names each
 * record by its uid. */
#include "cli/cli.h"

#include <stdlib.h>

int64_t
cli_missing_uids(struct storage_db *db, const struct forms_kind *kind)
{
    int64_t *missing = sk_xcalloc(forms_n_kinds, sizeof *missing);
    struct sk_error err = {0};
    int64_t n = 0;
    if (storage_uids_check(db, missing, &err))
        for (size_t k = 0; k < forms_n_kinds; k++)
            if (!kind || forms_kinds[k] == kind)
                n += missing[k];
    free(missing);
    return n;
}

void
cli_fill_uids(struct cli_ctx *ctx)
{
    /* best effort: a file this user may not write keeps them '' */
    struct sk_error quiet = {0};
    storage_close(storage_open(ctx->db_path, 0, &quiet));
}
