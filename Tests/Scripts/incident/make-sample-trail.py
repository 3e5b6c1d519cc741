#!/usr/bin/python3
# The sample incident's domain controller audit trail: what a real Samba AD DC logged when the
# intruder, holding svc.backup (a kerberoastable Domain Admin whose password never expires),
# created it.support and made it a Domain Admin from the spray's address 127.66.0.1.
#
#   make-sample-trail.py IP CA_FILE DC_LOG_DIR SAMPLE_LDIF OUT_DIR
#
# Run by make-sample-trail.sh against a fresh fixture DC (samba-fixture.sh) from which
# it.support was first removed. The DC's records of the play are then moved, as retime.py
# moves the mail log's lines, to the sample's story time (the creation at it.support's
# whenCreated in the sample LDIF, the other records at their real offsets from it), and the
# fresh domain's SID and it.support's new RID are written as the sample directory's, so that the
# trail and the LDIF describe one domain. Nothing else is changed; records from before the play
# (the DC's start, the removal) are left out.
import base64
import datetime
import json
import os
import re
import struct
import subprocess
import sys
import time

IP, CA, LOGS, LDIF, OUT = sys.argv[1:6]
DOMAIN = "corp.example.test"
BASE = "DC=corp,DC=example,DC=test"
ACTOR, ADDRESS, PASSWORD = "svc.backup", "127.66.0.1", "Fixture-Passw0rd!"
FILES = ["auth.json", "dsdb.json", "group.json", "password.json"]


def sid_text(b):
    count = b[1]
    authority = int.from_bytes(b[2:8], "big")
    subs = struct.unpack("<" + "I" * count, b[8:8 + 4 * count])
    return "S-%d-%d-" % (b[0], authority) + "-".join(map(str, subs))


def sample_facts():
    """it.support's whenCreated and SID in the sample LDIF."""
    for block in open(LDIF).read().split("\n\n"):
        if re.search(r"^sAMAccountName: it\.support$", block, re.M):
            created = re.search(r"^whenCreated: (\d{14})", block, re.M).group(1)
            sid = sid_text(base64.b64decode(re.search(r"^objectSid:: (.*)$", block, re.M).group(1)))
            return datetime.datetime.strptime(created, "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc), sid
    raise SystemExit("it.support not in " + LDIF)


def ldap(tool, ldif=None):
    env = dict(os.environ, LDAPTLS_CACERT=CA, LDAPSOCKET_BIND_ADDRESSES=ADDRESS)
    args = [tool, "-x", "-H", "ldaps://" + IP, "-D", "%s@%s" % (ACTOR, DOMAIN), "-w", PASSWORD]
    if tool == "ldapsearch":
        args += ["-b", BASE, "(sAMAccountName=it.support)", "objectSid"]
    result = subprocess.run(args, input=ldif, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def unicode_pwd(password):
    return base64.b64encode(('"%s"' % password).encode("utf-16-le")).decode()


created_at, sample_sid = sample_facts()
sizes = {name: os.path.getsize(os.path.join(LOGS, name)) for name in FILES}
time.sleep(1)
ldap("ldapmodify", """dn: CN=it.support,OU=Staff,OU=Corp,%s
changetype: add
objectClass: user
sAMAccountName: it.support
userPrincipalName: it.support@%s
mail: it.support@%s
unicodePwd:: %s
userAccountControl: 512

dn: CN=Domain Admins,CN=Users,%s
changetype: modify
add: member
member: CN=it.support,OU=Staff,OU=Corp,%s
""" % (BASE, DOMAIN, DOMAIN, unicode_pwd("Intruder-Passw0rd-7!"), BASE, BASE))
found = re.search(r"^objectSid:: (.*)$", ldap("ldapsearch"), re.M)
fresh_sid = sid_text(base64.b64decode(found.group(1)))
time.sleep(1)

records = []
for name in FILES:
    with open(os.path.join(LOGS, name), "rb") as f:
        f.seek(sizes[name])
        for line in f.read().decode().splitlines():
            if line.strip():
                records.append((name, line))


def moment(line):
    text = json.loads(line)["timestamp"]
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")


creation = min(moment(line) for name, line in records if name == "dsdb.json" and '"operation": "Add"' in line)
shift = created_at - creation
fresh_domain, sample_domain = fresh_sid.rsplit("-", 1)[0], sample_sid.rsplit("-", 1)[0]
os.makedirs(OUT, exist_ok=True)
for name in FILES:
    with open(os.path.join(OUT, name), "w") as out:
        for _, line in [r for r in records if r[0] == name]:
            when = moment(line) + shift
            stamp = when.strftime("%Y-%m-%dT%H:%M:%S.%f") + "+0000"
            line = re.sub(r'"timestamp": "[^"]*"', '"timestamp": "%s"' % stamp, line, count=1)
            line = line.replace(fresh_sid, sample_sid).replace(fresh_domain + "-", sample_domain + "-")
            out.write(line + "\n")
print("sample trail: %d records, it.support created %s by %s from %s" % (len(records), created_at.isoformat(), ACTOR, ADDRESS))
