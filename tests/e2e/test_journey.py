"""A project lead's whole journey in the browser, with JavaScript (htmx) on.

Register, create an application, fill every step with Swedish-typed numbers, watch the budget tables
update to the Hela Familjen figures while typing, reload and find everything again, download the
DOCX, log out.
"""
from __future__ import annotations

import io
import re

from docx import Document
from playwright.sync_api import expect

from .helpers import PASSWORD, logout, new_application, no_server_error, shot

NBSP = "\xa0"

# The Hela Familjen staff lines, typed as a Swedish project lead would type them.
STAFF = [
    ("Kristianstads kommun", "Socialpedagog/socionom", "2", "31 000", "2017-06-01"),
    ("Kristianstads kommun", "Socialpedagog", "1", "32 000", "2017-06-01"),
    ("Kristianstads kommun", "Socialpedagog", "0,6", "32000", "2017-06-01"),
    ("Kristianstads kommun", "Projektledare", "0,4", "34 000", "2017-06-01"),
    ("Vårdcentralen Vilan", "Sjuksköterska/distriktssköterska", "0,2", "39 350", "2017-08-14"),
    ("Vårdcentralen Östermalm", "Distriktssköterska", "0,2", "38\u00a0000", "2017-08-14"),
]
BASELINE = [
    ("Kristianstads kommun", ["260 400", "1 041 600", "1 041 600", "781 200"]),
    ("Näsby vårdcentral", ["31 920", "127 680", "127 680", "95 760"]),
    ("Workshops + kompetensutveckling", ["5 000", "20 000", "20 000", "15 000"]),
    ("Utvärdering", ["30 000", "80 000", "80 000", "60 000"]),
]


def kr(text: str) -> str:
    """'1 242 640' as the app prints it (no-break spaces)."""
    return text.replace(" ", NBSP)


def add_row(page, button_name: str) -> None:
    """Click an add-row button and wait until htmx has swapped the form in place (one form, no request)."""
    page.get_by_role("button", name=button_name).click()
    expect(page.locator("#step-form")).to_have_count(1)
    expect(page.locator(".htmx-request")).to_have_count(0)


def next_step(page):
    page.locator(".wizard-actions").get_by_role("button", name="Nästa →").click()
    page.wait_for_load_state()


def register(page, server, email):
    page.goto(server.url + "/")
    page.get_by_role("link", name="Skapa konto").first.click()
    page.get_by_label("Namn").fill("Pia Projektledare")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label("Upprepa lösenordet").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Skapa konto").click()
    page.wait_for_url("**/login")  # the same answer whether or not the address had an account: then log in
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/applications")


def fill_budget(page):
    page.get_by_label("Sociala avgifter / PO-pålägg (standard)").fill("40 %")
    for n, (party, role, fte, salary, start) in enumerate(STAFF, start=1):
        add_row(page, "+ Lägg till personalrad")
        expect(page.get_by_label(f"Roll, rad {n}", exact=True)).to_be_visible()
        page.get_by_label(f"Part, rad {n}", exact=True).select_option(party)
        page.get_by_label(f"Roll, rad {n}", exact=True).fill(role)
        page.get_by_label(f"Tjänstgöringsgrad, rad {n}", exact=True).fill(fte)
        page.get_by_label(f"Månadslön, rad {n}", exact=True).fill(salary)
        page.get_by_label(f"Från, rad {n}", exact=True).fill(start)
        page.get_by_label(f"Till, rad {n}", exact=True).fill("2019-05-31")
    page.get_by_label("Benämning på tidigare beviljad budget").fill("Ursprunglig budget")
    page.get_by_label("Första år").fill("2015")
    page.get_by_label("Sista år").fill("2018")
    for n, (label, amounts) in enumerate(BASELINE, start=1):
        add_row(page, "+ Lägg till rad i tidigare budget")
        expect(page.get_by_label(f"Rad {n}", exact=True)).to_be_visible()
        page.get_by_label(f"Rad {n}", exact=True).fill(label)
        for year, amount in zip(range(2015, 2019), amounts, strict=False):
            page.get_by_label(f"Belopp {year}, rad {n}", exact=True).fill(amount)


def test_project_lead_journey(page, server):
    email = f"pia{id(page)}@e2e.se"
    errors = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    register(page, server, email)

    new_application(page)
    page.wait_for_url(re.compile(r"/applications/\d+/steps/project$"))
    app_id = int(re.search(r"/applications/(\d+)/", page.url).group(1))

    # 1 Project
    page.get_by_label("Projektets namn").fill("Hela Familjen – utökning")
    page.get_by_label("Typ av ansökan").select_option("extension")
    page.get_by_label("Samordningsförbund").select_option(label="Samordningsförbundet Skåne Nordost")
    page.get_by_label("Startdatum").fill("2017-06-01")
    page.get_by_label("Slutdatum").fill("2019-05-31")
    shot(page, "journey-01-project")
    next_step(page)

    # 2 Parties (rows added in place with htmx)
    expect(page.get_by_role("heading", name="Parter", level=1)).to_be_visible()
    page.get_by_label("Part 1", exact=True).fill("Kristianstads kommun")
    for n, (name, kind) in enumerate([("Vårdcentralen Vilan", "region"), ("Vårdcentralen Östermalm", "region")], 2):
        add_row(page, "+ Lägg till part")
        page.get_by_label(f"Part {n}", exact=True).fill(name)
        page.get_by_label(f"Typ av part {n}", exact=True).select_option(kind)
    page.get_by_label("Processägare (part som äger projektet)").select_option("Kristianstads kommun")
    shot(page, "journey-02-parties")
    next_step(page)

    # 3 Background
    page.get_by_label("Bakgrund/problembeskrivning").fill("Familjer möter många myndigheter var för sig.")
    page.get_by_label("Hur har processen tagits fram").fill("Kommunen och vårdcentralerna har skrivit den tillsammans.")
    page.get_by_label("Målgrupp").fill("Familjer med långvarigt ekonomiskt bistånd.")
    page.get_by_label("Barnrättsperspektiv").fill("Barnens behov kartläggs för sig.")
    next_step(page)

    # 4 Goals
    page.get_by_label("Resultat och effektmål").fill("Fler familjer i egen försörjning.")
    next_step(page)

    # 5 Timeline
    page.get_by_label("Tidsplan").fill("Juni 2017 till maj 2019.")
    page.get_by_label("Aktiviteter").fill("Kartläggning, samordning och uppföljning.")
    next_step(page)

    # 6 Organisation
    page.get_by_label("Processägare", exact=True).fill("Kristianstads kommun är processägare.")
    page.get_by_label("Styrgrupp").fill("En representant per part.")
    page.get_by_label(re.compile("^Metoder för uppföljning")).fill("SUS och extern utvärdering.")
    page.get_by_label("Implementering i ordinarie verksamhet").fill("Styrgruppen planerar överföringen.")
    next_step(page)

    # 7 Risks
    add_row(page, "+ Lägg till risk")
    page.get_by_label(re.compile("^Område")).first.fill("Bemanning")
    page.get_by_label("Risk", exact=True).first.fill("Svårt att rekrytera.")
    page.get_by_label(re.compile("^Åtgärd")).first.fill("Omfördela inom enheten.")
    next_step(page)

    # 8 Budget: the tables follow the typing (htmx preview), before anything is saved
    expect(page.get_by_role("heading", name="Budget", level=1)).to_be_visible()
    fill_budget(page)
    preview = page.locator("#budget-preview")
    expect(preview).to_contain_text(kr("1 242 640"))
    expect(preview).to_contain_text(kr("4 726 127"))
    expect(preview).to_contain_text(kr("ökning med 1 135 680 kr"))
    expect(preview).to_contain_text(kr("1 601 327"))
    expect(preview).to_contain_text(kr("5 419 167"))
    # change one salary: the tables follow
    page.get_by_label("Månadslön, rad 4", exact=True).fill("35 000")
    expect(preview).not_to_contain_text(kr("4 726 127"))
    page.get_by_label("Månadslön, rad 4", exact=True).fill("34 000")
    expect(preview).to_contain_text(kr("4 726 127"))
    shot(page, "journey-08-budget")
    next_step(page)

    # 9 Signatories
    for n, (party, name) in enumerate([("Kristianstads kommun", "Anna Lindqvist"),
                                       ("Vårdcentralen Vilan", "Maria Berg"),
                                       ("Vårdcentralen Östermalm", "Karin Holm")], start=1):
        add_row(page, "+ Lägg till firmatecknare")
        page.get_by_label(f"Part, rad {n}", exact=True).select_option(party)
        page.get_by_label(f"Namn, rad {n}", exact=True).fill(name)
        page.get_by_label(f"Befattning, rad {n}", exact=True).fill("Verksamhetschef")
        page.get_by_label(f"Organisation, rad {n}", exact=True).fill(party)
    next_step(page)

    # 10 Review: nothing missing, the totals, and the DOCX
    expect(page.get_by_role("heading", name="Granska hela ansökan")).to_be_visible()
    expect(page.get_by_text("Inget saknas: ansökan är komplett.")).to_be_visible()
    expect(page.locator("main")).to_contain_text(kr("4 726 127"))
    shot(page, "journey-10-review")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner Word (DOCX)").click()
    download = download_info.value
    assert re.fullmatch(r"Ansokan-Hela-Familjen-utokning-\d{4}-\d{2}-\d{2}\.docx", download.suggested_filename)
    document = Document(io.BytesIO(open(download.path(), "rb").read()))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert kr("4 726 127") in cells and kr("1 242 640") in cells

    # Reload: everything typed is stored
    status, doc = server.stored(app_id)
    assert status == "draft"
    assert [p["name"] for p in doc["parties"]] == ["Kristianstads kommun", "Vårdcentralen Vilan",
                                                  "Vårdcentralen Östermalm"]
    assert [(s["fte"], s["monthly_salary"]) for s in doc["budget"]["staff"]] == [
        ("2", "31000"), ("1", "32000"), ("0.6", "32000"), ("0.4", "34000"), ("0.2", "39350"), ("0.2", "38000")]
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    page.reload()
    expect(page.get_by_label("Månadslön, rad 1", exact=True)).to_have_value(kr("31 000"))
    expect(page.get_by_label("Tjänstgöringsgrad, rad 3", exact=True)).to_have_value("0,6")
    expect(page.get_by_label("Sociala avgifter / PO-pålägg (standard)")).to_have_value(re.compile(r"^40\s?%$"))
    page.goto(f"{server.url}/applications/{app_id}/steps/background")
    expect(page.get_by_label("Målgrupp")).to_have_value("Familjer med långvarigt ekonomiskt bistånd.")

    logout(page)
    response = page.goto(f"{server.url}/applications/{app_id}")
    no_server_error(response)
    assert "/login" in page.url
    assert errors == []


def test_enter_in_a_field_saves_and_stays_on_the_step(page, server):
    from .helpers import login

    email = server.user()
    app_id = server.application(email)
    login(page, server, email)
    page.goto(f"{server.url}/applications/{app_id}/steps/project")
    page.get_by_label("Projektets namn").fill("Enter-projektet")
    page.get_by_label("Startdatum").fill("2017-06-01")
    page.get_by_label("Slutdatum").fill("2019-05-31")
    page.get_by_label("Slutdatum").press("Enter")  # a text field (the association is a select)
    page.wait_for_load_state()
    assert page.url.endswith(f"/applications/{app_id}/steps/project")
    assert server.stored(app_id)[1]["title"] == "Enter-projektet"
