"""The layouts applicants write (issue 15): each read and checked right, in a Word table."""
from decimal import Decimal

import pytest

from builder.checkdocx import check_docx, report_text

from .checkdocx_docs import docx_bytes


def table_of(*blocks):
    (report,) = check_docx(docx_bytes(*blocks)).tables
    return report


def findings(*blocks):
    return [(f.kind, f.row, f.column, f.stated, f.expected) for f in check_docx(docx_bytes(*blocks)).findings]


def d(value):
    return Decimal(value)


BODY = [["Kommunen", "100", "200", "300", "600"], ["Regionen", "10", "20", "30", "60"],
        ["Totalt", "110", "220", "330", "660"]]


@pytest.mark.parametrize("headers", [
    ["2024", "2025", "2026 (jan–jun):"], ["2024", "2025", "2026 prel."], ["2024 kr", "2025 kr", "2026 kr"],
    ["Budget 2024", "Budget 2025", "Budget 2026"], ["Jul–dec 2024", "2025", "Jan–jun 2026"],
])
def test_year_headers_with_more_than_the_year_keep_every_column(headers):
    report = table_of([["", *headers, "Summa"], *BODY])
    assert report.table.years == ("2024", "2025", "2026")
    assert report.findings == ()
    wrong = [["", *headers, "Summa"], ["Kommunen", "100", "200", "301", "600"], *BODY[1:]]
    assert findings(wrong) == [("cell", "Kommunen", "2026", d(301), d(300))]


def test_a_header_with_two_years_is_no_year_column():
    report = table_of([["", "2024", "2025", "Summa 2024–2025"], ["A", "1", "2", "3"], ["Totalt", "1", "2", "3"]])
    assert report.table.years == ("2024", "2025") and report.table.sum_column == "Summa 2024–2025"


def test_a_participants_table_is_counts_and_its_unique_total_is_no_sum():
    rows = [["Deltagare", "2024", "2025", "Totalt (unika)"], ["Kvinnor", "30", "40", "55"],
            ["Män", "20", "25", "38"], ["Totalt", "50", "65", "93"]]
    report = table_of(rows)
    assert report.table.unit == "count" and report.table.sum_column is None
    assert report.findings == ()
    rows[3][2] = "70"
    report = table_of(rows)
    assert [(f.kind, f.stated, f.expected, f.unit) for f in report.findings] == [("column_sum", 70, 65, "count")]
    text = report_text(check_docx(docx_bytes(rows)))
    assert "Totalt, 2025: står 70 men raderna ovanför ger 65 (skillnad +5)." in text and " kr" not in text


def test_a_key_figure_total_is_a_figure_of_its_own():
    rows = [["Nyckeltal", "2024", "2025", "2026"], ["Antal inskrivna", "48", "61", "57"],
            ["Totalt antal avslut", "31", "44", "40"]]
    report = table_of(rows)
    assert report.table.unit == "count" and [r.role for r in report.table.rows] == ["item", "item"]
    assert report.findings == ()


@pytest.mark.parametrize("label", ["Kostnader totalt", "Sökt belopp totalt", "Summa kostnader", "Total kostnad",
                                   "Totalt sökt"])
def test_total_rows_with_other_labels(label):
    rows = [["", "2025", "2026"], ["Kommunen", "1 000", "2 000"], ["Regionen", "500", "500"], [label, "1 500", "2 600"]]
    assert findings(rows) == [("column_sum", label, "2026", d(2600), d(2500))]


def test_a_sum_column_before_the_years():
    rows = [["Post", "Summa", "2025", "2026"], ["Kommunen", "3 000", "1 000", "2 000"],
            ["Regionen", "1 000", "500", "400"]]
    report = table_of(rows)
    assert report.table.sum_column == "Summa" and report.table.rows[0].label == "Kommunen"
    assert findings(rows) == [("row_sum", "Regionen", "Summa", d(1000), d(900))]


def test_a_totalt_header_merged_down_over_two_header_rows():
    import io

    import docx

    document = docx.Document()
    rows = [["Part", "Kostnad per år", "", "Totalt"], ["", "2025", "2026", ""], ["Kommunen", "1 000", "2 000", "3 000"],
            ["Regionen", "500", "500", "1 000"], ["Summa", "1 500", "2 500", "4 100"]]
    table = document.add_table(rows=5, cols=4)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(0, 3).merge(table.cell(1, 3)).text = "Totalt"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Kostnad per år"
    buffer = io.BytesIO()
    document.save(buffer)
    (report,) = check_docx(buffer.getvalue()).tables
    assert report.table.sum_column == "Totalt"
    assert [(f.kind, f.row, f.column) for f in report.findings] == [("cell", "Summa", "Totalt")]


def test_a_table_continued_in_a_second_word_table():
    first = [["", "2025", "2026", "Summa"], ["Kommunen", "1 000", "2 000", "3 000"]]
    second = [["Regionen", "500", "500", "1 000"], ["Totalt", "1 500", "2 600", "4 000"]]
    report = table_of("Budget", first, "", second)
    assert [row.label for row in report.table.rows] == ["Kommunen", "Regionen", "Totalt"]
    assert [(f.kind, f.row, f.column) for f in report.findings] == [("cell", "Totalt", "2026")]


def test_a_second_table_of_other_columns_is_not_a_continuation():
    first = [["", "2025", "2026", "Summa"], ["Kommunen", "1 000", "2 000", "3 000"]]
    other = [["Risk", "Åtgärd"], ["Sjukdom", "Vikarie"]]
    assert len(table_of("Budget", first, "", other).table.rows) == 1


def test_an_explicit_change_column_against_the_approved_budget():
    approved = [["", "2024", "2025", "Summa"], ["Kommunen", "1 000", "1 000", "2 000"],
                ["Totalt", "1 000", "1 000", "2 000"]]
    extended = [["", "2024", "2025", "2026", "Summa", "Förändring"],
                ["Kommunen", "1 000", "1 000", "1 000", "3 000", "+1 000"],
                ["Regionen", "", "", "500", "500", "ökning med 500 kr"],
                ["Totalt", "1 000", "1 000", "1 500", "3 500", "+1 600"]]
    assert findings(approved, extended) == [("delta", "Totalt", "Förändring", d(1600), d(1500))]


def test_a_skillnad_column_between_two_years():
    rows = [["", "2025", "2026", "Skillnad"], ["Kommunen", "240 000", "480 000", "+240 000"],
            ["Regionen", "300 000", "198 000", "\u2212102 000"], ["Totalt", "540 000", "678 000", "+138 000"]]
    assert findings(rows) == []
    rows[2][3] = "\u2212100 000"
    assert findings(rows) == [("delta", "Regionen", "Skillnad", d(-100000), d(-102000))]


PERIOD = ("Samordnare: 0,5 tjänst fr.o.m. den 1 mars 2025. Heltidslönen uppskattas till 35 000 kr/mån x "
          "sociala avgifter = 49 000 kr/mån. För 0,5 tjänst blir månadslönen 24 500 kr/mån.")
OTHER = "Projektledare: heltidslönen är 40 000 kr/mån x sociala avgifter = 56 000 kr/mån."


def test_a_two_year_table_without_a_stated_end_is_still_checked():
    def table(first):
        return [["", "2025", "2026", "Summa"], ["Samordnare", first, "294 000", "x"], ["Totalt", first, "294 000", "x"]]
    assert findings(OTHER, PERIOD, table("245 000")) == []
    assert findings(OTHER, PERIOD, table("294 000")) == [("period", "Samordnare", "2025", d(294000), d(245000))]


def test_a_table_split_with_its_header_repeated_is_one_table():
    first = [["", "2025", "2026", "Summa"], ["Kommunen", "1 000", "2 000", "3 000"]]
    second = [["", "2025", "2026", "Summa"], ["Regionen", "500", "500", "1 000"],
              ["Totalt", "1 500", "2 500", "4 000"]]
    report = table_of("Budget", first, "Budget (forts.)", second)
    assert [row.label for row in report.table.rows] == ["Kommunen", "Regionen", "Totalt"]
    assert report.findings == ()


def test_unique_people_and_averages_in_a_count_table_are_no_sums():
    rows = [["Nyckeltal", "2024", "2025", "Totalt"], ["Antal deltagare", "30", "40", "70"],
            ["Antal unika deltagare", "30", "40", "55"], ["Genomsnittlig tid i insatsen (mån)", "6", "8", "7"]]
    report = table_of(rows)
    assert report.table.unit == "count" and report.findings == ()
    rows[1][3] = "71"
    assert findings(rows) == [("row_sum", "Antal deltagare", "Totalt", d(71), d(70))]


def test_a_table_of_scores_is_no_budget():
    rows = [["Uppföljning", "2024", "2025"], ["Nöjdhet kvinnor", "4,1", "4,3"], ["Nöjdhet män", "3,9", "4,0"],
            ["Totalt", "4,0", "4,2"]]
    assert check_docx(docx_bytes(rows)).tables == ()


def test_a_table_of_posts_adds_up_like_money():
    rows = [["Tjänst", "2025", "2026"], ["Socionom", "1,0", "1,0"], ["Sjuksköterska", "0,5", "0,5"],
            ["Totalt", "1,5", "1,4"]]
    assert [(f.kind, f.column) for f in check_docx(docx_bytes(rows)).findings] == [("column_sum", "2026")]


def test_a_word_that_only_begins_like_money_does_not_make_counts_money():
    rows = [["Deltagare", "2024", "2025", "Totalt (unika)"], ["I lönesubventionerad anställning", "12", "15", "20"],
            ["I studier", "8", "9", "14"], ["Totalt", "20", "24", "34"]]
    report = table_of(rows)
    assert report.table.unit == "count" and report.findings == ()


def test_a_unique_total_column_is_no_sum_in_a_money_table_either():
    rows = [["", "2024", "2025", "Totalt (unika)"], ["Kostnad kr", "100", "200", "250"], ["Summa", "100", "200", "250"]]
    assert table_of(rows).table.sum_column is None
