"""Outgoing e-mail: plain-text messages in the recipient's language, by SMTP or as .eml files.

MAIL_SERVER, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS (STARTTLS), MAIL_FROM configure
delivery. Without MAIL_SERVER (development, demo, tests) every message is written as an .eml file in
the instance folder's mail/ directory, where a developer opens it like a received message.

A message is sent after the action it reports on has been committed; a delivery failure is logged and
never undoes or breaks that action.
"""
from __future__ import annotations

import os
import secrets
import smtplib
import ssl
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from flask import current_app, url_for
from flask_babel import force_locale

SMTP_TIMEOUT = 10  # seconds: a slow relay must not hold a web worker for long
_MAX_SUBJECT = 200


def mail_folder() -> str:
    return os.path.join(current_app.instance_path, "mail")


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    """A plain-text UTF-8 message from MAIL_FROM to `to`."""
    sender = current_app.config.get("MAIL_FROM") or "FINSAM Ansökningsbyggaren <noreply@localhost>"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = " ".join(subject.split())[:_MAX_SUBJECT]  # never a header line break
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=(parseaddr(sender)[1].rpartition("@")[2] or "localhost"))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body, charset="utf-8")
    return message


def deliver(message: EmailMessage) -> bool:
    """Send by SMTP, or write an .eml file when no MAIL_SERVER is set; False (logged) on failure."""
    config = current_app.config
    try:
        if not config.get("MAIL_SERVER"):
            _write_eml(message)
        else:
            _send_smtp(message, config)
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.error("E-mail to %s not delivered: %s", message["To"], exc)
        return False
    return True


def _send_smtp(message: EmailMessage, config) -> None:
    port = int(config.get("MAIL_PORT") or 25)
    context = ssl.create_default_context()
    if port == 465:  # implicit TLS ("SMTPS")
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(config["MAIL_SERVER"], port, timeout=SMTP_TIMEOUT, context=context)
    else:
        smtp = smtplib.SMTP(config["MAIL_SERVER"], port, timeout=SMTP_TIMEOUT)
    with smtp:
        if port != 465 and config.get("MAIL_USE_TLS"):
            smtp.starttls(context=context)
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def _write_eml(message: EmailMessage) -> str:
    folder = mail_folder()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = os.path.join(folder, f"{stamp}-{secrets.token_hex(4)}.eml")
    # 0600: a message may hold a password-reset link. Written aside and renamed, so a reader of mail/*.eml
    # never sees half a message.
    with os.fdopen(os.open(path + ".part", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:
        fh.write(bytes(message))
    os.replace(path + ".part", path)
    return path


def render(template: str, language: str, **context) -> tuple[str, str]:
    """(subject, body) of templates/mail/<template>.txt in `language`.

    The template sets `subject` at the top level; everything else is the body.
    """
    app = current_app
    source = app.jinja_env.get_or_select_template(f"mail/{template}.txt")
    with force_locale(language if language in app.config["LANGUAGES"] else "sv"):
        module = source.make_module({**context, "language": language})
        body = str(module).strip() + "\n"
        subject = str(getattr(module, "subject", "")).strip()
    return subject, body


DOCX_SUBTYPE = "vnd.openxmlformats-officedocument.wordprocessingml.document"


def send(to: str, template: str, language: str = "sv", *, background: bool = False,
         attachments: tuple[tuple[str, bytes], ...] = (), **context) -> bool:
    """Render `template` in `language` and deliver it to one address.

    `background=True` hands the delivery to a mail thread, so the response time does not tell whether a
    message was sent (password reset, invitations and the registration notice must not reveal which
    addresses have accounts); the message is rendered here, in the request.
    """
    subject, body = render(template, language, **context)
    message = build_message(to, subject, body)
    for filename, data in attachments:  # DOCX files (the decision letter)
        message.add_attachment(data, maintype="application", subtype=DOCX_SUBTYPE, filename=filename)
    if background:
        _pool().submit(_deliver_in, current_app._get_current_object(), message)  # type: ignore[attr-defined]
        return True
    return deliver(message)


def send_to_user(user, template: str, *, background: bool = False, attachments: tuple[tuple[str, bytes], ...] = (),
                 **context) -> bool:
    """Deliver `template` to a user's address, in the user's preferred language, addressed by name."""
    name = " ".join((user.name or "").split())  # a name typed with a line break never breaks a header
    recipient = formataddr((name, user.email)) if name else user.email
    return send(recipient, template, getattr(user, "language", None) or "sv", background=background,
                attachments=attachments, user=user, **context)


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """Two mail threads per process, started at the first background message (after gunicorn forks)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mail")
        return _POOL


def _deliver_in(app, message: EmailMessage) -> None:
    with app.app_context():
        deliver(message)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a message: PUBLIC_URL when set (never trusting the Host header), else this host."""
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def notify_existing_account(user) -> bool:
    """Tell the owner of an address that someone tried to register with it (registration answers the
    same whether or not the address has an account, so this message is the only trace)."""
    return send_to_user(user, "existing_account", background=True, login_url=external_url("auth.login"),
                        reset_url=external_url("auth_reset.forgot"))
