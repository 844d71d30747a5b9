"""A throwaway SMTP server for tests/outbox_send.rs: aiosmtpd on 127.0.0.1,
a free port, no TLS, no login. Every message it accepts is written to
OUT_DIR/<n>.eml, with its envelope in OUT_DIR/<n>.json. Prints
"READY <port>" on stdout once it listens; runs until its stdin closes.

Usage: python3 server.py OUT_DIR [--refuse ADDRESS]
A recipient equal to ADDRESS is refused with 550 (to test a failed send).
"""
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, out_dir, refuse):
        self.out_dir = out_dir
        self.refuse = refuse
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.out_dir, str(self.count))
        with open(base + ".json.tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".json.tmp", base + ".json")
        return "250 Message accepted"


def main():
    out_dir = sys.argv[1]
    refuse = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--refuse" else None
    # A free port: the controller can't be given 0 (it connects to its port
    # to check that it listens).
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Keep(out_dir, refuse), hostname="127.0.0.1", port=port)
    controller.start()
    print("READY", port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
