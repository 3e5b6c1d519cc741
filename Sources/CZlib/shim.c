/* Empty: CZlib only re-exports <zlib.h>; a C target needs one source file. */
#include "CZlib.h"
