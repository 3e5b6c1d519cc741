#!/usr/bin/python3
# Populates the Samba AD DC fixture offline (sam.ldb, samba stopped) with one account per
# hygiene scenario, 1,100 clean bulk users (so paged searches really page and a group has more
# members than AD's 1,500-value range), groups with nesting and a fine-grained password policy.
#
# Run with /usr/bin/python3 (Debian's, which has the samba module) under libfaketime:
#   LD_PRELOAD=.../libfaketime.so.1 FAKETIME_NO_CACHE=1 LDB_MODULES_DISABLE_DEEPBIND=1 \
#   FAKETIME=+0 samba-populate.py DC_DIR
# whenCreated can only be backdated through the clock (ldb modules use time()), so FAKETIME
# moves per account; pwdLastSet and lastLogonTimestamp are written directly.
#
# The scenario table below is what IntegrationTests/SambaDirectoryTests.swift asserts,
# account by account. Days are relative to the moment the fixture is built.
import os
import sys
import time

import ldb
from samba.auth import system_session
from samba.dsdb import DSDB_CONTROL_BYPASS_PASSWORD_HASH_OID
from samba.param import LoadParm
from samba.samdb import SamDB

DC_DIR = sys.argv[1]
REAL_NOW = time.time()  # FAKETIME=+0 at start: the real clock
PASSWORD = "Fixture-Passw0rd!"
# Accepts any pwdLastSet value (DSDB_CONTROL_PASSWORD_BYPASS_LAST_SET_OID).
BYPASS_LAST_SET = "local_oid:1.3.6.1.4.1.7165.4.3.20:0"
BYPASS_HASH = "local_oid:%s:0" % DSDB_CONTROL_BYPASS_PASSWORD_HASH_OID
MAIL_DOMAIN = "corp.example.test"

NORMAL = 0x200
DISABLED = 0x2
NOTREQD = 0x20
REVERSIBLE = 0x80
DONT_EXPIRE = 0x10000
NO_PREAUTH = 0x400000

lp = LoadParm()
lp.load(os.path.join(DC_DIR, "etc", "smb.conf"))
db = SamDB(url=os.path.join(DC_DIR, "private", "sam.ldb"), session_info=system_session(), lp=lp)
BASE = str(db.domain_dn())


def filetime(days_ago):
    return str(int((REAL_NOW - days_ago * 86400 + 11644473600) * 10_000_000))


def at(days_ago):
    """Moves libfaketime's clock to `days_ago` days before the real now."""
    os.environ["FAKETIME"] = "-%dd" % days_ago if days_ago > 0 else "+0"


def modify(dn, controls=None, **attributes):
    m = ldb.Message(ldb.Dn(db, dn))
    for name, value in attributes.items():
        values = value if isinstance(value, list) else [value]
        m[name] = ldb.MessageElement([str(v) for v in values], ldb.FLAG_MOD_REPLACE, name)
    db.modify(m, controls=controls or [])


def add(dn, controls=None, **attributes):
    m = ldb.Message(ldb.Dn(db, dn))
    for name, value in attributes.items():
        values = value if isinstance(value, list) else [value]
        m[name] = ldb.MessageElement([v if isinstance(v, bytes) else str(v) for v in values], ldb.FLAG_MOD_ADD, name)
    db.add(m, controls=controls or [])


def ou(path):
    add(path, objectClass="organizationalUnit")


# ---- layout -------------------------------------------------------------------------------
at(2000)
ou("OU=Corp," + BASE)
for name in ("Staff", "Service Accounts", "Bulk", "Groups"):
    ou("OU=%s,OU=Corp,%s" % (name, BASE))
STAFF = "OU=Staff,OU=Corp," + BASE
SERVICE = "OU=Service Accounts,OU=Corp," + BASE
BULK = "OU=Bulk,OU=Corp," + BASE
GROUPS = "OU=Groups,OU=Corp," + BASE

# A template user whose NT hash the bulk users share (hashing 1,100 passwords would take 20 s).
db.newuser("template.fixture", PASSWORD, userou="OU=Bulk,OU=Corp")
template_hash = db.search(base=BASE, expression="(sAMAccountName=template.fixture)", attrs=["unicodePwd"])[0]["unicodePwd"][0]
db.delete("CN=template.fixture," + BULK)


# ---- scenario accounts --------------------------------------------------------------------
# name, ou, created days ago, password set days ago, last logon days ago (None = never),
# userAccountControl, extra attributes
SCENARIOS = [
    ("alice.johnson", STAFF, 900, 20, 2, NORMAL, {}),            # clean
    ("bob.smith", STAFF, 800, 400, 1, NORMAL, {}),               # password-too-old
    ("carol.brown", STAFF, 700, 30, 1, NORMAL, {}),              # clean (the travelling user)
    ("kiosk.user", STAFF, 2500, 2500, 2, NORMAL | DONT_EXPIRE, {}),  # never-expires + too old
    ("notreqd.user", STAFF, 600, 10, 3, NORMAL | NOTREQD, {}),   # password-not-required
    ("reversible.user", STAFF, 600, 10, 3, NORMAL | REVERSIBLE, {}),  # reversible-password
    ("stale.user", STAFF, 1000, 300, 300, NORMAL, {}),           # stale-account
    ("never.user", STAFF, 200, 200, None, NORMAL, {}),           # never-logged-on
    ("it.support", STAFF, 2, 2, 1, NORMAL, {}),                  # recently-created, Domain Admin
    ("disabled.user", STAFF, 900, 800, 700, NORMAL | DISABLED, {}),  # disabled: nothing
    ("locked.user", STAFF, 500, 20, 5, NORMAL, {}),              # locked out by real bad binds
    ("svc.backup", SERVICE, 1600, 1600, 1, NORMAL | DONT_EXPIRE,  # kerberoastable Domain Admin
     {"servicePrincipalName": "backup/bk01.corp.example.test", "adminCount": "1"}),
    ("svc.web", SERVICE, 900, 100, 1, NORMAL,                    # kerberoastable-user
     {"servicePrincipalName": "HTTP/web01.corp.example.test"}),
    ("asrep.user", STAFF, 700, 30, 2, NORMAL | NO_PREAUTH, {}),  # asrep-roastable
    ("nested.admin", STAFF, 1200, 500, 3, NORMAL, {"adminCount": "1"}),  # IT Admins -> Domain Admins
    ("former.admin", STAFF, 1500, 100, 4, NORMAL, {"adminCount": "1"}),  # admincount-orphan
    ("expired.user", STAFF, 800, 50, 20, NORMAL, {"accountExpires": filetime(10)}),  # account-expired
    ("legacy.unix", STAFF, 1100, 60, 5, NORMAL, {"userPassword": "Welcome1"}),  # cleartext-password
    # The tests' bind identity: an ordinary user with a fresh password (Administrator's is
    # 2,000 days old and so expired: AD refuses its bind with data 532).
    ("svc.audit", SERVICE, 400, 10, 0, NORMAL, {}),  # clean
]

for name, container, created, pwd_days, logon_days, uac, extra in SCENARIOS:
    at(created)
    dn = "CN=%s,%s" % (name, container)
    mail = "%s@%s" % (name, MAIL_DOMAIN)
    add(dn, controls=[BYPASS_HASH], objectClass="user", sAMAccountName=name,
        userPrincipalName=mail, mail=mail, unicodePwd=template_hash, userAccountControl=str(NORMAL))
    attributes = {"pwdLastSet": filetime(pwd_days)}
    modify(dn, controls=[BYPASS_LAST_SET], **attributes)
    changes = {"userAccountControl": str(uac)}
    if logon_days is not None:
        changes["lastLogonTimestamp"] = filetime(logon_days)
    changes.update(extra)
    modify(dn, **changes)

# alice has aliases: the checker resolves log identities through proxyAddresses.
modify("CN=alice.johnson," + STAFF, proxyAddresses=[
    "SMTP:alice.johnson@%s" % MAIL_DOMAIN, "smtp:ajohnson@%s" % MAIL_DOMAIN, "X500:/o=Corp/cn=alice"])

# ---- built-in accounts --------------------------------------------------------------------
at(0)
# Enable Guest the way `net user guest /active:yes` does on Windows (66080): samba-tool's
# enable would also clear PASSWD_NOTREQD.
modify("CN=Guest,CN=Users," + BASE, userAccountControl=str(NORMAL | NOTREQD | DONT_EXPIRE))
modify("CN=Administrator,CN=Users," + BASE, lastLogonTimestamp=filetime(1))

# ---- bulk users: clean, for paging ----------------------------------------------------------
BULK_COUNT = 1100
at(400)
db.transaction_start()
for i in range(1, BULK_COUNT + 1):
    name = "bulk%04d" % i
    add("CN=%s,%s" % (name, BULK), controls=[BYPASS_HASH], objectClass="user", sAMAccountName=name,
        unicodePwd=template_hash, userAccountControl=str(NORMAL))
db.transaction_commit()
at(0)
db.transaction_start()
for i in range(1, BULK_COUNT + 1):
    dn = "CN=bulk%04d,%s" % (i, BULK)
    modify(dn, controls=[BYPASS_LAST_SET], pwdLastSet=filetime(30))
    modify(dn, lastLogonTimestamp=filetime(3))
db.transaction_commit()

# ---- groups -------------------------------------------------------------------------------
at(1500)
add("CN=IT Admins," + GROUPS, objectClass="group", sAMAccountName="IT Admins",
    member=["CN=nested.admin," + STAFF])
add("CN=Helpdesk," + GROUPS, objectClass="group", sAMAccountName="Helpdesk",
    member=["CN=former.admin," + STAFF, "CN=carol.brown," + STAFF])
at(400)
# More members than AD's 1,500-value range would return at once: exercises ranged retrieval.
mail_users = ["CN=bulk%04d,%s" % (i, BULK) for i in range(1, BULK_COUNT + 1)]
mail_users += ["CN=%s,%s" % (s[0], s[1]) for s in SCENARIOS]
add("CN=Mail Users," + GROUPS, objectClass="group", sAMAccountName="Mail Users", member=mail_users)
at(0)
domain_admins = "CN=Domain Admins,CN=Users," + BASE
m = ldb.Message(ldb.Dn(db, domain_admins))
m["member"] = ldb.MessageElement(["CN=IT Admins," + GROUPS, "CN=svc.backup," + SERVICE, "CN=it.support," + STAFF],
                                 ldb.FLAG_MOD_ADD, "member")
db.modify(m)

# ---- password policies ----------------------------------------------------------------------
# Lockout on (Samba keeps badPwdCount only when the threshold is above 0); length stays 7.
modify(BASE, lockoutThreshold="5")
# A fine-grained policy that exempts the service accounts from everything.
add("CN=Service Accounts PSO,CN=Password Settings Container,CN=System," + BASE,
    objectClass="msDS-PasswordSettings",
    **{
        "msDS-PasswordSettingsPrecedence": "10",
        "msDS-PasswordReversibleEncryptionEnabled": "FALSE",
        "msDS-PasswordHistoryLength": "0",
        "msDS-PasswordComplexityEnabled": "FALSE",
        "msDS-MinimumPasswordLength": "6",
        "msDS-MinimumPasswordAge": "0",
        "msDS-MaximumPasswordAge": "-9223372036854775808",
        "msDS-LockoutThreshold": "0",
        "msDS-LockoutObservationWindow": "-18000000000",
        "msDS-LockoutDuration": "-18000000000",
        "msDS-PSOAppliesTo": ["CN=svc.backup," + SERVICE, "CN=svc.web," + SERVICE],
    })
print("populated %d scenario accounts and %d bulk users" % (len(SCENARIOS), BULK_COUNT))

# Delegate read access to fine-grained policies to the audit account, as an admin would for
# a read-only auditor (by default only Domain Admins can read them).
from samba.sd_utils import SDUtils  # noqa: E402
from samba.ndr import ndr_unpack  # noqa: E402
from samba.dcerpc import security  # noqa: E402
audit_sid = ndr_unpack(security.dom_sid, db.search(base=BASE, expression="(sAMAccountName=svc.audit)",
                                                   attrs=["objectSid"])[0]["objectSid"][0])
SDUtils(db).dacl_add_ace("CN=Password Settings Container,CN=System," + BASE, "(A;CI;RPLCLORC;;;%s)" % audit_sid)
print("delegated PSO read to svc.audit")

# A bind identity refused some attributes, as a hardened domain or an under-delegated auditor
# account is: bulk0500 may not read bob.smith's userAccountControl and pwdLastSet (deny ACEs
# on the attributes' schemaIDGUIDs, MS-ADA3). AD and Samba then return the entry without them.
limited_sid = ndr_unpack(security.dom_sid, db.search(base=BASE, expression="(sAMAccountName=bulk0500)",
                                                     attrs=["objectSid"])[0]["objectSid"][0])
for attribute_guid in ["bf967a68-0de6-11d0-a285-00aa003049e2",   # userAccountControl
                       "bf967a0a-0de6-11d0-a285-00aa003049e2"]:  # pwdLastSet
    SDUtils(db).dacl_add_ace("CN=bob.smith," + STAFF, "(OD;;RP;%s;;%s)" % (attribute_guid, limited_sid))
print("denied bulk0500 reading bob.smith's userAccountControl and pwdLastSet")
