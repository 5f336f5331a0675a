"""E-mail against a real SMTP server on loopback: password reset, invitations, workflow and comment notices.

Every message is read back from what the server received (recipient, subject, body, link).
"""
from __future__ import annotations

import glob
import os
from email import message_from_bytes
from email import policy as email_policy
from urllib.parse import unquote, urlsplit

import pytest

from builder.extensions import db
from builder.models import Application, Invitation, User
from tests.helpers import login

PASSWORD = "correct horse battery"


@pytest.fixture
def app(mail_app):  # every client, user and application of this module lives in the app that mails
    return mail_app


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def set_language(app, user_id: int, language: str) -> None:
    with app.app_context():
        db.session.get(User, user_id).language = language
        db.session.commit()


# --- the mail module ---------------------------------------------------------------------------------

def test_a_message_reaches_the_smtp_server_in_utf8(app, outbox):
    from builder.mail import build_message, deliver

    with app.test_request_context():
        assert deliver(build_message("Åsa Öberg <asa@example.se>", "Hälsning\r\nBcc: x@evil", "Räksmörgås 100 kr"))
    received, = outbox.wait_for("asa@example.se")
    assert received.subject == "Hälsning Bcc: x@evil"  # a line break never makes a header of its own
    assert received.message["Bcc"] is None
    assert received.body.strip() == "Räksmörgås 100 kr"
    assert received.message["From"] == "FINSAM <noreply@test.se>"


def test_without_mail_server_messages_are_eml_files(app_factory):
    from builder.mail import send

    plain = app_factory(MAIL_SERVER="")
    with plain.test_request_context():
        assert send("ny@example.se", "invitation", "en", inviter="Petra", title="Projekt X", days=14,
                    accept_url="http://localhost/invitations/abc")
    files = glob.glob(os.path.join(plain.instance_path, "mail", "*.eml"))
    assert len(files) == 1
    assert oct(os.stat(files[0]).st_mode & 0o777) == "0o600"
    with open(files[0], "rb") as fh:
        message = message_from_bytes(fh.read(), policy=email_policy.default)
    assert message["To"] == "ny@example.se"
    assert message["Subject"] == "Invitation to be a co-applicant: Projekt X"
    assert "http://localhost/invitations/abc" in message.get_content()


def test_a_failed_delivery_is_logged_not_raised(app_factory, caplog):
    from builder.mail import send
    from tests.mail_server import free_port

    broken = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(free_port()))  # nothing listens there
    with broken.test_request_context():
        assert send("x@example.se", "invitation", "sv", inviter="P", title="T", days=14, accept_url="u") is False
    assert "not delivered" in caplog.text


def test_a_bad_mail_port_is_refused_at_start(app_factory):
    from builder.config import ConfigError

    with pytest.raises(ConfigError, match="MAIL_PORT"):
        app_factory(MAIL_PORT="smtp")


# --- password reset -------------------------------------------------------------------------------------

def test_password_reset_by_link(client, app, make_user, outbox):
    user_id, email, _pw = make_user("applicant")
    response = client.post("/password/forgot", data={"email": email.upper()})
    assert response.status_code == 303
    received, = outbox.wait_for(email)
    assert received.subject == "Nytt lösenord till FINSAM Ansökningsbyggaren"
    link = path_of(received.link("/password/reset/"))
    page = client.get(link)
    assert page.status_code == 200 and "Välj ett nytt lösenord" in page.text
    short = client.post(link, data={"password": "kort", "confirm": "kort"})
    assert short.status_code == 422 and "Minst 10 tecken." in short.text
    done = client.post(link, data={"password": "ett helt nytt lösenord", "confirm": "ett helt nytt lösenord"})
    assert done.status_code == 303 and done.location.endswith("/login")
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 422
    login(client, email, "ett helt nytt lösenord")
    client.post("/logout")
    assert client.get(link).status_code == 410  # used once: the password changed, the link is dead


def test_reset_answers_the_same_for_unknown_addresses(client, make_user, outbox):
    _uid, email, _pw = make_user("applicant")
    known = client.post("/password/forgot", data={"email": email}, follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "ingen@example.se"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200

    def notice(page, address):
        return page.text.split('role="status">')[1].split("</div>")[0].replace(address, "ADDRESS")

    assert notice(known, email) == notice(unknown, "ingen@example.se")
    assert len(outbox.wait_for(email)) == 1
    assert outbox.to("ingen@example.se") == []


def test_reset_link_expires(client, app, make_user, outbox, monkeypatch):
    _uid, email, _pw = make_user("applicant")
    client.post("/password/forgot", data={"email": email})
    link = path_of(outbox.wait_for(email)[0].link("/password/reset/"))
    import itsdangerous.timed

    real_time = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() + 3601)
    response = client.get(link)
    assert response.status_code == 410 and "Länken gäller inte längre" in response.text


def test_reset_link_with_a_forged_token_is_refused(client, make_user):
    response = client.post("/password/reset/WzEsImFiYyJd.aw-3SQ.forged", data={"password": "x" * 12,
                                                                              "confirm": "x" * 12})
    assert response.status_code == 410


def test_reset_mail_is_in_the_users_language(client, app, make_user, outbox):
    user_id, email, _pw = make_user("applicant")
    set_language(app, user_id, "en")
    client.post("/password/forgot", data={"email": email})
    received, = outbox.wait_for(email)
    assert received.subject == "New password for the FINSAM Application Builder"
    assert "The link is valid for 60 minutes" in received.body


def test_reset_requests_are_throttled_per_address(app_factory, smtp_server, make_user):
    throttled = app_factory(RATELIMIT_ENABLED=True, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_server.port))
    client = throttled.test_client()
    spellings = ["someone@example.se", "SOMEONE@Example.se", "someone@example.se\x07", "some\x00one@example.se"]
    statuses = [client.post("/password/forgot", data={"email": email}).status_code for email in spellings]
    assert statuses == [303, 303, 303, 429]


# --- language on the account --------------------------------------------------------------------------

def test_language_choice_is_kept_on_the_account(client, app, make_user):
    user_id, email, pw = make_user("applicant")
    login(client, email, pw)
    client.post("/language", data={"language": "en", "next": "/applications"})
    with app.app_context():
        assert db.session.get(User, user_id).language == "en"
    client.post("/logout")
    fresh = app.test_client()
    login(fresh, email, pw)
    assert "<html lang=\"en\">" in fresh.get("/applications").text  # the account's language after login


# --- registration with an address that has an account ------------------------------------------------------

def test_registering_an_existing_address_mails_its_owner(client, make_user, outbox):
    _uid, email, _pw = make_user("applicant")
    client.post("/register", data={"name": "Någon", "email": email, "password": "ett annat lösenord",
                                   "confirm": "ett annat lösenord"})
    received, = outbox.wait_for(email)
    assert received.subject == "Någon försökte skapa ett konto med din e-postadress"
    assert "/password/forgot" in received.body and "/login" in received.body


# --- invitations ----------------------------------------------------------------------------------------------

@pytest.fixture
def owner(client, make_user, make_application, hela_doc):
    user_id, email, pw = make_user("applicant")
    app_id = make_application(user_id, hela_doc)
    login(client, email, pw)
    return user_id, email, pw, app_id


def invite(client, app_id: int, address: str):
    return client.post(f"/applications/{app_id}/invite", data={"email": address}, follow_redirects=True)


def flash_text(page) -> str:
    return page.text.split('class="flash flash-success"')[1].split("</div>")[0]


def test_invitation_answer_never_tells_whether_an_account_exists(client, app, owner, make_user, outbox):
    _uid, member_email, _pw = make_user("applicant")
    app_id = owner[3]
    known = invite(client, app_id, member_email)
    unknown = invite(client, app_id, "ny.person@example.se")
    assert known.status_code == unknown.status_code == 200
    assert flash_text(known).replace(member_email, "X") == flash_text(unknown).replace("ny.person@example.se", "X")
    # both are e-mailed; neither is a co-applicant before accepting
    assert len(outbox.wait_for(member_email)) == 1 and len(outbox.wait_for("ny.person@example.se")) == 1
    with app.app_context():
        assert db.session.get(Application, app_id).collaborators == []
        assert sorted(i.email for i in db.session.get(Application, app_id).invitations) == \
            sorted([member_email, "ny.person@example.se"])


def test_a_new_person_registers_from_the_link_and_joins(client, app, owner, outbox):
    app_id = owner[3]
    invite(client, app_id, "ny.person@example.se")
    received, = outbox.wait_for("ny.person@example.se")
    assert received.subject.startswith("Inbjudan att vara medsökande: Hela Familjen")
    link = path_of(received.link("/invitations/"))
    client.post("/logout")
    page = client.get(link)
    assert page.status_code == 200 and "Skapa konto" in page.text and "ny.person@example.se" in page.text
    register = client.post(f"/register?next={link}", data={"name": "Nora Ny", "email": "ny.person@example.se",
                                                            "password": PASSWORD, "confirm": PASSWORD})
    assert register.status_code == 302 and register.location.startswith("/login?next=")
    assert unquote(register.location.split("next=", 1)[1]) == link
    signed_in = client.post(register.location, data={"email": "ny.person@example.se", "password": PASSWORD})
    assert signed_in.status_code == 302 and signed_in.location == link
    assert "Tacka ja" in client.get(link).text
    accepted = client.post(link + "/accept")
    assert accepted.status_code == 303 and accepted.location.endswith(f"/applications/{app_id}")
    with app.app_context():
        application = db.session.get(Application, app_id)
        assert [c.user.email for c in application.collaborators] == ["ny.person@example.se"]
        assert application.invitations == []
    assert client.get(f"/applications/{app_id}/steps/timeline").status_code == 200
    assert client.get(link).status_code == 410  # answered: the link is spent


def test_only_applicant_accounts_can_accept(client, app, owner, make_user, outbox):
    _rid, reviewer_email, reviewer_pw = make_user("reviewer")
    app_id = owner[3]
    invite(client, app_id, reviewer_email)
    link = path_of(outbox.wait_for(reviewer_email)[0].link("/invitations/"))
    client.post("/logout")
    login(client, reviewer_email, reviewer_pw)
    assert "Bara konton för projektledare" in client.get(link).text
    assert client.post(link + "/accept").status_code == 403
    with app.app_context():
        assert db.session.get(Application, app_id).collaborators == []


def test_another_account_cannot_use_someone_elses_invitation(client, app, owner, make_user, outbox):
    _iid, invited_email, _ipw = make_user("applicant")
    _oid, other_email, other_pw = make_user("applicant")
    app_id = owner[3]
    invite(client, app_id, invited_email)
    link = path_of(outbox.wait_for(invited_email)[0].link("/invitations/"))
    client.post("/logout")
    login(client, other_email, other_pw)
    assert client.post(link + "/accept").status_code == 403
    with app.app_context():
        assert db.session.get(Application, app_id).collaborators == []


def test_decline_and_cancel(client, app, owner, make_user, outbox):
    _iid, invited_email, invited_pw = make_user("applicant")
    app_id = owner[3]
    invite(client, app_id, invited_email)
    invite(client, app_id, "annan@example.se")
    link = path_of(outbox.wait_for(invited_email)[0].link("/invitations/"))
    cancelled_link = path_of(outbox.wait_for("annan@example.se")[0].link("/invitations/"))
    with app.app_context():
        cancel_id = next(i.id for i in db.session.get(Application, app_id).invitations if i.email == "annan@example.se")
    assert client.post(f"/applications/{app_id}/invitations/{cancel_id}/cancel").status_code == 303
    assert client.get(cancelled_link).status_code == 410
    client.post("/logout")
    login(client, invited_email, invited_pw)
    assert client.post(link + "/decline").status_code == 303
    with app.app_context():
        application = db.session.get(Application, app_id)
        assert application.collaborators == [] and application.invitations == []


def test_owner_removes_a_co_applicant(client, app, owner, make_user):
    from builder.applications.service import invite as add_directly

    co_id, co_email, co_pw = make_user("applicant")
    app_id = owner[3]
    with app.app_context():
        add_directly(db.session.get(Application, app_id), co_email)
    assert "Applicant" in client.get(f"/applications/{app_id}").text  # shown by name
    assert client.post(f"/applications/{app_id}/collaborators/{co_id}/remove").status_code == 303
    with app.app_context():
        assert db.session.get(Application, app_id).collaborators == []
    client.post("/logout")
    login(client, co_email, co_pw)
    assert client.get(f"/applications/{app_id}").status_code == 404


def test_only_the_owner_invites_and_removes(client, app, make_user, make_application, hela_doc):
    from builder.applications.service import invite as add_directly

    owner_id, _oe, _op = make_user("applicant")
    co_id, co_email, co_pw = make_user("applicant")
    app_id = make_application(owner_id, hela_doc)
    with app.app_context():
        add_directly(db.session.get(Application, app_id), co_email)
    login(client, co_email, co_pw)
    assert client.post(f"/applications/{app_id}/invite", data={"email": "x@example.se"}).status_code == 403
    assert client.post(f"/applications/{app_id}/collaborators/{co_id}/remove").status_code == 403
    with app.app_context():
        assert db.session.scalars(db.select(Invitation)).all() == []
        assert len(db.session.get(Application, app_id).collaborators) == 1


def test_invitations_are_throttled(app_factory, smtp_server, make_user, hela_doc):
    throttled = app_factory(RATELIMIT_ENABLED=True, MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_server.port))
    from builder.applications.service import create_application
    from builder.auth.service import create_user

    with throttled.app_context():
        user = create_user("agare@example.se", PASSWORD, "applicant", "Ägare")
        app_id = create_application(user, hela_doc).id
    client = throttled.test_client()
    login(client, "agare@example.se")
    statuses = {client.post(f"/applications/{app_id}/invite", data={"email": f"p{i}@example.se"}).status_code
                for i in range(31)}
    assert statuses == {303, 429}


# --- workflow and comments ----------------------------------------------------------------------------------------

@pytest.fixture
def team(app, make_user, make_application, hela_doc):
    from builder.applications.service import invite as add_directly

    people = {name: make_user(role) for name, role in
              (("owner", "applicant"), ("co", "applicant"), ("reviewer", "reviewer"), ("reviewer2", "reviewer"),
               ("finance", "finance"))}
    app_id = make_application(people["owner"][0], hela_doc)
    with app.app_context():
        add_directly(db.session.get(Application, app_id), people["co"][1])
    set_language(app, people["reviewer2"][0], "en")
    return people, app_id


def as_(client, person):
    client.post("/logout")
    login(client, person[1], person[2])


def test_submission_mails_every_reviewer_in_their_language(client, team, outbox):
    people, app_id = team
    as_(client, people["owner"])
    assert client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"}).status_code == 302
    swedish, = outbox.wait_for(people["reviewer"][1])
    english, = outbox.wait_for(people["reviewer2"][1])
    assert swedish.subject.startswith("Ny ansökan att granska: Hela Familjen")
    from builder.formatting import kr

    with client.application.app_context():
        total = db.session.get(Application, app_id).total  # the engine's total, stored at submission
    assert total == 4_726_127
    assert "version 1" in swedish.body and f"Sökt belopp: {kr(total, 'sv')}." in swedish.body
    assert english.subject.startswith("New application to review: Hela Familjen")
    assert f"Amount applied for: {kr(total, 'en')}." in english.body
    assert swedish.link(f"/applications/{app_id}")
    assert outbox.to(people["owner"][1]) == [] and outbox.to(people["finance"][1]) == []


def test_changes_requested_and_decision_mail_the_owner_and_co_applicants(client, team, outbox):
    people, app_id = team
    as_(client, people["owner"])
    client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})
    outbox.clear()
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/actions/request_changes",
                data={"comment": "Motivera lönerna.", "version": "1"})
    for person in ("owner", "co"):
        received, = outbox.wait_for(people[person][1])
        assert received.subject.startswith("Komplettering begärd: Hela Familjen")
        assert "Motivera lönerna." in received.body
    assert outbox.to(people["reviewer"][1]) == []
    outbox.clear()
    as_(client, people["owner"])
    client.post(f"/applications/{app_id}/actions/revise", data={"version": "1"})
    client.post(f"/applications/{app_id}/actions/submit", data={"version": "1"})
    outbox.clear()
    as_(client, people["reviewer"])
    response = client.post(f"/applications/{app_id}/actions/approve",
                           data={"decision_date": "2017-05-15", "decision_body": "Förbundsstyrelsen",
                                 "approved_total": "5 000 000", "version": "2"})
    assert response.status_code == 302
    for person in ("owner", "co"):
        received, = outbox.wait_for(people[person][1])
        assert received.subject.startswith("Ansökan beviljad: Hela Familjen")
        assert "5\xa0000\xa0000\xa0kr" in received.body and "15 maj 2017" in received.body


def test_comments_go_to_the_other_side(client, team, outbox):
    people, app_id = team
    as_(client, people["owner"])
    client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})
    outbox.clear()
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/comments", data={"target": "general", "body": "Hur följs detta upp?"})
    for person in ("owner", "co"):
        received, = outbox.wait_for(people[person][1])
        assert received.subject.startswith("Ny kommentar på ansökan")
        assert "Hur följs detta upp?" in received.body
    assert outbox.to(people["reviewer"][1]) == [] and outbox.to(people["reviewer2"][1]) == []
    outbox.clear()
    from builder.models import Comment

    with client.application.app_context():
        comment_id = db.session.scalars(db.select(Comment)).one().id
    as_(client, people["co"])
    client.post(f"/applications/{app_id}/comments", data={"parent_id": str(comment_id), "body": "Kvartalsvis."})
    received, = outbox.wait_for(people["reviewer"][1])  # the reviewer in the thread, not every reviewer
    assert received.subject.startswith("Nytt svar på en kommentar")
    assert "Kvartalsvis." in received.body
    assert outbox.to(people["reviewer2"][1]) == [] and outbox.to(people["owner"][1]) == []


def test_production_mail_needs_a_public_url(app_factory):
    """Links in e-mail are built from PUBLIC_URL, never from a Host header an attacker can set."""
    from builder.config import ARGON2_FLOOR, ConfigError

    production = {"PRODUCTION": True, "RATELIMIT_ENABLED": True, "ARGON2_PARAMS": dict(ARGON2_FLOOR),
                  "MAIL_SERVER": "smtp.example.se"}
    with pytest.raises(ConfigError, match="PUBLIC_URL"):
        app_factory(**production)
    app = app_factory(**production, PUBLIC_URL="https://finsam.example.se")
    from builder.mail import external_url

    with app.test_request_context(headers={"Host": "evil.example"}):
        assert external_url("auth_reset.reset", token="t") == "https://finsam.example.se/password/reset/t"


def test_a_slow_mail_server_does_not_show_in_the_reset_answer(app_factory, make_user):
    """The reset message is delivered by a mail thread: whether an address has an account (and a message
    goes out) does not change how long the answer takes, even when the SMTP server hangs."""
    import socket
    import time

    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(5)  # accepts connections into the backlog and never greets: smtplib waits
    try:
        slow = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(hanging.getsockname()[1]))
        from builder.auth.service import create_user

        with slow.app_context():
            create_user("finns@example.se", PASSWORD, "applicant", "Finns")
        client = slow.test_client()
        timings = {}
        for address in ("finns@example.se", "finns-inte@example.se"):
            started = time.perf_counter()
            assert client.post("/password/forgot", data={"email": address}).status_code == 303
            timings[address] = time.perf_counter() - started
        assert max(timings.values()) < 1.0, timings
    finally:
        hanging.close()


def test_a_name_with_a_line_break_cannot_add_a_header(client, app, make_user, outbox):
    user_id, email, _pw = make_user("applicant")
    with app.app_context():
        db.session.get(User, user_id).name = "Anna\r\nBcc: spion@example.se"
        db.session.commit()
    assert client.post("/password/forgot", data={"email": email}).status_code == 303
    received, = outbox.wait_for(email)
    assert received.message["Bcc"] is None and received.envelope_to == [email]
    assert received.message["To"].addresses[0].display_name == "Anna Bcc: spion@example.se"


def test_a_password_reset_ends_every_other_session(app, make_user, outbox):
    _uid, email, pw = make_user("applicant")
    elsewhere = app.test_client()
    login(elsewhere, email, pw)
    assert elsewhere.get("/applications").status_code == 200
    visitor = app.test_client()
    visitor.post("/password/forgot", data={"email": email})
    link = path_of(outbox.wait_for(email)[0].link("/password/reset/"))
    visitor.post(link, data={"password": "ett helt nytt lösenord", "confirm": "ett helt nytt lösenord"})
    response = elsewhere.get("/applications")
    assert response.status_code == 302 and "/login" in response.location


def test_a_styrelse_decision_mails_the_decision_letter_as_a_docx_attachment(client, team, outbox):
    """The board's decision (cases blueprint) notifies the owner and co-applicants, with the beslutsbrev."""
    import io
    from datetime import date

    from docx import Document

    from builder.cases.documents import applied_by_year
    from builder.cases.models import AgendaItem
    from tests.web.cases_support import add_to_agenda, new_meeting

    people, app_id = team
    as_(client, people["owner"])
    assert client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"}).status_code == 302
    as_(client, people["reviewer"])
    meeting = new_meeting(client, "styrelse", date.today().isoformat(), "Stadshuset")
    assert add_to_agenda(client, meeting, app_id).status_code == 302
    with client.application.app_context():
        item = db.session.scalar(db.select(AgendaItem.id).where(AgendaItem.application_id == app_id))
        applied = applied_by_year(db.session.get(Application, app_id).versions[-1].doc)
    outbox.clear()
    data = {"decision": "approve", "paragraph": "7", "decision_date": date.today().isoformat(), "version": "1",
            **{f"amount_{year}": str(amount) for year, amount in applied.items()}}
    response = client.post(f"/meetings/{meeting}/agenda/{item}/decision",
                           data={f"item{item}-{key}": value for key, value in data.items()})
    assert response.status_code == 302, response.text[:1000]
    for person in ("owner", "co"):
        received, = outbox.wait_for(people[person][1])
        assert received.subject.startswith("Ansökan beviljad: Hela Familjen")
        attachments = [part for part in received.message.iter_attachments()]
        assert [a.get_filename() for a in attachments] == [f"Beslutsbrev-FINSAM-{date.today().year}-1.docx"]
        letter = Document(io.BytesIO(attachments[0].get_content()))
        text = "\n".join(p.text for p in letter.paragraphs)
        assert f"FINSAM {date.today().year}/1" in text + "".join(
            c.text for t in letter.tables for row in t.rows for c in row.cells)
    assert outbox.to(people["reviewer"][1]) == []
