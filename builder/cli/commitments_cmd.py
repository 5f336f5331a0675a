"""`flask --app wsgi commitments`: commitments (InsatsYear rows) for applications approved before they were kept."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("commitments")
@with_appcontext
def commitments_command() -> None:
    """Write the yearly commitments of every approved application that has none (idempotent)."""
    from builder.portfolio.service import backfill_commitments

    count = backfill_commitments()
    click.echo(f"Commitments written for {count} approved application(s).")


def register(app: Flask) -> None:
    app.cli.add_command(commitments_command)
