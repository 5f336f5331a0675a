"""`flask --app wsgi check-docx FILE.docx [--json]`: check the budget of a Word application.

Exit status 0 when nothing is found, 1 when there are findings, 2 when the file cannot be read.
"""
from __future__ import annotations

import json
import sys
from typing import NoReturn

import click
from flask import Flask

from builder.checkdocx import MAX_DOCX_BYTES, DocxError, check_docx, report_text
from builder.i18n import gettext_for

from .common import EXIT_BAD_INPUT

EXIT_FINDINGS = 1


@click.command("check-docx")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--language", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of the printed findings.")
def check_docx_command(file: str, as_json: bool, language: str) -> None:
    """Check the budget tables of a Word file (.docx; - for standard input)."""
    _ = gettext_for(language, "checkdocx")
    data = _read(file, _)
    try:
        report = check_docx(data)
    except DocxError as exc:
        _fail(f"{file}: {exc.message(language)}")
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report_text(report, language), nl=False)
    sys.exit(EXIT_FINDINGS if report.findings else 0)


def _read(path: str, _) -> bytes:
    """At most one byte more than the limit, so a huge file is refused without reading it all."""
    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_DOCX_BYTES + 1)
        with open(path, "rb") as fh:
            return fh.read(MAX_DOCX_BYTES + 1)
    except OSError as exc:
        _fail(_("%(path)s: filen kan inte läsas: %(reason)s", path=path, reason=exc.strerror or str(exc)))


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


def register(app: Flask) -> None:
    app.cli.add_command(check_docx_command)
