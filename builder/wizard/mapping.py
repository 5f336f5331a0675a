"""Between the stored document (finsam-application JSON dict) and each step's form data."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from builder.appformat.limits import MAX_YEAR_COLUMNS, MONTH

SECTION_FIELDS = {
    "background": ("background", "process", "target_group", "child_rights"),
    # "process" is a form method name in WTForms, so that section's field is called "preparation".
    "timeline": ("timeline", "activities"),
    "organisation": ("owner", "steering_group", "follow_up", "implementation", "other"),
}


def period_years(doc: dict) -> list[str]:
    """The calendar years of the application's period (columns for per-year amounts)."""
    period = doc.get("period") or {}
    try:
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    except (KeyError, TypeError, ValueError):
        return []
    return [str(y) for y in range(start.year, end.year + 1)]


def baseline_years(doc: dict) -> list[str]:
    """Columns of the baseline table: the span of its rows' years."""
    rows = ((doc.get("budget") or {}).get("baseline") or {}).get("rows") or []
    years = sorted({y for row in rows for y in (row.get("yearly") or {})})
    if not years:
        return []
    return [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]


def _text(form, name: str) -> str:
    return (form[name].data or "").strip()


def _dec(field) -> str | None:
    return field.value_text()


# ---- project ---------------------------------------------------------------

def project_data(doc: dict) -> dict:
    period = doc.get("period") or {}
    return {"title": doc.get("title", ""), "kind": doc.get("kind", "new"),
            "association": doc.get("association", ""),
            "period_start": period.get("start", ""), "period_end": period.get("end", "")}


def project_apply(form, doc: dict) -> None:
    doc["title"] = _text(form, "title")
    doc["kind"] = form.kind.data
    chosen = str(form.association.data or "")
    doc["association"] = next((str(c.label) for c in form.association.choices if chosen and str(c.value) == chosen), "")
    doc["period"] = {"start": form.period_start.date.isoformat(), "end": form.period_end.date.isoformat()}


# ---- parties ---------------------------------------------------------------

def parties_data(doc: dict) -> dict:
    parties = [{**p, "original": p.get("name", "")} for p in doc.get("parties") or []] or [{}]
    return {"parties": parties, "process_owner": doc.get("process_owner", "")}


def typed_party_names(form) -> list[str]:
    return [(row.form.name.data or "").strip() for row in form.parties]


def party_renames(form) -> dict[str, str]:
    """{stored name: typed name} for every party row whose name was changed (not cleared)."""
    renames = {}
    for row in form.parties:
        old, new = (row.form.original.data or "").strip(), (row.form.name.data or "").strip()
        if old and new and old != new:
            renames[old] = new
    return renames


def rename_parties(doc: dict, renames: dict[str, str]) -> None:
    """A renamed party is renamed everywhere in the document: process owner, budget rows, signatories, risks."""
    if not renames:
        return
    if doc.get("process_owner") in renames:
        doc["process_owner"] = renames[doc["process_owner"]]
    budget = doc.get("budget") or {}
    for row in [*(budget.get("staff") or []), *(budget.get("other_costs") or []), *(doc.get("risks") or [])]:
        if row.get("party") in renames:
            row["party"] = renames[row["party"]]
    for row in (budget.get("baseline") or {}).get("rows") or []:
        if row.get("label") in renames:  # the approved budget's party rows are matched by name
            row["label"] = renames[row["label"]]
    for signatory in doc.get("signatories") or []:
        for key in ("party", "organisation"):
            if signatory.get(key) in renames:
                signatory[key] = renames[signatory[key]]


def parties_apply(form, doc: dict) -> None:
    doc["parties"] = [{"name": row.form.name.data.strip(), "kind": row.form.kind.data}
                      for row in form.parties if (row.form.name.data or "").strip()]
    doc["process_owner"] = (form.process_owner.data or "").strip()
    rename_parties(doc, party_renames(form))


# ---- narrative sections ----------------------------------------------------

FIELD_NAME = {"process": "preparation"}


def sections_data(doc: dict, step: str) -> dict:
    sections = doc.get("sections") or {}
    return {FIELD_NAME.get(key, key): sections.get(key, "") for key in SECTION_FIELDS[step]}


def sections_apply(form, doc: dict, step: str) -> None:
    sections = dict(doc.get("sections") or {})
    for key in SECTION_FIELDS[step]:
        value = (form[FIELD_NAME.get(key, key)].data or "").replace("\r\n", "\n").strip()
        if value:
            sections[key] = value
        else:
            sections.pop(key, None)
    doc["sections"] = sections


# ---- goals and effects -----------------------------------------------------

def goals_data(doc: dict) -> dict:
    scenarios = []
    for scenario in doc.get("effects") or []:
        scenarios.append({"label": scenario.get("label", ""), "cost": scenario.get("cost"),
                          "items": scenario.get("items") or [{}]})
    return {"goals": (doc.get("sections") or {}).get("goals", ""), "scenarios": scenarios}


def effects_from_form(form) -> list[dict]:
    scenarios = []
    for entry in form.scenarios:
        sub = entry.form
        items = []
        for item_entry in sub.items:
            item = item_entry.form
            if item.is_blank():
                continue
            items.append({"label": item.label.data.strip(), "persons": _dec(item.persons) or "0",
                          "cost_per_day": _dec(item.cost_per_day) or "0", "months": _dec(item.months) or "0",
                          "days_per_month": _dec(item.days_per_month) or "30.5"})
        label = (sub.label.data or "").strip()
        if not label and not items:
            continue
        scenario = {"label": label, "items": items}
        if _dec(sub.cost) is not None:
            scenario["cost"] = _dec(sub.cost)
        scenarios.append(scenario)
    return scenarios


def goals_apply(form, doc: dict) -> None:
    sections = dict(doc.get("sections") or {})
    goals = (form.goals.data or "").replace("\r\n", "\n").strip()
    if goals:
        sections["goals"] = goals
    else:
        sections.pop("goals", None)
    doc["sections"] = sections
    effects = effects_from_form(form)
    if effects:
        doc["effects"] = effects
    else:
        doc.pop("effects", None)


# ---- risks -----------------------------------------------------------------

def risks_data(doc: dict) -> dict:
    return {"risks": [{**r, "likelihood": str(r.get("likelihood", "2")),
                       "consequence": str(r.get("consequence", "2"))} for r in doc.get("risks") or []]}


def risks_apply(form, doc: dict) -> None:
    risks = []
    for entry in form.risks:
        row = entry.form
        if not (row.area.data or "").strip() and not (row.description.data or "").strip():
            continue
        risks.append({"area": row.area.data.strip(), "party": row.party.data or "",
                      "description": (row.description.data or "").strip(),
                      "likelihood": row.likelihood.data, "consequence": row.consequence.data,
                      "mitigation": (row.mitigation.data or "").strip()})
    doc["risks"] = risks


# ---- budget ----------------------------------------------------------------

def _yearly_amounts(yearly: dict, years: list[str]) -> list:
    return [yearly.get(y, "") for y in years]


def budget_data(doc: dict) -> dict:
    budget = doc.get("budget") or {}
    years = period_years(doc)
    staff = []
    for line in budget.get("staff") or []:
        raise_ = line.get("annual_raise") or {}
        staff.append({**line, "raise_rate": raise_.get("rate"), "raise_month": str(raise_.get("month", ""))})
    baseline = budget.get("baseline") or {}
    b_years = baseline_years(doc)
    return {
        "proration": budget.get("proration", "half_month"),
        "default_social_fee_rate": budget.get("default_social_fee_rate"),
        "staff": staff,
        "other_costs": [{"label": c.get("label", ""), "party": c.get("party", ""),
                         "amounts": _yearly_amounts(c.get("yearly") or {}, years)}
                        for c in budget.get("other_costs") or []],
        "overhead_label": (budget.get("overhead") or {}).get("label", ""),
        "overhead_rate": (budget.get("overhead") or {}).get("rate"),
        "baseline_label": baseline.get("label", ""),
        "baseline_first_year": b_years[0] if b_years else None,
        "baseline_last_year": b_years[-1] if b_years else None,
        "baseline_rows": [{"label": r.get("label", ""), "amounts": _yearly_amounts(r.get("yearly") or {}, b_years)}
                          for r in baseline.get("rows") or []],
    }


def _month(text) -> int | None:
    """A posted raise month 1–12, or None (the live preview runs before the choice is checked: "1.5", "1e3")."""
    return int(text) if isinstance(text, str) and re.fullmatch(r"[0-9]{1,2}", text) and MONTH.contains(Decimal(text)) \
        else None


def form_baseline_years(form) -> list[str]:
    first, last = form.baseline_first_year.year(), form.baseline_last_year.year()
    if first is None or last is None or last < first or last - first >= MAX_YEAR_COLUMNS:
        return []
    return [str(y) for y in range(int(first), int(last) + 1)]


def _staff_line(row) -> dict:
    line = {"party": row.party.data or "", "role": (row.role.data or "").strip(),
            "fte": _dec(row.fte), "monthly_salary": _dec(row.monthly_salary),
            "start": row.start.date.isoformat() if row.start.date else None,
            "end": row.end.date.isoformat() if row.end.date else None}
    if _dec(row.social_fee_rate) is not None:
        line["social_fee_rate"] = _dec(row.social_fee_rate)
    month = _month(row.raise_month.data)
    if _dec(row.raise_rate) is not None and month is not None:
        line["annual_raise"] = {"rate": _dec(row.raise_rate), "month": month}
    return line


def _amounts(row, years: list[str]) -> dict:
    out = {}
    for year, field in zip(years, row.amounts, strict=False):
        if _dec(field) is not None:
            out[year] = _dec(field)
    return out


def budget_from_form(form, doc: dict) -> dict:
    """The budget part of the document from the budget form (dropping rows left blank)."""
    years = period_years(doc)
    budget = {"proration": form.proration.data,
              "default_social_fee_rate": _dec(form.default_social_fee_rate) or "0",
              "staff": [_staff_line(e.form) for e in form.staff if not e.form.is_blank()],
              "other_costs": []}
    for entry in form.other_costs:
        row = entry.form
        if row.is_blank():
            continue
        cost = {"label": (row.label.data or "").strip(), "yearly": _amounts(row, years)}
        if row.party.data:
            cost["party"] = row.party.data
        budget["other_costs"].append(cost)
    if _dec(form.overhead_rate) is not None:
        budget["overhead"] = {"label": (form.overhead_label.data or "").strip() or "Overhead",
                              "rate": _dec(form.overhead_rate)}
    b_years = form_baseline_years(form)
    rows = [{"label": (e.form.label.data or "").strip(), "yearly": _amounts(e.form, b_years)}
            for e in form.baseline_rows if not e.form.is_blank()]
    if rows or (form.baseline_label.data or "").strip():
        budget["baseline"] = {"label": (form.baseline_label.data or "").strip(), "rows": rows}
    return budget


def budget_apply(form, doc: dict) -> None:
    doc["budget"] = budget_from_form(form, doc)


# ---- signatories -----------------------------------------------------------

def signatories_data(doc: dict) -> dict:
    signatories = doc.get("signatories") or []
    if not signatories:
        signatories = [{"party": p.get("name", "")} for p in doc.get("parties") or []]
    return {"signatories": signatories}


def signatories_apply(form, doc: dict) -> None:
    doc["signatories"] = [
        {"party": e.form.party.data or "", "name": (e.form.name.data or "").strip(),
         "title": (e.form.title.data or "").strip(), "organisation": (e.form.organisation.data or "").strip()}
        for e in form.signatories if (e.form.name.data or "").strip()
    ]
