"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives."""
import email
import email.policy
import socket

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 OK"

    def to(self, address):
        return [m for _f, rcpts, m in self.messages if address in rcpts]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.sink = Sink()
        self.port = free_port()
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        return self.sink.messages
