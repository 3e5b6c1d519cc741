#!/usr/bin/env python3
"""Writes the hostile-identity fixture: a directory and a Postfix log whose account names and
envelope senders carry everything an attacker can type into SMTP AUTH or MAIL FROM (quotes,
$(...), backticks, ; and &, newlines (\n, \r, U+2028), ANSI escapes, NUL, DEL and C1 controls,
a right-to-left override, <script>, a CSV formula, LDAP filter metacharacters, Markdown,
PowerShell smart quotes, a leading dash, .* regex, overlong UTF-8 and a 100 KB name).

The accounts fall to a password spray from one address and then send forged mail, so the audit
calls them compromised and the plan writes a command for each name and each sender. Tests run
those commands with stub programs on PATH and check every value arrives as one argument.

Output (committed; re-run after editing HOSTILE_NAMES):
  Tests/Fixtures/hostile/directory-ad.ldif        an Active Directory export
  Tests/Fixtures/hostile/directory-openldap.ldif  the same people in OpenLDAP with ppolicy
  Tests/Fixtures/hostile/mail.log                 Postfix + Dovecot, classic syslog, Nov 2026
  Tests/Fixtures/hostile/values.json              every hostile value, for the tests
As of: 2026-11-29T00:00:00Z.

Raw bytes that are not UTF-8 (the overlong "/") are held as surrogate escapes and written as the
bytes themselves; values.json carries what a UTF-8 reader must make of them (U+FFFD each).
"""
import base64, datetime, json, os, struct, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Fixtures", "hostile")
AS_OF = datetime.datetime(2026, 11, 29, tzinfo=datetime.timezone.utc)

# Names that authenticate (they appear in the log and in the directory).
HOSTILE_NAMES = [
    "o'brien",
    'say"hi',
    "x$(pwned 1)",
    "y`pwned 2`",
    "z;pwned 3;&pwned 3b|",
    "\x1b[31mred\x1b]0;owned\x07",
    "<script>alert(1)</script>",
    "*)(uid=*",
    "-rf",
    "ps$env:HOME\u2018+(pwned 6)+\u2019'",
    "md|pipe*[x](javascript:pwned)`code`",
    "=cmd|' /C pwned 11'!A0",
    "rtl\u202Egpj.exe",
    "ls\u2028pwned 12\u2029",
    "cr\rpwned 13",
    "nul\x00pwned 14",
    "tab\tbell\x07del\x7fc1\x9b",
    # Overlong UTF-8 for "/" (C0 AF): written as those raw bytes (surrogateescape); every reader
    # must decode them as two U+FFFD, never as "/".
    "ov\udcc0\udcaferlong",
    "B" * 100_000,
]
# Names that authenticate but are in no directory entry: the plan searches the directory for
# them, so they land in LDAP filters (RFC 4515 escaping) inside shell and PowerShell quoting.
LOG_ONLY_NAMES = [
    "*)(|(objectClass=*",
    "x*)(mail=*\\2a@hostile.example",
]
# A persistence account whose name holds a newline (directory only: a log line cannot).
NEWLINE_NAME = "line\n```\npwned 7"
# Forged envelope senders used in the spam.
HOSTILE_SENDERS = [
    "a'b$(pwned 8)`pwned 9`@bank.example",
    "\x1b[2Jclear@bank.example",
    ".*@bank.example",
    '"o\'hara; pwned 10"@bank.example',
]
ATTACKER = "203.0.113.66"
DOMAIN_SID = b"\x01\x04\x00\x00\x00\x00\x00\x05\x15\x00\x00\x00" + struct.pack("<III", 111, 222, 333)


def sid(rid):
    return b"\x01\x05" + DOMAIN_SID[2:] + struct.pack("<I", rid)


def filetime(dt):
    return int((dt.timestamp() + 11644473600) * 10_000_000)


def gtime(dt):
    return dt.strftime("%Y%m%d%H%M%S.0Z")


def value(attr, v):
    """An LDIF attribute line; base64 (attr::) when the value is not a safe string (RFC 2849)."""
    if isinstance(v, bytes):
        return f"{attr}:: {base64.b64encode(v).decode()}"
    v_bytes = v.encode("utf-8", "surrogateescape")
    safe = v and v[0] not in " :<" and v[-1] != " " and all(0x20 <= ord(c) < 0x7F for c in v)
    return f"{attr}: {v}" if safe else f"{attr}:: {base64.b64encode(v_bytes).decode()}"


def dn_escape(v):
    """RFC 4514 escaping of an attribute value inside a DN."""
    out = []
    for i, c in enumerate(v):
        if c in ',+"\\<>;=' or (i == 0 and c in " #") or (i == len(v) - 1 and c == " "):
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append("\\%02X" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def entry(lines):
    return "\n".join(lines) + "\n\n"


def ad_ldif():
    base = "DC=hostile,DC=example"
    days = datetime.timedelta(days=1)
    out = ["# Hostile-identity fixture (Tests/Scripts/hostile/make-hostile-fixture.py)\n\n"]
    out.append(entry([f"dn: {base}", "objectClass: top", "objectClass: domain", "objectClass: domainDNS",
                      value("objectSid", DOMAIN_SID), "maxPwdAge: -36288000000000", "minPwdLength: 7",
                      "lockoutThreshold: 0", "pwdProperties: 0", "whenCreated: 20200101000000.0Z"]))
    admins_dn = f"CN=Domain Admins,CN=Users,{base}"
    members = []
    users = []
    for i, name in enumerate(HOSTILE_NAMES + [NEWLINE_NAME]):
        dn = f"CN={dn_escape(name)},OU=Staff,{base}"
        persistence = name == NEWLINE_NAME
        created = AS_OF - (days / 4 if persistence else 900 * days)
        lines = [value("dn", dn), "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                 "objectClass: user", value("cn", name), value("sAMAccountName", name),
                 value("objectSid", sid(1200 + i)), "userAccountControl: 512", "primaryGroupID: 513",
                 "accountExpires: 9223372036854775807", f"whenCreated: {gtime(created)}",
                 f"pwdLastSet: {filetime(created if persistence else AS_OF - 300 * days)}",
                 f"lastLogonTimestamp: {filetime(AS_OF - 3 * days)}"]
        if persistence:
            lines.append(value("memberOf", admins_dn))
            members.append(dn)
        users.append(entry(lines))
    out.append(entry([f"dn: {admins_dn}", "objectClass: top", "objectClass: group", "cn: Domain Admins",
                      "sAMAccountName: Domain Admins", value("objectSid", sid(512)), "adminCount: 1"]
                     + [value("member", m) for m in members]))
    out.extend(users)
    return "".join(out)


def openldap_ldif():
    base = "dc=hostile,dc=example"
    out = ["# Hostile-identity fixture (Tests/Scripts/hostile/make-hostile-fixture.py)\n\n"]
    out.append(entry([f"dn: {base}", "objectClass: top", "objectClass: dcObject", "objectClass: organization",
                      "dc: hostile", "o: Hostile", "structuralObjectClass: organization"]))
    out.append(entry([f"dn: cn=default,ou=policies,{base}", "objectClass: top", "objectClass: device",
                      "objectClass: pwdPolicy", "cn: default", "pwdAttribute: userPassword", "pwdMaxAge: 0",
                      "pwdLockout: FALSE", "structuralObjectClass: device"]))
    members = []
    for i, name in enumerate(HOSTILE_NAMES + [NEWLINE_NAME]):
        dn = f"uid={dn_escape(name)},ou=people,{base}"
        persistence = name == NEWLINE_NAME
        created = AS_OF - datetime.timedelta(days=0.25 if persistence else 900)
        out.append(entry([value("dn", dn), "objectClass: top", "objectClass: inetOrgPerson",
                          "objectClass: posixAccount", value("uid", name), value("cn", name), "sn: Hostile",
                          f"uidNumber: {2000 + i}", "gidNumber: 100", f"homeDirectory: /home/u{i}",
                          "userPassword: {SSHA}aGVsbG8gd29ybGQgaGVsbG8gd29y", f"createTimestamp: {gtime(created)}",
                          f"pwdChangedTime: {gtime(created if persistence else AS_OF - datetime.timedelta(days=300))}",
                          "structuralObjectClass: inetOrgPerson"]))
        if persistence:
            members.append(dn)
    out.append(entry([f"dn: cn=admins,ou=groups,{base}", "objectClass: top", "objectClass: groupOfNames",
                      "cn: admins", "structuralObjectClass: groupOfNames"] + [value("member", m) for m in members]))
    return "".join(out)


def mail_log():
    lines = []
    t = datetime.datetime(2026, 11, 28, 9, 0, 0, tzinfo=datetime.timezone.utc)
    pid = [7000]
    qid = [0xA0000]

    def stamp():
        return t.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1) if t.day < 10 else t.strftime("%b %d %H:%M:%S")

    def log(proc, text):
        lines.append(f"{stamp()} mx1 {proc}: {text}")

    def session(user, ok):
        nonlocal t
        pid[0] += 1
        smtpd = f"postfix/submission/smtpd[{pid[0]}]"
        log(smtpd, f"connect from unknown[{ATTACKER}]")
        t += datetime.timedelta(seconds=2)
        if not ok:
            log("dovecot", f"auth: passwd-file({user},{ATTACKER}): Password mismatch")
            log(smtpd, f"warning: unknown[{ATTACKER}]: SASL PLAIN authentication failed: (reason unavailable), sasl_username={user}")
            log(smtpd, f"disconnect from unknown[{ATTACKER}] ehlo=1 auth=0/1 quit=1 commands=2/3")
            return None
        qid[0] += 1
        q = "%X" % qid[0]
        log(smtpd, f"{q}: client=unknown[{ATTACKER}], sasl_method=PLAIN, sasl_username={user}")
        return smtpd, q

    def message(smtpd, q, sender, rcpts):
        nonlocal t
        log("postfix/cleanup[6000]", f"{q}: message-id=<{q}@spam.example>")
        log("postfix/qmgr[5000]", f"{q}: from=<{sender}>, size=900, nrcpt={len(rcpts)} (queue active)")
        log(smtpd, f"disconnect from unknown[{ATTACKER}] ehlo=1 auth=1 mail=1 rcpt={len(rcpts)} data=1 quit=1 commands={5 + len(rcpts)}")
        for r in rcpts:
            t += datetime.timedelta(seconds=1)
            log("postfix/smtp[6100]", f"{q}: to=<{r}>, relay=mx.{r.split('@')[1]}[198.51.100.7]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)")
        log("postfix/qmgr[5000]", f"{q}: removed")

    # The spray: every name fails a few times from one address.
    for round_ in range(2):
        for name in HOSTILE_NAMES + LOG_ONLY_NAMES:
            session(name, False)
            t += datetime.timedelta(seconds=20)
    # Then each name succeeds and relays forged mail.
    for i, name in enumerate(HOSTILE_NAMES + LOG_ONLY_NAMES):
        t += datetime.timedelta(minutes=3)
        smtpd, q = session(name, True)
        message(smtpd, q, HOSTILE_SENDERS[i % len(HOSTILE_SENDERS)], [f"victim{i}.{k}@d{i}x{k}.example" for k in range(12)])
    return "\n".join(lines) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, text in [("directory-ad.ldif", ad_ldif()), ("directory-openldap.ldif", openldap_ldif()), ("mail.log", mail_log())]:
        with open(os.path.join(OUT, name), "w", encoding="utf-8", errors="surrogateescape", newline="\n") as f:
            f.write(text)
    with open(os.path.join(OUT, "values.json"), "w", encoding="utf-8") as f:
        decoded = [n.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for n in HOSTILE_NAMES]
        json.dump({"as_of": AS_OF.strftime("%Y-%m-%dT%H:%M:%SZ"), "names": decoded, "log_only_names": LOG_ONLY_NAMES,
                   "newline_name": NEWLINE_NAME,
                   "senders": HOSTILE_SENDERS, "attacker": ATTACKER}, f, indent=2, ensure_ascii=True)
        f.write("\n")


if __name__ == "__main__":
    main()
