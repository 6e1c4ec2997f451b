#!/usr/bin/python3
"""smtp-sink.py — a local SMTP server (aiosmtpd) that keeps every message it receives as a file.

    /usr/bin/python3 deploy/local/smtp-sink.py --host 127.0.0.1 --port 2526 --maildir DIR [--mailbox ADDRESS=DIR2 ...] [--timeout S]

Messages go to DIR/new/<time>-<id>.eml (written to DIR/tmp first, then renamed, so a reader never sees half a
message). A message to an ADDRESS given with --mailbox goes to that mailbox's own Maildir DIR2 as well, as a real
mail server delivers the help desk's mailbox: its reader (ticketing's mail drop) then sees only its own mail, not every
mail the platform sent to its users. Each stored message starts with X-Smtp-Connection: the client's address and
port, which tell one connection from another (a client that keeps its connection open sends several messages under
one value). --timeout closes a connection idle that many seconds (aiosmtpd's default: 300).
Accepts any sender and recipient, no TLS, no authentication: a sink for tests and local runs only.
Debian package: python3-aiosmtpd (so run it with /usr/bin/python3, not a pyenv/venv python).
"""
import argparse
import os
import signal
import threading
import time
import uuid

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, maildir, mailboxes):
        self.maildir = maildir
        self.mailboxes = {address.lower(): path for address, path in mailboxes.items()}
        for path in [maildir, *self.mailboxes.values()]:
            for sub in ("tmp", "new"):
                os.makedirs(os.path.join(path, sub), exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        targets = {self.maildir}
        targets.update(path for address, path in self.mailboxes.items() if address in (r.lower() for r in envelope.rcpt_tos))
        for path in targets:
            tmp = os.path.join(path, "tmp", name)
            with open(tmp, "wb") as f:
                peer = session.peer if isinstance(session.peer, tuple) else (str(session.peer), "")
                f.write(f"X-Smtp-Connection: {peer[0]}:{peer[1]}\r\n".encode("utf-8"))
                f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode("utf-8") + b"\r\n")
                f.write(content)
            os.rename(tmp, os.path.join(path, "new", name))
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--timeout", type=float, default=300,
                        help="close a connection idle this many seconds (default 300)")
    parser.add_argument("--mailbox", action="append", default=[], metavar="ADDRESS=DIR",
                        help="also deliver mail to ADDRESS into the Maildir DIR (repeatable)")
    args = parser.parse_args()
    mailboxes = {}
    for spec in args.mailbox:
        address, sep, path = spec.partition("=")
        if not sep or "@" not in address or not path:
            parser.error(f"--mailbox needs ADDRESS=DIR, got {spec!r}")
        mailboxes[address] = path
    controller = Controller(MaildirHandler(args.maildir, mailboxes), hostname=args.host, port=args.port,
                            timeout=args.timeout)
    controller.start()
    print(f"smtp-sink listening on {args.host}:{args.port}, maildir {args.maildir}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
