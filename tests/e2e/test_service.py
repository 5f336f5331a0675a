"""Safe actions and public-service basics in the browser: withdraw and delete ask on a page of their own
(with and without JavaScript), a forgotten password is reset through the link in the e-mail (.eml file),
the public pages are reached from the footer, and an invitation link lets a new person register and join."""
from __future__ import annotations

import re
import time
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .helpers import login, new_application, shot


def mail_to(server, address: str, since: float) -> list:
    """The messages written as .eml files (no MAIL_SERVER) to `address` since `since`, oldest first
    (the instance folder may hold messages of earlier runs to the same test address). Waits up to 5 s:
    these messages are written by the app's mail thread."""
    deadline = time.monotonic() + 5
    while True:
        found = _mail_to(server, address, since)
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _mail_to(server, address: str, since: float) -> list:
    folder = Path(server.app.instance_path) / "mail"
    if not folder.exists():
        return []
    found = []
    for path in sorted(folder.glob("*.eml")):
        if path.stat().st_mtime < since:
            continue
        message = message_from_bytes(path.read_bytes(), policy=email_policy.default)
        if address in str(message["To"]):
            found.append(message)
    return found


def link_in(message, part: str) -> str:
    return next(url for url in re.findall(r"https?://\S+", message.get_content()) if part in url)


@pytest.fixture(params=["js", "nojs"])
def lead_page(request, browser, server):
    context = browser.new_context(locale="sv-SE", java_script_enabled=request.param == "js")
    yield context.new_page()
    context.close()


def test_withdraw_asks_for_confirmation_first(lead_page, server, hela_doc):
    page = lead_page
    owner = server.user("applicant")
    app_id = server.application(owner, hela_doc, status="submitted")
    login(page, server, owner)
    page.goto(f"{server.url}/applications/{app_id}")
    page.get_by_role("link", name="Återkalla ansökan").click()
    expect(page.get_by_role("heading", name="Återkalla ansökan?")).to_be_visible()
    assert server.stored(app_id)[0] == "submitted"  # nothing happened yet
    page.get_by_role("link", name="Nej, tillbaka till ansökan").click()
    expect(page).to_have_url(f"{server.url}/applications/{app_id}")
    assert server.stored(app_id)[0] == "submitted"
    page.get_by_role("link", name="Återkalla ansökan").click()
    page.get_by_label("Kommentar (syns i historiken)").fill("Vi söker nästa år i stället.")
    page.get_by_role("button", name="Ja, återkalla ansökan").click()
    expect(page.locator(".tag-withdrawn")).to_have_text("Återkallad")
    expect(page.get_by_text("Vi söker nästa år i stället.")).to_be_visible()
    assert server.stored(app_id)[0] == "withdrawn"
    shot(page, "service-withdrawn")


def test_a_never_submitted_draft_is_deleted_after_confirmation(lead_page, server):
    page = lead_page
    owner = server.user("applicant")
    login(page, server, owner)
    new_application(page)
    page.wait_for_url("**/steps/project")
    app_id = int(re.search(r"/applications/(\d+)/", page.url).group(1))
    page.goto(f"{server.url}/applications/{app_id}")
    expect(page.get_by_role("link", name="Återkalla ansökan")).to_have_count(0)  # a draft is not withdrawn
    page.get_by_role("link", name="Ta bort utkastet").click()
    expect(page.get_by_role("heading", name="Ta bort utkastet?")).to_be_visible()
    shot(page, "service-delete-confirm")
    page.get_by_role("button", name="Ja, ta bort utkastet").click()
    page.wait_for_url(f"{server.url}/applications")
    expect(page.get_by_role("status")).to_contain_text("är borttaget")
    expect(page.get_by_text("Du har inga ansökningar ännu")).to_be_visible()
    with server.app.app_context():
        from builder.extensions import db
        from builder.models import Application

        assert db.session.get(Application, app_id) is None


def test_password_reset_through_the_emailed_link(browser, server):
    email = server.user("applicant")
    started = time.time() - 1
    page = browser.new_context(locale="sv-SE").new_page()
    page.goto(server.url + "/login")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    page.get_by_label("E-post").fill(email)
    page.get_by_role("button", name="Skicka länk").click()
    expect(page.get_by_role("status")).to_contain_text("Om det finns ett konto med adressen")
    message, = mail_to(server, email, started)
    assert message["Subject"] == "Nytt lösenord till FINSAM Ansökningsbyggaren"
    page.goto(link_in(message, "/password/reset/"))
    page.get_by_label("Lösenord", exact=True).fill("ett nytt och långt lösenord")
    page.get_by_label("Upprepa lösenordet").fill("ett nytt och långt lösenord")
    page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.get_by_role("status")).to_contain_text("Ditt lösenord är bytt")
    login(page, server, email, "ett nytt och långt lösenord")
    page.goto(link_in(message, "/password/reset/"))
    expect(page.get_by_role("heading", name="Länken gäller inte längre")).to_be_visible()


FOOTER_PAGES = [("Tillgänglighet", "Tillgänglighetsredogörelse för FINSAM Ansökningsbyggaren"),
                ("Personuppgifter", "Så behandlar vi dina personuppgifter"),
                ("Hjälp och kontakt", "Hjälp: så fungerar en ansökan")]


@pytest.mark.parametrize("link,heading", FOOTER_PAGES)
def test_public_pages_are_reached_from_the_footer(browser, server, link, heading):
    page = browser.new_context(locale="sv-SE").new_page()
    page.goto(server.url + "/")
    expect(page.get_by_role("link", name="Skapa konto").first).to_be_visible()
    page.locator("footer").get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("footer")).to_be_visible()  # the footer is on this page too


def test_an_invited_newcomer_registers_and_joins(browser, server, hela_doc):
    owner = server.user("applicant")
    app_id = server.application(owner, hela_doc)
    newcomer = f"ny-{app_id}@e2e.se"
    started = time.time() - 1
    page = browser.new_context(locale="sv-SE").new_page()
    login(page, server, owner)
    page.goto(f"{server.url}/applications/{app_id}")
    page.get_by_label("Bjud in medsökande").fill(newcomer)
    page.get_by_role("button", name="Bjud in").click()
    expect(page.get_by_role("status")).to_contain_text(f"En inbjudan är skickad till {newcomer}")
    message, = mail_to(server, newcomer, started)
    guest = browser.new_context(locale="sv-SE").new_page()
    guest.goto(link_in(message, "/invitations/"))
    guest.locator("main").get_by_role("link", name="Skapa konto").click()
    guest.get_by_label("Namn").fill("Nora Ny")
    guest.get_by_label("E-post").fill(newcomer)
    guest.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    guest.get_by_label("Upprepa lösenordet").fill(PASSWORD)
    guest.locator("main").get_by_role("button", name="Skapa konto").click()
    guest.wait_for_url(re.compile(r"/login\?next="))  # registration answers the same for every address: now log in
    guest.get_by_label("E-post").fill(newcomer)
    guest.get_by_label("Lösenord").fill(PASSWORD)
    guest.locator("main").get_by_role("button", name="Logga in").click()
    guest.get_by_role("button", name="Tacka ja").click()
    guest.wait_for_url(f"{server.url}/applications/{app_id}")
    expect(guest.get_by_role("status")).to_contain_text("Du är nu medsökande")
    page.reload()
    expect(page.locator(".member-list").first).to_contain_text("Nora Ny")
