#!/usr/bin/env python3
# A large Samba AD DC authentication audit log (auth_json_audit) for measuring relay-audit on a
# DC's side of a botnet spray: ADDRESSES addresses trying once or twice each over DAYS days,
# LDAP simple binds and Kerberos pre-authentications, against a list of usernames, among the
# everyday logons of WORKSTATIONS machines (each its user's logon every few minutes, a typo now
# and then, corrected at once). Records are shaped as the live incident DC writes them
# (Tests/Scripts/samba-incident.py); the generator's own truth goes to stderr.
#
#   make-samba-trail.py [ADDRESSES] [DAYS] [WORKSTATIONS] > auth.json
import json
import random
import sys

addresses = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
days = int(sys.argv[2]) if len(sys.argv) > 2 else 5
workstations = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
rng = random.Random(7)
START = 1_795_000_000  # 2026-11-17
names = ["user%05d" % i for i in range(workstations)] + ["admin", "administrator", "test", "scanner", "backup", "info", "sales"]


def stamp(t):
    import datetime
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "+0000"


def record(t, ip, user, ok, kerberos):
    auth = {
        "version": {"major": 1, "minor": 2}, "eventId": 4624 if ok else 4625, "logonId": "0", "logonType": 3 if kerberos else 8,
        "status": "NT_STATUS_OK" if ok else "NT_STATUS_WRONG_PASSWORD",
        "localAddress": "ipv4:10.0.0.10:%d" % (88 if kerberos else 636), "remoteAddress": "ipv4:%s:%d" % (ip, rng.randint(1024, 65535)),
        "serviceDescription": "Kerberos KDC" if kerberos else "LDAP",
        "authDescription": "ENC-TS Pre-authentication" if kerberos else "simple bind/TLS",
        "clientDomain": "CORP", "clientAccount": ("%s@CORP.EXAMPLE.TEST" if kerberos else "%s@corp.example.test") % user,
        "workstation": None, "becameAccount": user if ok else None, "becameDomain": "CORP" if ok else None,
        "becameSid": None, "mappedAccount": user, "mappedDomain": "CORP", "netlogonComputer": None,
        "netlogonTrustAccount": None, "netlogonNegotiateFlags": "0x00000000", "netlogonSecureChannelType": 0,
        "netlogonTrustAccountSid": None, "passwordType": "Kerberos" if kerberos else "Plaintext", "duration": 2000,
    }
    return (t, json.dumps({"timestamp": stamp(t), "type": "Authentication", "Authentication": auth}))


events = []
for i in range(addresses):
    ip = "%d.%d.%d.%d" % (rng.choice([45, 91, 185, 193, 203]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    t = START + rng.randint(0, days * 86_400)
    for _ in range(rng.choice([1, 1, 2])):
        events.append(record(t, ip, rng.choice(names), False, rng.random() < 0.4))
        t += rng.randint(1, 600)
for w in range(workstations):
    ip = "10.1.%d.%d" % (w // 250, w % 250 + 1)
    t = START + rng.randint(0, 3600)
    while t < START + days * 86_400:
        if rng.random() < 0.01:
            events.append(record(t, ip, names[w], False, True))
            t += 5
        events.append(record(t, ip, names[w], True, True))
        t += rng.randint(1_800, 14_400)
events.sort(key=lambda e: e[0])
out = sys.stdout
for _, line in events:
    out.write(line + "\n")
print("make-samba-trail: %d records, %d spray addresses, %d workstations, %d days" % (len(events), addresses, workstations, days),
      file=sys.stderr)
