"""Nothing typed is lost: autosave with a visible status, reload and Back without a browser warning, keyboard
focus after adding and removing rows (with and without JavaScript)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import login, no_server_error, shot


@pytest.fixture
def hela_page(page, server, hela_doc):
    email = server.user()
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    return page, app_id


@pytest.fixture
def nojs_page(browser, server, hela_doc):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    email = server.user()
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    yield page, app_id
    context.close()


def saved(page) -> None:
    """Wait for the autosave's status."""
    expect(page.locator("#save-status")).to_contain_text(re.compile(r"Sparat \d\d:\d\d"), timeout=8000)


def test_autosave_shows_its_status_and_stores_the_change(hela_page, server):
    page, app_id = hela_page
    page.goto(f"{server.url}/applications/{app_id}/steps/timeline")
    expect(page.locator("#save-status")).to_have_text("Sparas automatiskt medan du skriver.")
    page.get_by_label("Tidsplan").fill("Uppstart i juni, utvärdering efter ett år.")
    saved(page)
    shot(page, "autosave-status")
    assert server.stored(app_id)[1]["sections"]["timeline"] == "Uppstart i juni, utvärdering efter ett år."
    # the page's version moved with the save: the next autosave and a click on Next are no conflict
    page.get_by_label("Aktiviteter").fill("Kartläggning och familjesamtal.")
    saved(page)
    with page.expect_navigation() as nav:
        page.locator(".wizard-actions").get_by_role("button", name="Nästa →").click()
    no_server_error(nav.value)
    assert page.url.endswith("/steps/organisation")
    assert server.stored(app_id)[1]["sections"]["activities"] == "Kartläggning och familjesamtal."


def test_reload_keeps_everything_typed(hela_page, server):
    page, app_id = hela_page
    page.goto(f"{server.url}/applications/{app_id}/steps/parties")
    rows = page.locator("#parties-table tbody tr")
    first = rows.count() + 1
    for name, kind in (("Hässleholms kommun", "Kommun"), ("Försäkringskassan Hässleholm", "Försäkringskassan")):
        n = rows.count() + 1
        page.get_by_role("button", name="+ Lägg till part").click()
        expect(rows).to_have_count(n)
        field = page.get_by_label(f"Part {n}", exact=True)
        expect(field).to_be_focused()
        field.fill(name)
        page.get_by_label(f"Typ av part {n}", exact=True).select_option(label=kind)
    saved(page)
    page.reload()
    expect(page.get_by_label(f"Part {first}", exact=True)).to_have_value("Hässleholms kommun")
    expect(page.get_by_label(f"Part {first + 1}", exact=True)).to_have_value("Försäkringskassan Hässleholm")

    # a staff line without salary or dates yet: kept exactly as typed, with its message at the field
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    page.get_by_role("button", name="+ Lägg till personalrad").click()
    expect(page.locator("#staff-table tbody tr")).to_have_count(7)
    page.get_by_label("Roll, rad 7", exact=True).fill("Kurator")
    page.get_by_label("Tjänstgöringsgrad, rad 7", exact=True).fill("50 %")
    page.get_by_role("button", name="+ Lägg till övrig kostnad").click()
    page.get_by_label("Kostnad, rad 1", exact=True).fill("Utbildning")
    page.get_by_label("Overhead (andel av personalkostnaden)").fill("5 %")
    saved(page)
    page.reload()
    expect(page.get_by_label("Roll, rad 7", exact=True)).to_have_value("Kurator")
    expect(page.get_by_label("Tjänstgöringsgrad, rad 7", exact=True)).to_have_value("50 %")
    expect(page.get_by_label("Kostnad, rad 1", exact=True)).to_have_value("Utbildning")
    expect(page.get_by_label("Overhead (andel av personalkostnaden)")).to_have_value("5 %")
    salary = page.get_by_label("Månadslön, rad 7", exact=True)
    expect(salary).to_have_attribute("aria-invalid", "true")
    shot(page, "autosave-reload-budget")
    # the application itself holds what checks out; the review step says what to fix
    assert len(server.stored(app_id)[1]["budget"]["staff"]) == 6
    page.goto(f"{server.url}/applications/{app_id}/steps/review")
    expect(page.locator(".problems")).to_contain_text("Steget Budget har uppgifter som behöver rättas")


def test_back_and_reload_never_show_a_browser_warning(nojs_page, server):
    page, app_id = nojs_page
    page.goto(f"{server.url}/applications/{app_id}/steps/project")
    page.get_by_label("Projektets namn").fill("Familjesupporten")
    page.get_by_label("Slutdatum").fill("2016-01-01")  # before the start: refused, kept as typed
    with page.expect_navigation() as nav:
        page.locator(".wizard-actions").get_by_role("button", name="Spara utkast").click()
    response = nav.value
    assert response.request.method == "GET" and response.status == 200  # the POST answered 303
    assert response.request.redirected_from is not None
    assert response.request.redirected_from.method == "POST"
    expect(page.locator("#period_end-error")).to_contain_text("Slutdatum kan inte vara före startdatum.")
    reloaded = page.reload()
    assert reloaded.request.method == "GET" and reloaded.status == 200  # no resubmission
    expect(page.get_by_label("Projektets namn")).to_have_value("Familjesupporten")
    expect(page.get_by_label("Slutdatum")).to_have_value("2016-01-01")
    with page.expect_navigation():
        page.locator(".wizard-actions").get_by_role("button", name="Nästa →").click()
    assert page.url.endswith("/steps/parties")
    back = page.go_back()
    assert back is None or (back.request.method == "GET" and back.status == 200)
    assert "ERR_CACHE_MISS" not in page.content()
    expect(page.get_by_label("Projektets namn")).to_have_value("Familjesupporten")
    forward = page.go_forward()
    assert forward is None or forward.request.method == "GET"
    assert page.url.endswith("/steps/parties")


@pytest.mark.parametrize("javascript", [True, False])
def test_keyboard_focus_after_adding_and_removing_rows(browser, server, hela_doc, javascript):
    context = browser.new_context(java_script_enabled=javascript, locale="sv-SE")
    page = context.new_page()
    email = server.user()
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    add = page.get_by_role("button", name="+ Lägg till personalrad")
    add.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#staff-table tbody tr")).to_have_count(7)
    expect(page.locator("#staff-6-party")).to_be_focused()
    # the keyboard goes on from there: Tab reaches the new row's role
    page.keyboard.press("Tab")
    expect(page.locator("#staff-6-role")).to_be_focused()
    page.keyboard.type("Kurator")

    page.get_by_role("button", name="Ta bort personalrad 4").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#staff-table tbody tr")).to_have_count(6)
    expect(page.locator("#staff-2-party")).to_be_focused()  # the row before the removed one
    expect(page.get_by_label("Roll, rad 6", exact=True)).to_have_value("Kurator")  # typed, then kept

    # the same for a risk
    page.goto(f"{server.url}/applications/{app_id}/steps/risks")
    count = page.locator("fieldset.risk").count()
    page.get_by_role("button", name=f"Ta bort risk {count}").focus()
    page.keyboard.press("Enter")
    expect(page.locator("fieldset.risk")).to_have_count(count - 1)
    expect(page.locator(f"#risks-{count - 2}-area")).to_be_focused()
    context.close()


def test_new_staff_line_takes_its_partys_default_social_fees(hela_page, server):
    page, app_id = hela_page
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    page.get_by_label("Sociala avgifter / PO-pålägg (standard)").fill("")  # no standard: lines would be at 0 %
    page.get_by_role("button", name="+ Lägg till personalrad").click()
    expect(page.locator("#staff-table tbody tr")).to_have_count(7)
    rate = page.get_by_label("Sociala avgifter, rad 7", exact=True)
    expect(rate).to_have_value("52,28\xa0%")  # the line above is a health centre in the region
    page.get_by_label("Part, rad 7", exact=True).select_option("Kristianstads kommun")
    expect(rate).to_have_value("44,53\xa0%")  # a municipality: SKR's PO-pålägg
    rate.fill("40 %")
    page.get_by_label("Part, rad 7", exact=True).select_option("Vårdcentralen Vilan")
    expect(rate).to_have_value("40 %")  # what the user typed is never replaced


def test_renaming_a_party_renames_it_everywhere(hela_page, server):
    page, app_id = hela_page
    page.goto(f"{server.url}/applications/{app_id}/steps/parties")
    owner = page.get_by_label("Processägare (part som äger projektet)")
    expect(owner).to_have_value("Kristianstads kommun")
    page.get_by_label("Part 1", exact=True).fill("Kristianstads kommun (IFO)")
    expect(owner).to_have_value("Kristianstads kommun (IFO)")  # the owner follows its party's new name
    saved(page)
    doc = server.stored(app_id)[1]
    assert doc["process_owner"] == "Kristianstads kommun (IFO)"
    assert "Kristianstads kommun" not in {line["party"] for line in doc["budget"]["staff"]}
    assert "Kristianstads kommun (IFO)" in {s["party"] for s in doc["signatories"]}
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    expect(page.get_by_label("Part, rad 1", exact=True)).to_have_value("Kristianstads kommun (IFO)")


def test_leaving_the_page_before_the_autosave_pause_still_saves(hela_page, server):
    page, app_id = hela_page
    page.goto(f"{server.url}/applications/{app_id}/steps/timeline")
    page.get_by_label("Tidsplan").fill("Skrivet strax innan sidan lämnades.")
    page.goto(f"{server.url}/applications")  # at once: no time for the debounced autosave
    for _ in range(50):
        if server.stored(app_id)[1]["sections"].get("timeline") == "Skrivet strax innan sidan lämnades.":
            break
        page.wait_for_timeout(100)
    assert server.stored(app_id)[1]["sections"]["timeline"] == "Skrivet strax innan sidan lämnades."
