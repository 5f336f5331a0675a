"""The budget engine reproduces the Hela Familjen extension to the krona (no Flask app)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from builder.budget import compute_budget, table_to_json

from .factories import KOMMUN, OSTERMALM, VILAN, hela_familjen

YEARS = ("2017", "2018", "2019")

# label: (2017, 2018, 2019, total), as printed in the application.
HELA_FAMILJEN_ROWS = {
    KOMMUN: (1_242_640, 2_130_240, 887_600, 4_260_480),
    VILAN: (49_581, 132_216, 55_090, 236_887),
    OSTERMALM: (47_880, 127_680, 53_200, 228_760),
}

HELA_FAMILJEN_JSON = {
    "years": ["2017", "2018", "2019"],
    "rows": [
        {"label": KOMMUN, "yearly": {"2017": "1242640", "2018": "2130240", "2019": "887600"},
         "total": "4260480", "baseline_total": "3124800", "delta": "1135680"},
        {"label": VILAN, "yearly": {"2017": "49581", "2018": "132216", "2019": "55090"},
         "total": "236887", "baseline_total": "0", "delta": "236887"},
        {"label": OSTERMALM, "yearly": {"2017": "47880", "2018": "127680", "2019": "53200"},
         "total": "228760", "baseline_total": "0", "delta": "228760"},
    ],
    "totals": {"yearly": {"2017": "1340101", "2018": "2390136", "2019": "995890"}, "total": "4726127",
               "baseline_total": "3817840", "delta": "1601327", "revised_total": "5419167"},
}


@pytest.fixture(scope="module")
def table():
    return compute_budget(hela_familjen())


def rows_by_label(table):
    return {row.label: row for row in table.rows}


def test_rows_in_first_appearance_order(table):
    assert [row.label for row in table.rows] == [KOMMUN, VILAN, OSTERMALM]
    assert table.years == YEARS


@pytest.mark.parametrize("label", HELA_FAMILJEN_ROWS)
def test_every_cell_to_the_krona(table, label):
    *cells, total = HELA_FAMILJEN_ROWS[label]
    row = rows_by_label(table)[label]
    assert row.yearly == dict(zip(YEARS, cells, strict=False))
    assert row.total == total


def test_totals_deltas_and_revised_total(table):
    assert table.yearly_totals == {"2017": 1_340_101, "2018": 2_390_136, "2019": 995_890}
    assert table.total == 4_726_127
    assert {row.label: row.delta for row in table.rows} == {KOMMUN: 1_135_680, VILAN: 236_887,
                                                          OSTERMALM: 228_760}
    assert rows_by_label(table)[KOMMUN].baseline_total == 3_124_800
    assert table.baseline_total == 3_817_840
    assert table.delta == 1_601_327
    assert table.revised_total == 5_419_167


def test_baseline_rows_not_replaced_carry_over(table):
    carried = {row.label: (row.total, row.delta) for row in table.carried_over}
    assert carried == {"Näsby vårdcentral": (383_040, 0), "Workshops + kompetensutveckling": (60_000, 0),
                       "Utvärdering": (250_000, 0)}


def test_table_to_json_is_the_full_expected_output(table):
    assert table_to_json(table) == HELA_FAMILJEN_JSON


def test_table_to_json_matches_the_spec_example(table, spec_example_output):
    """The spec prints the first row only; years, that row and the totals must match exactly."""
    out = table_to_json(table)
    assert spec_example_output["rows"] == out["rows"][:1]
    assert {k: v for k, v in out.items() if k != "rows"} == {
        k: v for k, v in spec_example_output.items() if k != "rows"}


def test_loaded_example_gives_the_same_table(example_app):
    assert table_to_json(compute_budget(example_app.budget)) == HELA_FAMILJEN_JSON


@pytest.mark.parametrize("label, cells_2019", [
    (KOMMUN, 710_080),      # 4 × 177 520
    (VILAN, 44_072),        # 4 × 11 018
    (OSTERMALM, 42_560),    # 4 × 10 640
])
def test_ending_30_april_2019(label, cells_2019):
    table = compute_budget(hela_familjen(end="2019-04-30"))
    row = rows_by_label(table)[label]
    *cells, _ = HELA_FAMILJEN_ROWS[label]
    assert row.yearly == {"2017": cells[0], "2018": cells[1], "2019": cells_2019}


def test_ending_30_april_2019_totals():
    table = compute_budget(hela_familjen(end="2019-04-30"))
    assert table.yearly_totals == {"2017": 1_340_101, "2018": 2_390_136, "2019": 796_712}
    assert table.total == 4_526_949
    assert table.delta == 4_526_949 - 3_124_800
    assert table.revised_total == 3_817_840 + 1_402_149


@pytest.mark.parametrize("index, full_month, full_year, month, year, cells", [
    (0, "43400", "520800", "86800", "1041600", {"2017": 607_600, "2018": 1_041_600, "2019": 434_000}),
    (1, "44800", "537600", "44800", "537600", {"2017": 313_600, "2018": 537_600, "2019": 224_000}),
    (2, "44800", "537600", "26880", "322560", {"2017": 188_160, "2018": 322_560, "2019": 134_400}),
    (3, "47600", "571200", "19040", "228480", {"2017": 133_280, "2018": 228_480, "2019": 95_200}),
    (4, "55090", "661080", "11018", "132216", {"2017": 49_581, "2018": 132_216, "2019": 55_090}),
    (5, "53200", "638400", "10640", "127680", {"2017": 47_880, "2018": 127_680, "2019": 53_200}),
])
def test_line_detail(table, index, full_month, full_year, month, year, cells):
    detail = table.lines[index]
    assert detail.index == index
    assert detail.social_fee_rate == Decimal("0.40")
    assert detail.monthly_cost_full_time == Decimal(full_month)
    assert detail.yearly_cost_full_time == Decimal(full_year)
    assert detail.monthly_cost == Decimal(month)
    assert detail.yearly_cost == Decimal(year)
    assert detail.cells == cells
    assert detail.total == sum(cells.values())
