#!/usr/bin/env python3
"""Writes the Microsoft-format incident fixtures: the same story as the Unix sample incident
(a spray, a cracked account, spam from many addresses with forged senders, bounces), told by
each Microsoft log an admin of that platform has:

  Tests/Fixtures/microsoft/RECV2026112800-1.LOG    Exchange 2010 SMTP Receive protocol log
  Tests/Fixtures/microsoft/MSGTRK2026112800-1.LOG  Exchange 2010 message tracking log (same messages)
  Tests/Fixtures/microsoft/ex261128.log            Exchange 2003 / IIS SMTP W3C extended log
  Tests/Fixtures/microsoft/messagetrace.csv        Microsoft 365 message trace export (en-US dates)

Built from the documented formats and the public samples in ../shared/samples/public-formats
(header lines, field lists, record shapes). No public sample shows a `535 5.7.3` protocol-log
line or an IIS `AUTH` line: those lines follow Microsoft's documented replies. Deterministic.
The compromised account is CORP\\kiosk.user (kiosk.user@corp.example.test); the sprayer is
203.0.113.50; the bots are 198.18.<n>.<m>; alice and bob are normal users.
"""
import datetime, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Fixtures", "microsoft")
rnd = random.Random(11)
START = datetime.datetime(2026, 11, 28, 8, 0, 0)
SPRAYER = "203.0.113.50"
BOTS = [f"198.18.{i // 5}.{i % 5 + 10}" for i in range(30)]
USERS = {"alice": "10.1.0.21", "bob": "10.1.0.22"}
VICTIM = "kiosk.user"
DOMAIN = "corp.example.test"
SPRAY_NAMES = ["admin", "test", "scanner", "info", "sales", "office", VICTIM]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def story():
    """The sessions in time order: (time, ip, user or None, kind, messages)."""
    t = START
    sessions = []
    for name in SPRAY_NAMES:
        for _ in range(2 if name != VICTIM else 1):
            t += datetime.timedelta(seconds=20)
            sessions.append((t, SPRAYER, name, "fail", []))
    t += datetime.timedelta(seconds=20)
    sessions.append((t, SPRAYER, VICTIM, "ok", [("it@" + DOMAIN, ["x@ext0.example.net"])]))
    for hour in range(3):
        for user, ip in USERS.items():
            t = START + datetime.timedelta(hours=hour, minutes=30)
            sessions.append((t, ip, user, "ok", [(f"{user}@{DOMAIN}", [f"partner{hour}@partner.example.com", f"colleague@{DOMAIN}"])]))
    for index, bot in enumerate(BOTS):
        t = START + datetime.timedelta(hours=1, minutes=index * 2)
        messages = []
        for m in range(4):
            sender = f"billing@bank{rnd.randrange(1000)}.example"
            recipients = [f"r{rnd.randrange(10**6)}@d{rnd.randrange(3000)}.example.org" for _ in range(20)]
            messages.append((sender, recipients))
        sessions.append((t, bot, VICTIM, "ok", messages))
    sessions.sort(key=lambda s: s[0])
    return sessions


def exchange(sessions):
    recv = ["#Software: Microsoft Exchange Server", "#Version: 14.0.0.0", "#Log-type: SMTP Receive Protocol Log",
            f"#Date: {iso(START)}", "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context"]
    trk = ["#Software: Microsoft Exchange Server", "#Version: 14.0.0.0", "#Log-type: Message Tracking Log", f"#Date: {iso(START)}",
           "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,"
           "internal-message-id,message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,"
           "reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
           "original-server-ip,custom-data"]
    connector = "MAIL01\\Client MAIL01"
    internal = 5000
    for number, (t, ip, user, kind, messages) in enumerate(sessions):
        sid = f"08D{number:013X}"
        seq = 0
        port = 50000 + number
        def line(event, data="", context=""):
            nonlocal seq, t
            t += datetime.timedelta(milliseconds=rnd.randrange(5, 200))
            field = f'"{data}"' if "," in data else data
            recv.append(f"{iso(t)},{connector},{sid},{seq},10.1.0.5:587,{ip}:{port},{event},{field},{context}")
            seq += 1
        line("+")
        line("*", "SMTPSubmit SMTPAcceptAnySender SMTPAcceptAuthoritativeDomainSender AcceptRoutingHeaders", "Set Session Permissions")
        line(">", "220 mail.corp.example.test Microsoft ESMTP MAIL Service ready")
        line("<", "EHLO client")
        line(">", "250-mail.corp.example.test Hello [%s]" % ip)
        line("<", "AUTH LOGIN")
        line(">", "334 VXNlcm5hbWU6")
        line(">", "334 UGFzc3dvcmQ6")
        if kind == "fail":
            line(">", "535 5.7.3 Authentication unsuccessful")
            line("-", "", "Local")
            continue
        line("*", "SMTPSubmit SMTPAcceptAnyRecipient SMTPAcceptAuthenticationFlag SMTPAcceptAnySender", "Set Session Permissions")
        line("*", f"CORP\\{user}", "authenticated")
        line(">", "235 2.7.0 Authentication successful")
        for sender, recipients in messages:
            line("<", f"MAIL FROM:<{sender}> SIZE=4096")
            line("*", f"{sid};{iso(t)};{seq}", "receiving message")
            line(">", "250 2.1.0 Sender OK")
            for r in recipients:
                line("<", f"RCPT TO:<{r}>")
                line(">", "250 2.1.5 Recipient OK")
            line("<", "DATA")
            line(">", "354 Start mail input; end with <CRLF>.<CRLF>")
            internal += 1
            msgid = f"<{internal}.{number}@{ip}>"
            line(">", f"250 2.6.0 {msgid} [InternalId={internal}] Queued mail for delivery")
            context = f"{sid};{iso(t)};0"
            rcpts = ";".join(recipients)
            trk.append(f"{iso(t)},{ip},client,10.1.0.5,MAIL01,{context},{connector},SMTP,RECEIVE,{internal},{msgid},{rcpts},,4096,"
                       f"{len(recipients)},,,Invoice,{sender},{sender},,Originating,,{ip},10.1.0.5,")
            external = [r for r in recipients if not r.endswith(DOMAIN)]
            bounced = external[:5] if user == VICTIM else []
            sent = [r for r in external if r not in bounced]
            local = [r for r in recipients if r.endswith(DOMAIN)]
            if sent:
                trk.append(f"{iso(t)},10.1.0.5,MAIL01,203.0.113.200,mx.example,,MAIL01\\Internet,SMTP,SEND,{internal},{msgid},{';'.join(sent)},"
                           f"250 2.0.0 OK,4096,{len(sent)},,,Invoice,{sender},{sender},,Originating,,{ip},10.1.0.5,")
            if local:
                trk.append(f"{iso(t)},,,10.1.0.5,MAIL01,,,STOREDRIVER,DELIVER,{internal},{msgid},{';'.join(local)},,4096,{len(local)},,,"
                           f"Invoice,{sender},{sender},,Originating,,{ip},10.1.0.5,")
            for r in bounced:
                trk.append(f"{iso(t)},10.1.0.5,MAIL01,,,,,SMTP,FAIL,{internal},{msgid},{r},550 5.1.1 User unknown,4096,1,,,Invoice,"
                           f"{sender},{sender},,Originating,,{ip},10.1.0.5,")
                internal += 1
                trk.append(f"{iso(t)},,,10.1.0.5,MAIL01,,,DSN,DSN,{internal},<dsn{internal}@corp.example.test>,{sender},,2048,1,,"
                           f"{msgid},Undeliverable: Invoice,postmaster@{DOMAIN},<>,,Originating,,,,")
        line("<", "QUIT")
        line(">", "221 2.0.0 Service closing transmission channel")
        line("-", "", "Local")
    return recv, trk


def iis(sessions):
    out = ["#Software: Microsoft Internet Information Services 6.0", "#Version: 1.0", f"#Date: {START:%Y-%m-%d %H:%M:%S}",
           "#Fields: date time c-ip cs-username s-sitename s-computername s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status "
           "sc-win32-status sc-bytes cs-bytes time-taken cs-version cs-host cs(User-Agent) cs(Cookie) cs(Referer)"]
    for number, (t, ip, user, kind, messages) in enumerate(sessions):
        helo = "client" if ip != SPRAYER else "ylmf-pc"
        def line(name, method, query, status):
            nonlocal t
            t += datetime.timedelta(seconds=1)
            out.append(f"{t:%Y-%m-%d %H:%M:%S} {ip} {name} SMTPSVC1 MAIL01 10.1.0.5 0 {method} - {query} {status} 0 40 20 0 SMTP - - - -")
        line(helo, "EHLO", "+" + helo, 250)
        line(helo, "AUTH", "+LOGIN", 535 if kind == "fail" else 235)
        if kind == "fail":
            line(helo, "QUIT", helo, 240)
            continue
        account = f"CORP\\{user}"
        for sender, recipients in messages:
            line(account, "MAIL", f"+FROM:+<{sender}>", 250)
            for r in recipients:
                line(account, "RCPT", f"+TO:+<{r}>", 250)
            line(account, "DATA", f"+<{number}.{rnd.randrange(10**6)}@{helo}>", 250)
        line(account, "QUIT", account, 240)
    return out


def m365(sessions):
    out = ["Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,MessageTraceId"]
    for number, (t, ip, user, kind, messages) in enumerate(sessions):
        if kind == "fail":
            continue
        mailbox = f"{user}@{DOMAIN}"
        for index, (sender, recipients) in enumerate(messages):
            t += datetime.timedelta(seconds=30)
            msgid = f"<m365.{number}.{index}@{DOMAIN}>"
            for k, r in enumerate(recipients):
                failed = user == VICTIM and k < 5
                stamp = f"{t.month}/{t.day}/{t.year} {(t.hour % 12) or 12}:{t.minute:02d}:{t.second:02d} {'PM' if t.hour >= 12 else 'AM'}"
                out.append(f'{stamp},{mailbox},{r},"Invoice, overdue",{"Failed" if failed else "Delivered"},,{ip},4096,{msgid},'
                           f"{number:08x}-{index:04x}-{k:04x}-0000-000000000000")
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    sessions = story()
    recv, trk = exchange(sessions)
    for name, lines, crlf in [("RECV2026112800-1.LOG", recv, True), ("MSGTRK2026112800-1.LOG", trk, True),
                              ("ex261128.log", iis(sessions), True), ("messagetrace.csv", m365(sessions), True)]:
        with open(os.path.join(OUT, name), "w", encoding="utf-8-sig" if name.endswith(".csv") else "utf-8", newline="") as f:
            f.write(("\r\n" if crlf else "\n").join(lines) + "\r\n")


if __name__ == "__main__":
    main()
