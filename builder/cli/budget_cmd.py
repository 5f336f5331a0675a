"""`flask --app wsgi budget FILE.json [--json]`: the yearly budget table."""
from __future__ import annotations

import json

import click
from flask import Flask

from builder.budget import compute_budget, compute_effects, table_to_json
from builder.budget_text import render_lines, render_table

from .common import language_option, read_application


@click.command("budget")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the computed table as JSON (spec output shape).")
@click.option("--lines", "with_lines", is_flag=True,
              help="Also print each staff line: monthly cost, raises, months counted and cost per year.")
@language_option
def budget_command(file: str, as_json: bool, with_lines: bool, language: str | None) -> None:
    """Print the yearly budget table of a finsam-application JSON file (- for standard input).

    The table is in the application's language; error messages in --language.
    """
    application = read_application(file, language)
    table = compute_budget(application.budget)
    effects = compute_effects(application.effects, table.total) if application.effects else None
    if as_json:
        click.echo(json.dumps(table_to_json(table, effects), ensure_ascii=False, indent=2))
    else:
        click.echo(render_table(application.title, table, application.language, effects), nl=False)
        if with_lines and table.lines:
            click.echo("\n" + render_lines(table, application.language), nl=False)


def register(app: Flask) -> None:
    app.cli.add_command(budget_command)
