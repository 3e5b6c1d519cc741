/* CZlib: system zlib (Debian zlib1g-dev) for reading rotated .gz logs. */
#ifndef CZLIB_H
#define CZLIB_H
#include <zlib.h>
#endif
