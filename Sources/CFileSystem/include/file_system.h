#ifndef PUNCHCARD_FILE_SYSTEM_H
#define PUNCHCARD_FILE_SYSTEM_H

/// Swaps two names atomically: renameat2(2) with RENAME_EXCHANGE, which Swift's Glibc module does
/// not declare. Returns 0, or -1 with errno set (EINVAL or ENOSYS where the file system or kernel
/// cannot; ENOENT when either name is missing).
int punchcard_exchange(const char *first, const char *second);

/// Flushes C's standard output and says whether any write to it failed, then or before (a full
/// disk, a closed pipe): 0 when all went out. Swift 6 cannot name `stdout` (a shared C global).
int punchcard_flush_standard_output(void);

/// Hands memory that malloc holds free back to the system (glibc's malloc_trim, whose header
/// Swift's Glibc module leaves out).
void punchcard_release_free_memory(void);

#endif
