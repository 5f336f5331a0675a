"""Shared pieces of the commands: reading an application file or standard input."""
from __future__ import annotations

import sys
from typing import NoReturn

import click

from builder.appformat import Application, ValidationError, loads

EXIT_BAD_INPUT = 2


def read_application(path: str) -> Application:
    """Load FILE (or - for standard input); on bad input print the errors and exit 2."""
    try:
        if path == "-":
            text = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as fh:
                text = fh.read()
    except OSError as exc:
        fail([f"{path}: cannot read the file: {exc.strerror or exc}"])
    try:
        text = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail([f"{path}: not UTF-8 text"])
    try:
        return loads(text)
    except ValidationError as exc:
        fail(exc.errors)


def fail(errors: list[str]) -> NoReturn:
    for error in errors:
        click.echo(error, err=True)
    sys.exit(EXIT_BAD_INPUT)
