"""Pages fit a phone: nothing makes the page wider than the window (wide tables scroll in their own box)."""
from __future__ import annotations

import pytest

from .helpers import login, shot


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_is_wider_than_the_window(browser, server, hela_doc, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE")
    page = context.new_page()
    email = server.user("applicant")
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    paths = ["/applications", f"/applications/{app_id}", "/check-docx"]
    paths += [f"/applications/{app_id}/steps/{step}" for step in ("project", "parties", "risks", "budget", "review")]
    for path in paths:
        page.goto(server.url + path)
        scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner_width, f"{path} is {scroll_width} px wide in a {inner_width} px window"
    shot(page, f"layout-{width}-review")
    context.close()


def test_staff_table_is_one_card_per_line_on_a_phone(browser, server, hela_doc):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="sv-SE")
    page = context.new_page()
    email = server.user("applicant")
    app_id = server.application(email, hela_doc)
    login(page, server, email)
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    rows = page.locator("#staff-table tbody tr")
    assert rows.count() == len(hela_doc["budget"]["staff"])
    for i in range(rows.count()):
        box = rows.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # no sideways scrolling inside the table
    label = page.locator("label[for='staff-0-role']")
    assert label.is_visible() and label.inner_text() == "Roll, rad 1"  # each input has its label on the card
    page.locator("#staff-table").screenshot(path=str(shot_path("layout-390-staff-cards")))
    context.close()


def shot_path(name: str):
    from .helpers import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / f"{name}.png"
