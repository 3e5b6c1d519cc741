/* CBuildInfo: the git commit the binary was built from, for `relay-audit --version`.
 *
 * Package.swift reads the commit from SwiftPM's own view of the checkout
 * (Context.gitInformation) and defines RELAY_AUDIT_COMMIT for this target only; a C file is
 * the one place SwiftPM lets a build pass a string value, and keeping it out of Swift code
 * means no generated source in the tree. Built outside a git checkout it says "unknown". */
#ifndef CBUILDINFO_H
#define CBUILDINFO_H

/* The commit id (40 hex digits, "-dirty" appended when the tree had uncommitted changes),
 * or "unknown". Static storage, never freed. */
const char *relay_audit_build_commit(void);

#endif
