#!/usr/bin/env python3
"""Write the mail logs of a password-spray incident (or of its benign look-alikes), with a truth
file saying what an auditor must conclude.

Usage: make-spray-logs.py OUTDIR --scenario NAME [--mta postfix|exim] [--seed N] [--lines N]

Scenarios:
  spray-silent   a botnet of 5,000 addresses in 60 /24 networks tries 200 usernames (the 50 staff
                 accounts and 150 invented) once or twice each over a night, over SMTP AUTH and
                 IMAP; then the weak account logs in from a new address in one of the botnet's
                 networks (IMAP, and one test message) and goes quiet
  spray-spam     the same, then the account relays spam from 40 addresses (forged senders,
                 outside domains, bounces)
  low-and-slow   one try an hour from a new address for ten days, then the same quiet login
  two-campaigns  two botnets on the same night, one with invented names, one with staff names
  benign         staff only, with the look-alikes: a phone retrying an old password from its
                 owner's home for days, a carrier NAT shared by many users, typos corrected at
                 once, a traveller logging in from new countries. No campaign, no compromise
  volume         --lines failed SMTP AUTH lines (default 1,000,000), each from a new address with
                 a new username: the attacker-sized input (one Postfix line per attempt)

Every scenario has the staff's ordinary traffic (office and home submissions, IMAP logins,
internal and partner mail) over the days around the attack.

Output: OUTDIR/mail.log (Postfix and Dovecot through syslog, as Debian writes /var/log/mail.log)
or, with --mta exim, OUTDIR/mainlog (Exim 4's SMTP side) and OUTDIR/dovecot.log (IMAP), plus
OUTDIR/directory.ldif (the staff as an OpenLDAP export, for `relay-audit audit`) and
OUTDIR/truth.json. The lines are those of the real logs in this repository:
Tests/Fixtures/samples/incident/mail.log (Postfix 3.7 submission with Dovecot 2.3 SASL, made by
Tests/Scripts/incident), Debian fail2ban's dovecot sample (imap-login lines) and
Tests/Scripts/bench/make-exim-log.py (Exim 4.9x with the dovecot authenticators). Timestamps are
UTC; read the logs with --timezone UTC --as-of 2026-12-05. Deterministic for a --seed.
"""
import argparse, datetime, json, os, random, sys

p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
p.add_argument("out")
p.add_argument("--scenario", required=True,
               choices=["spray-silent", "spray-spam", "low-and-slow", "two-campaigns", "benign", "volume"])
p.add_argument("--mta", default="postfix", choices=["postfix", "exim"])
p.add_argument("--seed", type=int, default=1)
p.add_argument("--lines", type=int, default=1_000_000)
p.add_argument("--hosts", type=int, default=1,
               help="also write each host's share (mail-hostN.log, …): sessions spread over HOSTS submission hosts, a client's connections landing on any")
a = p.parse_args()
rnd = random.Random(a.seed)
os.makedirs(a.out, exist_ok=True)

DOMAIN = "corp.example.test"
HOST = "mx1"
LIP = "198.51.100.1"
START = datetime.datetime(2026, 11, 20, tzinfo=datetime.timezone.utc)
AS_OF = "2026-12-05T00:00:00Z"
FIRST = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "ken", "laura", "mallory",
         "nina", "oscar", "peggy", "quinn", "rupert", "sybil", "trent", "ursula", "victor", "wendy", "xavier", "yvonne"]
LAST = ["smith", "jones"]
STAFF = [f"{f}.{l}" for l in LAST for f in FIRST]  # 50 accounts
WEAK = "kiosk.frontdesk"
STAFF.append(WEAK)
INVENTED = (["admin", "administrator", "info", "sales", "test", "support", "office", "webmaster", "postmaster", "contact",
             "billing", "hr", "marketing", "noreply", "scanner", "printer", "backup", "guest", "user", "mail"]
            + [f"{f}" for f in FIRST] + [f"{f[0]}{l}" for f in FIRST for l in LAST]
            + [f"user{i}" for i in range(1, 56)])[:150]
PARTNERS = [f"partner{i}.example" for i in range(12)]

events = []  # (seconds since START, order, stream, text)
seq = 0
pid_counter = [5000]
qid_counter = [0x1000]


def pid():
    pid_counter[0] += rnd.randint(1, 7)
    return pid_counter[0]


def qid():
    qid_counter[0] += rnd.randint(1, 97)
    return f"{qid_counter[0]:05X}FC0{rnd.randint(0, 0xFF):02X}"


host = [0]  # the host the current session is on


def on_host(ip, t):
    """Round-robin DNS: each connection of a client may land on another host."""
    host[0] = (sum(ip.encode()) + t // 60) % a.hosts


def emit(t, text, stream="mail"):
    global seq
    seq += 1
    events.append((t, seq, stream, text, host[0]))


def stamp(t, stream):
    when = START + datetime.timedelta(seconds=t)
    if stream == "exim":
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return when.strftime("%b %d %H:%M:%S").replace(" 0", "  ", 1) if when.day < 10 else when.strftime("%b %d %H:%M:%S")


def session_id():
    return "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(16))


QMGR = 4853


def submission(t, user, ip, sender, recipients, bounce_external=0.0):
    """An authenticated submission: Postfix's session, queue and deliveries, or Exim's."""
    on_host(ip, t)
    if a.mta == "exim":
        q = "".join(rnd.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") for _ in range(6)) + "-" + \
            "".join(rnd.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") for _ in range(11)) + "-AbCd"
        p1 = pid()
        tls = "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no"
        emit(t, f"[{p1}] {q} <= {sender} H=({rnd.choice(['laptop', 'DESKTOP-4F2K', '[192.168.1.10]'])}) [{ip}]:{rnd.randint(1024, 65535)} "
                f"I=[{LIP}]:587 P=esmtpsa {tls} A=dovecot_login:{user} S={rnd.randint(900, 90000)} id={rnd.getrandbits(64):016x}@{DOMAIN} "
                f"for {' '.join(recipients)}", "exim")
        p2 = pid()
        for r in recipients:
            if r.endswith("@" + DOMAIN):
                emit(t, f"[{p2}] {q} => {r} R=local_user T=dovecot_lmtp C=\"250 2.0.0 <{r}> Saved\"", "exim")
            elif rnd.random() < bounce_external:
                emit(t, f"[{p2}] {q} ** {r} R=dnslookup T=remote_smtp H=mx.{r.split('@')[1]} [192.0.2.{rnd.randint(1, 254)}] {tls}: "
                        f"SMTP error from remote mail server after RCPT TO:<{r}>: 550 5.1.1 <{r}>: Recipient address rejected: User unknown", "exim")
            else:
                emit(t, f"[{p2}] {q} => {r} R=dnslookup T=remote_smtp H=mx.{r.split('@')[1]} [192.0.2.{rnd.randint(1, 254)}] {tls} "
                        f"C=\"250 2.0.0 Ok: queued as {rnd.getrandbits(40):010X}\"", "exim")
        emit(t, f"[{p2}] {q} Completed", "exim")
        return
    s, q = pid(), qid()
    emit(t, f"postfix/submission/smtpd[{s}]: connect from unknown[{ip}]")
    emit(t, f"postfix/submission/smtpd[{s}]: {q}: client=unknown[{ip}], sasl_method=PLAIN, sasl_username={user}")
    emit(t, f"postfix/cleanup[{pid()}]: {q}: message-id=<{rnd.getrandbits(48):012x}@{DOMAIN}>")
    emit(t, f"postfix/qmgr[{QMGR}]: {q}: from=<{sender}>, size={rnd.randint(400, 90000)}, nrcpt={len(recipients)} (queue active)")
    emit(t, f"postfix/submission/smtpd[{s}]: disconnect from unknown[{ip}] ehlo=1 auth=1 mail=1 rcpt={len(recipients)} data=1 quit=1 commands={5 + len(recipients)}")
    bounced = []
    deliver = pid()
    for r in recipients:
        if r.endswith("@" + DOMAIN):
            emit(t + 1, f"postfix/lmtp[{deliver}]: {q}: to=<{r}>, relay={HOST}.{DOMAIN}[private/dovecot-lmtp], delay=0.02, delays=0.01/0.01/0/0, dsn=2.0.0, status=sent (250 2.0.0 <{r}> {session_id()} Saved)")
        elif rnd.random() < bounce_external:
            bounced.append(r)
            mx = f"203.0.113.{rnd.randint(1, 254)}"
            emit(t + 1, f"postfix/smtp[{deliver}]: {q}: to=<{r}>, relay=mx.{r.split('@')[1]}[{mx}]:25, delay=0.4, delays=0/0/0.2/0.2, dsn=5.1.1, status=bounced (host mx.{r.split('@')[1]}[{mx}] said: 550 5.1.1 <{r}>: Recipient address rejected: User unknown (in reply to RCPT TO command))")
        else:
            mx = f"203.0.113.{rnd.randint(1, 254)}"
            emit(t + 1, f"postfix/smtp[{deliver}]: {q}: to=<{r}>, relay=mx.{r.split('@')[1]}[{mx}]:25, delay=0.4, delays=0/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as {rnd.getrandbits(40):010X})")
    if bounced:
        n = qid()
        emit(t + 1, f"postfix/bounce[{pid()}]: {q}: sender non-delivery notification: {n}")
        emit(t + 1, f"postfix/qmgr[{QMGR}]: {n}: from=<>, size=4457, nrcpt=1 (queue active)")
        emit(t + 2, f"postfix/smtp[{pid()}]: {n}: to=<{sender}>, relay=mx.{sender.split('@')[1]}[203.0.113.9]:25, delay=0.5, delays=0/0/0.3/0.2, dsn=5.1.1, status=bounced (host mx.{sender.split('@')[1]}[203.0.113.9] said: 550 5.1.1 <{sender}>: Recipient address rejected: User unknown (in reply to RCPT TO command))")
        emit(t + 2, f"postfix/qmgr[{QMGR}]: {n}: removed")
    emit(t + 1, f"postfix/qmgr[{QMGR}]: {q}: removed")


def smtp_failure(t, user, ip, unknown):
    """A failed SMTP AUTH: Dovecot's auth line and Postfix's session, or Exim's authenticator."""
    on_host(ip, t)
    if a.mta == "exim":
        p1 = pid()
        helo = rnd.choice(["User", "ylmf-pc", "WIN-CLJ1B0GQ6JP", "localhost"])
        emit(t, f"[{p1}] dovecot_login authenticator failed for ({helo}) [{ip}]:{rnd.randint(1024, 65535)}: 535 Incorrect authentication data (set_id={user})", "exim")
        emit(t, f"[{p1}] SMTP connection from ({helo}) [{ip}]:{rnd.randint(1024, 65535)} lost D=1s", "exim")
        return t
    s = pid()
    emit(t, f"postfix/submission/smtpd[{s}]: connect from unknown[{ip}]")
    emit(t, f"dovecot: auth: passwd-file({user},{ip}): {'unknown user' if unknown else 'Password mismatch'}")
    emit(t + 1, f"postfix/submission/smtpd[{s}]: warning: unknown[{ip}]: SASL PLAIN authentication failed: (reason unavailable), sasl_username={user}")
    emit(t + 1, f"postfix/submission/smtpd[{s}]: disconnect from unknown[{ip}] ehlo=1 auth=0/1 quit=1 commands=2/3")
    return t + 1  # the time of its last failure line


def imap_login(t, user, ip):
    on_host(ip, t)
    stream = "dovecot" if a.mta == "exim" else "mail"
    emit(t, f"dovecot: imap-login: Login: user=<{user}>, method=PLAIN, rip={ip}, lip={LIP}, mpid={pid()}, TLS, session=<{session_id()}>", stream)


def imap_failure(t, user, ip, unknown):
    on_host(ip, t)
    stream = "dovecot" if a.mta == "exim" else "mail"
    session = session_id()
    emit(t, f"dovecot: auth: passwd-file({user},{ip},<{session}>): {'unknown user' if unknown else 'Password mismatch'}", stream)
    emit(t + 2, f"dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<{user}>, method=PLAIN, rip={ip}, lip={LIP}, TLS, session=<{session}>", stream)
    return t + 2


def home_ip(index):
    return f"192.0.2.{10 + index}"


OFFICE = "198.51.100.20"


def staff_traffic(days, skip=()):
    """Ordinary days: submissions from the office on working hours and from home in the
    evening, IMAP from the office, home and phones, mail to colleagues and partners."""
    for day in range(days):
        for index, user in enumerate(STAFF):
            if user in skip:
                continue
            for _ in range(rnd.randint(1, 4)):
                t = day * 86400 + rnd.randint(8 * 3600, 18 * 3600)
                to = [f"{rnd.choice(STAFF)}@{DOMAIN}" for _ in range(rnd.randint(1, 2))]
                if rnd.random() < 0.4:
                    to.append(f"contact@{rnd.choice(PARTNERS)}")
                submission(t, user, OFFICE, f"{user}@{DOMAIN}", to)
                imap_login(t - 30, user, OFFICE)
            if rnd.random() < 0.5:
                t = day * 86400 + rnd.randint(19 * 3600, 22 * 3600)
                imap_login(t, user, home_ip(index))
                submission(t + 60, user, home_ip(index), f"{user}@{DOMAIN}", [f"{rnd.choice(STAFF)}@{DOMAIN}"])


def botnet(networks_count, per_network, seed_base):
    """Addresses of a botnet: `per_network` hosts in each of `networks_count` /24 networks
    spread over the public IPv4 space (none in the staff's ranges)."""
    nets = set()
    while len(nets) < networks_count:
        first = rnd.choice([5, 31, 37, 41, 45, 46, 62, 77, 78, 80, 85, 88, 91, 94, 101, 103, 109, 112, 115, 117, 121, 138, 141, 171, 175, 176, 177, 178, 179, 181, 185, 186, 187, 189, 190, 191, 193, 194, 195, 196, 197, 200, 201, 212, 213])
        nets.add((first, rnd.randint(0, 255), rnd.randint(0, 255)))
    nets = sorted(nets)
    addresses = []
    for net in nets:
        hosts = rnd.sample(range(1, 255), per_network)
        addresses += [f"{net[0]}.{net[1]}.{net[2]}.{h}" for h in hosts]
    return nets, addresses


def spray(addresses, usernames, begin, end, tries=(1, 2)):
    """Each address tries one or two usernames once, at a random moment of [begin, end]."""
    per_name = {}
    services = set()
    first, last, total = None, None, 0
    for number, ip in enumerate(addresses):
        for _ in range(rnd.choice(tries) if isinstance(tries, tuple) else tries):
            # The weak account is among those tried (by a few addresses), as it is in the story.
            name = WEAK if WEAK in usernames and number % 997 == 5 else rnd.choice(usernames)
            t = rnd.randint(begin, end)
            unknown = name not in STAFF
            if rnd.random() < 0.7:
                done = smtp_failure(t, name, ip, unknown)
                services.add("smtp")
            else:
                done = imap_failure(t, name, ip, unknown)
                services.add("imap")
            per_name[name] = per_name.get(name, 0) + 1
            total += 1
            first = t if first is None else min(first, t)
            last = done if last is None else max(last, done)
    return {"failures": total, "usernames": len(per_name), "first": first, "last": last, "services": sorted(services),
            "addresses": len(addresses), "existing_tried": sorted(n for n in per_name if n in STAFF)}


def iso(t):
    return (START + datetime.timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%SZ")


truth = {"scenario": a.scenario, "mta": a.mta, "as_of": AS_OF, "timezone": "UTC",
         "compromised": [], "suspicious": [], "campaigns": [], "stale_clients": [], "plan": []}


def campaign_truth(result, networks, entered):
    truth["campaigns"].append({"first": iso(result["first"]), "last": iso(result["last"]), "failures": result["failures"],
                               "addresses": result["addresses"], "networks_v4_24": networks, "usernames": result["usernames"],
                               "existing_tried": result["existing_tried"], "services": result["services"],
                               "accounts_entered": entered})


def quiet_login(t, ip):
    """The cracked account tried from the sprayers' range: an IMAP login and one test message
    to the attacker's own mailbox, then nothing."""
    imap_login(t, WEAK, ip)
    submission(t + 40, WEAK, ip, f"{WEAK}@{DOMAIN}", ["check.delivery.7731@freemail-drop.example"])


if a.scenario == "volume":
    out = open(os.path.join(a.out, "mainlog" if a.mta == "exim" else "mail.log"), "w")
    buf = []
    for i in range(a.lines):
        t = i * 864_000 // a.lines
        host, net = i % 254 + 1, i // 254
        ip = f"{11 + net // 65536 % 200}.{net // 256 % 256}.{net % 256}.{host}"
        user = f"u{rnd.getrandbits(40):010x}"
        if a.mta == "exim":
            buf.append(f"{stamp(t, 'exim')} [{1000 + i % 60000}] dovecot_login authenticator failed for (User) [{ip}]:{1024 + i % 60000}: 535 Incorrect authentication data (set_id={user})\n")
        else:
            buf.append(f"{stamp(t, 'mail')} {HOST} postfix/submission/smtpd[{1000 + i % 60000}]: warning: unknown[{ip}]: SASL PLAIN authentication failed: (reason unavailable), sasl_username={user}\n")
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))
    out.close()
    truth.update({"lines": a.lines, "files": ["mainlog" if a.mta == "exim" else "mail.log"], "campaigns": [{"first": iso(0), "last": iso((a.lines - 1) * 864_000 // a.lines),
                                                   "failures": a.lines, "addresses": a.lines, "usernames": a.lines,
                                                   "accounts_entered": []}]})
    json.dump(truth, open(os.path.join(a.out, "truth.json"), "w"), indent=1)
    sys.exit(0)

DAY = 86400
if a.scenario in ("spray-silent", "spray-spam"):
    staff_traffic(8)
    nets, bots = botnet(60, 84, 1)  # 5,040 addresses
    night = 3 * DAY + 20 * 3600
    result = spray(bots, STAFF + INVENTED, night, night + 14 * 3600)
    net = rnd.choice(nets)
    entry = f"{net[0]}.{net[1]}.{net[2]}.{rnd.choice([h for h in range(1, 255) if f'{net[0]}.{net[1]}.{net[2]}.{h}' not in set(bots)])}"
    quiet_login(night + 16 * 3600, entry)
    campaign_truth(result, len(nets), [WEAK])
    truth["plan"] += ["block-campaign-networks", "force-password-change-tried", "auth-failure-throttling"]
    if a.scenario == "spray-spam":
        _, spam_bots = botnet(40, 1, 2)
        for k, ip in enumerate(spam_bots):
            t = 5 * DAY + k * 600
            for m in range(6):
                rcpts = [f"r{rnd.randint(0, 10**6)}@d{rnd.randint(0, 5000)}.example" for _ in range(25)]
                submission(t + m * 30, WEAK, ip, f"billing@bank{rnd.randint(100, 999)}.example", rcpts, bounce_external=0.3)
        truth["compromised"].append(WEAK)
    else:
        truth["suspicious"].append(WEAK)
elif a.scenario == "low-and-slow":
    staff_traffic(12)
    nets, bots = botnet(120, 2, 3)  # 240 addresses, one try an hour for ten days
    rnd.shuffle(bots)
    names = STAFF + INVENTED
    used, existing = set(), set()
    times = []
    for hour, ip in enumerate(bots):
        t = DAY + hour * 3600 + rnd.randint(0, 600)
        times.append(t)
        name = WEAK if hour % 97 == 40 else rnd.choice(names)
        used.add(name)
        if name in STAFF:
            existing.add(name)
        times.append(smtp_failure(t, name, ip, name not in STAFF))
    net = nets[-1]
    quiet_login(DAY + 241 * 3600, f"{net[0]}.{net[1]}.{net[2]}.254" if f"{net[0]}.{net[1]}.{net[2]}.254" not in bots else f"{net[0]}.{net[1]}.{net[2]}.253")
    truth["campaigns"].append({"first": iso(min(times)), "last": iso(max(times)), "failures": 240, "addresses": 240,
                               "networks_v4_24": len(nets), "usernames": len(used), "existing_tried": sorted(existing),
                               "services": ["smtp"], "accounts_entered": [WEAK]})
    truth["suspicious"].append(WEAK)
    truth["plan"] += ["block-campaign-networks", "force-password-change-tried", "auth-failure-throttling"]
elif a.scenario == "two-campaigns":
    staff_traffic(6)
    nets_a, bots_a = botnet(30, 50, 4)
    nets_b, bots_b = botnet(25, 40, 5)
    night = 2 * DAY + 21 * 3600
    result_a = spray(bots_a, INVENTED, night, night + 8 * 3600, tries=1)
    result_b = spray(bots_b, STAFF, night + 2 * 3600, night + 12 * 3600, tries=1)
    campaign_truth(result_a, len(nets_a), [])
    campaign_truth(result_b, len(nets_b), [])
    truth["plan"] += ["block-campaign-networks", "force-password-change-tried", "auth-failure-throttling"]
elif a.scenario == "benign":
    staff_traffic(8)
    # A phone with its owner's old password, retrying from the owner's home every 20 minutes
    # for three days, while the owner logs in from the same home with the new one.
    owner = STAFF[3]
    home = home_ip(3)
    for k in range(3 * 72):
        t = 2 * DAY + k * 1200
        smtp_failure(t, owner, home, False) if k % 2 else imap_failure(t, owner, home, False)
    for day in range(2, 6):
        imap_login(day * DAY + 20 * 3600, owner, home)
    truth["stale_clients"].append(home)
    # A carrier's NAT: thirty users on phones behind one address, logging in all day; a few
    # mistype once and get it right at once.
    carrier = "203.0.113.77"
    for day in range(8):
        for user in STAFF[10:40]:
            for _ in range(rnd.randint(2, 6)):
                t = day * DAY + rnd.randint(7 * 3600, 23 * 3600)
                if rnd.random() < 0.08:
                    imap_failure(t - 20, user, carrier, False)
                imap_login(t, user, carrier)
    # Typos at the office, corrected at once.
    for day in range(8):
        for user in rnd.sample(STAFF, 6):
            t = day * DAY + rnd.randint(8 * 3600, 17 * 3600)
            smtp_failure(t, user, OFFICE, False)
            submission(t + 45, user, OFFICE, f"{user}@{DOMAIN}", [f"{rnd.choice(STAFF)}@{DOMAIN}"])
    # A traveller: a new country every day, sending as usual.
    traveller = STAFF[7]
    for day, ip in enumerate(["81.2.69.142", "89.160.20.112", "175.16.199.5", "216.160.83.56", "202.196.224.4", "149.101.100.3"]):
        t = (day + 1) * DAY + 9 * 3600
        imap_login(t, traveller, ip)
        submission(t + 120, traveller, ip, f"{traveller}@{DOMAIN}", [f"{rnd.choice(STAFF)}@{DOMAIN}", f"contact@{rnd.choice(PARTNERS)}"])

def write_directory():
    """The staff as an OpenLDAP directory (slapcat's shape, with operational attributes):
    `relay-audit audit --ldif OUTDIR/directory.ldif --logs …` joins them with the logs."""
    base = "dc=corp,dc=example,dc=test"
    out = [f"dn: {base}", "objectClass: top", "objectClass: dcObject", "objectClass: organization", "dc: corp", "o: Corp",
           "structuralObjectClass: organization", "",
           f"dn: cn=default,ou=policies,{base}", "objectClass: top", "objectClass: device", "objectClass: pwdPolicy", "cn: default",
           "pwdAttribute: userPassword", "pwdMaxAge: 31536000", "pwdMinLength: 12", "pwdLockout: TRUE", "pwdMaxFailure: 10",
           "structuralObjectClass: device", ""]
    for number, user in enumerate(STAFF):
        first, _, last = user.partition(".")
        out += [f"dn: uid={user},ou=people,{base}", "objectClass: top", "objectClass: inetOrgPerson", "objectClass: posixAccount",
                f"uid: {user}", f"cn: {first.capitalize()} {last.capitalize()}", f"sn: {last.capitalize()}", f"mail: {user}@{DOMAIN}",
                f"uidNumber: {3000 + number}", "gidNumber: 100", f"homeDirectory: /home/{user}",
                "userPassword: {SSHA512}c2FsdGVkLWFuZC1oYXNoZWQtYnktc2xhcGQtc3NoYTUxMg==",
                "createTimestamp: 20240612000000Z", "pwdChangedTime: 20261001000000Z", "structuralObjectClass: inetOrgPerson", ""]
    with open(os.path.join(a.out, "directory.ldif"), "w") as f:
        f.write("\n".join(out))


write_directory()
events.sort()
streams = {"mail": "mail.log", "exim": "mainlog", "dovecot": "dovecot.log"}
files = {}
host_files = {}
for t, _, stream, text, on in events:
    if stream not in files:
        files[stream] = open(os.path.join(a.out, streams[stream]), "w")
    line = f"{stamp(t, stream)} {text}\n" if stream == "exim" else f"{stamp(t, stream)} {HOST} {text}\n"
    files[stream].write(line)
    if a.hosts > 1:
        key = (stream, on)
        if key not in host_files:
            name = streams[stream].replace(".log", "") + f"-host{on + 1}" + (".log" if streams[stream].endswith(".log") else "")
            host_files[key] = open(os.path.join(a.out, name), "w")
        host_files[key].write(line.replace(f" {HOST} ", f" mx{on + 1} ", 1) if stream != "exim" else line)
for f in list(files.values()) + list(host_files.values()):
    f.close()
truth["files"] = sorted(streams[s] for s in files)
if a.hosts > 1:
    truth["host_files"] = sorted(f.name.split("/")[-1] for f in host_files.values())
json.dump(truth, open(os.path.join(a.out, "truth.json"), "w"), indent=1)
