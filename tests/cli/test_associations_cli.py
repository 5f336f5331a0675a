"""`flask --app wsgi associations …`: create with the first admin, list, add-member, set-frame; bad input exits 2."""
from __future__ import annotations

import pytest


def _run(app, *args):
    result = app.test_cli_runner().invoke(args=["associations", *args])
    return result.exit_code, result.stdout, result.stderr


def _association(app, name):
    """The association called `name` (call inside an app context), else None."""
    from builder.associations.service import matching

    return matching(name)


def _exists(app, name) -> bool:
    with app.app_context():
        return _association(app, name) is not None


def test_create_makes_the_association_and_a_new_admin_with_a_reset_link(app, client):
    from builder.auth.service import find_user

    code, out, err = _run(app, "create", "Samordningsförbundet Nordväst", "--orgnr", "222000-1008",
                          "--case-number-pattern", "SFNV {year}/{n:03d}", "--periods", "06-30,12-31",
                          "--admin-email", "Chef@Nordvast.se", "--admin-name", "Cecilia Chef")
    assert code == 0, err
    assert "/password/reset/" in out
    link = out.strip().splitlines()[-1]
    with app.app_context():
        association = _association(app, "samordningsförbundet  nordväst")
        assert (association.orgnr, association.case_number_pattern, association.reporting_periods) == (
            "222000-1008", "SFNV {year}/{n:03d}", "06-30,12-31")
        user = find_user("chef@nordvast.se")
        assert (user.role, user.name) == ("admin", "Cecilia Chef")
        from builder.associations.service import association_ids

        assert association_ids(user) == [association.id]
    # the link lets the admin choose a password, once
    path = link[link.index("/password/reset/"):]
    response = client.post(path, data={"password": "Nordvast-styrelse-77", "confirm": "Nordvast-styrelse-77"})
    assert response.status_code in (302, 303)
    assert client.post("/login", data={"email": "chef@nordvast.se", "password": "Nordvast-styrelse-77"}
                       ).status_code == 302


def test_create_reuses_an_existing_account_and_makes_it_admin(app, make_user):
    from builder.auth.service import find_user

    _id, email, _pw = make_user("reviewer", association=None)
    code, out, err = _run(app, "create", "Förbundet Öst", "--orgnr", "8024801006", "--admin-email", email)
    assert code == 0, err
    assert "existing account" in out and "/password/reset/" not in out
    with app.app_context():
        assert find_user(email).role == "admin"
        assert _association(app, "Förbundet Öst").orgnr == "802480-1006"  # the hyphen added


@pytest.mark.parametrize("args,message", [
    (["--orgnr", "222000-1009"], "check digit"),
    (["--orgnr", "22200-01008"], "ten digits"),
    (["--orgnr", "222000-1008", "--periods", "08-31,04-30,12-31"], "date order"),
    (["--orgnr", "222000-1008", "--periods", "04-30,08-31"], "12-31"),
    (["--orgnr", "222000-1008", "--periods", "02-30,12-31"], "does not exist"),
    (["--orgnr", "222000-1008", "--periods", "4-30,12-31"], "MM-DD"),
    (["--orgnr", "222000-1008", "--case-number-pattern", "SFSN {year}"], "{n}"),
    (["--orgnr", "222000-1008", "--case-number-pattern", "SFSN {who}/{n}"], "{n}"),
])
def test_create_refuses_bad_settings_and_creates_nothing(app, args, message):
    code, _out, err = _run(app, "create", "Felförbundet", *args, "--admin-email", "a@b.se")
    assert code == 2 and message in err
    assert not _exists(app, "Felförbundet")


def test_create_refuses_a_taken_name(app):
    from tests.helpers import TEST_ASSOCIATION

    code, _out, err = _run(app, "create", TEST_ASSOCIATION.upper(), "--orgnr", "222000-1008", "--admin-email", "a@b.se")
    assert code == 2 and "already an association" in err


def test_add_member_list_and_set_frame(app, make_user):
    from builder.associations.service import association_ids
    from builder.auth.service import find_user

    assert _run(app, "create", "Förbundet Syd", "--orgnr", "556677-1001", "--admin-email", "syd@example.se")[0] == 0
    _id, email, _pw = make_user("applicant")
    code, out, err = _run(app, "add-member", "förbundet syd", email, "--role", "finance")
    assert code == 0, err
    assert "applicant → finance" in out
    with app.app_context():
        user = find_user(email)
        assert user.role == "finance" and association_ids(user) == [_association(app, "Förbundet Syd").id]
    assert _run(app, "set-frame", "Förbundet Syd", "2027", "4 500 000")[0] == 0
    assert _run(app, "set-frame", "Förbundet Syd", "2027", "5000000")[0] == 0  # replaces the year's frame
    code, out, _err = _run(app, "list")
    line = next(line for line in out.splitlines() if "Förbundet Syd" in line)
    assert "556677-1001" in line and "2027: 5000000" in line and f"{email} (finance)" in line
    assert "syd@example.se (admin)" in line
    assert _run(app, "add-member", "Inget förbund", email, "--role", "reviewer")[0] == 2
    assert _run(app, "add-member", "Förbundet Syd", "nobody@example.se", "--role", "reviewer")[0] == 2
    assert _run(app, "add-member", "Förbundet Syd", email, "--role", "applicant")[0] == 2
    for year, amount in (("1999", "1"), ("2027", "-5"), ("2027", "1e9"), ("20x7", "1"), ("2027", "9" * 20)):
        code, _out, err = _run(app, "set-frame", "Förbundet Syd", year, amount)
        assert code == 2, (year, amount)
    with app.app_context():
        from builder.associations.service import matching

        frames = [(f.year, f.amount) for f in matching("Förbundet Syd").frames]
    assert frames == [(2027, 5_000_000)]



def test_users_create_with_an_association(app):
    from builder.associations.service import association_ids, matching
    from builder.auth.service import find_user
    from tests.helpers import TEST_ASSOCIATION

    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "rev@example.se", "--role", "reviewer", "--password",
                                 "kassabok-77-lila", "--association", TEST_ASSOCIATION.lower()])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert association_ids(find_user("rev@example.se")) == [matching(TEST_ASSOCIATION).id]
    for args in (["--association", "Inget förbund"], ["--role", "applicant", "--association", TEST_ASSOCIATION]):
        result = runner.invoke(args=["users", "create", "x@example.se", "--password", "kassabok-77-lila", *args])
        assert result.exit_code == 2
    with app.app_context():
        assert find_user("x@example.se") is None
