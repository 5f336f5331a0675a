"""Line-level budget differences between two versions: per staff line and field (salary 32 500 → 34 500,
raise added, FTE changed, line added or removed) and per other cost and year. Values formatted for display."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from builder import formatting
from builder.applications.service import validate
from builder.budget.model import AnnualRaise, OtherCost, StaffLine

MAX_LINES = 2000  # the application format allows 1000 staff lines and 100 other costs per version


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class LineChange:
    label: str
    change: str  # changed | added | removed
    fields: tuple[FieldChange, ...] = ()


def _amount(value, language: str) -> str:
    """An amount as typed, with the currency: "34 500 kr", "1 200,5 kr"."""
    return formatting.decimal(value, language) + formatting.NBSP + "kr"


def _raise_text(value: AnnualRaise | None, language: str) -> str:
    if value is None:
        return "–"
    return _("%(rate)s från månad %(month)s", rate=formatting.percent(value.rate, language), month=value.month)


def _staff_fields(line: StaffLine, language: str) -> dict[str, str]:
    return {
        _("Part"): line.party, _("Roll"): line.role, _("Tjänstgöringsgrad"): formatting.decimal(line.fte, language),
        _("Månadslön"): _amount(line.monthly_salary, language),
        _("Sociala avgifter"): formatting.percent(line.social_fee_rate, language)
        if line.social_fee_rate is not None else _("standard"),
        _("Start"): formatting.long_date(line.start, language), _("Slut"): formatting.long_date(line.end, language),
        _("Årlig löneökning"): _raise_text(line.annual_raise, language),
    }


def _other_fields(cost: OtherCost, language: str) -> dict[str, str]:
    fields = {_("Part"): cost.party or "–"}
    for year, amount in sorted(cost.yearly.items()):
        fields[_("Belopp %(year)s", year=year)] = _amount(amount, language)
    return fields


def _compare(label: str, before: dict[str, str], after: dict[str, str]) -> LineChange | None:
    keys = list(before) + [k for k in after if k not in before]
    changed = tuple(FieldChange(k, before.get(k, "–"), after.get(k, "–")) for k in keys
                    if before.get(k, "–") != after.get(k, "–"))
    return LineChange(label, "changed", changed) if changed else None


def _staff_label(index: int, line: StaffLine) -> str:
    return _("Personalrad %(n)s: %(party)s, %(role)s", n=index + 1, party=line.party, role=line.role)


def _pair_staff(old: tuple[StaffLine, ...], new: tuple[StaffLine, ...]):
    """Unchanged lines first, then lines by party and role in order (a salary change keeps its line), then
    the rest by place."""
    remaining = list(range(len(new)))
    pairs, unmatched = [], []
    for i, line in enumerate(old):
        match = next((j for j in remaining if new[j] == line), None)
        if match is None:
            unmatched.append(i)
        else:
            remaining.remove(match)
            pairs.append((i, match))
    removed = []
    for i in unmatched:
        line = old[i]
        match = next((j for j in remaining if (new[j].party, new[j].role) == (line.party, line.role)), None)
        if match is None:
            removed.append(i)
        else:
            remaining.remove(match)
            pairs.append((i, match))
    for i in list(removed):  # a renamed role on the same place is a change, not a removal and an addition
        if i in remaining:
            removed.remove(i)
            remaining.remove(i)
            pairs.append((i, i))
    return sorted(pairs, key=lambda p: p[1]), removed, remaining


def line_changes(old_doc: dict, new_doc: dict, language: str = "sv") -> list[LineChange] | None:
    """Every changed, added and removed budget line; None when either version does not validate."""
    old_app, _errors = validate(old_doc)
    new_app, _errors = validate(new_doc)
    if old_app is None or new_app is None:
        return None
    old_staff, new_staff = old_app.budget.staff[:MAX_LINES], new_app.budget.staff[:MAX_LINES]
    pairs, removed, added = _pair_staff(old_staff, new_staff)
    out: list[LineChange] = []
    for i, j in pairs:
        change = _compare(_staff_label(j, new_staff[j]), _staff_fields(old_staff[i], language),
                          _staff_fields(new_staff[j], language))
        if change:
            out.append(change)
    out += [LineChange(_staff_label(j, new_staff[j]), "added") for j in added]
    out += [LineChange(_staff_label(i, old_staff[i]), "removed") for i in removed]
    old_costs = {c.label: c for c in old_app.budget.other_costs}
    new_costs = {c.label: c for c in new_app.budget.other_costs}
    for label, cost in new_costs.items():
        name = _("Övrig kostnad: %(label)s", label=label)
        if label not in old_costs:
            out.append(LineChange(name, "added"))
        else:
            change = _compare(name, _other_fields(old_costs[label], language), _other_fields(cost, language))
            if change:
                out.append(change)
    out += [LineChange(_("Övrig kostnad: %(label)s", label=label), "removed")
            for label in old_costs if label not in new_costs]
    return out
