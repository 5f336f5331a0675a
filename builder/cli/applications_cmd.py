"""`flask --app wsgi applications refresh-figures`: the lists' cached columns recomputed from the documents."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

applications = AppGroup("applications", help="Maintain stored applications.")


@applications.command("refresh-figures")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=500, show_default=True)
def refresh_figures_command(batch_size: int) -> None:
    """Recompute each application's total, change, period and parties for the lists (after an upgrade)."""
    from builder.applications.service import refresh_list_columns

    seen, changed = refresh_list_columns(batch_size)
    click.echo(f"{seen} applications read, {changed} updated")


def register(app: Flask) -> None:
    app.cli.add_command(applications)
