#!/usr/bin/env python3
"""Write a large, realistic Exim mainlog for benchmarks (the Exim twin of
../shared/bench/make-postfix-log.py, with the same mix and the same truth file).

Usage: make-exim-log.py OUT.log --mb 1024 [--users 5000] [--seed 7] [--truth truth.json]

Line shapes are Exim 4.9x's with log_selector +pid and TLS (Debian's exim4-daemon-heavy with
dovecot authenticators): authenticated arrivals (`<= … P=esmtpsa A=dovecot_login:USER`),
deliveries (`=>`, `**` with the remote reply), bounces (`<= <> R=ID`), `Completed`,
authenticator failures with set_id, `relay not permitted` rejections, inbound MX mail and
connection noise. A few accounts are compromised: they authenticate from many addresses and
send to many outside domains with forged senders. Deterministic for a given --seed.
"""
import argparse, json, random, sys

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("--mb", type=int, default=256)
p.add_argument("--users", type=int, default=5000)
p.add_argument("--seed", type=int, default=7)
p.add_argument("--truth")
a = p.parse_args()
rnd = random.Random(a.seed)

DOMAIN = "corp.example.test"
users = [f"user{i:05d}" for i in range(a.users)]
compromised = rnd.sample(users, max(2, a.users // 1000))
ext_domains = [f"ext{i}.example.net" for i in range(3000)]
b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def msgid():
    """Exim 4.97's message id: 6-11-4 base-62 characters (older 6-6-2 also read)."""
    return "".join(rnd.choice(b62) for _ in range(6)) + "-" + "".join(rnd.choice(b62) for _ in range(11)) + "-" + "".join(rnd.choice(b62) for _ in range(4))


def ip_office(u):
    i = int(u[4:])
    if rnd.random() < 0.9:
        return f"198.51.{i % 4}.{i % 254 + 1}"
    return f"203.0.{i % 200}.{(i * 7) % 254 + 1}"


def ip_any():
    return f"{rnd.randint(11, 223)}.{rnd.randint(0, 255)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"


t = 0
counts = {u: {"messages": 0, "ips": set()} for u in compromised}
target = a.mb * 1024 * 1024
written = 0
buf = []
out = open(a.out, "w")


def stamp():
    day = 1 + t // 86400
    s = t % 86400
    return f"2026-11-{day:02d} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


def emit(pid, text):
    buf.append(f"{stamp()} [{pid}] {text}\n")


TLS = "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no"
while written < target:
    for _ in range(2000):
        t += rnd.choice((0, 0, 0, 1))
        kind = rnd.random()
        pid = rnd.randint(1000, 99999)
        if kind < 0.70:  # an authenticated submission, legitimate or abusive
            abusive = rnd.random() < 0.08
            u = rnd.choice(compromised) if abusive else rnd.choice(users)
            login = u if rnd.random() < 0.5 else f"{u}@{DOMAIN}"
            ip = ip_any() if abusive else ip_office(u)
            q = msgid()
            if abusive:
                sender = f"{rnd.choice(('info', 'sales', 'noreply', 'billing'))}@{rnd.choice(ext_domains)}"
                rcpts = [f"r{rnd.randint(0, 10**6)}@{rnd.choice(ext_domains)}" for _ in range(rnd.randint(5, 40))]
                if u in counts:
                    counts[u]["messages"] += 1
                    counts[u]["ips"].add(ip)
            else:
                sender = f"{u}@{DOMAIN}"
                rcpts = [f"{rnd.choice(users)}@{DOMAIN}" if rnd.random() < 0.7 else f"c{rnd.randint(0, 999)}@{rnd.choice(ext_domains[:200])}" for _ in range(rnd.randint(1, 3))]
            emit(pid, f"{q} <= {sender} H=({rnd.choice(('[192.168.1.10]', 'laptop', 'DESKTOP-4F2K'))}) [{ip}]:{rnd.randint(1024, 65535)} I=[198.51.100.1]:587 P=esmtpsa {TLS} A=dovecot_login:{login} S={rnd.randint(900, 90000)} id={rnd.getrandbits(64):016x}@{DOMAIN} for {' '.join(rcpts)}")
            bounced = []
            dpid = rnd.randint(1000, 99999)
            for r in rcpts:
                local = r.endswith(DOMAIN)
                ok = rnd.random() > (0.35 if abusive else 0.01)
                if local:
                    emit(dpid, f"{q} => {r} R=local_user T=dovecot_lmtp C=\"250 2.0.0 <{r}> Saved\"")
                elif ok:
                    emit(dpid, f"{q} => {r} R=dnslookup T=remote_smtp H=mx.{r.split('@')[1]} [{ip_any()}] {TLS} C=\"250 2.0.0 Ok: queued as {rnd.getrandbits(40):010X}\"")
                else:
                    bounced.append(r)
                    emit(dpid, f"{q} ** {r} R=dnslookup T=remote_smtp H=mx.{r.split('@')[1]} [{ip_any()}] {TLS}: SMTP error from remote mail server after RCPT TO:<{r}>: 550 5.1.1 <{r}>: Recipient address rejected: User unknown")
            if bounced:
                n = msgid()
                emit(dpid, f"{n} <= <> R={q} U=Debian-exim P=local S={rnd.randint(2000, 9000)}")
                emit(dpid, f"{q} Completed")
                emit(dpid, f"{n} ** {sender} R=dnslookup T=remote_smtp: all hosts for '{sender.split('@')[1]}' have been failing for a long time (and retry time not reached)")
                emit(dpid, f"{n} {sender}: error ignored")
                emit(dpid, f"{n} Completed")
            else:
                emit(dpid, f"{q} Completed")
        elif kind < 0.82:  # AUTH failure (spray / brute force)
            ip = ip_any()
            who = rnd.choice(users) if rnd.random() < 0.5 else rnd.choice(("admin", "test", "info", "sales", "webmaster"))
            emit(pid, f"dovecot_login authenticator failed for ({rnd.choice(('User', 'ylmf-pc', 'WIN-CLJ1B0GQ6JP'))}) [{ip}]:{rnd.randint(1024, 65535)}: 535 Incorrect authentication data (set_id={who}@{DOMAIN})")
            emit(pid, f"SMTP connection from ({rnd.choice(('User', 'ylmf-pc'))}) [{ip}]:{rnd.randint(1024, 65535)} lost D=0s")
        elif kind < 0.90:  # inbound MX mail, no AUTH
            ip = ip_any()
            q = msgid()
            r = f"{rnd.choice(users)}@{DOMAIN}"
            d = rnd.choice(ext_domains)
            emit(pid, f"{q} <= news@{d} H=mail.{d} [{ip}]:{rnd.randint(1024, 65535)} I=[198.51.100.1]:25 P=esmtps {TLS} S={rnd.randint(900, 90000)} id={rnd.getrandbits(64):016x}@{d} for {r}")
            dpid = rnd.randint(1000, 99999)
            emit(dpid, f"{q} => {r} R=local_user T=dovecot_lmtp C=\"250 2.0.0 <{r}> Saved\"")
            emit(dpid, f"{q} Completed")
        elif kind < 0.95:  # unauthenticated relay attempt
            ip = ip_any()
            emit(pid, f"H=({ip}) [{ip}]:{rnd.randint(1024, 65535)} I=[198.51.100.1]:25 F=<spam@{rnd.choice(ext_domains)}> rejected RCPT <x{rnd.randint(0, 9999)}@{rnd.choice(ext_domains)}>: relay not permitted")
        else:  # noise
            emit(pid, rnd.choice((
                f"TLS error on connection from ({rnd.choice(ext_domains)}) [{ip_any()}]:{rnd.randint(1024, 65535)} I=[198.51.100.1]:25 (SSL_accept): error:0A000126:SSL routines::unexpected eof while reading",
                "Start queue run: pid=%d" % pid,
                "End queue run: pid=%d" % pid,
                f"no host name found for IP address {ip_any()}",
            )))
    chunk = "".join(buf)
    buf.clear()
    out.write(chunk)
    written += len(chunk)
out.close()
if a.truth:
    json.dump({"compromised": {u: {"messages": c["messages"], "distinct_ips": len(c["ips"])} for u, c in counts.items()}}, open(a.truth, "w"), indent=1)
print(f"wrote {written / 1048576:.0f} MiB to {a.out}", file=sys.stderr)
