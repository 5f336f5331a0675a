"""LibreOffice opens the finance workbook, recalculates its formulas and gets the engine's figures."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import openpyxl
import pytest

from builder.appformat import loads
from builder.budget import compute_budget
from builder.xlsx import budget_workbook
from tests.helpers import HELA_FAMILJEN
from tests.render.libreoffice import calc_missing
from tests.unit.test_xlsx import BASELINE_TOTAL, DELTA, REVISED, ROWS, TOTAL, YEAR_TOTALS, row_of

pytestmark = pytest.mark.render


@pytest.fixture(scope="module")
def application():
    return loads(HELA_FAMILJEN.read_text(encoding="utf-8"))


def recalculated(workbook_bytes: bytes, tmp_path: Path):
    """The workbook after LibreOffice opened, recalculated and saved it (values only)."""
    source, out = tmp_path / "budget.xlsx", tmp_path / "out"
    source.write_bytes(workbook_bytes)
    profile = Path(f"/tmp/lo-xlsx-{uuid.uuid4().hex}")
    command = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", "xlsx", "--outdir", str(out), str(source)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    converted = out / "budget.xlsx"
    assert converted.is_file(), f"LibreOffice did not convert: {result.stdout} {result.stderr}"
    return openpyxl.load_workbook(converted, data_only=True)


def test_libreoffice_computes_the_engines_totals(application, tmp_path):
    reason = calc_missing()
    if reason:
        pytest.skip(reason)
    workbook = recalculated(budget_workbook(application), tmp_path)
    ws = workbook["Budget"]
    for row, (_cells, summa, _base, change) in enumerate(ROWS.values(), 5):
        assert (ws[f"E{row}"].value, ws[f"G{row}"].value) == (summa, change)
    assert tuple(ws[f"{c}8"].value for c in "BCD") == YEAR_TOTALS
    assert (ws["E8"].value, ws["G8"].value) == (TOTAL, DELTA)
    assert ws[f"E{row_of(ws, 'Förändring totalt')}"].value == DELTA
    assert ws[f"E{row_of(ws, 'Reviderad total')}"].value == REVISED
    staff = workbook["Personal"]
    lines = compute_budget(application.budget).lines
    assert [staff[f"R{row}"].value for row in range(5, 11)] == [d.total for d in lines]
    assert (tuple(staff[f"{c}11"].value for c in "MOQ"), staff["R11"].value) == (YEAR_TOTALS, TOTAL)
    comparison = workbook["Jämförelse"]
    revised = row_of(comparison, "Reviderad total")
    assert tuple(comparison[f"{c}{revised - 1}"].value for c in "BCD") == (REVISED, BASELINE_TOTAL, DELTA)
    assert comparison[f"B{revised}"].value == REVISED
