"""LibreOffice renders the kallelse and the beslutsbrev: page counts, the figures and the footer in the PDF."""
from __future__ import annotations

import shutil

import pytest

from builder.docx.agenda import render_agenda_docx
from builder.docx.decision_letter import render_decision_letter_docx
from tests.unit.case_docs import agenda_case, agenda_meeting, letter

from .test_docx_render import pages, text, to_pdf

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="poppler-utils (pdftotext, pdfinfo) is not installed"),
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases-render")
    cases = [agenda_case(), agenda_case(case_number="SFSN 2017/5", title="Unga vuxna", recommendation="",
                                        budget_findings=(), late=True),
             agenda_case(case_number="SFSN 2017/6", title="Arbetsförmåga", officer_recommendation="reject")]
    documents = {"agenda": render_agenda_docx(agenda_meeting(cases)), "letter": render_decision_letter_docx(letter()),
                 "rejection": render_decision_letter_docx(letter(decision="reject", approved=()))}
    out = {}
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        out[name] = to_pdf(str(path), str(folder / name))
    return out


def test_agenda_renders_every_case_on_a_few_pages(pdfs):
    count = pages(pdfs["agenda"])
    assert 2 <= count <= 4
    rendered = " ".join(text(pdfs["agenda"]).split())
    for number in ("SFSN 2017/4", "SFSN 2017/5", "SFSN 2017/6"):
        assert number in rendered
    assert "Kallelse – Förbundsstyrelsen 15 maj 2017" in rendered
    assert "1 242 640 kr" in rendered and "4 260 480 kr" in rendered
    assert "Handlingarna skickas ut senast 8 maj 2017." in rendered
    assert f"Sida 1 av {count}" in rendered and f"Sida {count} av {count}" in rendered


def test_letter_renders_on_two_pages_with_its_signature_block(pdfs):
    count = pages(pdfs["letter"])
    assert count == 2
    rendered = " ".join(text(pdfs["letter"]).split())
    assert "Beslut om medel: Hela Familjen – utökning" in rendered
    assert "4 260 480 kr" in rendered and "3 800 000 kr" in rendered
    assert "laglighetsprövning" in rendered and "Fia Förbundschef" in rendered
    assert "Diarienummer: SFSN 2017/4" in rendered and "Sida 2 av 2" in rendered


def test_rejection_letter_fits_on_one_page(pdfs):
    assert pages(pdfs["rejection"]) == 1
    rendered = " ".join(text(pdfs["rejection"]).split())
    assert "att avslå ansökan om medel" in rendered and "Sida 1 av 1" in rendered
