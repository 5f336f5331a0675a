"""`flask --app wsgi export-docx FILE.json -o OUT.docx [--draft]`: the application as a Word document."""
from __future__ import annotations

import os
import sys
import tempfile
from datetime import date

import click
from flask import Flask

from builder.docx import docx_filename, render_application_docx, signing_problems
from builder.format_messages import export_refused

from .common import EXIT_BAD_INPUT, fail, language_option, read_application


def _parse_day(value: str | None) -> date | None:
    """--date YYYY-MM-DD (default: today)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail([f"--date: must be a date YYYY-MM-DD, got {value!r}"])


def _umask() -> int:
    """The process's umask (os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a failed export leaves no half file."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".export-", suffix=".docx", dir=folder)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600; a written file gets the usual mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


@click.command("export-docx")
@click.argument("file")
@click.option("-o", "--output",
              help="The .docx to write (default: Ansokan-<title>-<date>.docx here; - for standard output).")
@click.option("--draft", is_flag=True, help='Export even if not ready for signing, marked "UTKAST"/"DRAFT".')
@click.option("--version-label", default="", help='Printed in the footer, e.g. "v3" or "Version 2 till styrelsen".')
@click.option("--date", "day", help="The date printed in the document, YYYY-MM-DD (default: today).")
@language_option
def export_docx_command(file: str, output: str | None, draft: bool, version_label: str, day: str | None,
                        language: str | None) -> None:
    """Write a finsam-application JSON file (- for standard input) as a Word document.

    Refused, with the problems listed and exit status 2, when the application is not ready
    for signing (use --draft to export it anyway).
    """
    application = read_application(file, language)
    today = _parse_day(day) or date.today()
    if not draft:
        said_in = language or application.language  # without --language: the document's language
        problems = signing_problems(application, said_in)
        if problems:
            click.echo(export_refused(said_in), err=True)
            for problem in problems:
                click.echo(f"  - {problem}", err=True)
            sys.exit(EXIT_BAD_INPUT)
    data = render_application_docx(application, draft=draft, version_label=version_label, today=today)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = output or docx_filename(application.title, today, application.language)
    try:
        _write_atomically(path, data)
    except OSError as exc:
        fail([f"{path}: cannot write the file: {exc.strerror or exc}"])
    click.echo(f"Wrote {path} ({len(data)} bytes{', draft' if draft else ''}).", err=True)


def register(app: Flask) -> None:
    app.cli.add_command(export_docx_command)
