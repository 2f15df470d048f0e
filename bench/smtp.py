"""A real SMTP server for the tests and benchmarks: aiosmtpd on a free loopback port,
keeping each message it receives as an `email.message.EmailMessage`, with the moment it
was accepted (`received_at`, time.time())."""

import email
import time
from email import policy

from aiosmtpd.controller import Controller

from bench.loadtest.run import free_port


class Inbox:
    """aiosmtpd's handler: accepts every message and keeps it."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_recipients = envelope.rcpt_tos
        message.received_at = time.time()
        self.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    """Listens on 127.0.0.1:`port` until stopped; `start()` listens there again."""

    def __init__(self):
        self.host = "127.0.0.1"
        self.port = free_port()
        self.inbox = Inbox()
        self.controller = None
        self.start()

    @property
    def messages(self):
        return self.inbox.messages

    def start(self):
        self.controller = Controller(self.inbox, hostname=self.host, port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
