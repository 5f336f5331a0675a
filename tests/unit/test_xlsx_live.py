"""The live finance workbook: LibreOffice's recalculation of the staff formulas equals the engine to
the krona for generated applications, also after a salary, an FTE or a rate is changed in the sheet.

All generated workbooks are recalculated by ONE LibreOffice run (it converts many files at once).
"""
from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from builder.appformat import fingerprint, from_dict
from builder.budget import compute_budget
from builder.xlsx import budget_workbook
from builder.xlsx.staff_sheet import staff_layout
from tests.unit.docx_factories import minimal_dict
from tests.unit.figure_strategies import figure_applications
from tests.unit.test_xlsx import calc_missing
from tests.unit.xlsx_eval import evaluate

BATCH = 25


def _changed(app, salary: Decimal, fte: Decimal, rate: Decimal):
    """The application with the first staff line's salary, FTE and social-fee rate changed."""
    first, *rest = app.budget.staff
    line = dataclasses.replace(first, monthly_salary=salary, fte=fte, social_fee_rate=rate)
    return dataclasses.replace(app, budget=dataclasses.replace(app.budget, staff=(line, *rest)))


def _edit_inputs(data: bytes, salary: Decimal, fte: Decimal, rate: Decimal) -> bytes:
    """The workbook with the first staff line's inputs typed over, as a finance officer would."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    ws = workbook["Personal"]
    ws["D5"], ws["C5"], ws["E5"] = float(salary), float(fte), float(rate)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def recalculate_all(files: dict[str, bytes], folder: Path) -> dict[str, openpyxl.Workbook]:
    """Every workbook recalculated and saved by one LibreOffice process."""
    source, out = folder / "in", folder / "out"
    source.mkdir()
    for name, data in files.items():
        (source / f"{name}.xlsx").write_bytes(data)
    profile = Path(f"/tmp/lo-xlsx-{uuid.uuid4().hex}")
    command = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "xlsx", "--outdir", str(out), *sorted(str(p) for p in source.iterdir())]
    try:
        subprocess.run(command, capture_output=True, text=True, timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {name: openpyxl.load_workbook(out / f"{name}.xlsx", data_only=True) for name in files}


def assert_equals_engine(workbook, app) -> None:
    """Every staff cost cell, every Budget row and total as LibreOffice computed them = the engine."""
    table = compute_budget(app.budget)
    layout = staff_layout(table)
    staff = workbook["Personal"]
    for row, detail in enumerate(table.lines, layout.first_row):
        for index, year in enumerate(layout.years):
            got = staff.cell(row=row, column=layout.cost_column(index)).value
            assert got == detail.cells.get(year, 0), (row, year, got, detail.cells)
        assert staff.cell(row=row, column=layout.summa).value == detail.total
    budget = workbook["Budget"]
    for row_number, row in enumerate(table.rows, 5):
        assert budget.cell(row=row_number, column=1).value == row.label
        got = [budget.cell(row=row_number, column=2 + i).value for i in range(len(table.years))]
        assert got == [row.yearly[y] for y in table.years], (row.label, got, row.yearly)
    total_row = 5 + len(table.rows)
    assert budget.cell(row=total_row, column=2 + len(table.years)).value == table.total


applications = st.lists(figure_applications(), min_size=BATCH, max_size=BATCH)
changes = st.tuples(st.integers(1_500_000, 9_000_000).map(lambda n: Decimal(n) / 100),
                    st.sampled_from(["0.5", "0.25", "1.3", "0.75"]).map(Decimal),
                    st.integers(0, 6000).map(lambda n: Decimal(n) / 10000))


@pytest.mark.render
# Hypothesis's first example is its simplest (one short line); the second is a random batch.
@settings(max_examples=2, deadline=None, database=None, phases=(Phase.generate,),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(applications, st.lists(changes, min_size=BATCH, max_size=BATCH))
def test_libreoffice_recalculation_equals_the_engine(tmp_path_factory, datas, edits):
    reason = calc_missing()
    if reason:
        pytest.skip(reason)
    apps = [from_dict(data) for data in datas]
    files = {}
    for i, (app, edit) in enumerate(zip(apps, edits, strict=True)):
        data = budget_workbook(app)
        files[f"a{i:02d}"] = data
        files[f"b{i:02d}"] = _edit_inputs(data, *edit)
    books = recalculate_all(files, tmp_path_factory.mktemp("xlsx"))
    for i, (app, edit) in enumerate(zip(apps, edits, strict=True)):
        assert_equals_engine(books[f"a{i:02d}"], app)
        assert_equals_engine(books[f"b{i:02d}"], _changed(app, *edit))


def assert_exact_formulas(workbook, app) -> None:
    """The same check with the exact evaluator: the formulas' structure is the engine's rule."""
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
@given(figure_applications(), changes)
def test_formulas_evaluate_exactly_to_the_engine(data, edit):
    app = from_dict(data)
    data_bytes = budget_workbook(app)
    assert_exact_formulas(openpyxl.load_workbook(io.BytesIO(data_bytes)), app)
    edited = openpyxl.load_workbook(io.BytesIO(_edit_inputs(data_bytes, *edit)))
    assert_exact_formulas(edited, _changed(app, *edit))


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


def test_cover_of_an_extension_states_the_change_and_the_revised_total():
    from tests.unit.docx_factories import application

    app = application()
    cover = openpyxl.load_workbook(io.BytesIO(budget_workbook(app)))["Försättsblad"]
    facts = {cover.cell(row=r, column=1).value: cover.cell(row=r, column=2).value for r in range(3, 12)}
    assert (facts["Sökt belopp (förändring)"], facts["Reviderad total"]) == (1601327, 5419167)
