"""`flask --app wsgi backup FILE` and `flask --app wsgi restore FILE`."""
from __future__ import annotations

import json
import os
import sys
import tempfile

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("backup")
@click.argument("file")
@with_appcontext
def backup_command(file: str) -> None:
    """Write every application with its versions, comments and history to FILE (JSON)."""
    from builder.backup import dump_all

    data = json.dumps(dump_all(), ensure_ascii=False, indent=1)
    directory = os.path.dirname(os.path.abspath(file))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, delete=False) as fh:
        fh.write(data)  # written next to the target, then renamed: a crash never leaves half a backup
    os.replace(fh.name, file)
    click.echo(f"Backup written to {file}")


@click.command("restore")
@click.argument("file")
@with_appcontext
def restore_command(file: str) -> None:
    """Load a backup FILE into an empty database."""
    from builder.backup import RestoreError, restore_all

    try:
        with open(file, encoding="utf-8") as fh:
            data = json.load(fh)
        count = restore_all(data)
    except (OSError, ValueError, RestoreError) as exc:
        click.echo(f"{file}: {exc}", err=True)
        sys.exit(2)
    click.echo(f"Restored {count} applications")


def register(app: Flask) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
