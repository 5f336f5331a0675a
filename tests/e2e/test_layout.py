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
