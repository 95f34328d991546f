/* Where the message catalogues are: found at run time, so that the same
 * binary works from the build folder, from `cmake --install` into any
 * prefix and from the Debian package. */
#include "cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set by CMake: the locale folder relative to the installed binary's
 * folder ("../share/locale") and the absolute one of the configured prefix. */
#ifndef SKOLA_REL_LOCALEDIR
#define SKOLA_REL_LOCALEDIR "../share/locale"
#endif
#ifndef SKOLA_INSTALL_LOCALEDIR
#define SKOLA_INSTALL_LOCALEDIR "/usr/local/share/locale"
#endif

/* The folder of the running executable (owned), or NULL without /proc. */
static char *
exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0 || (size_t)n >= sizeof buf - 1)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return sk_xstrdup(buf);
}

/* True when dir holds skola's Latvian catalogue, the one translation there
 * is: an empty or foreign locale folder is not ours. */
static bool
has_catalogue(const char *dir)
{
    char *mo = sk_xasprintf("%s/lv/LC_MESSAGES/%s.mo", dir, SK_DOMAIN);
    bool ok = access(mo, R_OK) == 0;
    free(mo);
    return ok;
}

char *
cli_locale_dir(void)
{
    const char *env = getenv("SKOLA_LOCALEDIR");
    if (env && *env)
        return sk_xstrdup(env);
    char *dir = exe_dir();
    if (dir) {
        /* installed: <prefix>/bin/skola beside <prefix>/share/locale */
        char *installed = sk_xasprintf("%s/%s", dir, SKOLA_REL_LOCALEDIR);
        /* the build folder: build/skola beside build/locale */
        char *built = sk_xasprintf("%s/locale", dir);
        free(dir);
        char *found = has_catalogue(installed) ? installed : has_catalogue(built) ? built : NULL;
        if (found != installed)
            free(installed);
        if (found != built)
            free(built);
        if (found)
            return found;
    }
    return sk_xstrdup(SKOLA_INSTALL_LOCALEDIR);
}
