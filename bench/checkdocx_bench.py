"""How long check_docx takes on a realistic ten-page application.

Usage: .venv/bin/python bench/checkdocx_bench.py [--runs N]

The document: the Hela Familjen application text twice over (about ten A4 pages of
narrative, with its two typed budget tables and salary paragraphs each time), plus two Word
budget tables of twelve rows. Prints the median and best time of check_docx(bytes).
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from builder.checkdocx import check_docx  # noqa: E402

TEXT = ROOT / "tests" / "data" / "hela-familjen-ansokan.txt"
FILLER = ("Arbetet följs upp varannan vecka tillsammans med familjerna och dokumenteras i en "
          "gemensam arbetsmodell som sprids till samverkansparterna. ") * 6


def word_budget(document, first_year: int) -> None:
    """A twelve-row Word budget table with a sum column and a total row."""
    years = [str(first_year + i) for i in range(3)]
    table = document.add_table(rows=14, cols=5)
    for c, text in enumerate(["", *years, "Summa"]):
        table.cell(0, c).text = text
    totals = [0, 0, 0]
    for r in range(1, 13):
        amounts = [10_000 * r, 20_000 * r, 5_000 * r]
        totals = [t + a for t, a in zip(totals, amounts, strict=False)]
        for c, text in enumerate([f"Kostnad {r}", *map(_kr, amounts), _kr(sum(amounts))]):
            table.cell(r, c).text = text
    for c, text in enumerate(["Totalt", *map(_kr, totals), _kr(sum(totals))]):
        table.cell(13, c).text = text


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", "\u00a0")


def application() -> bytes:
    """The benchmark document as DOCX bytes."""
    document = docx.Document()
    lines = TEXT.read_text(encoding="utf-8").replace("**", "").splitlines() if TEXT.exists() else []
    lines = [line for line in lines if line.strip()] or [FILLER] * 60
    for part in range(2):
        for line in lines:
            document.add_paragraph(line)
        document.add_paragraph(FILLER)
        word_budget(document, 2020 + 3 * part)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    data = application()
    report = check_docx(data)  # warm up (imports, regex compilation)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        check_docx(data)
        times.append(time.perf_counter() - start)
    words = sum(len(p.text.split()) for p in docx.Document(io.BytesIO(data)).paragraphs)
    print(f"document: {len(data) / 1024:.0f} KB, {words} words, {len(report.tables)} budget tables, "
          f"{len(report.findings)} findings")
    print(f"check_docx: median {statistics.median(times) * 1000:.1f} ms, "
          f"best {min(times) * 1000:.1f} ms over {runs} runs")


if __name__ == "__main__":
    main()
