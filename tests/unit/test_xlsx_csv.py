"""The reviewers' application list as CSV for a Swedish Excel: BOM, `;`, quoting, no formulas."""
from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from builder.xlsx import application_list_csv

HEADER = ["id", "title", "status", "association", "parties", "period_start", "period_end", "total",
          "delta"]
HELA_FAMILJEN = {
    "id": 7, "title": "Hela Familjen – utökning av försöksverksamhet", "status": "Inskickad",
    "association": "Samordningsförbundet Skåne Nordost",
    "parties": ["Kristianstads kommun", "Vårdcentralen Vilan", "Vårdcentralen Östermalm"],
    "period_start": date(2017, 6, 1), "period_end": date(2019, 5, 31),
    "total": 4726127, "delta": 1601327,
}


def parse(text: str) -> list[list[str]]:
    """Read the CSV back the way Excel does: UTF-8 with BOM, `;` separated."""
    data = text.encode("utf-8")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_bom_separator_and_header():
    text = application_list_csv([HELA_FAMILJEN])
    assert text.startswith("\ufeff")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    assert text[1:].split("\r\n")[0] == ";".join(HEADER)
    assert parse(text)[0] == HEADER


def test_row_values_and_swedish_characters():
    rows = parse(application_list_csv([HELA_FAMILJEN]))
    assert rows[1] == [
        "7", "Hela Familjen – utökning av försöksverksamhet", "Inskickad",
        "Samordningsförbundet Skåne Nordost",
        "Kristianstads kommun, Vårdcentralen Vilan, Vårdcentralen Östermalm",
        "2017-06-01", "2019-05-31", "4726127", "1601327",
    ]
    assert "Östermalm".encode() in application_list_csv([HELA_FAMILJEN]).encode("utf-8")


def test_quoting_of_separator_quotes_and_newlines():
    title = 'Familj; "Vilan"\nrad två'
    text = application_list_csv([{**HELA_FAMILJEN, "title": title}])
    assert '"Familj; ""Vilan""\nrad två"' in text
    assert parse(text)[1][1] == title


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+46 44", "-1+2", "@SUM(A1)",
                                  "\tflik", "\rvagn"])
def test_formula_injection_is_neutralised(text):
    row = {**HELA_FAMILJEN, "title": text, "association": text, "status": text, "parties": [text]}
    parsed = parse(application_list_csv([row]))[1]
    for index in (1, 2, 3, 4):
        assert parsed[index] == "'" + text


def test_numbers_are_not_guarded_and_missing_values_are_empty():
    rows = parse(application_list_csv([{"id": 3, "title": "Ny", "total": Decimal("0"), "delta": -20000}]))
    assert rows[1] == ["3", "Ny", "", "", "", "", "", "0", "-20000"]


def test_empty_list_has_only_the_header():
    assert parse(application_list_csv([])) == [HEADER]
