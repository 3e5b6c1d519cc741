#!/usr/bin/env python3
# Writes a Zimbra-like directory as LDIF for slapadd, on Zimbra's published schema
# (Tests/Fixtures/zimbra/*.schema): one mail domain with its accounts, and Zimbra's classes of
# service under cn=cos,cn=zimbra, the way a Zimbra server lays them out. Days are relative to
# the moment the fixture is built; IntegrationTests/ZimbraDirectoryTests.swift asserts each row.
# Usage: zimbra-populate.py accounts|config > file.ldif
import subprocess
import sys

import offline_ldif
from offline_ldif import entry, gtime, text

BASE = "dc=zimbra,dc=test"
DOMAIN = "zimbra.test"
offline_ldif.creator = "uid=zimbra,cn=admins,cn=zimbra"
PASSWORD = subprocess.run(["slappasswd", "-h", "{SSHA}", "-s", "Fixture-Passw0rd!"], check=True,
                          capture_output=True, text=True).stdout.strip()

COS_DEFAULT = "e00428a1-0c00-11d9-836a-000d93afea2a"  # the id every Zimbra install gives its default COS
COS_STAFF = "4f1c3a52-7b7e-4c55-9b61-1f0e8b1c2d01"

# name, status, password age (days), last logon (days ago or None), COS id or None (domain default),
# extra attributes
ACCOUNTS = [
    ("admin", "active", 800, 2, None, {"zimbraIsAdminAccount": "TRUE"}),
    ("alice", "active", 20, 1, COS_STAFF, {}),
    ("kiosk", "active", 1200, 1, COS_DEFAULT, {"zimbraMailAlias": "frontdesk@" + DOMAIN}),
    ("locked.user", "locked", 30, 40, None, {}),
    ("lockout.user", "lockout", 30, 1, None, {}),
    ("closed.user", "closed", 30, 500, None, {}),
    ("stale.user", "active", 60, 400, None, {}),
    ("spam.training", "active", 1500, None, None, {"zimbraIsSystemResource": "TRUE"}),
    ("galsync", "active", 1500, None, None, {"zimbraIsSystemAccount": "TRUE"}),
    ("new.admin", "active", 3, None, None, {"zimbraIsDelegatedAdminAccount": "TRUE", "created": 3}),
    ("mustchange.user", "active", 10, 5, None, {"zimbraPasswordMustChange": "TRUE"}),
]


def accounts():
    entry(BASE, objectClass=["dcObject", "organization", "zimbraDomain"], dc="zimbra", o=DOMAIN,
          zimbraId="9a1d3f0e-5b0a-4d7e-8f57-2c9e0f1b7a10", zimbraDomainName=DOMAIN, zimbraDomainType="local",
          zimbraDomainDefaultCOSId=COS_STAFF)
    entry("ou=people," + BASE, objectClass=["organizationalUnit"], ou="people")
    for index, (name, status, password_age, last_logon, cos, extra) in enumerate(ACCOUNTS):
        extra = dict(extra)
        created = extra.pop("created", 2000)
        attributes = {
            "objectClass": ["inetOrgPerson", "zimbraAccount", "extensibleObject"],
            "uid": name, "cn": name, "sn": name, "displayName": name.replace(".", " ").title(),
            "mail": "%s@%s" % (name, DOMAIN), "zimbraMailDeliveryAddress": "%s@%s" % (name, DOMAIN),
            "zimbraId": "00000000-0000-4000-8000-%012d" % (index + 1), "zimbraAccountStatus": status,
            "zimbraPasswordModifiedTime": gtime(password_age), "zimbraCreateTimestamp": gtime(created),
            "userPassword": PASSWORD,
        }
        if last_logon is not None:
            attributes["zimbraLastLogonTimestamp"] = gtime(last_logon)
        if cos:
            attributes["zimbraCOSId"] = cos
        attributes.update(extra)
        entry("uid=%s,ou=people,%s" % (name, BASE), created_days=created, **attributes)


def config():
    entry("cn=zimbra", objectClass=["organizationalRole"], cn="zimbra", description="Zimbra Systems Application Data")
    entry("cn=cos,cn=zimbra", objectClass=["organizationalRole"], cn="cos")
    # Zimbra's default COS as installed: passwords never expire, 6 characters, no lockout.
    entry("cn=default,cn=cos,cn=zimbra", objectClass=["zimbraCOS", "extensibleObject"], cn="default", zimbraId=COS_DEFAULT,
          zimbraPasswordMaxAge="0", zimbraPasswordMinLength="6", zimbraPasswordLockoutEnabled="FALSE",
          zimbraPasswordLockoutMaxFailures="10", zimbraPasswordEnforceHistory="0")
    entry("cn=staff,cn=cos,cn=zimbra", objectClass=["zimbraCOS", "extensibleObject"], cn="staff", zimbraId=COS_STAFF,
          zimbraPasswordMaxAge="90", zimbraPasswordMinLength="12", zimbraPasswordLockoutEnabled="TRUE",
          zimbraPasswordLockoutMaxFailures="5", zimbraPasswordLockoutDuration="1h", zimbraPasswordEnforceHistory="10")


{"accounts": accounts, "config": config}[sys.argv[1]]()
sys.stdout.write(text())
