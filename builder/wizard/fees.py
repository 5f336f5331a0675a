"""Social fees by party kind: each kind's default rate comes from the admin-maintained presets."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import g

from builder import readiness
from builder.extensions import db
from builder.formatting import percent
from builder.models import FeePreset
from builder.web.locale import current_language


def presets() -> list[FeePreset]:
    """The presets in the admin's order (read once per request)."""
    if "fee_presets" not in g:
        g.fee_presets = db.session.scalars(db.select(FeePreset).order_by(FeePreset.position)).all()
    return g.fee_presets


def default_for_kind(kind: str | None) -> FeePreset | None:
    """The preset that is `kind`'s default: the latest year, then the admin's order."""
    candidates = [p for p in presets() if kind and p.party_kind == kind]
    if not candidates:
        return None
    return min(candidates, key=lambda p: (-(p.year or 0), p.position))


def party_default_texts(doc: dict) -> dict[str, str]:
    """{party name: its kind's default rate as shown in an input ("44,53 %")} for the draft's parties."""
    out = {}
    for party in doc.get("parties") or []:
        preset = default_for_kind(party.get("kind"))
        if preset is not None and party.get("name"):
            out[party["name"]] = percent(preset.rate_decimal, current_language())
    return out


def _zero_or_blank(text: str | None) -> bool:
    cleaned = (text or "").replace("%", "").replace(",", ".").replace("\u00a0", "").strip()
    if not cleaned:
        return True
    try:
        return Decimal(cleaned) == 0
    except InvalidOperation:
        return False


def fill_party_defaults(form, doc: dict) -> None:
    """A staff line with a party and no rate, in a budget without a standard rate, takes its party's default.

    (Without a standard rate such a line would be costed at 0 %: the under-budgeting the presets prevent.)
    """
    if not _zero_or_blank(form.default_social_fee_rate.data):
        return
    defaults = party_default_texts(doc)
    for entry in form.staff:
        row = entry.form
        if row.party.data in defaults and not (row.social_fee_rate.data or "").strip() and not row.is_blank():
            row.social_fee_rate.data = defaults[row.party.data]


def new_staff_line(form, doc: dict) -> None:
    """The line just added takes the party of the line above (or the first party) and, when the budget has no
    standard rate (the line would be costed at 0 %), that party's default rate."""
    rows = form.staff.entries
    if not rows:
        return
    new = rows[-1].form
    parties = [p.get("name") for p in doc.get("parties") or [] if p.get("name")]
    party = rows[-2].form.party.data if len(rows) > 1 and rows[-2].form.party.data else (parties[:1] or [""])[0]
    if party:
        new.party.data = party
        if _zero_or_blank(form.default_social_fee_rate.data):
            new.social_fee_rate.data = party_default_texts(doc).get(party, "")


def budget_warnings(doc: dict) -> list[tuple[str, str]]:
    """(step, message) for what is allowed but probably a mistake (builder/readiness.py, in the user's language)."""
    language = current_language()
    return [(gap.step, readiness.describe(gap, language)) for gap in readiness.budget_warnings(doc)]
