"""What a simulated project lead types into each wizard step (from the Hela Familjen example), and the journey."""
from __future__ import annotations

from decimal import Decimal

from load_client import APP_ID_RE, DOCX_MIME, PASSWORD, WIZARD_STEPS, Browser, csrf_of, example_document, hidden_of

NBSP = "\u00a0"


def swedish(number: str, percent: bool = False) -> str:
    """'31000' → '31 000', '0.6' → '0,6', rate '0.40' → '40 %': typed the way a Swedish user types."""
    value = Decimal(number) * (100 if percent else 1)
    whole, _, decimals = f"{value.normalize():f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    text = grouped + ("," + decimals if decimals else "")
    return text + (" %" if percent else "")


def step_forms(doc: dict) -> dict[str, list[tuple[str, str]]]:
    """Each step's form fields, as the browser would post them (without the hidden ones)."""
    s = doc["sections"]
    forms = {
        "project": [("title", doc["title"]), ("kind", doc["kind"]), ("association", doc["association"]),
                    ("period_start", doc["period"]["start"]), ("period_end", doc["period"]["end"])],
        "background": [("background", s["background"]), ("preparation", s["process"]),
                       ("target_group", s["target_group"]), ("child_rights", s["child_rights"])],
        "goals": [("goals", s["goals"])],
        "timeline": [("timeline", s["timeline"]), ("activities", s["activities"])],
        "organisation": [(k, s.get(k, "")) for k in ("owner", "steering_group", "follow_up", "implementation",
                                                     "other")],
    }
    forms["parties"] = [f for i, p in enumerate(doc["parties"])
                        for f in ((f"parties-{i}-name", p["name"]), (f"parties-{i}-kind", p["kind"]))]
    forms["parties"].append(("process_owner", doc["process_owner"]))
    forms["risks"] = [(f"risks-{i}-{k}", r[k]) for i, r in enumerate(doc["risks"])
                      for k in ("area", "party", "description", "likelihood", "consequence", "mitigation")]
    forms["signatories"] = [(f"signatories-{i}-{k}", sig[k]) for i, sig in enumerate(doc["signatories"])
                            for k in ("party", "name", "title", "organisation")]
    forms["budget"] = budget_form(doc["budget"])
    return forms


def budget_form(budget: dict) -> list[tuple[str, str]]:
    """All staff lines and the baseline, Swedish-typed."""
    data = [("proration", budget["proration"]),
            ("default_social_fee_rate", swedish(budget["default_social_fee_rate"], percent=True))]
    for i, line in enumerate(budget["staff"]):
        rate = line.get("social_fee_rate")
        data += [(f"staff-{i}-party", line["party"]), (f"staff-{i}-role", line["role"]),
                 (f"staff-{i}-fte", swedish(line["fte"])),
                 (f"staff-{i}-monthly_salary", swedish(line["monthly_salary"])),
                 (f"staff-{i}-social_fee_rate", swedish(rate, percent=True) if rate else ""),
                 (f"staff-{i}-start", line["start"]), (f"staff-{i}-end", line["end"]),
                 (f"staff-{i}-raise_month", "")]
    baseline = budget.get("baseline")
    if baseline:
        years = sorted({y for row in baseline["rows"] for y in row["yearly"]})
        data += [("baseline_label", baseline["label"]), ("baseline_first_year", years[0]),
                 ("baseline_last_year", years[-1])]
        for i, row in enumerate(baseline["rows"]):
            data.append((f"baseline_rows-{i}-label", row["label"]))
            data += [(f"baseline_rows-{i}-amounts-{j}", swedish(row["yearly"].get(y, "0")))
                     for j, y in enumerate(years)]
    return data


DOC = example_document()
FORMS = step_forms(DOC)


def register(browser: Browser, email: str) -> bytes:
    """Register (or log in when the address is taken); returns the applications page."""
    _s, _h, page = browser.request("register_get", "GET", "/register")
    browser.pause()
    status, head, page = browser.request("register", "POST", "/register", [
        ("csrf_token", csrf_of(page)), ("name", "Last Testsson"), ("email", email), ("password", PASSWORD),
        ("confirm", PASSWORD)], expect=(302,))
    browser.pause()  # registration answers the same whether or not the address was taken: log in
    _s, _h, page = browser.request("login_get", "GET", "/login")
    browser.request("login", "POST", "/login", [("csrf_token", csrf_of(page)), ("email", email),
                                                ("password", PASSWORD)], expect=(302,))
    _s, _h, page = browser.request("list", "GET", "/applications")
    return page


def journey(browser: Browser, email: str) -> int:
    """One project lead: register, create an application, every step, live preview, review, DOCX. → app id."""
    page = register(browser, email)
    browser.pause()
    _s, head, _b = browser.request("create", "POST", "/applications/new", [("csrf_token", csrf_of(page))],
                                   expect=(302,))
    location = head["location"]
    app_id = int(APP_ID_RE.search(location).group(1))
    path = f"/applications/{app_id}/steps/"
    for i, step in enumerate(WIZARD_STEPS):
        kind = "budget" if step == "budget" else "wizard"
        _s, _h, page = browser.request(f"{kind}_get", "GET", path + step)
        browser.pause()
        if step == "budget":  # the htmx live preview while typing, then the save
            browser.request("preview", "POST", path + "budget/preview", hidden_of(page) + FORMS["budget"])
            browser.pause()
        following = WIZARD_STEPS[i + 1] if i + 1 < len(WIZARD_STEPS) else "review"
        _s, head, _b = browser.request(f"{kind}_post", "POST", path + step,
                                       hidden_of(page) + FORMS[step] + [("next", "1")], expect=(303,))
        if not head["location"].endswith(following):
            raise RuntimeError(f"step {step} went to {head['location']}, not {following}")
    browser.request("review", "GET", path + "review")
    browser.pause()
    _s, head, body = browser.request("docx", "GET", f"/applications/{app_id}/export.docx")
    if head.get("content-type", "").split(";")[0] != DOCX_MIME or not body.startswith(b"PK"):
        raise RuntimeError(f"export.docx of {app_id} is not a DOCX")
    return app_id


def hammer_budget(browser: Browser, app_id: int) -> None:
    """Throughput phase: save the budget step again and again (no think time)."""
    _s, _h, page = browser.request("budget_get_tp", "GET", f"/applications/{app_id}/steps/budget")
    token = csrf_of(page)
    form = [("csrf_token", token)] + FORMS["budget"] + [("next", "1")]  # "save" would pile flashes in the cookie
    while True:
        browser.request("budget_post_tp", "POST", f"/applications/{app_id}/steps/budget", form, expect=(303,))


def hammer_floor(browser: Browser) -> None:
    """Throughput phase against bench/floor_app.py: the same form body to a route that only parses it."""
    form = FORMS["budget"] + [("next", "1")]
    while True:
        browser.request("floor_post_tp", "POST", "/floor", form)
