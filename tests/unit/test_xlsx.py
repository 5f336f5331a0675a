"""The finance workbook: the engine's values in every cell, formulas where promised.

The Hela Familjen extension (tests/data) must come out exactly as its application
printed it. Formulas are checked three ways: their text, a small evaluator here (so CI
without LibreOffice still proves they add up), and LibreOffice recalculating them (tests/render/test_xlsx_render.py).
"""
from __future__ import annotations

import dataclasses
import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest

from builder.appformat import loads
from builder.budget import AnnualRaise, Budget, compute_budget, round_kr
from builder.xlsx import budget_workbook
from tests.helpers import HELA_FAMILJEN
from tests.unit.xlsx_eval import evaluate as exact_value

EXAMPLE = HELA_FAMILJEN
YEARS = ("2017", "2018", "2019")
ROWS = {  # label: (yearly cells, Summa, baseline total, change)
    "Kristianstads kommun": ((1242640, 2130240, 887600), 4260480, 3124800, 1135680),
    "Vårdcentralen Vilan": ((49581, 132216, 55090), 236887, 0, 236887),
    "Vårdcentralen Östermalm": ((47880, 127680, 53200), 228760, 0, 228760),
}
YEAR_TOTALS = (1340101, 2390136, 995890)
TOTAL, BASELINE_TOTAL, DELTA, REVISED = 4726127, 3817840, 1601327, 5419167
CARRIED = {"Näsby vårdcentral": 383040, "Workshops + kompetensutveckling": 60000, "Utvärdering": 250000}


@pytest.fixture(scope="module")
def application():
    return loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workbook(application):
    return openpyxl.load_workbook(io.BytesIO(budget_workbook(application)))


def open_workbook(application, **options):
    """Build and reload a workbook for a variant of the example."""
    return openpyxl.load_workbook(io.BytesIO(budget_workbook(application, **options)))


def row_of(ws, label: str, column: int = 1, start: int = 1) -> int:
    """The first row at or after `start` whose cell in `column` is `label`."""
    for row in range(start, ws.max_row + 1):
        if ws.cell(row=row, column=column).value == label:
            return row
    raise AssertionError(f"{label!r} not found in sheet {ws.title}")


def evaluate(ws, coordinate: str):
    """The exact value of a cell, computing the formulas the writer uses (tests/unit/xlsx_eval.py)."""
    return exact_value(ws.parent, ws.title, coordinate)


def test_sheets_and_properties(workbook, application):
    assert workbook.sheetnames == ["Försättsblad", "Budget", "Personal", "Jämförelse"]
    assert workbook.properties.title == application.title
    assert workbook.properties.creator == "FINSAM Ansökningsbyggaren"


def test_budget_heading_header_and_layout(workbook, application):
    ws = workbook["Budget"]
    assert ws["A1"].value == application.title
    assert ws["B2"].value == "Samordningsförbundet Skåne Nordost"
    assert ws["B3"].value == "2017-06-01 – 2019-05-31"
    header = [cell.value for cell in ws[4]]
    assert header == ["Budget (kr)", *YEARS, "Summa", "Tidigare budget", "Förändring"]
    assert all(cell.font.bold for cell in ws[4])
    assert ws.freeze_panes == "B5"
    assert ws.column_dimensions["A"].width >= len("Vårdcentralen Östermalm")
    assert all(ws.column_dimensions[c].width >= 12 for c in "BCDEFG")


def test_budget_values_are_the_engines(workbook, application):
    ws = workbook["Budget"]
    table = compute_budget(application.budget)
    assert [ws.cell(row=r, column=1).value for r in (5, 6, 7)] == list(ROWS)
    for row_number, row in enumerate(table.rows, 5):
        cells, _summa, baseline_total, _change = ROWS[row.label]
        assert ws.cell(row=row_number, column=2).value.startswith("=SUMPRODUCT(EXACT('Personal'!$A$5:$A$10,")
        values = tuple(evaluate(ws, f"{c}{row_number}") for c in "BCD")
        assert values == cells == tuple(row.yearly[y] for y in YEARS)
        assert ws.cell(row=row_number, column=6).value == baseline_total == row.baseline_total
    assert ws["A8"].value == "Totalt"


def test_budget_formulas(workbook):
    ws = workbook["Budget"]
    assert ws["E5"].value == "=SUM(B5:D5)"
    assert ws["G5"].value == "=E5-F5"
    assert [ws[f"{c}8"].value for c in "BCDEG"] == [f"=SUM({c}5:{c}7)" for c in "BCDEG"]
    assert ws["F8"].value is None  # the earlier total includes rows not listed here: see below
    for row_number, (_label, (_cells, summa, _base, change)) in enumerate(ROWS.items(), 5):
        assert ws[f"E{row_number}"].value.startswith("=SUM(")
        assert (evaluate(ws, f"E{row_number}"), evaluate(ws, f"G{row_number}")) == (summa, change)
    assert tuple(evaluate(ws, f"{c}8") for c in "BCD") == YEAR_TOTALS
    assert (evaluate(ws, "E8"), evaluate(ws, "G8")) == (TOTAL, DELTA)


def test_budget_change_totals(workbook):
    ws = workbook["Budget"]
    base, change, revised = (row_of(ws, label) for label in
                             ("Tidigare budget totalt", "Förändring totalt", "Reviderad total"))
    assert ws[f"E{base}"].value == BASELINE_TOTAL
    assert ws[f"E{change}"].value == "=G8"
    assert ws[f"E{revised}"].value == f"=E{base}+E{change}"
    assert (evaluate(ws, f"E{change}"), evaluate(ws, f"E{revised}")) == (DELTA, REVISED)


def test_budget_number_formats(workbook):
    ws = workbook["Budget"]
    for coordinate in ("B5", "D7", "E5", "F5", "B8", "E8"):
        assert ws[coordinate].number_format == "#,##0"
        assert ws[coordinate].alignment.horizontal == "right"
    assert ws["G5"].number_format == ws["G8"].number_format == "+#,##0;-#,##0;0"
    assert ws["B8"].font.bold and ws["A8"].font.bold


def test_staff_sheet(workbook, application):
    ws = workbook["Personal"]
    table = compute_budget(application.budget)
    assert [c.value for c in ws[4]][:11] == [
        "Part", "Roll", "Tjänstgöringsgrad", "Månadslön", "Sociala avgifter", "Start", "Slut",
        "Årlig löneökning", "Löneökning från månad", "Månadskostnad heltid", "Månadskostnad"]
    assert [c.value for c in ws[4]][11:] == ["Månader 2017", "2017", "Månader 2018", "2018", "Månader 2019",
                                             "2019", "Summa"]
    for row, detail in enumerate(table.lines, 5):
        line = detail.line
        values = [ws.cell(row=row, column=c).value for c in range(1, 8)]
        assert values == [line.party, line.role, float(line.fte), int(line.monthly_salary), 0.4,
                          datetime(line.start.year, line.start.month, line.start.day),
                          datetime(line.end.year, line.end.month, line.end.day)]
        # The monthly costs and every year's cost are formulas of the inputs, equal to the engine.
        assert ws.cell(row=row, column=10).value == f"=D{row}*(1+E{row})"
        assert ws.cell(row=row, column=11).value == f"=J{row}*C{row}"
        assert evaluate(ws, f"J{row}") == detail.monthly_cost_full_time
        assert evaluate(ws, f"K{row}") == detail.monthly_cost
        assert tuple(ws[f"{c}{row}"].value for c in "LNP") == tuple(float(y.months) for y in detail.years)
        assert ws[f"M{row}"].value == f"=ROUND(ROUND($D{row}*(1+$E{row})*$C{row}*L{row},6),0)"
        assert tuple(evaluate(ws, f"{c}{row}") for c in "MOQ") == tuple(detail.cells[y] for y in YEARS)
        assert ws.cell(row=row, column=18).value == f"=SUM(M{row},O{row},Q{row})"
        assert evaluate(ws, f"R{row}") == detail.total
    assert (ws["E5"].number_format, ws["F5"].number_format, ws["G5"].number_format) == \
        ("0.00%", "yyyy-mm-dd", "yyyy-mm-dd")
    assert (evaluate(ws, "J5"), evaluate(ws, "K5"), ws["L9"].value, evaluate(ws, "M9")) == (43400, 86800, 4.5, 49581)
    assert ws["A11"].value == "Totalt"
    assert [ws[f"{c}11"].value for c in "MOQR"] == [f"=SUM({c}5:{c}10)" for c in "MOQR"]
    assert tuple(evaluate(ws, f"{c}11") for c in "MOQ") == YEAR_TOTALS
    assert evaluate(ws, "R11") == TOTAL
    assert ws.freeze_panes == "C5"


def test_staff_sheet_annual_raise_and_decimals(application):
    first, *rest = application.budget.staff
    raised = dataclasses.replace(first, monthly_salary=Decimal("31000.50"),
                                 annual_raise=AnnualRaise(Decimal("0.03"), 4))
    budget = dataclasses.replace(application.budget, staff=(raised, *rest))
    ws = open_workbook(dataclasses.replace(application, budget=budget))["Personal"]
    assert (ws["H5"].value, ws["H5"].number_format, ws["I5"].value) == (0.03, "0.00%", 4)
    assert (ws["D5"].value, ws["D5"].number_format) == (31000.5, "#,##0.00")
    assert ws["H6"].value is None and ws["I6"].value is None
    detail = compute_budget(budget).lines[0]
    # Per year: months before the year's raise, months after it, and the cost with both.
    assert [c.value for c in ws[4]][11:14] == ["Månader 2017", "Månader efter höjning 2017", "2017"]
    assert (ws["L5"].value, ws["M5"].value, ws["O5"].value, ws["P5"].value) == (7, 0, 3, 9)
    assert ws["Q5"].value == "=ROUND(ROUND($D5*(1+$E5)*$C5*(O5*(1+$H5)^0+P5*(1+$H5)^1),6),0)"
    assert tuple(evaluate(ws, f"{c}5") for c in "NQT") == tuple(detail.cells[y] for y in YEARS)
    assert detail.cells["2018"] == round_kr(Decimal("31000.50") * Decimal("1.4") * 2 * (3 + 9 * Decimal("1.03")))


def test_comparison_sheet_baseline_table(workbook):
    ws = workbook["Jämförelse"]
    header = row_of(ws, "Budget (kr)")
    assert [c.value for c in ws[header]][:6] == ["Budget (kr)", "2015", "2016", "2017", "2018", "Summa"]
    kommun = header + 1
    assert [ws.cell(row=kommun, column=c).value for c in range(1, 6)] == \
        ["Kristianstads kommun", 260400, 1041600, 1041600, 781200]
    assert ws[f"F{kommun}"].value == f"=SUM(B{kommun}:E{kommun})"
    total = row_of(ws, "Totalt", start=header)
    assert ws[f"F{total}"].value == f"=SUM(F{kommun}:F{total - 1})"
    assert evaluate(ws, f"F{total}") == BASELINE_TOTAL
    assert evaluate(ws, f"F{row_of(ws, 'Näsby vårdcentral')}") == CARRIED["Näsby vårdcentral"]


def test_comparison_sheet_changes(workbook):
    ws = workbook["Jämförelse"]
    header = row_of(ws, "Ny budget", column=2)
    assert [c.value for c in ws[header]][:5] == ["Budget (kr)", "Ny budget", "Tidigare budget",
                                                 "Förändring", "Anmärkning"]
    for row in range(header + 1, header + 4):
        _cells, summa, baseline_total, change = ROWS[ws[f"A{row}"].value]
        assert ws[f"B{row}"].value == f"='Budget'!E{row - header + 4}"  # follows the Budget sheet
        assert (evaluate(ws, f"B{row}"), ws[f"C{row}"].value) == (summa, baseline_total)
        assert ws[f"D{row}"].value == f"=B{row}-C{row}" and evaluate(ws, f"D{row}") == change
    for row in range(header + 4, header + 7):
        total = CARRIED[ws[f"A{row}"].value]
        assert (ws[f"B{row}"].value, ws[f"C{row}"].value, evaluate(ws, f"D{row}")) == (total, total, 0)
        assert ws[f"E{row}"].value == "oförändrad"
    total = row_of(ws, "Totalt", start=header)
    assert [ws[f"{c}{total}"].value for c in "BCD"] == [f"=SUM({c}{header + 1}:{c}{total - 1})" for c in "BCD"]
    assert tuple(evaluate(ws, f"{c}{total}") for c in "BCD") == (REVISED, BASELINE_TOTAL, DELTA)
    revised = row_of(ws, "Reviderad total", start=total)
    assert ws[f"B{revised}"].value == f"=C{total}+D{total}"
    assert evaluate(ws, f"B{revised}") == REVISED


def test_without_baseline(application):
    budget = dataclasses.replace(application.budget, baseline=None)
    workbook = open_workbook(dataclasses.replace(application, budget=budget))
    assert workbook.sheetnames == ["Försättsblad", "Budget", "Personal"]
    ws = workbook["Budget"]
    assert [c.value for c in ws[4]] == ["Budget (kr)", *YEARS, "Summa"]
    assert evaluate(ws, "E8") == TOTAL
    assert all(ws.cell(row=r, column=1).value != "Reviderad total" for r in range(1, ws.max_row + 1))


def test_english(application):
    workbook = open_workbook(dataclasses.replace(application, language="en"))
    assert workbook.sheetnames == ["Cover", "Budget", "Staff", "Comparison"]
    ws = workbook["Budget"]
    assert [c.value for c in ws[4]] == ["Budget (SEK)", *YEARS, "Sum", "Previous budget", "Change"]
    assert ws["A8"].value == "Total"
    assert row_of(ws, "Revised total")
    assert workbook["Staff"]["C4"].value == "FTE"


def test_status_and_approved_total(application):
    ws = open_workbook(application, approved_total=4700000, status_label="Beviljad")["Budget"]
    status = row_of(ws, "Status")
    assert ws[f"B{status}"].value == "Beviljad"
    approved = row_of(ws, "Beviljat belopp")
    assert (ws[f"E{approved}"].value, ws[f"E{approved}"].number_format) == (4700000, "#,##0")


def test_empty_budget_has_no_broken_formulas(application):
    workbook = open_workbook(dataclasses.replace(application, budget=Budget()))
    ws = workbook["Budget"]
    assert [c.value for c in ws[4]] == ["Budget (kr)", "Summa"]
    assert (ws["A5"].value, ws["B5"].value) == ("Totalt", 0)
    assert workbook["Personal"]["A5"].value == "Totalt"
