"""LibreOffice renders the issue 13 marks: the draft watermark on every page, "Sida X av Y" on the
footer's short line even with a long title, and the staff figures as the engine states them."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid

import pytest

from tests.render.test_docx_render import pages, text
from tests.unit.docx_factories import application, export

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed"),
]
LONG_TITLE = "Hela Familjen – ett mycket långt projektnamn som fyller mer än en rad i sidfoten " * 2


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """The long-titled Hela Familjen as a draft and as a final export, converted in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("figures")
    paths = []
    for name, draft in (("draft", True), ("final", False)):
        path = folder / f"{name}.docx"
        path.write_bytes(export(application(title=LONG_TITLE), draft=draft))
        paths.append(str(path))
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    try:
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                        "--convert-to", "pdf", "--outdir", str(folder), *paths],
                       check=True, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    return {name: str(folder / f"{name}.pdf") for name in ("draft", "final")}


def grey_pixels(pdf: str, page: int, folder: str) -> int:
    """Pale grey pixels (the watermark's half-transparent grey) on a page rendered at 30 dpi."""
    prefix = os.path.join(folder, f"p{page}")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", str(page), "-l", str(page), pdf, prefix], check=True)
    image = next(os.path.join(folder, f) for f in os.listdir(folder) if f.startswith(f"p{page}") and
                 f.endswith(".pgm"))
    with open(image, "rb") as fh:
        data = fh.read()
    os.unlink(image)
    _magic, width, height, _maxval, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
    width, height = int(width), int(height)
    return sum(1 for value in pixels[:width * height] if 218 <= value <= 232)


def test_every_page_of_a_draft_carries_the_watermark(pdfs, tmp_path):
    total = pages(pdfs["draft"])
    assert total == pages(pdfs["final"])
    for page in range(1, total + 1):
        draft, final = grey_pixels(pdfs["draft"], page, str(tmp_path)), grey_pixels(pdfs["final"], page, str(tmp_path))
        assert draft > final + 1000, (page, draft, final)


def test_page_numbers_never_wrap_with_a_long_title(pdfs):
    content = text(pdfs["final"])
    total = pages(pdfs["final"])
    for page in range(1, total + 1):
        line = next(line for line in content.splitlines() if f"Sida {page} av {total}" in line)
        assert "Kontrollsumma" in line  # on the footer's short second line, not alone on a line


def test_staff_figures_in_the_pdf(pdfs):
    content = " ".join(text(pdfs["final"]).split())
    for sentence in ("För 0,2 tjänst blir kostnaden 11 018 kr/mån.",
                     "Start den 14 augusti 2017 räknas som en halv månad.",
                     "2017: 4,5 månader x 11 018 kr/mån = 49 581 kr."):
        assert sentence in content, sentence
    assert "Reviderad total 3 817 840 5 419 167 +1 601 327" in content
