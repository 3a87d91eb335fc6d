#include <malloc.h>
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "file_system.h"

int punchcard_exchange(const char *first, const char *second) {
#ifdef RENAME_EXCHANGE
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int punchcard_flush_standard_output(void) {
    int failed = fflush(stdout) != 0;
    return failed || ferror(stdout);
}

void punchcard_release_free_memory(void) {
    malloc_trim(0);
}
