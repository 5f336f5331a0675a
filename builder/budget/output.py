"""The computed table in the spec's output shape (whole kronor as strings)."""
from __future__ import annotations

from typing import Any

from .model import BudgetTable, EffectResult, Row


def _kr(amounts: dict[str, int]) -> dict[str, str]:
    return {year: str(amount) for year, amount in amounts.items()}


def row_to_json(row: Row, with_baseline: bool) -> dict[str, str | dict[str, str]]:
    out: dict[str, str | dict[str, str]] = {"label": row.label, "yearly": _kr(row.yearly), "total": str(row.total)}
    if with_baseline:
        out["baseline_total"] = str(row.baseline_total or 0)
        out["delta"] = str(row.delta if row.delta is not None else row.total)
    return out


def effects_to_json(effects: list[EffectResult]) -> list[dict[str, Any]]:
    return [
        {
            "label": e.label,
            "items": [{"label": item.label, "amount": str(amount)} for item, amount in e.items],
            "total": str(e.total),
            "cost": str(e.cost),
            "net": str(e.net),
        }
        for e in effects
    ]


def table_to_json(table: BudgetTable, effects: list[EffectResult] | None = None) -> dict[str, Any]:
    """`budget --json` output: years, rows, totals (and effects when there are scenarios)."""
    with_baseline = table.has_baseline
    totals = {"yearly": _kr(table.yearly_totals), "total": str(table.total)}
    if with_baseline:
        totals["baseline_total"] = str(table.baseline_total)
        totals["delta"] = str(table.delta)
        totals["revised_total"] = str(table.revised_total)
    out = {
        "years": list(table.years),
        "rows": [row_to_json(r, with_baseline) for r in table.rows],
        "totals": totals,
    }
    if effects:
        out["effects"] = effects_to_json(effects)
    return out
