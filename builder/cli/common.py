"""Shared pieces of the commands: reading an application file or standard input, the message language."""
from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from builder.appformat import Application, ValidationError, loads
from builder.format_messages import file_not_utf8, file_unreadable, messages

EXIT_BAD_INPUT = 2


def locale_language() -> str:
    """Swedish when the terminal's locale is Swedish (LC_ALL, LC_MESSAGES, LANG: the first one set), else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def language_option(command):
    """--language sv|en for the messages on stderr (default: the locale's, see locale_language)."""
    return click.option("--language", type=click.Choice(["sv", "en"]), default=None,
                        help="Language of the error messages (default: sv under a Swedish locale, else en).")(command)


def read_application(path: str, language: str | None = None) -> Application:
    """Load FILE (or - for standard input); on bad input print the errors and exit 2."""
    language = language or locale_language()
    try:
        if path == "-":
            text = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                text = fh.read()
    except OSError as exc:
        fail([file_unreadable(path, exc.strerror or str(exc), language)])
    try:
        text = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail([file_not_utf8(path, language)])
    try:
        return loads(text)
    except ValidationError as exc:
        fail(messages(exc.errors, language))


def fail(errors: list[str]) -> NoReturn:
    for error in errors:
        click.echo(error, err=True)
    sys.exit(EXIT_BAD_INPUT)
