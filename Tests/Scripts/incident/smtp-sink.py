#!/usr/bin/env python3
"""The "internet" for the sample incident: an SMTP server on 127.0.0.99:2525 that accepts mail,
except for recipients whose local part starts with "nouser", which it rejects with 550 5.1.1,
as a remote server rejects a guessed address. Bounces (MAIL FROM:<>) are always accepted."""
import socketserver
import sys


class Session(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write((text + "\r\n").encode())

    def handle(self):
        self.reply("220 sink.example.net ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            upper = command.upper()
            if upper.startswith(("EHLO", "HELO")):
                self.reply("250 sink.example.net")
            elif upper.startswith("MAIL FROM"):
                self.reply("250 2.1.0 Ok")
            elif upper.startswith("RCPT TO"):
                address = command.split(":", 1)[1].strip().strip("<>")
                if address.lower().startswith("nouser"):
                    self.reply("550 5.1.1 <%s>: Recipient address rejected: User unknown" % address)
                else:
                    self.reply("250 2.1.5 Ok")
            elif upper == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                while True:
                    data = self.rfile.readline()
                    if not data or data in (b".\r\n", b".\n"):
                        break
                self.reply("250 2.0.0 Ok: queued")
            elif upper == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("250 Ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    Server(("127.0.0.99", int(sys.argv[1]) if len(sys.argv) > 1 else 2525), Session).serve_forever()
