"""LibreOffice renders the period report: page count, the title and figures, the footer, and table rows
that never split across pages (also when a long budget pushes the economic table over a page break)."""
from __future__ import annotations

import re
import shutil

import pytest

from builder.docx.period_report import render_period_report_docx
from builder.formatting import number
from tests.unit.followup_docs import report_document

from .test_docx_render import pages, text, to_pdf

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="poppler-utils (pdftotext, pdfinfo) is not installed"),
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("period-report-render")
    out = {}
    for name, document in (("short", report_document("ar")), ("long", report_document("slut", staff_copies=8))):
        path = folder / f"{name}.docx"
        path.write_bytes(render_period_report_docx(document))
        out[name] = (to_pdf(str(path), str(folder / name)), document)
    return out


def _n(value: int) -> str:
    return number(value).replace("\xa0", " ")


def test_the_report_renders_on_two_pages_with_its_figures(pdfs):
    pdf, document = pdfs["short"]
    assert pages(pdf) == 2
    rendered = " ".join(text(pdf).replace("\xa0", " ").split())
    assert "Årsrapport 2018: Hela Familjen" in rendered and "Diarienummer: FINSAM 2017/4" in rendered
    total = document.figures.total
    assert f"Totalt {_n(total.budget)} {_n(total.outcome)} {_n(total.ytd)} {_n(total.difference)} " \
           f"{_n(total.remaining)} {_n(total.forecast)}" in rendered
    assert "Planerat antal deltagare 2018: 40" in rendered
    assert "Sida 1 av 2" in rendered and "Sida 2 av 2" in rendered


def test_rows_never_split_across_pages(pdfs):
    pdf, document = pdfs["long"]
    count = pages(pdf)
    assert count >= 3
    page_texts = [" ".join(t.replace("\xa0", " ").split()) for t in text(pdf).split("\f")]
    for item in document.figures.rows:  # each row's figures (unique: the outcomes differ) and label on one page
        f = item.figure
        figures = f"{_n(f.budget)} {_n(f.outcome)} {_n(f.ytd)} {_n(f.difference)} {_n(f.remaining)} {_n(f.forecast)}"
        holders = [i for i, t in enumerate(page_texts) if figures in t]
        assert len(holders) == 1, item.row.label
        words = [w for w in re.split(r"[\s/]+", item.row.label) if w]  # a cell wraps its label at spaces and "/"
        assert all(word in page_texts[holders[0]] for word in words), item.row.label
    assert any("Rad Budget 2018" in t for t in page_texts[1:])  # the header repeats on the next page
    assert f"Sida {count} av {count}" in " ".join(page_texts)
