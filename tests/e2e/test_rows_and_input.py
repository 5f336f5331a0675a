"""Rows added and removed with and without JavaScript, and bad input kept at the field."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .helpers import login, no_server_error, shot

NBSP = "\xa0"


@pytest.fixture
def hela_page(page, server, hela_doc):
    email = server.user()
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    return page, app_id


def staff_roles(page):
    return [page.get_by_label(f"Roll, rad {n}", exact=True).input_value()
            for n in range(1, page.locator("#staff-table tbody tr").count() + 1)]


def test_remove_a_staff_line_in_place_with_javascript(hela_page, server):
    page, app_id = hela_page
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    url = page.url
    page.get_by_role("button", name="Ta bort personalrad 4").click()
    expect(page.locator("#staff-table tbody tr")).to_have_count(5)
    expect(page.locator("#step-form")).to_have_count(1)
    assert "Projektledare" not in staff_roles(page)
    assert page.url == url  # swapped in place, no navigation
    # removing saves what the step holds (nothing typed is lost, and nothing else is needed to keep it)
    assert [s["role"] for s in server.stored(app_id)[1]["budget"]["staff"]] == [
        "Socialpedagog/socionom (tillkommande tjänster)", "Socialpedagog", "Socialpedagog",
        "Sjuksköterska/distriktssköterska", "Distriktssköterska"]


def test_budget_step_works_without_javascript(browser, server, hela_doc):
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    email = server.user()
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")

    page.get_by_role("button", name="+ Lägg till personalrad").click()
    page.wait_for_load_state()
    expect(page.locator("#staff-table tbody tr")).to_have_count(7)
    page.get_by_label("Part, rad 7", exact=True).select_option("Vårdcentralen Vilan")
    page.get_by_label("Roll, rad 7", exact=True).fill("Kurator")
    page.get_by_label("Tjänstgöringsgrad, rad 7", exact=True).fill("0,5")
    page.get_by_label("Månadslön, rad 7", exact=True).fill("30 000")
    page.get_by_label("Från, rad 7", exact=True).fill("2018-01-01")
    page.get_by_label("Till, rad 7", exact=True).fill("2018-12-31")
    page.get_by_role("button", name="Ta bort personalrad 4").click()
    page.wait_for_load_state()
    expect(page.locator("#staff-table tbody tr")).to_have_count(6)
    # what was typed in the new row survived the removal of another row
    expect(page.get_by_label("Roll, rad 6", exact=True)).to_have_value("Kurator")
    page.get_by_role("button", name="Räkna om och spara").click()
    page.wait_for_load_state()
    shot(page, "nojs-budget")

    staff = server.stored(app_id)[1]["budget"]["staff"]
    assert [s["role"] for s in staff][-2:] == ["Distriktssköterska", "Kurator"]
    assert staff[-1]["fte"] == "0.5" and staff[-1]["monthly_salary"] == "30000"
    # tables computed on the server: Kurator 0,5 × 30 000 × 1,40 × 12 = 252 000 kr in 2018
    from builder.appformat import from_dict
    from builder.budget import compute_budget

    table = compute_budget(from_dict(server.stored(app_id)[1]).budget)
    vilan = next(r for r in table.rows if r.label == "Vårdcentralen Vilan")
    assert vilan.yearly["2018"] == 132_216 + 252_000
    preview = page.locator("#budget-preview")
    expect(preview).to_contain_text(f"{table.total:,}".replace(",", NBSP))
    expect(preview.get_by_role("row", name="Vårdcentralen Vilan 49")).to_contain_text("384" + NBSP + "216")
    context.close()


def test_bad_input_is_kept_and_explained_at_the_field(hela_page, server):
    page, app_id = hela_page
    before = server.stored(app_id)[1]
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    page.get_by_label("Tjänstgöringsgrad, rad 2", exact=True).fill("abc")
    page.get_by_label("Månadslön, rad 3", exact=True).fill("-5")
    page.get_by_label("Till, rad 1", exact=True).fill("2017-01-01")
    response = None
    with page.expect_navigation() as nav:
        page.locator(".wizard-actions").get_by_role("button", name="Spara utkast").click()
    response = nav.value
    no_server_error(response)
    shot(page, "invalid-budget")

    assert page.url.endswith("/steps/budget")  # stayed on the step
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    fte = page.get_by_label("Tjänstgöringsgrad, rad 2", exact=True)
    expect(fte).to_have_value("abc")
    expect(fte).to_have_attribute("aria-invalid", "true")
    described = fte.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().strip() != ""
    expect(page.get_by_label("Månadslön, rad 3", exact=True)).to_have_value("-5")
    expect(page.locator("#step-form")).to_contain_text("Tjänstgöringsgrad")
    # a link in the summary takes focus to the field
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") in {
        page.get_by_label(label, exact=True).get_attribute("id")
        for label in ("Tjänstgöringsgrad, rad 2", "Månadslön, rad 3", "Till, rad 1", "Från, rad 1")}
    # the application keeps what checked out; what was typed is kept beside it
    assert server.stored(app_id)[1] == before
