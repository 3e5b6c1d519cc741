/*
 * CByteSearch: glibc's memmem and memrchr for the log parsers and the line reader. They are GNU extensions that
 * Swift's Glibc module does not expose (it is built without _GNU_SOURCE), so thin wrappers
 * are compiled here with it.
 */
#ifndef CBYTESEARCH_H
#define CBYTESEARCH_H
#include <stddef.h>

const void *cbs_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
const void *cbs_memrchr(const void *s, int c, size_t n);

#endif
