"""Write an Application back to finsam-application JSON, and its fingerprint."""
from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from builder.budget.model import Budget, EffectScenario, StaffLine

from .model import FORMAT_NAME, FORMAT_VERSION, SECTION_KEYS, Application


def _d(value: Decimal) -> str:
    """Decimal text without an exponent, keeping what was written ("2.0" stays "2.0")."""
    return format(value, "f")


def _yearly(yearly: dict[str, Decimal]) -> dict[str, str]:
    return {year: _d(amount) for year, amount in yearly.items()}


def _staff_line(line: StaffLine) -> dict[str, Any]:
    out: dict[str, Any] = {
        "party": line.party,
        "role": line.role,
        "fte": _d(line.fte),
        "monthly_salary": _d(line.monthly_salary),
        "start": line.start.isoformat(),
        "end": line.end.isoformat(),
    }
    if line.social_fee_rate is not None:
        out["social_fee_rate"] = _d(line.social_fee_rate)
    if line.annual_raise is not None:
        out["annual_raise"] = {"rate": _d(line.annual_raise.rate), "month": line.annual_raise.month}
    return out


def budget_to_dict(budget: Budget) -> dict[str, Any]:
    out: dict[str, Any] = {
        "proration": budget.proration,
        "default_social_fee_rate": _d(budget.default_social_fee_rate),
        "staff": [_staff_line(line) for line in budget.staff],
        "other_costs": [
            {"label": c.label, **({"party": c.party} if c.party else {}), "yearly": _yearly(c.yearly)}
            for c in budget.other_costs
        ],
    }
    if budget.overhead is not None:
        out["overhead"] = {"label": budget.overhead.label, "rate": _d(budget.overhead.rate)}
    if budget.baseline is not None:
        out["baseline"] = {
            "label": budget.baseline.label,
            "rows": [{"label": r.label, "yearly": _yearly(r.yearly)} for r in budget.baseline.rows],
        }
    return out


def _scenario(scenario: EffectScenario) -> dict[str, Any]:
    out: dict[str, Any] = {
        "label": scenario.label,
        "items": [
            {"label": i.label, "persons": _d(i.persons), "cost_per_day": _d(i.cost_per_day),
             "months": _d(i.months), "days_per_month": _d(i.days_per_month)}
            for i in scenario.items
        ],
    }
    if scenario.cost is not None:
        out["cost"] = _d(scenario.cost)
    return out


def to_dict(app: Application) -> dict[str, Any]:
    """The application as a finsam-application JSON object (amounts as decimal strings)."""
    out = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "language": app.language,
        "kind": app.kind,
        "title": app.title,
        "association": app.association,
        "process_owner": app.process_owner,
        "period": {"start": app.period.start.isoformat(), "end": app.period.end.isoformat()},
        "parties": [{"name": p.name, "kind": p.kind} for p in app.parties],
        "sections": {k: app.sections[k] for k in SECTION_KEYS if k in app.sections},
        "risks": [
            {"area": r.area, "party": r.party, "description": r.description,
             "likelihood": str(r.likelihood), "consequence": str(r.consequence),
             "mitigation": r.mitigation}
            for r in app.risks
        ],
        "signatories": [
            {"party": s.party, "name": s.name, "title": s.title, "organisation": s.organisation}
            for s in app.signatories
        ],
        "budget": budget_to_dict(app.budget),
    }
    if app.effects:
        out["effects"] = [_scenario(s) for s in app.effects]
    return out


def dumps(app: Application) -> str:
    """Readable JSON (two-space indent, UTF-8 text kept as is)."""
    return json.dumps(to_dict(app), ensure_ascii=False, indent=2) + "\n"


def canonical_json(app: Application) -> str:
    """Sorted keys, no spaces: the text the fingerprint is taken of."""
    return json.dumps(to_dict(app), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fingerprint(app: Application) -> str:
    """First 12 hex digits of SHA-256 of the canonical JSON: matches a signed copy to a version."""
    # surrogatepass: a lone surrogate (legal in JSON text) must not crash; valid text hashes the same.
    return hashlib.sha256(canonical_json(app).encode("utf-8", "surrogatepass")).hexdigest()[:12]
