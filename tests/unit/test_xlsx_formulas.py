"""The finance workbook's formulas, evaluated exactly (tests/unit/xlsx_eval.py): every staff cost and
party row equals the engine, also after salary, FTE and rate are typed over; the cover sheet; overhead."""
from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
from hypothesis import HealthCheck, given, settings

from builder.appformat import fingerprint, from_dict
from builder.budget import compute_budget
from builder.xlsx import budget_workbook
from builder.xlsx.staff_sheet import staff_layout
from tests.unit.docx_factories import application, minimal_dict
from tests.unit.figure_strategies import (
    edit_first_line,
    figure_applications,
    with_first_line_changed,
    workbook_edits,
)
from tests.unit.xlsx_eval import evaluate


def assert_exact_formulas(workbook, app) -> None:
    """Each staff cost cell and each Budget year cell, evaluated exactly, is the engine's."""
    table = compute_budget(app.budget)
    layout = staff_layout(table)
    for row, detail in enumerate(table.lines, layout.first_row):
        for index, year in enumerate(layout.years):
            cell = workbook["Personal"].cell(row=row, column=layout.cost_column(index)).coordinate
            assert evaluate(workbook, "Personal", cell) == detail.cells.get(year, 0)
    budget = workbook["Budget"]
    for row_number, row in enumerate(table.rows, 5):
        got = [evaluate(workbook, "Budget", budget.cell(row=row_number, column=2 + i).coordinate)
               for i in range(len(table.years))]
        assert got == [row.yearly[y] for y in table.years], row.label


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure_applications(), workbook_edits)
def test_formulas_evaluate_exactly_to_the_engine(data, edit):
    app = from_dict(data)
    data_bytes = budget_workbook(app)
    assert_exact_formulas(openpyxl.load_workbook(io.BytesIO(data_bytes)), app)
    edited = openpyxl.load_workbook(io.BytesIO(edit_first_line(data_bytes, *edit)))
    assert_exact_formulas(edited, with_first_line_changed(app, *edit))


def test_cover_sheet_names_version_fingerprint_status_and_decision():
    app = from_dict(minimal_dict())
    workbook = openpyxl.load_workbook(io.BytesIO(budget_workbook(
        app, version_label="Version 2, inskickad 2026-11-30", status_label="Beviljad",
        decision_date=date(2026, 12, 10), approved_total=400000)))
    cover = workbook["Försättsblad"]
    facts = {cover.cell(row=r, column=1).value: cover.cell(row=r, column=2).value for r in range(3, 11)}
    assert facts["Version"] == "Version 2, inskickad 2026-11-30"
    assert facts["Kontrollsumma"] == fingerprint(app)
    assert facts["Status"] == "Beviljad"
    assert facts["Beslutsdatum"] == datetime(2026, 12, 10)
    assert facts["Sökt belopp"] == compute_budget(app.budget).total == 504000
    assert facts["Beviljat belopp"] == 400000
    draft = openpyxl.load_workbook(io.BytesIO(budget_workbook(app)))["Försättsblad"]
    assert draft["B5"].value == "Utkast" and draft["B7"].value == "–"


def test_cover_of_an_extension_states_the_change_and_the_revised_total():
    cover = openpyxl.load_workbook(io.BytesIO(budget_workbook(application())))["Försättsblad"]
    facts = {cover.cell(row=r, column=1).value: cover.cell(row=r, column=2).value for r in range(3, 12)}
    assert (facts["Sökt belopp (förändring)"], facts["Reviderad total"]) == (1601327, 5419167)


def test_overhead_is_a_rate_cell_times_the_party_rows():
    data = minimal_dict()
    data["budget"]["overhead"] = {"label": "Indirekta kostnader", "rate": "0.15"}
    app = from_dict(data)
    workbook = openpyxl.load_workbook(io.BytesIO(budget_workbook(app)))
    budget = workbook["Budget"]
    rate_row = next(r for r in range(1, budget.max_row + 1) if budget.cell(row=r, column=1).value
                    == "Andel för Indirekta kostnader")
    assert budget[f"B{rate_row}"].value == 0.15
    assert budget["B6"].value == f"=ROUND(ROUND($B${rate_row}*(B5),6),0)"
    assert evaluate(workbook, "Budget", "B6") == compute_budget(app.budget).rows[1].yearly["2024"] == 75600
