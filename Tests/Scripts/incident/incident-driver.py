#!/usr/bin/env python3
"""Drives the sample incident through real Postfix + Dovecot on loopback (see README.md).

Usage: incident-driver.py STEPS_FILE
The daemons run in real time. Each step of the story records (real time, story time) in
STEPS_FILE, then talks SMTP from its own loopback source address and waits for the queue to
drain; retime.py later maps every log line's real time into its step's story time."""
import calendar
import os
import random
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage

STEPS = sys.argv[1]
USERS = os.path.join(os.path.dirname(STEPS), "users")
SERVER = "127.0.0.1"
DOMAIN = "corp.example.test"
rnd = random.Random(2026)


def at(stamp):
    """Starts a step of the story at `stamp` (UTC): lines logged from now until the next step
    are dated from `stamp` on."""
    target = calendar.timegm(time.strptime(stamp, "%Y-%m-%d %H:%M:%S"))
    time.sleep(0.02)
    with open(STEPS, "a") as f:
        f.write("%.6f %d\n" % (time.time(), target))


def drain(timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        out = subprocess.run(["postqueue", "-j"], capture_output=True, text=True).stdout.strip()
        if not out:
            return
        time.sleep(0.2)
    print("queue did not drain:", out[:500], file=sys.stderr)


def message(sender, recipients, subject):
    m = EmailMessage()
    m["From"] = sender
    m["To"] = ", ".join(recipients[:3])
    m["Subject"] = subject
    m.set_content("Hello,\n\nplease see the attached statement.\n")
    return m


def submit(source, user, password, mails, login_ok=True):
    """One SMTP submission session from `source`: AUTH, then each (sender, recipients)."""
    try:
        with smtplib.SMTP(SERVER, 587, source_address=(source, 0), timeout=60, local_hostname="client.example") as s:
            s.ehlo("client.example")
            try:
                # One mechanism per session, as a spray tool does (smtplib's login() would
                # retry with every mechanism the server offers).
                s.user, s.password = user, password
                s.auth("PLAIN", s.auth_plain)
            except smtplib.SMTPAuthenticationError:
                if login_ok:
                    print("login failed unexpectedly for", user, file=sys.stderr)
                return False
            for sender, recipients in mails:
                try:
                    s.send_message(message(sender, recipients, "Statement"), from_addr=sender, to_addrs=recipients)
                except smtplib.SMTPRecipientsRefused:
                    pass
        return True
    except (smtplib.SMTPException, OSError) as error:
        print("session error", source, user, error, file=sys.stderr)
        return False


def relay_attempt(source):
    try:
        with smtplib.SMTP(SERVER, 25, source_address=(source, 0), timeout=60) as s:
            s.ehlo("scanner.example")
            s.mail("test@scanner.example")
            s.rcpt("relaytest@elsewhere.example")
    except smtplib.SMTPException:
        pass


def inbound(source, sender, recipient):
    with smtplib.SMTP(SERVER, 25, source_address=(source, 0), timeout=60) as s:
        s.ehlo("mail.partner.example")
        s.send_message(message(sender, [recipient], "Meeting"), from_addr=sender, to_addrs=[recipient])


def spam_batch(count):
    sender = "%s@%s" % (rnd.choice(["billing", "noreply", "security", "invoice"]), "bank%d.example" % rnd.randint(1, 900))
    recipients = []
    for _ in range(count):
        local = ("nouser%d" if rnd.random() < 0.3 else "r%d") % rnd.randint(1, 10**6)
        recipients.append("%s@d%d.example" % (local, rnd.randint(1, 5000)))
    return sender, recipients


# The passwords the mail server checks (Dovecot's passwd-file, re-read when it changes).
passwords = {}


def set_password(user, password):
    """Changes `user`'s password in the passwd-file the server checks, as a reset does."""
    passwords[user] = password
    lines = [l for l in open(USERS).read().splitlines() if l and not l.startswith(user + ":")]
    lines.append("%s:{PLAIN}%s" % (user, password))
    with open(USERS, "w") as f:
        f.write("\n".join(lines) + "\n")
    time.sleep(1.1)  # a new mtime second, so Dovecot sees the change


def office_day(day):
    # The owners of notreqd.user and reversible.user work from the office every day: before,
    # during and after their accounts' abuse and resets.
    at("2026-11-%02d 07:%02d:00" % (day, rnd.randint(0, 50)))
    submit("127.10.0.8", "notreqd.user", passwords["notreqd.user"],
           [("notreqd.user@%s" % DOMAIN, ["alice.johnson@%s" % DOMAIN])])
    at("2026-11-%02d 07:%02d:30" % (day, rnd.randint(51, 59)))
    submit("127.10.0.9", "reversible.user", "Autumn2026", [("reversible.user@%s" % DOMAIN, ["bob.smith@%s" % DOMAIN])])
    at("2026-11-%02d 08:%02d:00" % (day, rnd.randint(0, 50)))
    submit("127.10.0.5", "alice.johnson", "Fixture-Passw0rd!",
           [("alice.johnson@%s" % DOMAIN, ["bob.smith@%s" % DOMAIN, "partner@client.example"])])
    at("2026-11-%02d 09:%02d:00" % (day, rnd.randint(0, 50)))
    submit("127.10.0.6", "bob.smith", "Fixture-Passw0rd!", [("bob.smith@%s" % DOMAIN, ["alice.johnson@%s" % DOMAIN])])
    at("2026-11-%02d 06:00:00" % day)
    # stale.user: disused in the directory's eyes, but an application server sends its reports.
    submit("127.10.0.60", "stale.user", "Fixture-Passw0rd!", [("stale.user@%s" % DOMAIN, ["reports@%s" % DOMAIN])])
    at("2026-11-%02d 10:%02d:00" % (day, rnd.randint(0, 50)))
    inbound("127.88.0.1", "news@partner.example", "alice.johnson@%s" % DOMAIN)
    drain()


def main():
    passwords["notreqd.user"] = "Welcome1"
    # 11-10 .. 11-13: disabled.user's old phone, its account disabled long ago, retries the old
    # password every eight hours from the same address (the passwd-file no longer has it).
    for n in range(11):
        hour = 2 + 8 * n
        at("2026-11-%02d %02d:%02d:00" % (10 + hour // 24, hour % 24, 17))
        submit("127.10.0.77", "disabled.user", "Spring2024", [], login_ok=False)

    # Normal days before anything happens.
    for day in range(10, 12):
        office_day(day)

    # 11-12 .. 11-15: notreqd.user abused from 20 addresses.
    for day in range(12, 16):
        office_day(day)
        for bot in range(5):
            at("2026-11-%02d %02d:%02d:00" % (day, 1 + bot, rnd.randint(0, 59)))
            submit("127.2.%d.%d" % (day, bot + 1), "notreqd.user@%s" % DOMAIN, "Welcome1", [spam_batch(15) for _ in range(3)])
        drain()

    # 11-16 .. 11-18: reversible.user abused from 12 addresses (its password guessed).
    for day in range(16, 19):
        office_day(day)
        for bot in range(4):
            at("2026-11-%02d %02d:%02d:00" % (day, 2 + bot, rnd.randint(0, 59)))
            submit("127.4.%d.%d" % (day, bot + 1), "reversible.user@%s" % DOMAIN, "Autumn2026", [spam_batch(12) for _ in range(3)])
        drain()
    # 11-19 01:45: notreqd.user's password is reset (the directory's pwdLastSet) and the mail
    # server checks the new one: the old one no longer works, the owner logs in with the new
    # one. reversible.user is reset in the directory the same minute, but the mail server's
    # passwd-file keeps its old password: the abuse goes on (below).
    at("2026-11-19 01:46:00")
    set_password("notreqd.user", "N3w-Long-Passphrase!")
    at("2026-11-19 03:00:05")
    submit("127.2.19.1", "notreqd.user@%s" % DOMAIN, "Welcome1", [], login_ok=False)
    office_day(19)
    for day in range(20, 23):
        for bot in range(3):
            at("2026-11-%02d %02d:%02d:00" % (day, 4 + bot, rnd.randint(0, 59)))
            submit("127.5.%d.%d" % (day, bot + 1), "reversible.user@%s" % DOMAIN, "Autumn2026", [spam_batch(12) for _ in range(3)])
        for attempt in range(2):
            at("2026-11-%02d %02d:%02d:00" % (day, 9 + attempt, rnd.randint(0, 59)))
            submit("127.2.%d.%d" % (day, 50 + attempt), "notreqd.user@%s" % DOMAIN, "Welcome1", [], login_ok=False)
        drain()

    # 11-20: the spray fails across a dozen names.
    office_day(20)
    names = ["admin", "administrator", "test", "info", "sales", "office", "scanner", "kiosk.user", "alice.johnson", "guest", "support", "backup"]
    for minute, name in enumerate(names):
        at("2026-11-20 23:%02d:10" % (10 + minute))
        submit("127.66.0.1", name, "Password1", [], login_ok=False)
        at("2026-11-20 23:%02d:40" % (10 + minute))
        submit("127.66.0.1", name, "Welcome2026", [], login_ok=False)

    # 11-21: it gets in. (A real-time pause first: Dovecot's auth penalty for the address's
    # failures decays, as it would over the story's hours.)
    time.sleep(20)
    at("2026-11-21 03:12:05")
    submit("127.66.0.1", "guest", "guest", [spam_batch(5)])
    at("2026-11-21 03:40:51")
    submit("127.66.0.1", "kiosk.user", "Summer2019", [spam_batch(5)])
    drain()

    # 11-21 .. 11-28: spam through kiosk.user from 40 bots, some through Guest; carol travels.
    travel = {22: "127.20.1.1", 23: "127.30.2.2", 24: "127.40.3.3"}
    for day in range(21, 29):
        office_day(day)
        at("2026-11-%02d 11:%02d:00" % (day, rnd.randint(0, 50)))
        submit(travel.get(day, "127.10.0.7"), "carol.brown", "Fixture-Passw0rd!",
               [("carol.brown@%s" % DOMAIN, ["alice.johnson@%s" % DOMAIN, "customer%d@client.example" % day])])
        for bot in range(5):
            at("2026-11-%02d %02d:%02d:00" % (day, 12 + bot, rnd.randint(0, 59)))
            submit("127.1.%d.%d" % (day, bot + 1), "kiosk.user@%s" % DOMAIN, "Summer2019", [spam_batch(20) for _ in range(4)])
        if day % 2 == 0:
            at("2026-11-%02d 18:30:00" % day)
            submit("127.3.%d.1" % day, "guest", "guest", [spam_batch(10) for _ in range(2)])
        at("2026-11-%02d 19:00:00" % day)
        relay_attempt("127.77.0.%d" % day)
        drain()

    # 11-28: the intruder uses the Domain Admin it created on 11-27.
    at("2026-11-28 21:05:00")
    submit("127.66.0.1", "it.support", "Supp0rt!2026", [("it.support@%s" % DOMAIN, ["drop@collector.example"])])
    drain()
    at("2026-11-28 23:59:00")


if __name__ == "__main__":
    main()
