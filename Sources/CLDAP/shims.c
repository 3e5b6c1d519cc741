#include "CLDAP.h"

#include <sasl/sasl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>

void *cldap_opt_on(void) { return LDAP_OPT_ON; }

struct cldap_sasl_defaults {
    const char *authzid;
};

/* Answers SASL prompts from the defaults; EXTERNAL asks at most for an authorization id. */
static int cldap_interact(LDAP *ld, unsigned flags, void *defaults, void *in) {
    (void)ld;
    (void)flags;
    struct cldap_sasl_defaults *d = defaults;
    for (sasl_interact_t *interact = in; interact->id != SASL_CB_LIST_END; interact++) {
        const char *answer = NULL;
        if (interact->id == SASL_CB_USER && d != NULL) {
            answer = d->authzid;
        }
        if (answer == NULL) {
            answer = interact->defresult != NULL ? interact->defresult : "";
        }
        interact->result = answer;
        interact->len = (unsigned)strlen(answer);
    }
    return LDAP_SUCCESS;
}

int cldap_sasl_interactive_bind(LDAP *ld, const char *mech, const char *authzid) {
    struct cldap_sasl_defaults defaults = {authzid};
    return ldap_sasl_interactive_bind_s(ld, NULL, mech, NULL, NULL, LDAP_SASL_QUIET, cldap_interact,
                                        &defaults);
}

int cldap_set_int_option(LDAP *ld, int option, int value) {
    return ldap_set_option(ld, option, &value);
}

int cldap_set_timeout_option(LDAP *ld, int option, long seconds) {
    struct timeval tv;
    tv.tv_sec = seconds;
    tv.tv_usec = 0;
    return ldap_set_option(ld, option, &tv);
}

int cldap_result_code(LDAP *ld) {
    int code = LDAP_OTHER;
    if (ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &code) != LDAP_OPT_SUCCESS) {
        return LDAP_OTHER;
    }
    return code;
}

char *cldap_copy_diagnostic(LDAP *ld) {
    char *message = NULL;
    if (ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) != LDAP_OPT_SUCCESS ||
        message == NULL) {
        return NULL;
    }
    char *copy = strdup(message);
    ldap_memfree(message);
    return copy;
}

int cldap_forbid_core_dumps(void) {
    struct rlimit none = {0, 0};
    int limit = setrlimit(RLIMIT_CORE, &none);
    int dumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    return limit == 0 && dumpable == 0 ? 0 : -1;
}

int cldap_is_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
