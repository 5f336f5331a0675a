"""`flask --app wsgi check-docx FILE.docx… [--json]`: check the budget of Word applications.

Exit status 0 when nothing is found, 1 when a file has findings, 2 when a file cannot be read
(2 wins over 1). With several files, --json prints one JSON object per file, one per line.

The command needs no app, database or configuration: `wsgi.py` serves it from a bare Flask
object (see `is_check_docx_command`), and `python -m builder.checkdocx` runs it directly, so it
imports only the checker (about 0,3 s from command start instead of 1,5–3,4 s).
"""
from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from flask import Flask

EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2  # as EXIT_BAD_INPUT of the other commands
NAME = "check-docx"
_FLASK_OPTIONS_WITH_VALUE = {"--app", "-A", "--env-file", "-e"}


@click.command(NAME)
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file, one per line.")
@click.option("--language", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of the printed findings.")
def check_docx_command(files: tuple[str, ...], as_json: bool, language: str) -> None:
    """Check the budget tables of Word files (.docx; - for standard input)."""
    statuses = [_check_one(path, as_json, language, several=len(files) > 1) for path in files]
    sys.exit(max(statuses))


def _check_one(path: str, as_json: bool, language: str, several: bool) -> int:
    """Check one file and print its report; returns its exit status."""
    from builder.checkdocx import DocxError, check_docx

    data, error = _read(path, language)
    if data is not None:
        try:
            report = check_docx(data)
        except DocxError as exc:
            error = f"{path}: {exc.message(language)}"
    if error is not None:
        click.echo(error, err=True)
        if as_json:
            click.echo(json.dumps({"file": path, "error": error.removeprefix(f"{path}: ")}, ensure_ascii=False))
        return EXIT_UNREADABLE
    if as_json:
        click.echo(json.dumps({"file": path, **report.to_json()}, ensure_ascii=False))
    else:
        from builder.checkdocx import report_text

        if several:
            click.echo(f"== {path} ==")
        click.echo(report_text(report, language), nl=False)
    return EXIT_FINDINGS if report.findings else 0


def _read(path: str, language: str) -> tuple[bytes | None, str | None]:
    """The file's bytes (at most one more than the limit: a huge file is refused unread), or an error."""
    from builder.checkdocx import MAX_DOCX_BYTES
    from builder.i18n import gettext_for

    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_DOCX_BYTES + 1), None
        with open(path, "rb") as fh:
            return fh.read(MAX_DOCX_BYTES + 1), None
    except OSError as exc:
        _ = gettext_for(language, "checkdocx")
        return None, _("%(path)s: filen kan inte läsas: %(reason)s", path=path, reason=exc.strerror or str(exc))


def is_check_docx_command(argv: list[str]) -> bool:
    """True when `flask … check-docx …` is being run: its first argument past flask's options."""
    if not argv or os.path.basename(argv[0]) not in ("flask", "__main__.py"):
        return False
    args = iter(argv[1:])
    for arg in args:
        if arg in _FLASK_OPTIONS_WITH_VALUE:
            next(args, None)
        elif not arg.startswith("-"):
            return arg == NAME
    return False


def command_only_app() -> Flask:
    """A bare Flask object carrying only this command: what `flask --app wsgi check-docx` needs."""
    from flask import Flask

    app = Flask("finsam-check-docx")
    app.cli.add_command(check_docx_command)
    return app


def register(app: Flask) -> None:
    app.cli.add_command(check_docx_command)
