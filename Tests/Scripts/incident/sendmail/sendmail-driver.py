#!/usr/bin/env python3
"""Drives the Sendmail + saslauthd (rimap) variant of the sample incident (see ../README.md).

Usage: sendmail-driver.py STEPS_FILE
Sendmail checks every SMTP AUTH through saslauthd, which logs in to Dovecot's IMAP on
127.0.0.1: Dovecot sees every client's attempt as coming from 127.0.0.1, while Sendmail's own
line names the real client (relay=[...]). The story reuses the Postfix driver's steps and
sessions (incident-driver.py); only the queue is Sendmail's."""
import importlib.util
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("story", os.path.join(here, "..", "incident-driver.py"))
story = importlib.util.module_from_spec(spec)
spec.loader.exec_module(story)
at, submit, spam_batch, DOMAIN = story.at, story.submit, story.spam_batch, story.DOMAIN


def drain(timeout=60):
    """Waits until Sendmail's queue is empty (no queue file left in ROOT/mqueue)."""
    queue = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "mqueue")
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not any(name.startswith("qf") for name in os.listdir(queue)):
            return
        time.sleep(0.3)
    print("queue did not drain", file=sys.stderr)


def office_day(day):
    at("2026-11-%02d 08:%02d:00" % (day, story.rnd.randint(0, 50)))
    submit("127.10.0.5", "alice.johnson", "Fixture-Passw0rd!",
           [("alice.johnson@%s" % DOMAIN, ["partner@client.example"])])
    at("2026-11-%02d 09:%02d:00" % (day, story.rnd.randint(0, 50)))
    submit("127.10.0.6", "bob.smith", "Fixture-Passw0rd!", [("bob.smith@%s" % DOMAIN, ["supplier@vendor.example"])])
    drain()


def main():
    for day in (20, 21):
        office_day(day)
    # 11-21 23:00: two addresses spray ten names each; every guess reaches Dovecot as a login
    # from 127.0.0.1 (saslauthd's rimap check), and Sendmail logs the real client.
    names = ["admin", "administrator", "test", "info", "sales", "office", "scanner", "backup", "support", "guest"]
    for n, name in enumerate(names):
        at("2026-11-21 23:%02d:10" % (10 + n))
        submit("127.67.0.1", name, "Password1", [], login_ok=False)
        at("2026-11-21 23:%02d:40" % (10 + n))
        submit("127.67.0.2", name + "1", "Welcome2026", [], login_ok=False)
    # 11-22: the first address gets in as kiosk.user and spams; five bots follow.
    at("2026-11-22 02:12:05")
    submit("127.67.0.1", "kiosk.user", "Summer2019", [spam_batch(5)])
    for day in (22, 23):
        office_day(day)
        for bot in range(5):
            at("2026-11-%02d %02d:%02d:00" % (day, 12 + bot, story.rnd.randint(0, 59)))
            submit("127.1.%d.%d" % (day, bot + 1), "kiosk.user@%s" % DOMAIN, "Summer2019", [spam_batch(10) for _ in range(2)])
        drain()
    at("2026-11-23 23:59:00")


main()
