"""The export to Uppföljning Finsam (CSV, XLSX) and the portfolio workbook, cell by cell."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from builder.national.figures import InsatsFacts, NationalRow, Participants, portfolio
from builder.xlsx.national import NATIONAL_COLUMNS, national_csv, national_xlsx, portfolio_xlsx


def _rows() -> list[NationalRow]:
    return [
        NationalRow(name="=HYPERLINK(\"http://x\")", case_number="FINSAM 2026/1", focus="Individinriktad",
                    target_group="Unga vuxna; 16–29 år", start=date(2026, 1, 1), end=date(2027, 6, 30),
                    budget=1_340_101, outcome=250_000, planned_participants=40,
                    participants=Participants(7, 6, 1)),
        NationalRow(name="Strukturen", case_number="FINSAM 2026/2", focus="", target_group="", start=None,
                    end=None, budget=None, outcome=0, planned_participants=None, participants=Participants()),
    ]


def test_csv_has_bom_semicolons_header_and_guarded_text():
    text = national_csv(_rows())
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert tuple(lines[0]) == NATIONAL_COLUMNS
    assert lines[1] == ["'=HYPERLINK(\"http://x\")", "FINSAM 2026/1", "Individinriktad", "Unga vuxna; 16–29 år",
                        "2026-01-01", "2027-06-30", "1340101", "250000", "40", "7", "6", "1", "14"]
    assert lines[2] == ["Strukturen", "FINSAM 2026/2", "", "", "", "", "", "0", "", "0", "0", "0", "0"]
    assert text.count("\r\n") == 3


def test_xlsx_has_numbers_as_numbers_and_dates_as_dates():
    ws = load_workbook(io.BytesIO(national_xlsx(_rows()))).active
    assert tuple(c.value for c in ws[1]) == NATIONAL_COLUMNS
    first = [c.value for c in ws[2]]
    assert first[0] == "=HYPERLINK(\"http://x\")" and ws.cell(2, 1).data_type == "s"  # text, never a formula
    assert first[1:4] == ["FINSAM 2026/1", "Individinriktad", "Unga vuxna; 16–29 år"]
    assert first[4:6] == [datetime(2026, 1, 1), datetime(2027, 6, 30)]
    assert first[6:] == [1_340_101, 250_000, 40, 7, 6, 1, 14]
    assert all(isinstance(v, int) for v in first[6:])
    assert ws.cell(2, 7).number_format == "#,##0"
    second = [c.value for c in ws[3]]
    assert second == ["Strukturen", "FINSAM 2026/2", None, None, None, None, None, 0, None, 0, 0, 0, 0]
    assert ws.max_row == 3


def test_portfolio_workbook():
    value = portfolio(2026, 1_000_000, [
        InsatsFacts(application_id=1, name="A", case_number="FINSAM 2026/1", case_year=2026, case_sequence=1,
                    approved_amount=600_000, outcome=250_000),
        InsatsFacts(application_id=2, name="B", case_number="FINSAM 2026/2", case_year=2026, case_sequence=2,
                    approved_amount=500_000, outcome=0)])
    ws = load_workbook(io.BytesIO(portfolio_xlsx(value, "Samordningsförbundet Test", lambda s, **kw: s % kw
                                                 if kw else s))).active
    cells = {(r, c): ws.cell(r, c).value for r in range(1, 15) for c in range(1, 6)}
    assert cells[(1, 1)] == "Portfölj 2026" and cells[(2, 2)] == "Samordningsförbundet Test"
    assert [cells[(r, 1)] for r in range(4, 9)] == ["Ram", "Beviljade åtaganden", "Redovisat utfall",
                                                    "Kvar av ramen", "Ej förbrukat av åtagandena"]
    assert [cells[(r, 2)] for r in range(4, 9)] == [1_000_000, 1_100_000, 250_000, -100_000, 850_000]
    assert [cells[(10, c)] for c in range(1, 6)] == ["Diarienummer", "Insats", "Beviljat", "Utfall", "Ej förbrukat"]
    assert [cells[(11, c)] for c in range(1, 6)] == ["FINSAM 2026/1", "A", 600_000, 250_000, 350_000]
    assert [cells[(12, c)] for c in range(1, 6)] == ["FINSAM 2026/2", "B", 500_000, 0, 500_000]
    assert [cells[(13, c)] for c in range(2, 6)] == ["Summa", 1_100_000, 250_000, 850_000]


def test_portfolio_workbook_without_a_frame():
    ws = load_workbook(io.BytesIO(portfolio_xlsx(portfolio(2030, None, []), "X", lambda s, **kw: s % kw
                                                 if kw else s))).active
    assert ws.cell(4, 2).value == "Ingen ram satt" and ws.cell(7, 2).value == "Ingen ram satt"
