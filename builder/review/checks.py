"""The reviewer's budget check panel: every inconsistency the engine can see in a document."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _

from builder import formatting
from builder.applications.service import validate
from builder.budget import compute_budget
from builder.web.locale import current_language

USUAL_RATE_MAX = Decimal("0.60")


def budget_findings(doc: dict, parent_approved_total: int | None = None) -> list[str]:
    """Messages for a reviewer; an empty list means nothing to remark on."""
    findings: list[str] = []
    validated, errors = validate(doc)
    findings += errors
    parties = {p.get("name") for p in doc.get("parties") or []}
    budget = doc.get("budget") or {}
    default_rate = Decimal(str(budget.get("default_social_fee_rate") or "0"))
    for i, line in enumerate(budget.get("staff") or []):
        rate = Decimal(str(line.get("social_fee_rate") or default_rate))
        if not Decimal(0) <= rate <= USUAL_RATE_MAX:
            findings.append(_("Personalrad %(n)s (%(role)s): sociala avgifter %(rate)s %% ligger utanför det vanliga "
                              "intervallet 0–60 %%.", n=i + 1, role=line.get("role", ""),
                              rate=formatting.decimal(rate * 100, current_language())))
        if line.get("party") not in parties:
            findings.append(_("Personalrad %(n)s: parten %(party)s finns inte bland de sökande parterna.",
                              n=i + 1, party=line.get("party") or "–"))
    signed = {s.get("party") for s in doc.get("signatories") or []}
    for party in sorted(p for p in parties if p and p not in signed):
        findings.append(_("Firmatecknare saknas för %(party)s.", party=party))
    if parent_approved_total is not None and validated is not None and validated.budget.baseline is not None:
        table = compute_budget(validated.budget)
        if table.baseline_total != parent_approved_total:
            findings.append(_("Jämförelsebudgetens total %(baseline)s kr skiljer sig från det beviljade beloppet "
                              "%(approved)s kr.", baseline=formatting.number(table.baseline_total, current_language()),
                              approved=formatting.number(parent_approved_total, current_language())))
    return findings
