#!/usr/bin/env python3
"""A local SMTP server for tests: accepts every message on 127.0.0.1 and stores it in a Maildir.

    python3 Tests/Mail/smtp_sink.py MAILDIR PORTFILE

Listens on a free loopback port, writes the port number to PORTFILE once it accepts connections,
and runs until it is killed. Needs aiosmtpd (Debian's python3-aiosmtpd or PyPI's aiosmtpd).
"""
import mailbox
import socket
import sys
import time

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, path):
        self.box = mailbox.Maildir(path, create=True)

    async def handle_DATA(self, server, session, envelope):
        message = mailbox.MaildirMessage(envelope.original_content or envelope.content)
        self.box.add(message)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    maildir, port_file = sys.argv[1], sys.argv[2]
    port = free_port()
    controller = Controller(MaildirHandler(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(port))
    import os
    os.replace(port_file + ".tmp", port_file)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
