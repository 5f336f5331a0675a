"""The period report DOCX: title by kind, the insats, diarienummer and period, the economic table with sums
formatted by builder.formatting that add up, participants against the planned number, answers, signature."""
from __future__ import annotations

import io

import pytest
from docx import Document

from builder.docx.period_report import render_period_report_docx
from builder.formatting import number
from tests.unit.followup_docs import report_document


def _text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts).replace("\xa0", " ")


def _n(value: int, language: str = "sv") -> str:
    return number(value, language).replace("\xa0", " ")


@pytest.mark.parametrize(("kind", "title"), [("delar", "Delårsrapport 2018"), ("ar", "Årsrapport 2018"),
                                             ("slut", "Slutrapport")])
def test_title_by_kind(kind, title):
    text = _text(render_period_report_docx(report_document(kind)))
    assert f"{title}\n" in text and f"{title}: Hela Familjen" in text


def test_the_economic_table_prints_the_figures_and_adds_up():
    document = report_document()
    text = _text(render_period_report_docx(document))
    assert "Diarienummer: FINSAM 2017/4" in text and "1 september 2018 – 31 december 2018" in text
    lines = text.split("\n")
    figures = document.figures
    for party in figures.parties:
        for item in party.rows:
            f = item.figure
            row = "\t".join([item.row.label, *(_n(v) for v in (f.budget, f.outcome, f.ytd, f.difference,
                                                                f.remaining, f.forecast))])
            assert row in lines, row
        f = party.figure
        assert "\t".join([f"Summa {party.party}", *(_n(v) for v in (f.budget, f.outcome, f.ytd, f.difference,
                                                                     f.remaining, f.forecast))]) in lines
    t = figures.total
    assert "\t".join(["Totalt", *(_n(v) for v in (t.budget, t.outcome, t.ytd, t.difference, t.remaining,
                                                    t.forecast))]) in lines
    assert t.budget == 2_390_136 and t.outcome == sum(10_000 * i + 7 for i in range(1, 7))
    assert t.difference == 1_100_000 - 1_041_600
    assert "Påbörjat under perioden\t5\t3\t0\t8" in lines
    assert "Planerat antal deltagare 2018: 40" in text
    assert "Arbetet har gått bra." in text and "Tre nya familjer." in text
    assert "Sjuksköterskan började senare." in text
    assert "Underskrift för huvudmannen" in text and "Namnförtydligande" in text
    assert "Version: 2" in text


def test_planned_unknown_and_english():
    text = _text(render_period_report_docx(report_document(planned=None), "en"))
    assert "Planned participants 2018: –" in text and "Annual report 2018" in text
    assert _n(2_390_136, "en") in text
