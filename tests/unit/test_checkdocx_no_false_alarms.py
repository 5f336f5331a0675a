"""A correct application in another style: subtotals, a financing part, a comment column, "varav"."""
import copy
from decimal import Decimal

from builder.checkdocx import check_docx

from .checkdocx_docs import docx_bytes

TABLE = [
    ["Kostnadsslag", "2024", "2025", "2026", "Totalt", "Kommentar"],
    ["Personalkostnader", "", "", "", "", ""],
    ["Projektledare 1,0 tjänst", "285 600", "571 200", "285 600", "1 142 400", "fr.o.m. 1 juli 2024"],
    ["Socialsekreterare 0,5 tjänst", "133 000", "266 000", "133 000", "532 000", ""],
    ["Summa personal", "418 600", "837 200", "418 600", "1 674 400", ""],
    ["Övriga kostnader", "", "", "", "", ""],
    ["Utbildning", "10 000", "20 000", "10 000", "40 000", ""],
    ["Resor", "5 000", "10 000", "5 000", "20 000", ""],
    ["Utvärdering", "–", "50 000", "50 000", "100 000", "extern"],
    ["Summa övrigt", "15 000", "80 000", "65 000", "160 000", ""],
    ["Totalt", "433 600", "917 200", "483 600", "1 834 400", ""],
    ["varav lönekostnader", "418 600", "837 200", "418 600", "1 674 400", ""],
    ["Finansiering", "", "", "", "", ""],
    ["Samordningsförbundet", "433 600", "917 200", "483 600", "1 834 400", ""],
    ["Summa finansiering", "433 600", "917 200", "483 600", "1 834 400", ""],
]
TEXT = [
    "Budget",
    "Projektledare: 1,0 tjänst fr.o.m. den 1 juli 2024 t.o.m. den 30 juni 2026. Månadslönen är "
    "34 000 kr/mån x sociala avgifter (40 %) = 47 600 kr/mån, vilket ger 571 200 kr/år. "
    "För 1,0 tjänst blir det 47 600 kr/mån.",
    "Socialsekreterare: 0,5 tjänst. Lönen 31 667 kr/mån. Med sociala avgifter blir kostnaden "
    "44 334 kr/mån. För 0,5 tjänst blir det 22 167 kr/mån och 266 000 kr/år.",
    "Sociala avgifter är beräknade till 40 % av lönen. Lönerevision sker i april; lönen höjs med 2 000 kr/mån.",
    "Utbildning beräknas till 20 000 kr per år, resor 10 000 kr per år. Beräkning: 12 x 47 600 = 571 200 kr.",
]
AFTER = "Budgeten uppgår totalt till 1 834 400 kr."


def test_a_correct_application_in_another_style_has_no_findings():
    report = check_docx(docx_bytes(*TEXT, TABLE, AFTER))
    assert len(report.tables) == 1
    assert [row.role for row in report.tables[0].table.rows].count("total") == 4
    assert report.findings == []


def test_the_same_application_with_one_wrong_cell_has_one_finding():
    table = copy.deepcopy(TABLE)
    table[7][2] = "11 000"  # Resor 2025
    (finding,) = check_docx(docx_bytes(*TEXT, table, AFTER)).findings
    assert (finding.kind, finding.row, finding.column) == ("cell", "Resor", "2025")
    assert finding.expected == Decimal(10000)


def test_the_period_of_the_first_post_is_checked():
    table = copy.deepcopy(TABLE)
    for row in (2, 4, 10, 13, 14):  # the post's 2026 as seven months, the totals along
        table[row][3] = f"{int(table[row][3].replace(' ', '')) + 47600:,}".replace(",", " ")
        table[row][4] = f"{int(table[row][4].replace(' ', '')) + 47600:,}".replace(",", " ")
    table[11][3], table[11][4] = table[4][3], table[4][4]
    findings = check_docx(docx_bytes(*TEXT, table)).findings
    assert [(f.kind, f.column, f.stated, f.expected) for f in findings] == [
        ("period", "2026", Decimal(333200), Decimal(285600))]


def test_a_monthly_figure_rounded_to_kronor_may_make_the_year_a_few_kronor_off():
    # 0,5 × 44 333,33 = 22 166,67 kr/mån is written 22 167; the year is 266 000, not 266 004.
    text = "Kostnaden blir 22 167 kr/mån och 266 000 kr/år."
    assert check_docx(docx_bytes(text, TABLE)).findings == []
    wrong = text.replace("266 000", "266 100")
    assert [f.kind for f in check_docx(docx_bytes(wrong, TABLE)).findings] == ["yearly"]
