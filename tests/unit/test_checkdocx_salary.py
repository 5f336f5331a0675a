"""The salary arithmetic a narrative writes near a budget table: fees, FTE, yearly, products, period."""
from decimal import Decimal

import pytest

from builder.checkdocx import check_docx
from builder.checkdocx.salary import document_rate

from .checkdocx_docs import BUDGET, docx_bytes

FEES_A = "Projektledare: heltidslönen är 31 000 kr/mån x sociala avgifter = 43 400 kr/mån."
FEES_B = "Samordnare: heltidslönen är 38 000 kr/mån x sociala avgifter = 53 200 kr/mån."


def found(*paragraphs, table=BUDGET):
    """(kind, row, stated, expected) of the narrative's findings; the table itself is correct."""
    return [(f.kind, f.row, f.stated, f.expected)
            for f in check_docx(docx_bytes(*paragraphs, table)).findings]


def d(value):
    return Decimal(value)


def test_fee_statements_that_agree_give_no_findings():
    assert found(FEES_A, FEES_B) == []


def test_a_fee_statement_against_the_rate_the_others_agree_on():
    wrong = "Kurator: heltidslönen är 35 000 kr/mån x sociala avgifter = 48 000 kr/mån."
    assert found(FEES_A, FEES_B, wrong) == [("social_fees", "Kurator", d(48000), d(49000))]


def test_one_fee_statement_alone_is_not_checked():
    assert found("Lönen är 31 000 kr/mån x sociala avgifter = 44 000 kr/mån.") == []


def test_a_rate_written_in_the_statement():
    text = "Lönen är 31 000 kr/mån x sociala avgifter (40 %) = 44 000 kr/mån."
    assert found(text) == [("social_fees", None, d(44000), d(43400))]


def test_a_rate_written_elsewhere_in_the_document():
    rate = "Sociala avgifter beräknas till 40 % av lönen."
    assert found(rate, "Lönen är 31 000 kr/mån x sociala avgifter = 44 000 kr/mån.") == [
        ("social_fees", None, d(44000), d(43400))]
    assert found(rate, FEES_A) == []


def test_an_employer_contribution_part_is_not_taken_for_the_rate():
    text = "Arbetsgivaravgiften är 31,42 %. Lönen är 31 000 kr/mån x sociala avgifter = 43 400 kr/mån."
    assert found(text) == []


def test_document_rate_needs_agreement():
    assert document_rate([FEES_A, FEES_B]) == d("1.4")
    assert document_rate([FEES_A]) is None
    other = "Lönen är 30 000 kr/mån x sociala avgifter = 39 000 kr/mån."
    other_b = "Lönen är 20 000 kr/mån x sociala avgifter = 26 000 kr/mån."
    assert document_rate([FEES_A, FEES_B, other, other_b]) is None  # 1.40 against 1.30: unclear


@pytest.mark.parametrize("text, stated, expected", [
    ("För 0,2 tjänst blir månadslönen 10 640 kr/mån.", None, None),
    ("För 0,2 tjänst blir månadslönen 10 650 kr/mån.", "10650", "10640"),
    ("För 0,6-tjänsten innebär det 31 920 kr/mån.", None, None),
    ("0,4 av den heltidslönen ger en månadskostnad om 21 280 kr/mån.", None, None),
    ("2,0 tjänster blir därför 1 276 800 kr.", None, None),  # plain kr: a yearly figure
    ("2,0 tjänster blir därför 1 267 800 kr/år.", "1267800", "1276800"),
    ("50 % tjänst blir 26 600 kr/mån.", None, None),
])
def test_fte_share_of_the_full_time_cost(text, stated, expected):
    result = found(FEES_B, text)
    assert result == ([] if stated is None else [("fte_share", "Samordnare", d(stated), d(expected))])


def test_an_fte_beside_another_persons_salary_is_not_a_share():
    assert found(FEES_B + " Projektledare 100 % tjänst, 40 000 kr/mån.") == []


def test_an_fte_before_a_salary_sentence_is_not_a_share():
    text = "Kommunen: 2,0 tjänster (socionomer). Heltidslönen uppskattas till 31 000 kr/mån."
    assert found(FEES_B, text) == []


@pytest.mark.parametrize("text, stated, expected", [
    ("Det blir 43 400 kr/mån och 520 800 kr/år.", None, None),
    ("Det blir 43 400 kr/mån och 521 800 kr/år.", "521800", "520800"),
    ("Månadslönen 10 640 kr/mån. och helårslönen 127 680 kr inklusive sociala avgifter.", None, None),
    ("Månadskostnad om 19 040 kr/mån och en årskostnad om 228 490 kr.", "228490", "228480"),
    ("26 880 kr/mån fr.o.m. den 1 juni 2017 och 322 560 kr/år.", None, None),
    ("Lönen 2000 kr/mån eller 34 000 kr/mån.", None, None),
    ("Kostnaden är 10 000 kr/mån, under sex månader 60 000 kr/år.", None, None),  # not simply × 12
])
def test_yearly_is_twelve_months(text, stated, expected):
    result = found(text)
    assert result == ([] if stated is None else [("yearly", None, d(stated), d(expected))])


def test_a_yearly_figure_with_fees_is_checked_with_the_rate():
    text = "Lönen 34 000 kr/mån x sociala avgifter = 571 200 kr/år."
    assert found(FEES_A, FEES_B, text) == []
    assert found(FEES_A, FEES_B, text.replace("571 200", "561 200")) == [
        ("yearly", "Samordnare", d(561200), d(571200))]


def test_one_typo_is_one_finding_not_a_chain():
    text = ("Lönen är 31 000 kr/mån x sociala avgifter = 43 500 kr/mån. och 522 000 kr/år. "
            "2,0 tjänster blir därför 1 044 000 kr/år.")
    assert found(FEES_A, FEES_B, text) == [("social_fees", "Samordnare", d(43500), d(43400))]


@pytest.mark.parametrize("text, stated, expected", [
    ("Beräkning: 0,2 x 53 200 = 10 640 kr.", None, None),
    ("Beräkning: 0,2 × 53 200 = 10 650 kr.", "10650", "10640"),
    ("Beräkning: 31 000 kr x 1,40 = 43 400 kr.", None, None),
    ("Beräkning: 12 mån x 43 400 kr = 520 000 kr.", "520000", "520800"),
    ("Beräkning: 31 000 kr x 40 % = 12 400 kr.", None, None),
    ("Beräkning: 2 x 0,5 x 10 000 = 10 000 kr.", None, None),
    ("Beräkning: 2 x 0,5 x 10 000 = 11 000 kr.", "11000", "10000"),
])
def test_products_written_out(text, stated, expected):
    result = found(text)
    if stated is None:
        assert result == []
    else:
        assert [(k, s) for k, _, s, _ in result] == [("arithmetic", d(stated))]


def test_products_tolerate_rounding_to_whole_kronor():
    assert found("Beräkning: 0,3 x 33 333 = 10 000 kr.") == []


PERIOD_TABLE = [["", "2017", "2018", "2019", "Summa"],
                ["Vårdcentralen Vilan", "49 581", "132 216", "55 090", "236 887"],
                ["Totalt", "49 581", "132 216", "55 090", "236 887"]]
VILAN = ("Vårdcentralen Vilan: 0,2 tjänst fr.o.m. den 14 augusti 2017. Genomsnittsheltidslönen "
         "uppskattas till 39 350 kr/mån x sociala avgifter = 55 090 kr/mån. För 0,2 tjänst blir "
         "månadslönen 11 018 kr/mån. och helårslönen 132 216 kr inklusive sociala avgifter.")


def with_cells(first: str, second: str):
    total = Decimal(first.replace(" ", "")) + Decimal(second.replace(" ", "")) + 55090
    total = f"{int(total):,}".replace(",", " ")
    row = ["Vårdcentralen Vilan", first, second, "55 090", total]
    return [PERIOD_TABLE[0], row, ["Totalt", *row[1:]]]


def test_period_cells_that_fit_the_stated_start_and_monthly_cost():
    assert found(VILAN, table=PERIOD_TABLE) == []  # 2017: 4,5 × 11 018; 2018: 12 × 11 018


def test_a_first_year_cell_that_does_not_fit_the_start_date():
    table = with_cells("66 108", "132 216")  # six months, but the start is mid-August
    assert found(VILAN, table=table) == [("period", "Vårdcentralen Vilan", d(66108), d(49581))]


def test_a_mid_month_start_counted_as_a_whole_month_is_accepted():
    assert found(VILAN, table=with_cells("55 090", "132 216")) == []  # 14 August as all of August


def test_a_full_year_cell_that_is_not_twelve_months():
    table = with_cells("49 581", "121 198")
    assert found(VILAN, table=table) == [("period", "Vårdcentralen Vilan", d(121198), d(132216))]


def test_the_last_year_is_not_checked_without_a_stated_end():
    table = with_cells("49 581", "132 216")
    table[1][3] = table[2][3] = "44 072"
    table[1][4] = table[2][4] = "225 869"
    assert found(VILAN, table=table) == []


def test_a_stated_end_checks_the_last_year_too():
    text = VILAN.replace("fr.o.m. den 14 augusti 2017", "fr.o.m. den 14 augusti 2017 t.o.m. den 30 april 2019")
    assert found(text, table=PERIOD_TABLE) == [("period", "Vårdcentralen Vilan", d(55090), d(44072))]


def test_a_row_that_fits_no_cell_holds_more_than_the_post_and_is_not_checked():
    table = with_cells("60 000", "150 000")  # travel and other costs too
    assert found(VILAN, table=table) == []


def test_a_row_label_that_begins_with_the_paragraph_label():
    table = with_cells("66 108", "132 216")
    table[1][0] = "Vårdcentralen Vilan (0,2 tjänst)"
    assert found(VILAN, table=table) == [("period", "Vårdcentralen Vilan (0,2 tjänst)", d(66108), d(49581))]


def test_two_monthly_costs_for_one_row_are_not_read_as_a_period():
    text = VILAN + " För 0,4 tjänst blir månadslönen 22 036 kr/mån."
    assert found(VILAN, table=with_cells("66 108", "132 216")) != []
    assert found(text, table=with_cells("66 108", "132 216")) == []
