#!/usr/bin/env python3
"""Writes an LDIF export in FreeIPA's layout (no FreeIPA server runs on Debian, so the live
tests cannot cover it): users under cn=users,cn=accounts with their Kerberos bookkeeping, IPA
groups under cn=groups,cn=accounts, the realm's global password policy and a group policy, as
`ldapsearch -LLL` as Directory Manager would print them with relay-audit's attribute list.

Output (committed; re-run after editing): Tests/Fixtures/freeipa/ipa-export.ldif
As of: 2026-11-29T00:00:00Z. The scenario table is what FreeIPAExportTests asserts.
"""
import datetime
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Fixtures", "freeipa", "ipa-export.ldif")
AS_OF = datetime.datetime(2026, 11, 29, tzinfo=datetime.timezone.utc)
BASE = "dc=ipa,dc=example"
REALM = "IPA.EXAMPLE"


def gtime(days_ago):
    return (AS_OF - datetime.timedelta(days=days_ago)).strftime("%Y%m%d%H%M%SZ")


out = []


def entry(dn, **attributes):
    out.append("dn: " + dn)
    for name, value in attributes.items():
        for v in value if isinstance(value, list) else [value]:
            out.append("%s: %s" % (name, v))
    out.append("")


# The realm's global policy (IPA's defaults but no lockout) and a lax policy for a service group.
entry("cn=global_policy,cn=%s,cn=kerberos,%s" % (REALM, BASE), objectClass=["top", "nsContainer", "krbPwdPolicy"],
      cn="global_policy", krbMaxPwdLife=str(90 * 86400), krbMinPwdLife="3600", krbPwdMinLength="8",
      krbPwdHistoryLength="0", krbPwdMaxFailure="0", krbPwdFailureCountInterval="60", krbPwdLockoutDuration="600")
entry("cn=services,cn=%s,cn=kerberos,%s" % (REALM, BASE), objectClass=["top", "nsContainer", "krbPwdPolicy"],
      cn="services", krbMaxPwdLife="0", krbPwdMinLength="12", krbPwdMaxFailure="6")

USERS = "cn=users,cn=accounts," + BASE
GROUPS = "cn=groups,cn=accounts," + BASE
CLASSES = ["top", "person", "organizationalperson", "inetorgperson", "inetuser", "posixaccount", "krbprincipalaux",
           "krbticketpolicyaux", "ipaobject", "ipasshuser", "ipaSshGroupOfPubKeys", "mepOriginEntry"]
# name, created days ago, krbLastPwdChange days ago, krbLastSuccessfulAuth days ago (None: never), extra
SCENARIOS = [
    ("alice", 700, 30, 1, {}),                                   # clean
    ("admin", 1500, 400, 2, {}),                                 # privileged-password-old + password-too-old (cn=admins)
    ("bob", 900, 500, 1, {}),                                    # password-too-old
    ("stale", 900, 30, 250, {}),                                 # stale-account
    ("locked", 900, 30, 1, {"krbLoginFailedCount": "9", "nsAccountLock": "FALSE"}),  # counted, not locked by itself
    ("gone", 900, 800, 700, {"nsAccountLock": "TRUE"}),          # disabled: nothing judged
    ("newbie", 4, 4, 1, {}),                                     # recently-created
]
for uid, created, changed, login, extra in SCENARIOS:
    attributes = dict(objectClass=CLASSES, uid=uid, cn=uid, sn=uid, givenName=uid, displayName=uid,
                      krbPrincipalName="%s@%s" % (uid, REALM), mail="%s@ipa.example" % uid,
                      uidNumber=str(1000 + len(out)), gidNumber=str(1000 + len(out)), homeDirectory="/home/" + uid,
                      ipaUniqueID="00000000-0000-4000-8000-%012d" % len(out), krbLastPwdChange=gtime(changed),
                      krbPasswordExpiration=gtime(changed - 90), createTimestamp=gtime(created),
                      modifyTimestamp=gtime(min(created, 10)),
                      memberOf=["cn=ipausers,%s" % GROUPS] + (["cn=admins,%s" % GROUPS] if uid == "admin" else []))
    if login is not None:
        attributes["krbLastSuccessfulAuth"] = gtime(login)
    attributes.update(extra)
    entry("uid=%s,%s" % (uid, USERS), **attributes)

entry("cn=admins," + GROUPS, objectClass=["top", "groupofnames", "posixgroup", "ipausergroup", "ipaobject", "nestedGroup"],
      cn="admins", gidNumber="1000", ipaUniqueID="00000000-0000-4000-8000-999999999991", member=["uid=admin," + USERS])
entry("cn=ipausers," + GROUPS, objectClass=["top", "groupofnames", "nestedgroup", "ipausergroup", "ipaobject"],
      cn="ipausers", ipaUniqueID="00000000-0000-4000-8000-999999999992",
      member=["uid=%s,%s" % (s[0], USERS) for s in SCENARIOS])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    f.write("# FreeIPA-layout export (Tests/Scripts/freeipa/make-freeipa-export.py)\n\n" + "\n".join(out) + "\n")
