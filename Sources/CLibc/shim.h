// C library functions that Swift's Glibc module does not export.
#include <stddef.h>
#if __has_include(<malloc.h>)
// mallopt, for the process's memory settings (Memory.swift).
#include <malloc.h>
#endif
// memmem (a GNU and BSD extension), to find a JSON file's "claims" key quickly.
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);
#if defined(__linux__)
#include <sys/types.h>
// gettid (glibc 2.30), so an abandoned regex search's thread can be reniced (PatternMatch.swift).
pid_t gettid(void);
#endif
