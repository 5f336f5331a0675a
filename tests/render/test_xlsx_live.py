"""The live finance workbook: LibreOffice's recalculation of the staff formulas equals the engine to
the krona for generated applications, also after a salary, an FTE or a rate is changed in the sheet.

All generated workbooks are recalculated by ONE LibreOffice run (it converts many files at once).
"""
from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from builder.appformat import from_dict
from builder.budget import compute_budget
from builder.xlsx import budget_workbook
from builder.xlsx.staff_sheet import staff_layout
from tests.render.libreoffice import calc_missing
from tests.unit.figure_strategies import (
    edit_first_line,
    figure_applications,
    with_first_line_changed,
    workbook_edits,
)

pytestmark = pytest.mark.render
BATCH = 25


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


# Hypothesis's first example is its simplest (one short line); the second is a random batch.
@settings(max_examples=2, deadline=None, database=None, phases=(Phase.generate,),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(applications, st.lists(workbook_edits, min_size=BATCH, max_size=BATCH))
def test_libreoffice_recalculation_equals_the_engine(tmp_path_factory, datas, edits):
    reason = calc_missing()
    if reason:
        pytest.skip(reason)
    apps = [from_dict(data) for data in datas]
    files = {}
    for i, (app, edit) in enumerate(zip(apps, edits, strict=True)):
        data = budget_workbook(app)
        files[f"a{i:02d}"] = data
        files[f"b{i:02d}"] = edit_first_line(data, *edit)
    books = recalculate_all(files, tmp_path_factory.mktemp("xlsx"))
    for i, (app, edit) in enumerate(zip(apps, edits, strict=True)):
        assert_equals_engine(books[f"a{i:02d}"], app)
        assert_equals_engine(books[f"b{i:02d}"], with_first_line_changed(app, *edit))
