"""LibreOffice renders the överenskommelse: page count, the figures, the footer, and signature blocks and
table rows that never split across pages (also when ten parties push the blocks over a page break)."""
from __future__ import annotations

import shutil

import pytest

from builder.docx.agreement import Signatory, render_agreement_docx
from builder.docx.decision_letter import PartyAmounts
from tests.unit.case_docs import agreement

from .test_docx_render import pages, text, to_pdf

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="poppler-utils (pdftotext, pdfinfo) is not installed"),
]

PARTIES = tuple(f"Partkommun {n}" for n in range(1, 11))
YEARS = ("2026", "2027", "2028")


def _many_parties():
    amounts = tuple(PartyAmounts(p, tuple((y, 100000 * n + int(y)) for y in YEARS)) for n, p in enumerate(PARTIES, 1))
    approved = tuple((y, sum(dict(a.yearly)[y] for a in amounts)) for y in YEARS)
    signatories = tuple(Signatory(p, f"Person {n}", "Förvaltningschef") for n, p in enumerate(PARTIES, 1))
    return agreement(association="Samordningsförbundet Test", parties=PARTIES, party_amounts=amounts,
                     approved=approved, years=YEARS, signatories=signatories,
                     conditions="\n".join(f"Villkor nummer {n}: insatsen följer beslutet och redovisar "
                                          f"utfall enligt överenskommelsen." for n in range(1, 8)))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agreement-render")
    out = {}
    for name, value in (("three", agreement()), ("ten", _many_parties())):
        path = folder / f"{name}.docx"
        path.write_bytes(render_agreement_docx(value))
        out[name] = to_pdf(str(path), str(folder / name))
    return out


def test_agreement_renders_on_two_pages_with_the_figures_and_footer(pdfs):
    assert pages(pdfs["three"]) == 2
    rendered = " ".join(text(pdfs["three"]).split())
    assert "Överenskommelse om finansiering: Hela Familjen – utökning" in rendered
    for figure in ("1 340 101 kr", "2 390 136 kr", "995 890 kr", "4 726 127 kr", "4 260 480 kr", "236 887 kr"):
        assert figure in rendered, figure
    assert "självkostnadsprincipen" in rendered and "Huvudman" in rendered
    assert "Sida 1 av 2" in rendered and "Sida 2 av 2" in rendered
    assert "Diarienummer: SFSN 2017/4" in rendered


def test_signature_blocks_and_table_rows_never_split(pdfs):
    count = pages(pdfs["ten"])
    assert 3 <= count <= 5
    page_texts = text(pdfs["ten"]).split("\f")
    assert len([t for t in page_texts if t.strip()]) == count
    people = [("Samordningsförbundet Test", "Fia Förbundschef")] + [(p, f"Person {n}") for n, p in
                                                                   enumerate(PARTIES, 1)]
    spread = set()
    for party, person in people:
        holder = [i for i, t in enumerate(page_texts) if f"För {party}\n" in t or f"För {party} " in t]
        assert len(holder) == 1, party
        page = page_texts[holder[0]]
        assert f"{person}\n" in page or f"{person} " in page, person
        spread.add(holder[0])
    assert len(spread) >= 2  # the blocks really run over a page break
    for n, party in enumerate(PARTIES, 1):  # each party's row: its name and its total on one line
        total = f"{3 * 100000 * n + 2026 + 2027 + 2028:,}".replace(",", " ") + " kr"
        assert any(party in line and line.rstrip().endswith(total) for line in text(pdfs["ten"]).splitlines()), party
    assert f"Sida {count} av {count}" in " ".join(text(pdfs["ten"]).split())
