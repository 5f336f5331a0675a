"""`flask --app wsgi users create EMAIL --role reviewer` and `flask --app wsgi demo-data`."""
from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from builder.models import ROLES

users = AppGroup("users", help="Manage accounts.")


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="applicant", show_default=True)
@click.option("--name", default="", help="Display name.")
@click.option("--password", help="Password (asked for when left out).")
def create_user_command(email: str, role: str, name: str, password: str | None) -> None:
    """Create an account (admins create reviewer, finance and admin accounts this way)."""
    from builder.auth.service import create_user, email_taken, normalize_email

    email = normalize_email(email)
    if "@" not in email:
        click.echo(f"{email}: not an e-mail address", err=True)
        sys.exit(2)
    if email_taken(email):
        click.echo(f"{email}: an account with this e-mail already exists", err=True)
        sys.exit(2)
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 10:
        click.echo("password: at least 10 characters", err=True)
        sys.exit(2)
    create_user(email, password, role, name)
    click.echo(f"Created {role} {email}")


@click.command("demo-data")
@with_appcontext
def demo_data_command() -> None:
    """Create the demo accounts, social-fee presets and the Hela Familjen example (idempotent)."""
    from builder.demo import seed_demo

    created = seed_demo()
    click.echo("Demo data: " + (", ".join(created) if created else "already there"))


def register(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(demo_data_command)
