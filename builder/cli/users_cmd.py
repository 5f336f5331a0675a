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
@click.option("--association", default=None, help="The association a staff account works for (its name).")
def create_user_command(email: str, role: str, name: str, password: str | None, association: str | None) -> None:
    """Create an account (admins create reviewer, finance and admin accounts this way)."""
    from builder.associations.service import add_member, matching
    from builder.auth.service import create_user, email_taken, normalize_email

    works_for = matching(association) if association else None
    if association and (works_for is None or role == "applicant"):
        click.echo(f"--association: {association!r} is no association here" if works_for is None
                   else "--association: only staff (reviewer, finance, admin) work for an association", err=True)
        sys.exit(2)

    email = normalize_email(email)
    if "@" not in email:
        click.echo(f"{email}: not an e-mail address", err=True)
        sys.exit(2)
    if email_taken(email):
        click.echo(f"{email}: an account with this e-mail already exists", err=True)
        sys.exit(2)
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    from flask import current_app

    from builder.auth.policy import password_problem

    with current_app.test_request_context():  # the message is translated (Swedish, the default language)
        problem = password_problem(password, email)
    if problem:
        click.echo(f"password: {problem}", err=True)
        sys.exit(2)
    user = create_user(email, password, role, name)
    if works_for is not None:
        add_member(works_for, user)
    click.echo(f"Created {role} {email}" + (f", working for {works_for.name}" if works_for is not None else ""))


@users.command("deactivate")
@click.argument("email")
def deactivate_user_command(email: str) -> None:
    """Deactivate an account: it can no longer log in, and every session it has ends at its next request."""
    from builder.auth.service import find_user
    from builder.auth.sessions import end_all_sessions

    user = find_user(email)
    if user is None:
        click.echo(f"{email}: no such account", err=True)
        sys.exit(2)
    user.active = False
    end_all_sessions(user)
    click.echo(f"Deactivated {user.email}")


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
