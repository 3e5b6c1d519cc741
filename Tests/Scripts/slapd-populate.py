#!/usr/bin/env python3
# Writes the OpenLDAP fixture's directory as LDIF for slapadd (offline, so operational
# attributes such as createTimestamp, pwdChangedTime and pwdAccountLockedTime can be set to
# moments in the past). Hashes come from slappasswd, as an admin's would.
#
# The scenario table below is what IntegrationTests/SlapdDirectoryTests.swift asserts, account
# by account. Days are relative to the moment the fixture is built.
# Usage: slapd-populate.py > fixture.ldif
import subprocess
import sys

import offline_ldif
from offline_ldif import NOW, entry, gtime, text

BASE = "dc=example,dc=org"
PASSWORD = "Fixture-Passw0rd!"
offline_ldif.creator = "cn=admin," + BASE




def days_since_epoch(days_ago):
    return int((NOW - days_ago * 86400) // 86400)


def slappasswd(scheme, salt_format=None, password=PASSWORD):
    command = ["slappasswd", "-h", scheme, "-s", password]
    if salt_format:
        command += ["-c", salt_format]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


# The weak-scheme accounts also have weak passwords, all on Tests/Fixtures/wordlists/weak.txt
# (the word-list check must find exactly them); every other account has PASSWORD, not listed.
HASHES = {
    "sha512crypt": slappasswd("{CRYPT}", "$6$%.16s"),
    "ssha": slappasswd("{SSHA}", password="Summer2026!"),
    "sha": slappasswd("{SHA}", password="Welcome1"),
    "des": slappasswd("{CRYPT}", "%.2s", password="letmein"),
    "md5crypt": slappasswd("{CRYPT}", "$1$%.8s", password="Password1"),
    "cleartext": "{CLEARTEXT}qwerty123",
    "plain": PASSWORD,
    "auditor": slappasswd("{SSHA}"),
}



entry(BASE, objectClass=["top", "dcObject", "organization"], o="Example", dc="example")
for ou in ("people", "groups", "policies", "system"):
    entry("ou=%s,%s" % (ou, BASE), objectClass="organizationalUnit", ou=ou)

# Password policies: the default is weak (length 6); the service policy exempts from expiry
# and lockout.
entry("cn=default,ou=policies," + BASE, objectClass=["top", "device", "pwdPolicy"], cn="default",
      pwdAttribute="userPassword", pwdMaxAge=str(90 * 86400), pwdMinLength="6", pwdLockout="TRUE",
      pwdMaxFailure="5", pwdInHistory="5", pwdCheckQuality="0")
entry("cn=service,ou=policies," + BASE, objectClass=["top", "device", "pwdPolicy"], cn="service",
      pwdAttribute="userPassword", pwdMaxAge="0", pwdMinLength="12", pwdLockout="FALSE", pwdInHistory="0")

# Bind identities for the tests (not user accounts: organizationalRole).
for name in ("auditor", "limited"):
    entry("cn=%s,ou=system,%s" % (name, BASE), objectClass=["organizationalRole", "simpleSecurityObject"],
          cn=name, userPassword=HASHES["auditor"])

# Every account last bound a day ago (slapo-lastbind's authTimestamp) unless its extra says
# otherwise. name, created days ago, password hash, pwdChangedTime days ago (None = absent), extra
SCENARIOS = [
    ("alice", 900, "sha512crypt", 20, {}),                      # clean
    ("ssha.user", 800, "ssha", 20, {}),                         # weak-password-hash {SSHA}
    ("sha.user", 800, "sha", 20, {}),                           # weak-password-hash {SHA}
    ("des.user", 800, "des", 20, {}),                           # weak-password-hash CRYPT-DES
    ("md5crypt.user", 800, "md5crypt", 20, {}),                 # weak-password-hash CRYPT-MD5
    ("clear.user", 800, "cleartext", 20, {}),                   # cleartext-password {CLEARTEXT}
    ("plain.user", 800, "plain", 20, {}),                       # cleartext-password, no scheme
    ("old.user", 900, "sha512crypt", 500, {}),                  # password-too-old
    ("shadow.user", 900, "sha512crypt", None,                   # never-expires (shadowMax) + too old
     {"objectClass": ["shadowAccount"], "shadowLastChange": str(days_since_epoch(400)), "shadowMax": "99999"}),
    ("locked.user", 900, "sha512crypt", 20, {"pwdAccountLockedTime": gtime(0.01),  # account-locked
                                             "pwdFailureTime": [gtime(0.02), gtime(0.015), gtime(0.01)]}),
    ("disabled.user", 900, "sha512crypt", 800, {"pwdAccountLockedTime": "000001010000Z"}),  # locked for good
    ("new.user", 3, "sha512crypt", 3, {}),                      # recently-created
    ("expired.user", 900, "sha512crypt", 20,                    # account-expired (shadowExpire)
     {"objectClass": ["shadowAccount"], "shadowExpire": str(days_since_epoch(10)), "shadowLastChange": str(days_since_epoch(20))}),
    ("svc.relay", 900, "sha512crypt", 300,                      # never-expires via the service policy
     {"pwdPolicySubentry": "cn=service,ou=policies," + BASE}),
    ("admin.user", 1500, "sha512crypt", 300, {}),               # privileged-password-old (cn=admins)
    ("wheel.user", 1500, "sha512crypt", 10, {}),                # privileged via posixGroup wheel: clean
    ("stale.user", 900, "sha512crypt", 20, {"authTimestamp": gtime(300)}),  # stale-account (lastbind)
]
uid_number = 10000
for name, created, scheme, changed, extra in SCENARIOS:
    uid_number += 1
    classes = ["inetOrgPerson", "posixAccount"] + extra.pop("objectClass", [])
    attributes = dict(objectClass=classes, uid=name, cn=name, sn=name, uidNumber=str(uid_number),
                      gidNumber="10000", homeDirectory="/home/" + name, mail="%s@example.org" % name,
                      userPassword=HASHES[scheme])
    if changed is not None:
        attributes["pwdChangedTime"] = gtime(changed)
    attributes["authTimestamp"] = gtime(1)
    attributes.update(extra)
    entry("uid=%s,ou=people,%s" % (name, BASE), created_days=created, **attributes)

# Clean bulk users: enough to need more than one page at --page-size 100.
BULK = 250
for i in range(1, BULK + 1):
    uid_number += 1
    name = "user%03d" % i
    entry("uid=%s,ou=people,%s" % (name, BASE), created_days=400, objectClass=["inetOrgPerson", "posixAccount"],
          uid=name, cn=name, sn=name, uidNumber=str(uid_number), gidNumber="10000", homeDirectory="/home/" + name,
          mail="%s@example.org" % name, userPassword=HASHES["sha512crypt"], pwdChangedTime=gtime(10),
          authTimestamp=gtime(3))

entry("cn=admins,ou=groups," + BASE, objectClass="groupOfNames", cn="admins",
      member=["uid=admin.user,ou=people," + BASE])
entry("cn=wheel,ou=groups," + BASE, objectClass="posixGroup", cn="wheel", gidNumber="10",
      memberUid=["wheel.user"])
entry("cn=staff,ou=groups," + BASE, objectClass="groupOfNames", cn="staff",
      member=["uid=alice,ou=people," + BASE, "uid=old.user,ou=people," + BASE])

sys.stdout.write(text())
