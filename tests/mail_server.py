"""A real SMTP server on loopback (aiosmtpd) that keeps every message it receives, for the e-mail tests."""
from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))  # the text, also beside an attachment
        assert part is not None
        return part.get_content()

    def link(self, path_part: str) -> str:
        """The first http(s) link in the body that contains `path_part`."""
        for url in re.findall(r"https?://\S+", self.body):
            if path_part in url:
                return url
        raise AssertionError(f"no link with {path_part!r} in:\n{self.body}")


@dataclass
class SmtpServer:
    port: int
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        with self.lock:
            self.messages.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [m for m in self.messages if address in m.envelope_to]

    def wait_for(self, address: str, count: int = 1, timeout: float = 5.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        return self.to(address)

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()


def start_smtp_server():
    """(server, controller): call controller.stop() when done."""
    from aiosmtpd.controller import Controller

    handler = SmtpServer(port=free_port())
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    return handler, controller
