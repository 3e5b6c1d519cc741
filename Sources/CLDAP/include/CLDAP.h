/*
 * CLDAP: the project's one C boundary to OpenLDAP's libldap (Debian libldap2-dev).
 *
 * Re-exports <ldap.h>/<lber.h> to Swift and adds the few helpers Swift cannot express:
 * the SASL interaction callback (a C function pointer with no captures) and small wrappers
 * around macros that do not import. LDAP_DEPRECATED is deliberately not defined.
 */
#ifndef CLDAP_H
#define CLDAP_H

#include <lber.h>
#include <ldap.h>
#include <stddef.h>

/* LDAP_OPT_ON is ((void *) &ber_pvt_opt_on) and does not import into Swift. */
void *cldap_opt_on(void);

/*
 * SASL bind through ldap_sasl_interactive_bind_s with a C interaction callback that answers
 * every prompt from the given defaults (NULL answers ""). Used for EXTERNAL over ldapi://
 * (peer credentials) and GSSAPI (Kerberos ticket cache); neither needs a password here.
 */
int cldap_sasl_interactive_bind(LDAP *ld, const char *mech, const char *authzid);

/* Sets an integer option (LDAP_OPT_X_TLS_* and friends take int *). */
int cldap_set_int_option(LDAP *ld, int option, int value);

/* Sets a struct timeval option (network timeout, operation timeout) from whole seconds. */
int cldap_set_timeout_option(LDAP *ld, int option, long seconds);

/* Reads LDAP_OPT_RESULT_CODE (the LDAP struct is opaque, so ld_errno cannot be read). */
int cldap_result_code(LDAP *ld);

/* Reads LDAP_OPT_DIAGNOSTIC_MESSAGE into a freshly malloc'd copy (caller frees with free()). */
char *cldap_copy_diagnostic(LDAP *ld);

/*
 * Makes the process hold no core dump and no ptrace/proc-mem access for other processes of the
 * same user: prctl(PR_SET_DUMPABLE, 0) (prctl is variadic and does not import into Swift) and
 * RLIMIT_CORE 0. Called once a bind password is in memory. Returns 0 on success.
 */
int cldap_forbid_core_dumps(void);

/* prctl(PR_GET_DUMPABLE): 0 once cldap_forbid_core_dumps has run. */
int cldap_is_dumpable(void);

#endif
