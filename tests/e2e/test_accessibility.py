"""axe-core (vendored, 4.14.1) on every wizard step and the main pages: no serious or critical violation.

The app's Content-Security-Policy forbids inline scripts, so the checking browser context bypasses CSP
(Playwright's bypass_csp); the app itself is unchanged.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import login

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
STEPS = ["project", "parties", "background", "goals", "timeline", "organisation", "risks", "budget",
         "signatories", "review"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def axe_page(browser):
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.fixture
def applicant_with_example(server, hela_doc, axe_page):
    email = server.user("applicant")
    app_id = server.application(email, hela_doc)
    login(axe_page, server, email)
    return axe_page, app_id


@pytest.mark.parametrize("step", STEPS)
def test_wizard_step_has_no_serious_violation(applicant_with_example, server, step):
    page, app_id = applicant_with_example
    page.goto(f"{server.url}/applications/{app_id}/steps/{step}")
    assert serious_violations(page) == []


def test_wizard_step_with_errors_has_no_serious_violation(applicant_with_example, server):
    page, app_id = applicant_with_example
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    page.get_by_label("Tjänstgöringsgrad, rad 2", exact=True).fill("abc")
    page.locator(".wizard-actions").get_by_role("button", name="Spara utkast").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert serious_violations(page) == []


def test_pages_of_an_applicant_have_no_serious_violation(applicant_with_example, server):
    page, app_id = applicant_with_example
    for path in ["/applications", f"/applications/{app_id}", "/applications/import", "/check-docx"]:
        page.goto(server.url + path)
        assert serious_violations(page) == [], path


def test_public_pages_have_no_serious_violation(axe_page, server):
    for path in ["/", "/login", "/register", "/tillganglighet", "/personuppgifter", "/hjalp", "/password/forgot",
                 "/password/reset/not-a-token", "/invitations/not-a-token"]:
        axe_page.goto(server.url + path)
        assert serious_violations(axe_page) == [], path


def test_reviewer_pages_have_no_serious_violation(axe_page, server, hela_doc):
    owner = server.user("applicant")
    app_id = server.application(owner, hela_doc, status="submitted")
    login(axe_page, server, server.user("reviewer"))
    for path in ["/review", f"/applications/{app_id}", f"/applications/{app_id}/steps/review"]:
        axe_page.goto(server.url + path)
        assert serious_violations(axe_page) == [], path


def test_english_pages_have_no_serious_violation(applicant_with_example, server):
    page, app_id = applicant_with_example
    page.goto(f"{server.url}/applications/{app_id}/steps/budget")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert serious_violations(page) == []


def test_the_checker_finds_a_violation(axe_page, server):
    """Guard against a check that cannot fail: an unlabelled input and grey-on-grey text are caught."""
    axe_page.goto(server.url + "/login")
    axe_page.evaluate("""() => {
        document.querySelector('label[for=email]').remove();
        const p = document.createElement('p'); p.textContent = 'svag kontrast';
        p.style.color = '#bbb'; p.style.background = '#ccc'; document.querySelector('main').append(p);
    }""")
    found = " ".join(serious_violations(axe_page))
    assert "label" in found and "color-contrast" in found


def test_service_pages_have_no_serious_violation(server, hela_doc, axe_page):
    """Confirmation pages, the list with progress and status tags, members and invitations, in both languages."""
    from builder.applications.service import invite

    owner = server.user("applicant")
    co = server.user("applicant")
    submitted = server.application(owner, hela_doc, status="submitted")
    draft = server.application(owner)
    with server.app.app_context():
        from builder.extensions import db
        from builder.models import Application, Invitation

        application = db.session.get(Application, draft)
        invite(application, co)
        application.invitations.append(Invitation(email="inbjuden@e2e.se"))
        db.session.commit()
    login(axe_page, server, owner)
    paths = ["/applications", f"/applications/{draft}", f"/applications/{draft}/delete",
             f"/applications/{submitted}/withdraw"]
    for path in paths:
        axe_page.goto(server.url + path)
        assert serious_violations(axe_page) == [], path
    axe_page.get_by_role("button", name="English").click()
    for path in paths + ["/hjalp", "/tillganglighet"]:
        axe_page.goto(server.url + path)
        assert axe_page.locator("html").get_attribute("lang") == "en"
        assert serious_violations(axe_page) == [], path


def test_association_pages_have_no_serious_violation(axe_page, server):
    """The association list and settings page (an association's admin), and the admin's user page."""
    from builder.associations.service import matching
    from tests.helpers import TEST_ASSOCIATION

    with server.app.app_context():
        association_id = matching(TEST_ASSOCIATION).id
    login(axe_page, server, server.user("admin"))
    for path in ["/associations", f"/associations/{association_id}", "/admin/users", "/meetings", "/applications"]:
        axe_page.goto(server.url + path)
        assert serious_violations(axe_page) == [], path
