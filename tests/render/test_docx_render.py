"""LibreOffice renders the exported Hela Familjen application: stable page count, the totals in the PDF."""
from __future__ import annotations

import os
import shutil
import subprocess
import uuid

import pytest

from tests.unit.docx_factories import application, big_dict, export

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                       reason="poppler-utils (pdftotext, pdfinfo) is not installed"),
]
NBSP = "\u00a0"


def to_pdf(docx_path: str, out_dir: str) -> str:
    """One LibreOffice conversion with a profile of its own (parallel runs must not share one)."""
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    os.makedirs(out_dir, exist_ok=True)
    try:
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", "pdf", "--outdir", out_dir, docx_path],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    pdf = os.path.join(out_dir, os.path.splitext(os.path.basename(docx_path))[0] + ".pdf")
    assert os.path.exists(pdf), f"LibreOffice wrote no PDF for {docx_path}"
    return pdf


def pages(pdf: str) -> int:
    info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def text(pdf: str) -> str:
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
    return out.replace(NBSP, " ")


@pytest.fixture(scope="module")
def hela_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    docx_path = folder / "hela.docx"
    docx_path.write_bytes(export(application(), version_label="v1"))
    return [to_pdf(str(docx_path), str(folder / f"run{i}")) for i in (1, 2)]


def test_page_count_is_stable_across_conversions(hela_pdfs):
    first, second = (pages(pdf) for pdf in hela_pdfs)
    assert first == second
    assert 2 <= first <= 8


def test_pdf_text_holds_the_totals_and_the_change(hela_pdfs):
    content = text(hela_pdfs[0])
    for figure in ("1 242 640", "2 130 240", "887 600", "4 260 480", "1 340 101", "2 390 136", "995 890",
                   "4 726 127", "ökning med 1 135 680 kr", "1 601 327", "5 419 167", "3 817 840"):
        assert figure in content, figure


def test_pdf_footer_numbers_the_pages(hela_pdfs):
    content = text(hela_pdfs[0])
    total = pages(hela_pdfs[0])
    for page in range(1, total + 1):
        assert f"Sida {page} av {total}" in content


def test_signatures_start_a_page_and_every_block_is_whole(hela_pdfs):
    page_texts = text(hela_pdfs[0]).split("\f")
    signature_pages = [t for t in page_texts if "Underskrifter" in t]
    assert len(signature_pages) == 1
    for name in ("Anna Lindqvist", "Maria Berg", "Karin Holm"):
        holder = [t for t in page_texts if name in t]
        assert len(holder) == 1 and "Ort och datum" in holder[0]


def test_large_application_renders(tmp_path):
    docx_path = tmp_path / "big.docx"
    docx_path.write_bytes(export(application(big_dict(lines=200, parties=10, section_chars=5_000))))
    pdf = to_pdf(str(docx_path), str(tmp_path / "out"))
    content = text(pdf)
    assert pages(pdf) > 10
    assert "Part 10 – kommun" in content and "Person 10" in content
