#!/usr/bin/env python3
# Writes the 389-ds fixture's directory as LDIF for an offline import (ns-slapd ldif2db), so
# createTimestamp, pwdUpdateTime, passwordExpirationTime, accountUnlockTime and lastLoginTime
# can be set to moments in the past. 389-ds stores imported userPassword values as given.
#
# The scenario table below is what IntegrationTests/DS389DirectoryTests.swift asserts, account
# by account. Days are relative to the moment the fixture is built.
# Usage: ds389-populate.py > fixture.ldif
import base64
import hashlib
import os
import sys

import offline_ldif
from offline_ldif import entry, gtime, text

BASE = "dc=example,dc=net"
PASSWORD = "Fixture-Passw0rd!"
offline_ldif.creator = "cn=directory manager"
NEVER = "20380119031407Z"  # what 389-ds writes as passwordExpirationTime when passwordExp is off




def salted(scheme, digest, password=PASSWORD):
    salt = os.urandom(8)
    return "{%s}%s" % (scheme, base64.b64encode(digest(password.encode() + salt).digest() + salt).decode())


def pbkdf2_sha512(password=PASSWORD):
    # 389-ds's format: {PBKDF2-SHA512}ITERATIONS$SALT$HASH (base64 salt and hash).
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, 10000)
    return "{PBKDF2-SHA512}10000$%s$%s" % (base64.b64encode(salt).decode(), base64.b64encode(derived).decode())


# ssha.user and clear.user also have passwords on Tests/Fixtures/wordlists/weak.txt; every
# other account has PASSWORD, not listed (PBKDF2 is not tested by the word-list check).
HASHES = {
    "pbkdf2": pbkdf2_sha512(),
    "ssha512": salted("SSHA512", hashlib.sha512),
    "ssha": salted("SSHA", hashlib.sha1, "Summer2026!"),
    "clear": "qwerty123",
}



AUDITOR = "cn=auditor,ou=system," + BASE
# The same rights with a size limit of 4 entries (nsSizeLimit): 389 counts one entry past a
# full page against it, so a paged search with pages of 4 stops at the limit (issue 17).
LIMITED = "cn=limited,ou=system," + BASE
READERS = "ldap:///%s || ldap:///%s" % (AUDITOR, LIMITED)
# Attributes the auditor may read: everything an account carries, the hashes (their schemes are
# judged) and the operational attributes 389-ds only lets an ACI naming them read.
OPERATIONAL = ["createTimestamp", "modifyTimestamp", "pwdUpdateTime", "passwordExpirationTime", "passwordRetryCount",
               "accountUnlockTime", "pwdpolicysubentry", "nsAccountLock", "lastLoginTime", "memberOf", "nsUniqueId"]
entry(BASE, objectClass=["top", "domain"], dc="example", aci=[
    '(targetattr="*")(version 3.0; acl "relay-audit auditor reads accounts"; allow (read, search, compare) userdn="%s";)' % READERS,
    '(targetattr="userPassword || %s")(version 3.0; acl "relay-audit auditor reads password state"; allow (read, search, compare) userdn="%s";)'
    % (" || ".join(OPERATIONAL), READERS),
])
for ou in ("people", "groups", "system"):
    entry("ou=%s,%s" % (ou, BASE), objectClass=["top", "organizationalUnit"], ou=ou)

# A local policy for staff (strong: it finds nothing) and one for a service account that
# exempts it from expiry and lockout (weak). Local policies live in nsPwPolicyContainer.
container = "cn=nsPwPolicyContainer,ou=people," + BASE
entry(container, objectClass=["top", "nsContainer"], cn="nsPwPolicyContainer")
STRICT = "cn=strict,%s" % container
SERVICE = "cn=service,%s" % container
entry(STRICT, objectClass=["top", "ldapsubentry", "passwordPolicy"], cn="strict", passwordExp="on",
      passwordMaxAge=str(90 * 86400), passwordCheckSyntax="on", passwordMinLength="12", passwordLockout="on",
      passwordMaxFailure="5", passwordHistory="on", passwordInHistory="6", passwordStorageScheme="PBKDF2-SHA512")
entry(SERVICE, objectClass=["top", "ldapsubentry", "passwordPolicy"], cn="service", passwordExp="off",
      passwordCheckSyntax="on", passwordMinLength="8", passwordLockout="off", passwordStorageScheme="SSHA")

# The tests' bind identity: not a user account (organizationalRole), read rights only.
entry(AUDITOR, objectClass=["top", "organizationalRole", "simpleSecurityObject"], cn="auditor", userPassword=HASHES["ssha512"])
entry(LIMITED, objectClass=["top", "organizationalRole", "simpleSecurityObject"], cn="limited", userPassword=HASHES["ssha512"],
      nsSizeLimit="4")

# name, created days ago, hash, pwdUpdateTime days ago, lastLoginTime days ago (None = absent), extra
SCENARIOS = [
    ("alice", 900, "pbkdf2", 20, 1, {"pwdpolicysubentry": STRICT, "passwordExpirationTime": gtime(-70),  # clean;
                                     "objectClass": ["mailRecipient"], "mailAlternateAddress": "a.smith@example.net"}),  # an alias
    ("old.user", 900, "pbkdf2", 500, 2, {"passwordExpirationTime": NEVER}),   # password-never-expires + too old
    ("ssha.user", 800, "ssha", 20, 2, {"pwdpolicysubentry": STRICT}),         # weak-password-hash {SSHA}
    ("clear.user", 800, "clear", 20, 2, {"pwdpolicysubentry": STRICT}),       # cleartext-password (no scheme)
    ("stale.user", 900, "pbkdf2", 20, 300, {"pwdpolicysubentry": STRICT}),    # stale-account
    ("locked.user", 900, "pbkdf2", 20, 1, {"pwdpolicysubentry": STRICT,       # account-locked (until an admin)
                                           "accountUnlockTime": "19700101000000Z", "passwordRetryCount": "5"}),
    ("disabled.user", 900, "pbkdf2", 800, 600, {"nsAccountLock": "true"}),    # nsAccountLock: nothing judged
    ("new.user", 3, "pbkdf2", 3, 1, {"pwdpolicysubentry": STRICT}),           # recently-created
    ("svc.relay", 900, "pbkdf2", 100, 1, {"pwdpolicysubentry": SERVICE}),     # never-expires via the service policy
    ("admin.user", 1500, "pbkdf2", 300, 1, {"pwdpolicysubentry": STRICT}),    # privileged-password-old (Directory Administrators)
]
uid_number = 20000
for name, created, scheme, changed, login, extra in SCENARIOS:
    uid_number += 1
    attributes = dict(objectClass=["top", "nsPerson", "nsAccount", "nsOrgPerson", "posixAccount", "inetOrgPerson"]
                      + extra.pop("objectClass", []),
                      uid=name, cn=name, sn=name, displayName=name, uidNumber=str(uid_number), gidNumber="20000",
                      homeDirectory="/home/" + name, mail="%s@example.net" % name, userPassword=HASHES[scheme],
                      pwdUpdateTime=gtime(changed))
    if login is not None:
        attributes["lastLoginTime"] = gtime(login)
    attributes.update(extra)
    entry("uid=%s,ou=people,%s" % (name, BASE), created_days=created, **attributes)

entry("cn=Directory Administrators,ou=groups," + BASE, objectClass=["top", "groupOfUniqueNames"],
      cn="Directory Administrators", uniqueMember=["uid=admin.user,ou=people," + BASE])
entry("cn=staff,ou=groups," + BASE, objectClass=["top", "groupOfUniqueNames"], cn="staff",
      uniqueMember=["uid=alice,ou=people," + BASE, "uid=old.user,ou=people," + BASE])

sys.stdout.write(text())
