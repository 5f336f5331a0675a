"""The budget engine: pure functions over plain dataclasses (no Flask, SQLAlchemy or WTForms)."""
from .engine import compute_budget, compute_effects, round_kr, staff_line_cost_by_year
from .model import (
    PRORATION_MODES,
    AnnualRaise,
    Baseline,
    BaselineRow,
    Budget,
    BudgetTable,
    EdgeMonth,
    EffectItem,
    EffectResult,
    EffectScenario,
    LineDetail,
    LineYear,
    OtherCost,
    Overhead,
    Revision,
    Row,
    StaffLine,
    YearPart,
    round_half_up,
)
from .output import table_to_json

__all__ = [
    "PRORATION_MODES", "AnnualRaise", "Baseline", "BaselineRow", "Budget", "BudgetTable", "EdgeMonth",
    "EffectItem", "EffectResult", "EffectScenario", "LineDetail", "LineYear", "OtherCost", "Overhead",
    "Revision", "Row", "StaffLine", "YearPart", "compute_budget", "compute_effects", "round_half_up", "round_kr",
    "staff_line_cost_by_year", "table_to_json",
]
