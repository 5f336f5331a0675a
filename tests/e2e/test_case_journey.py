"""A case in the browser from submission to decision letter: the lead submits, the officer takes the case
and puts it on a beredningsgrupp meeting, the group recommends, the styrelse decides with its § and the
lead downloads the decision letter."""
from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

from docx import Document
from playwright.sync_api import expect

from builder.cases.service import today

from .helpers import login, shot
from .test_accessibility import serious_violations

SAMPLE = Path(__file__).resolve().parents[2] / "builder" / "sample" / "hela-familjen.json"


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    parts += [p.text for p in document.sections[0].footer.paragraphs]
    return "\n".join(parts).replace("\xa0", " ")


def download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def create_meeting(page, server, kind_label: str, day: str, place: str) -> None:
    page.goto(server.url + "/meetings")
    page.get_by_label("Organ").select_option(label=kind_label)
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Plats").fill(place)
    click(page, "Skapa sammanträde")
    expect(page.locator("h1")).to_contain_text(kind_label)


def put_on_agenda(page, case_number: str) -> None:
    page.get_by_label("Ärende").select_option(label=next(
        o for o in page.get_by_label("Ärende").locator("option").all_inner_texts() if o.startswith(case_number)))
    click(page, "Lägg på dagordningen")
    expect(page.locator("main")).to_contain_text("Ärendet är lagt på dagordningen.")


def test_case_from_submission_to_decision_letter(browser, server):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    owner, officer = server.user("applicant"), server.user("reviewer")
    doc["title"] = f"Hela Familjen ({owner})"
    app_id = server.application(owner, doc)
    url = f"{server.url}/applications/{app_id}"
    lead = browser.new_context(locale="sv-SE", accept_downloads=True).new_page()
    staff = browser.new_context(locale="sv-SE", accept_downloads=True, bypass_csp=True).new_page()  # for axe

    # The lead submits; the case gets its diarienummer.
    login(lead, server, owner)
    lead.goto(url + "/steps/review")
    click(lead, "Skicka in ansökan")
    number = lead.locator(".case-number").inner_text()
    assert number.startswith(f"FINSAM {today().year}/")

    # The officer finds it in the list, assigns it to herself with a due date and a proposal.
    login(staff, server, officer)
    staff.goto(server.url + "/review")
    row = staff.locator("tr", has_text=doc["title"])
    expect(row).to_contain_text(number)
    row.get_by_role("link", name=doc["title"]).click()
    staff.wait_for_url(url)
    staff.locator("summary", has_text="Ändra ärendeuppgifter").click()
    staff.get_by_label("Handläggare", exact=True).select_option(label=f"Reviewer ({officer})")
    staff.get_by_label("Svara senast").fill((today() + timedelta(days=21)).isoformat())
    staff.get_by_label("Handläggarens förslag").select_option(label="Bevilja")
    click(staff, "Spara ärendeuppgifter")
    expect(staff.locator("main")).to_contain_text("Ärendeuppgifterna är sparade.")
    assert serious_violations(staff) == []

    # A change request: the lead sees what to fix, the officer keeps the case in view while she revises.
    staff.get_by_label("Gäller").select_option(label="Målgrupp")
    staff.get_by_label("Kommentar", exact=True).fill("Hur många familjer räknar ni med?")
    click(staff, "Lägg till kommentar")
    staff.get_by_label("Vad behöver kompletteras?").fill("Beskriv målgruppens storlek.")
    click(staff, "Begär komplettering")
    lead.goto(url)
    banner = lead.locator(".change-request")
    expect(banner).to_contain_text("Beskriv målgruppens storlek.")
    expect(banner).to_contain_text("Hur många familjer räknar ni med?")
    shot(lead, "cases-00-change-request")
    click(lead, "Revidera ansökan")
    banner.get_by_role("link", name="Målgrupp").click()
    lead.wait_for_url("**/steps/background#target_group")
    lead.get_by_label("Målgrupp", exact=True).fill("Ett fyrtiotal familjer per år i Kristianstad.")
    lead.locator(".wizard-actions").get_by_role("button", name="Spara utkast").click()
    lead.wait_for_load_state()
    staff.goto(server.url + "/review?status=in_revision")
    expect(staff.locator("tr", has_text=doc["title"])).to_contain_text("Komplettering pågår")
    staff.goto(url)
    expect(staff.locator("main")).to_contain_text("Komplettering pågår")
    lead.goto(url + "/steps/review")
    click(lead, "Skicka in ansökan")
    assert lead.locator(".case-number").inner_text() == number  # the same diarienummer after resubmitting

    staff.goto(server.url + "/review?officer=me")
    expect(staff.locator("tbody")).to_contain_text(doc["title"])
    assert serious_violations(staff) == []
    shot(staff, "cases-01-review-list")

    # Beredningsgruppen: a meeting, the case on its agenda, the kallelse, the recommendation.
    create_meeting(staff, server, "Beredningsgrupp", (today() + timedelta(days=14)).isoformat(), "Kansliet")
    put_on_agenda(staff, number)
    kallelse = docx_text(download(staff, "Ladda ner kallelse (DOCX)"))
    assert number in kallelse and doc["title"] in kallelse and "Handläggarens förslag: Bevilja" in kallelse
    staff.get_by_label("Rekommendation").select_option(label="Bevilja")
    staff.get_by_label("Motivering").fill("Gruppen tillstyrker.")
    click(staff, "Spara rekommendation")
    expect(staff.locator("main")).to_contain_text("Beredningsgruppens rekommendation är sparad.")
    assert serious_violations(staff) == []
    shot(staff, "cases-02-beredning")

    # Styrelsen decides with its paragraph; the application is approved through the workflow.
    create_meeting(staff, server, "Styrelse", (today() + timedelta(days=28)).isoformat(), "Stadshuset")
    put_on_agenda(staff, number)
    kallelse = docx_text(download(staff, "Ladda ner kallelse (DOCX)"))
    assert "Beredningsgruppens rekommendation: Bevilja" in kallelse and "Gruppen tillstyrker." in kallelse
    staff.locator("summary", has_text="Registrera beslut").click()
    staff.get_by_label("Beslut", exact=True).select_option(label="Bevilja")
    staff.get_by_label("Protokollsparagraf (§)").fill("§ 14")
    staff.get_by_label("Beslutsdatum").fill(today().isoformat())
    staff.get_by_label("Villkor").fill("Deltagarantal redovisas varje månad.")
    assert serious_violations(staff) == []
    click(staff, "Registrera styrelsens beslut")
    expect(staff.locator("main")).to_contain_text("Styrelsens beslut är registrerat (§ 14).")
    shot(staff, "cases-03-styrelse")
    staff.goto(server.url + "/meetings")
    assert serious_violations(staff) == []
    status, _doc = server.stored(app_id)
    assert status == "approved"

    # The lead sees the decision and downloads the letter.
    lead.goto(url)
    expect(lead.locator("main")).to_contain_text("Beviljad")
    letter = docx_text(download(lead, "Ladda ner beslutsbrev (DOCX)"))
    assert f"Diarienummer: {number}" in letter and "§ 14" in letter and "att bevilja medel" in letter
    assert "Deltagarantal redovisas varje månad." in letter and "Förbundschef" in letter
    shot(lead, "cases-04-lead-decided")
