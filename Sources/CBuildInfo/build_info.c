#include "CBuildInfo.h"

#ifndef RELAY_AUDIT_COMMIT
#define RELAY_AUDIT_COMMIT "unknown"
#endif

const char *relay_audit_build_commit(void) { return RELAY_AUDIT_COMMIT; }
