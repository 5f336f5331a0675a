"""`flask --app wsgi associations create|list|add-member|set-frame`: the platform administrator's tools."""
from __future__ import annotations

import sys
from typing import NoReturn

import click
from flask import Flask, current_app
from flask.cli import AppGroup

associations = AppGroup("associations", help="Manage associations (samordningsförbund) and who works for them.")

STAFF_ROLES = ("reviewer", "finance", "admin")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(2)


def _setting(code: str) -> str:
    from builder.associations.rules import ENGLISH

    return ENGLISH.get(code, code)


def _association(name: str):
    from builder.associations.service import matching

    found = matching(name)
    if found is None:
        _fail(f"{name}: no such association (see `flask --app wsgi associations list`)")
    return found


@associations.command("create")
@click.argument("name")
@click.option("--orgnr", required=True, help="Organisation number, NNNNNN-NNNN.")
@click.option("--case-number-pattern", default="", help='Case numbers, e.g. "SFSN {year}/{n}" (default: the '
                                                         "CASE_NUMBER_PATTERN setting).")
@click.option("--periods", default="04-30,08-31,12-31", show_default=True,
              help="The reporting periods' last days, MM-DD, comma-separated, the last 12-31.")
@click.option("--admin-email", required=True, help="The association's first admin (an existing account is reused).")
@click.option("--admin-name", default="", help="The admin's name, for a new account.")
def create_command(name: str, orgnr: str, case_number_pattern: str, periods: str, admin_email: str,
                   admin_name: str) -> None:
    """Create an association and its first admin (a new account gets a one-time link to choose a password)."""
    from builder.associations.rules import SettingError
    from builder.associations.service import create_association, first_admin, reset_link
    from builder.auth.service import normalize_email

    email = normalize_email(admin_email)
    if "@" not in email or len(email) > 254:
        _fail(f"--admin-email: {admin_email!r} is not an e-mail address")
    pattern = case_number_pattern or current_app.config.get("CASE_NUMBER_PATTERN") or ""
    try:
        association = create_association(name, orgnr, pattern, periods)
    except SettingError as exc:
        _fail(f"{name}: {_setting(exc.code)}")
    user, created = first_admin(association, email, admin_name)
    click.echo(f"Created association {association.name} ({association.orgnr}), case numbers "
               f"{association.case_number_pattern}, reporting periods {association.reporting_periods}")
    if created:
        with current_app.test_request_context():
            link = reset_link(user)
        click.echo(f"Created admin {user.email}; the password is chosen with this one-time link "
                   f"(valid for {current_app.config.get('PASSWORD_RESET_MAX_AGE') or 3600} seconds):\n{link}")
    else:
        click.echo(f"{user.email} (existing account) is now admin of {association.name}")


@associations.command("list")
def list_command() -> None:
    """Every association with its organisation number, case numbers, periods and members."""
    import sqlalchemy as sa

    from builder.associations.service import members
    from builder.extensions import db
    from builder.models import Association

    for association in db.session.scalars(sa.select(Association).order_by(Association.name)):
        people = ", ".join(f"{u.email} ({u.role})" for u in members(association)) or "no members"
        frames = ", ".join(f"{f.year}: {f.amount}" for f in association.frames) or "no frames"
        state = "" if association.active else " [inactive]"
        click.echo(f"{association.id}\t{association.name}{state}\t{association.orgnr or '-'}\t"
                   f"{association.case_number_pattern}\t{association.reporting_periods}\t{frames}\t{people}")


@associations.command("add-member")
@click.argument("name")
@click.argument("email")
@click.option("--role", type=click.Choice(STAFF_ROLES), required=True,
              help="The account's role (an account has one role in every association it works for).")
def add_member_command(name: str, email: str, role: str) -> None:
    """An existing account starts working for the association NAME with ROLE."""
    from builder.associations.service import add_member
    from builder.auth.service import find_user

    association = _association(name)
    user = find_user(email)
    if user is None:
        _fail(f"{email}: no such account (create it with `flask --app wsgi users create`)")
    before = user.role
    new = add_member(association, user, role)
    changed = f" (role {before} → {role})" if before != role else ""
    click.echo(f"{user.email} {'now works' if new else 'already worked'} for {association.name} as {role}{changed}")


@associations.command("set-frame")
@click.argument("name")
@click.argument("year")
@click.argument("amount")
def set_frame_command(name: str, year: str, amount: str) -> None:
    """The association's budget frame for YEAR: AMOUNT in whole kronor (replaces the year's earlier frame)."""
    from builder.associations.rules import SettingError
    from builder.associations.service import set_frame

    association = _association(name)
    try:
        frame = set_frame(association, year, amount)
    except SettingError as exc:
        _fail(f"{year} {amount}: {_setting(exc.code)}")
    click.echo(f"{association.name}: budget frame {frame.year} = {frame.amount} kr")


def register(app: Flask) -> None:
    app.cli.add_command(associations)
