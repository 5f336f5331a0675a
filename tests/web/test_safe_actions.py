"""Safe actions (withdraw after confirmation, delete a never-submitted draft, copy) and the public-service
basics (footer pages, home page, names instead of addresses, Swedish login prompt, progress, empty states)."""
from __future__ import annotations

import pytest

from builder.extensions import db
from builder.models import Application, Transition
from tests.conftest import login


@pytest.fixture
def owner(client, make_user):
    user_id, email, pw = make_user("applicant")
    login(client, email, pw)
    return user_id


def submit(client, app_id: int):
    return client.post(f"/applications/{app_id}/actions/submit", data={"version": "0"})


# --- withdraw -------------------------------------------------------------------------------------------------

def test_withdraw_asks_on_a_page_of_its_own(client, app, owner, make_application, hela_doc):
    app_id = make_application(owner, hela_doc)
    assert submit(client, app_id).status_code == 302
    page = client.get(f"/applications/{app_id}").text
    assert f'href="/applications/{app_id}/withdraw"' in page  # a link to the confirmation, not a one-click form
    assert f'action="/applications/{app_id}/actions/withdraw"' not in page
    confirm = client.get(f"/applications/{app_id}/withdraw")
    assert confirm.status_code == 200
    assert "Det går inte att ångra." in confirm.text
    assert f'action="/applications/{app_id}/actions/withdraw"' in confirm.text
    with app.app_context():
        assert db.session.get(Application, app_id).status == "submitted"  # looking changes nothing
    assert 'name="version" type="hidden" value="1"' in confirm.text  # the withdrawal is about version 1
    done = client.post(f"/applications/{app_id}/actions/withdraw", data={"comment": "Vi söker nästa år.",
                                                                         "version": "1"})
    assert done.status_code == 302
    with app.app_context():
        application = db.session.get(Application, app_id)
        assert application.status == "withdrawn"
        assert application.transitions[-1].comment == "Vi söker nästa år."


def test_a_never_submitted_draft_cannot_be_withdrawn(client, app, owner, make_application, hela_doc):
    app_id = make_application(owner, hela_doc)
    assert f"/applications/{app_id}/withdraw" not in client.get(f"/applications/{app_id}").text
    assert client.get(f"/applications/{app_id}/withdraw").status_code == 409
    response = client.post(f"/applications/{app_id}/actions/withdraw", data={"version": "0"})
    assert response.status_code == 409 and "ta bort" in response.text
    with app.app_context():
        assert db.session.get(Application, app_id).status == "draft"
        assert db.session.scalars(db.select(Transition)).all() == []


def test_a_revised_draft_can_still_be_withdrawn(client, app, owner, make_application, make_user, hela_doc):
    app_id = make_application(owner, hela_doc)
    submit(client, app_id)
    with app.app_context():  # the reviewer asked for changes and the lead revised: a draft with a version
        application = db.session.get(Application, app_id)
        application.status = "draft"
        db.session.commit()
    assert client.get(f"/applications/{app_id}/withdraw").status_code == 200
    assert client.post(f"/applications/{app_id}/actions/withdraw", data={"version": "1"}).status_code == 302


# --- delete ----------------------------------------------------------------------------------------------------

def test_owner_deletes_a_never_submitted_draft_after_confirming(client, app, owner, make_application):
    app_id = make_application(owner)
    index = client.get("/applications").text
    assert "(namn saknas)" in index
    page = client.get(f"/applications/{app_id}").text
    assert f'href="/applications/{app_id}/delete"' in page
    confirm = client.get(f"/applications/{app_id}/delete")
    assert confirm.status_code == 200 and "Ta bort utkastet?" in confirm.text
    with app.app_context():
        assert db.session.get(Application, app_id) is not None
    response = client.post(f"/applications/{app_id}/delete")
    assert response.status_code == 303 and response.location.endswith("/applications")
    with app.app_context():
        assert db.session.get(Application, app_id) is None
    assert client.get(f"/applications/{app_id}").status_code == 404


def test_a_submitted_application_cannot_be_deleted(client, app, owner, make_application, hela_doc):
    app_id = make_application(owner, hela_doc)
    submit(client, app_id)
    with app.app_context():  # even after revising: it was submitted once, the association has seen it
        db.session.get(Application, app_id).status = "draft"
        db.session.commit()
    assert f"/applications/{app_id}/delete" not in client.get(f"/applications/{app_id}").text
    assert client.post(f"/applications/{app_id}/delete").status_code == 409
    with app.app_context():
        assert db.session.get(Application, app_id) is not None


def test_a_co_applicant_cannot_delete(client, app, make_user, make_application):
    from builder.applications.service import invite

    owner_id, _e, _p = make_user("applicant")
    _cid, co_email, co_pw = make_user("applicant")
    app_id = make_application(owner_id)
    with app.app_context():
        invite(db.session.get(Application, app_id), co_email)
    login(client, co_email, co_pw)
    assert client.post(f"/applications/{app_id}/delete").status_code == 403
    with app.app_context():
        assert db.session.get(Application, app_id) is not None


def test_deleting_needs_the_csrf_token(app_factory, make_user):
    strict = app_factory(WTF_CSRF_ENABLED=True)
    from builder.applications.service import create_application
    from builder.auth.service import create_user

    with strict.app_context():
        user = create_user("agare@example.se", "correct horse battery", "applicant", "Ägare")
        app_id = create_application(user).id
    client = strict.test_client()
    page = client.get("/login").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"email": "agare@example.se", "password": "correct horse battery",
                                "csrf_token": token})
    assert client.post(f"/applications/{app_id}/delete").status_code == 400
    with strict.app_context():
        assert db.session.get(Application, app_id) is not None


# --- copy ------------------------------------------------------------------------------------------------------

def test_copy_makes_a_new_draft_from_any_of_ones_applications(client, app, owner, make_application, hela_doc):
    app_id = make_application(owner, hela_doc, status="approved")
    assert "Kopiera ansökan" in client.get(f"/applications/{app_id}").text
    response = client.post(f"/applications/{app_id}/copy")
    assert response.status_code == 303
    copy_id = int(response.location.rstrip("/").rsplit("/", 1)[1])
    assert copy_id != app_id
    with app.app_context():
        original, copied = db.session.get(Application, app_id), db.session.get(Application, copy_id)
        assert copied.status == "draft" and copied.owner_id == owner and copied.versions == []
        assert copied.title == original.title + " (kopia)"
        assert copied.doc["budget"] == original.doc["budget"] and copied.total == original.total
        assert original.status == "approved"
    assert client.get(f"/applications/{copy_id}/steps/project").status_code == 200


def test_copy_of_someone_elses_application_is_refused(client, app, make_user, make_application, hela_doc):
    other_id, _e, _p = make_user("applicant")
    app_id = make_application(other_id, hela_doc, status="submitted")
    _rid, reviewer_email, pw = make_user("reviewer")
    login(client, reviewer_email, pw)  # a reviewer sees it but it is not theirs
    assert client.post(f"/applications/{app_id}/copy").status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 1


# --- public pages, footer, home ------------------------------------------------------------------------------

@pytest.mark.parametrize("path,heading", [("/tillganglighet", "Tillgänglighetsredogörelse"),
                                          ("/personuppgifter", "Så behandlar vi dina personuppgifter"),
                                          ("/hjalp", "Hjälp: så fungerar en ansökan")])
def test_public_pages_are_linked_from_every_footer(client, path, heading):
    for page in ("/", "/login", "/register", "/password/forgot"):
        assert f'href="{path}"' in client.get(page).text.split('<footer class="site-footer">')[1]
    response = client.get(path)
    assert response.status_code == 200 and heading in response.text


def test_accessibility_statement_has_the_required_parts(client):
    text = client.get("/tillganglighet").text
    for part in ("delvis förenlig", "Innehåll som inte är tillgängligt", "Rapportera brister",
                 "Myndigheten för digital förvaltning (Digg)", "https://www.digg.se/tdosanmalan",
                 "Hur vi testat tjänsten"):
        assert part in text, part


def test_privacy_page_answers_what_why_how_long_who_and_rights(client):
    text = client.get("/personuppgifter").text
    for part in ("Vilka uppgifter sparas?", "Varför?", "Hur länge?", "Vem ansvarar?", "registerutdrag",
                 "raderade", "IMY"):
        assert part in text, part


def test_public_pages_in_english_and_contact_from_config(app_factory):
    configured = app_factory(SERVICE_OWNER="Samordningsförbundet Skåne Nordost", CONTACT_EMAIL="finsam@example.se")
    client = configured.test_client()
    client.post("/language", data={"language": "en", "next": "/hjalp"})
    help_page = client.get("/hjalp").text
    assert "Help: how an application works" in help_page and "mailto:finsam@example.se" in help_page
    assert "Samordningsförbundet Skåne Nordost" in client.get("/personuppgifter").text
    assert "Supervision" in client.get("/tillganglighet").text


def test_home_page_explains_the_roles_and_leads_on(client):
    text = client.get("/").text
    for part in ("Projektledare", "Handläggare på förbundet", "Ekonom", 'href="/register"', 'href="/login"'):
        assert part in text, part


def test_login_prompt_is_in_the_users_language(client):
    page = client.get("/applications", follow_redirects=True).text
    assert "Logga in för att se sidan." in page and "Please log in" not in page
    client.post("/language", data={"language": "en", "next": "/"})
    page = client.get("/applications", follow_redirects=True).text
    assert "Please sign in to see this page." in page


def test_people_are_shown_by_name(client, app, make_user, make_application, hela_doc):
    owner_id, owner_email, pw = make_user("applicant")
    app_id = make_application(owner_id, hela_doc)
    login(client, owner_email, pw)
    submit(client, app_id)
    page = client.get(f"/applications/{app_id}").text
    assert "Applicant" in page  # the owner's name, in the header, status line and history
    assert owner_email not in page


# --- looks finished ----------------------------------------------------------------------------------------------

def test_my_applications_show_status_tags_and_progress(client, app, owner, make_application, hela_doc):
    complete = make_application(owner, hela_doc)
    empty = make_application(owner)
    submitted = make_application(owner, {**hela_doc, "title": "Inskickad"}, status="submitted")
    page = client.get("/applications").text
    assert '<span class="tag tag-draft">Utkast</span>' in page
    assert '<span class="tag tag-submitted">Inskickad</span>' in page
    assert f'<progress id="progress-{empty}" max="9" value="0">' in page
    assert "0 av 9 steg klara" in page
    assert f'href="/applications/{empty}/steps/parties"' in page  # what is missing, linked to its step
    assert f'<progress id="progress-{complete}" max="9" value="9">' in page
    assert f'href="/applications/{complete}/steps/review">Alla steg är ifyllda' in page
    assert f'id="progress-{submitted}"' not in page  # progress only for one's own drafts


def test_empty_states_say_what_to_do(client, owner, make_user):
    assert "Du har inga ansökningar ännu" in client.get("/applications").text
    _rid, reviewer_email, pw = make_user("reviewer")
    client.post("/logout")
    login(client, reviewer_email, pw)
    assert "Här visas ansökningar när projektledare har skickat in dem." in client.get("/applications").text


def test_english_mode_is_consistent(client, app, owner, make_application, hela_doc):
    import re

    app_id = make_application(owner, hela_doc, status="approved")
    with app.app_context():
        application = db.session.get(Application, app_id)
        application.approved_total = 4_726_127
        db.session.commit()
    client.post("/language", data={"language": "en", "next": "/"})
    for path in (f"/applications/{app_id}", "/applications", f"/applications/{app_id}/steps/review"):
        text = client.get(path).text
        assert not re.search(r"\d(\xa0| )kr\b", text), path  # amounts in SEK, never "kr" in English
        assert "(kr)" not in text and "Summa" not in text and "Totalt" not in text, path
    show = client.get(f"/applications/{app_id}").text
    assert '<th scope="col" class="num">Sum</th>' in show and '<th scope="row">Total</th>' in show
    assert "4,726,127\xa0SEK" in show
    assert "Approved" in show and re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|"
                                             r"September|October|November|December) \d{4}", client.get(
                                                 "/applications").text)


def test_copies_count_toward_the_daily_quota(app_factory, hela_doc):
    from builder.applications.service import create_application
    from builder.auth.service import create_user

    limited = app_factory(APPLICATIONS_PER_DAY=2)
    with limited.app_context():
        user = create_user("kopierare@example.se", "correct horse battery", "applicant", "Kopierare")
        app_id = create_application(user, hela_doc).id
    client = limited.test_client()
    login(client, "kopierare@example.se")
    assert client.post(f"/applications/{app_id}/copy").status_code == 303
    refused = client.post(f"/applications/{app_id}/copy")
    assert refused.status_code == 429
    with limited.app_context():
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 2
