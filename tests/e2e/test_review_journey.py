"""The review round trip in the browser: submit, comment, request changes, fix, resubmit, compare,
approve; finance downloads the DOCX and the XLSX (formulas present, values equal to the engine)."""
from __future__ import annotations

import io
import re

import openpyxl
from docx import Document
from playwright.sync_api import expect

from builder.appformat import from_dict
from builder.budget import compute_budget
from tests.unit.test_xlsx import evaluate, row_of

from .helpers import login, shot

NBSP = "\xa0"


def num(value: int) -> str:
    return f"{value:,}".replace(",", NBSP).replace("-", "−") if value < 0 else f"{value:,}".replace(",", NBSP)


def action(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_review_round_trip(browser, server, hela_doc):
    owner, reviewer, finance = server.user("applicant"), server.user("reviewer"), server.user("finance")
    hela_doc["title"] += f" ({owner})"  # other tests submit the same example to the shared server
    app_id = server.application(owner, hela_doc)
    url = f"{server.url}/applications/{app_id}"
    lead = browser.new_context(locale="sv-SE").new_page()
    staff = browser.new_context(locale="sv-SE").new_page()
    economist = browser.new_context(locale="sv-SE").new_page()

    # The project lead submits from the review step.
    login(lead, server, owner)
    lead.goto(url + "/steps/review")
    action(lead, "Skicka in ansökan")
    expect(lead.locator("main")).to_contain_text("Inskickad")

    # The reviewer finds it in the list, comments on the budget and asks for changes.
    login(staff, server, reviewer)
    staff.goto(server.url + "/review")
    staff.get_by_role("link", name=hela_doc["title"]).click()
    staff.wait_for_url(url)
    # the budget check repeats what the lead was warned about: line 1 holds two posts
    expect(staff.locator("main")).to_contain_text("Personalrad 1 (Socialpedagog/socionom (tillkommande tjänster)) "
                                                  "har mer än heltid (2).")
    staff.get_by_label("Gäller").select_option(label="Personalrad 4: Kristianstads kommun, Projektledare")
    staff.get_by_label("Kommentar", exact=True).fill("Projektledarens lön ligger under avtalet: kontrollera.")
    action(staff, "Lägg till kommentar")
    staff.get_by_label("Vad behöver kompletteras?").fill("Se kommentaren om budgeten.")
    action(staff, "Begär komplettering")
    expect(staff.locator("main")).to_contain_text("Komplettering begärd")
    shot(staff, "review-01-changes-requested")

    # The project lead sees the comment, answers, fixes the salary and submits again.
    lead.goto(url)
    comments = lead.locator("main")
    expect(comments).to_contain_text("Projektledarens lön ligger under avtalet: kontrollera.")
    expect(comments).to_contain_text("Se kommentaren om budgeten.")
    lead.get_by_label("Svara").first.fill("Rättat till 35 000 kr.")
    action(lead, "Skicka svar")
    action(lead, "Revidera ansökan")
    lead.goto(url + "/steps/budget")
    lead.get_by_label("Månadslön, rad 4", exact=True).fill("35 000")
    lead.locator(".wizard-actions").get_by_role("button", name="Spara utkast").click()
    lead.wait_for_load_state()
    lead.goto(url + "/steps/review")
    action(lead, "Skicka in ansökan")
    expect(lead.locator("main")).to_contain_text("Inskickad")
    shot(lead, "review-02-resubmitted")

    # The reviewer compares the two versions: the budget difference is the engine's.
    status, doc = server.stored(app_id)
    assert status == "submitted" and doc["budget"]["staff"][3]["monthly_salary"] == "35000"
    old, new = compute_budget(from_dict(hela_doc).budget), compute_budget(from_dict(doc).budget)
    staff.goto(url)
    staff.get_by_role("link", name="Jämför de två senaste versionerna").click()
    compare = staff.locator("#budget-compare")
    kommun_old = next(r for r in old.rows if r.label == "Kristianstads kommun")
    kommun_new = next(r for r in new.rows if r.label == "Kristianstads kommun")
    row = compare.get_by_role("row", name=re.compile("^Kristianstads kommun"))
    expect(row).to_contain_text(num(kommun_new.yearly["2018"] - kommun_old.yearly["2018"]))
    expect(compare.get_by_role("row", name=re.compile("^Totalt"))).to_contain_text(num(new.total - old.total))
    shot(staff, "review-03-compare")

    # ... and approves it with the board's decision.
    staff.goto(url)
    staff.locator("summary", has_text="Bevilja").click()
    staff.get_by_label("Beslutsdatum").first.fill("2017-05-15")
    staff.get_by_label("Beslutande organ").first.fill("Förbundsstyrelsen")
    staff.get_by_label("Beviljat belopp (kr)").fill(f"{new.total:,}".replace(",", " "))
    action(staff, "Registrera beslut")
    expect(staff.locator("main")).to_contain_text("Beviljad")
    expect(staff.locator("main")).to_contain_text(num(new.total) + NBSP + "kr")
    assert server.stored(app_id)[0] == "approved"

    # Finance downloads the DOCX and the XLSX of the approved application, and cannot change it.
    login(economist, server, finance)
    economist.goto(url)
    with economist.expect_download() as info:
        economist.get_by_role("link", name="Ladda ner Word (DOCX)").click()
    document = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ansökan om medel för" in text and "utökning av" in text  # "utökning av" once, not twice (issue 13)
    assert "utökning av Hela Familjen – utökning av" not in text
    cells = {cell.text for table in document.tables for r in table.rows for cell in r.cells}
    assert num(new.total) in cells

    with economist.expect_download() as info:
        economist.get_by_role("link", name="Budget i Excel (XLSX)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    sheet = workbook["Budget"]
    total_row = row_of(sheet, "Totalt")
    formulas = [c.value for c in sheet[total_row] if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas and all(f.startswith("=SUM(") for f in formulas[:3])
    assert [evaluate(sheet, f"{col}{total_row}") for col in "BCD"] == [new.yearly_totals[y] for y in new.years]
    assert evaluate(sheet, f"E{total_row}") == new.total

    economist.goto(url)
    expect(economist.get_by_role("link", name="Redigera ansökan")).to_have_count(0)
    expect(economist.get_by_role("button", name="Skicka in ansökan")).to_have_count(0)
    assert server.stored(app_id)[1] == doc
