"""The checker's worst cases: hostile documents up to the upload limit, and the CPU each costs.

Usage: .venv/bin/python bench/checkdocx_worst.py [--only NAME] [--scale 1.0]

Each case is a DOCX under the upload limit (20 MB packed; the zip-bomb check allows document.xml
up to 20 MB only when it compresses less than 100:1, so the big cases use varied figures). The
target is 2 s of CPU for any of them (issue "Hardening", item 1). Prints one line per case:
packed size, document.xml size, CPU seconds, tables and findings.
"""
from __future__ import annotations

import argparse
import io
import random
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.checkdocx import DocxError, check_docx  # noqa: E402
from builder.checkdocx.reader import MAX_DOCUMENT_XML_BYTES, MAX_DOCX_BYTES, MAX_PARAGRAPHS, MAX_TABLES  # noqa: E402

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
XML_BUDGET = MAX_DOCUMENT_XML_BYTES - 4096  # room for the wrapper


def p(text: str) -> str:
    """A paragraph; tabs and line breaks become Word's own elements."""
    lines = []
    for line in text.split("\n"):
        lines.append("<w:tab/>".join(f'<w:t xml:space="preserve">{escape(c)}</w:t>' for c in line.split("\t")))
    return "<w:p><w:r>" + "<w:br/>".join(lines) + "</w:r></w:p>"


def table(rows: list[list[str]]) -> str:
    cells = ("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in row)
             + "</w:tr>" for row in rows)
    return "<w:tbl>" + "".join(cells) + "</w:tbl>"


def docx(body_parts) -> bytes:
    """A minimal DOCX of body XML pieces, stopping before document.xml would pass its limit."""
    chunks, size = [], 0
    for part in body_parts:
        size += len(part.encode())
        if size > XML_BUDGET:
            break
        chunks.append(part)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{"".join(chunks)}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def kr(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def budget_rows(rng: random.Random, count: int, total_every: int = 0) -> list[list[str]]:
    """Rows with three years and a sum; a total row every `total_every` rows (0: one at the end)."""
    rows, running = [["", "2024", "2025", "2026", "Summa"]], [0, 0, 0]
    for i in range(count):
        values = [rng.randrange(1000, 999_999) for _ in range(3)]
        running = [a + b for a, b in zip(running, values, strict=True)]
        rows.append([f"Rad {i}", *map(kr, values), kr(sum(values) + rng.choice((0, 0, 1)))])
        if total_every and i % total_every == total_every - 1:
            rows.append(["Summa", *map(kr, running), kr(sum(running) + rng.choice((0, 7)))])
    rows.append(["Totalt", *map(kr, running), kr(sum(running))])
    return rows


def cases(scale: float):
    rng = random.Random(14)
    n = lambda count: max(1, int(count * scale))  # noqa: E731
    yield "star cell (1 KB)", docx([table([["", "2017", "2018", "Summa"], ["Kommunen", "1" + "*" * 64_000 + "x",
                                                                              "2", "3"], ["Totalt", "1", "2", "3"]])])
    yield "8 000 fee statements", docx(
        p(f"{31_000 + i} kr/mån x sociala avgifter = {43_400 + 7 * i} kr/mån") for i in range(8_000))
    words = "".join(f"ord{i}\t" for i in range(160_000))
    yield "typed row of 160 000 cells", docx([p(f"\t2017\t2018\tSumma\nKommunen\t{words}1\t2\t3\nTotalt\t1\t2\t3")])
    cells = n(MAX_PARAGRAPHS) - 20  # paragraphs, and table cells, just under the reader's limits
    yield "paragraphs up to the limit, 20 MB", docx(p(" ".join(
        f"{rng.randrange(10**6)} kr/mån" for _ in range(30))) for _ in range(cells))
    yield "one budget table up to the limit", docx([table(budget_rows(rng, cells // 5 - 2))])
    yield "total row after every row", docx([table(budget_rows(rng, cells // 10 - 1, total_every=1))])
    yield "one paragraph of 9 MB", docx([p(" ".join(
        f"ord{rng.randrange(10**6)}" for _ in range(n(900_000))))])
    yield "budget tables up to the limit", docx(table(budget_rows(rng, 3)) for _ in range(n(MAX_TABLES)))
    yield "budget tables between fee paragraphs", docx(
        part for i in range(n(MAX_TABLES)) for part in (
            p(f"Rad 1: 0,5 tjänst blir {rng.randrange(10_000, 40_000)} kr/mån fr.o.m. den 1 mars 2024. "
              f"{31_000 + i} kr/mån x sociala avgifter = {43_400 + i} kr/mån"),
            table(budget_rows(rng, 2))))
    yield "one paragraph of 4 MB", docx([p(" ".join(
        f"0,{rng.randrange(1, 9)} tjänst blir {rng.randrange(1000, 99_999)} kr/mån och {rng.randrange(10**6)} kr/år "
        f"x sociala avgifter = {rng.randrange(10**5)} kr/mån 2 x 3 = {rng.randrange(9)}" for _ in range(n(40_000))))
        + table(budget_rows(rng, 3))])
    yield "tab-separated lines up to the limit", docx(p("\n".join(
        "\t".join(str(rng.randrange(10**6)) for _ in range(40)) for _ in range(2))) for _ in range(cells // 2))
    wide = [["", *[str(2000 + i) for i in range(60)], "Summa"]] + [
        [f"Rad {r}", *[str(rng.randrange(99)) for _ in range(60)], "1"] for r in range(cells // 62 - 2)]
    yield "a table 62 columns wide", docx([table(wide)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose name contains this")
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the big cases (0.1 for a quick look)")
    args = parser.parse_args()
    worst = 0.0
    for name, data in cases(args.scale):
        if args.only and args.only not in name:
            continue
        assert len(data) <= MAX_DOCX_BYTES, name
        xml_size = len(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
        start = time.process_time()
        try:
            report = check_docx(data)
            outcome = f"{len(report.tables)} tables, {len(report.findings)} findings"
        except DocxError as exc:
            outcome = f"refused: {exc.message('en')}"
        seconds = time.process_time() - start
        worst = max(worst, seconds)
        print(f"{name:40} {len(data) / 1e6:6.2f} MB packed {xml_size / 1e6:6.2f} MB xml "
              f"{seconds:6.2f} s CPU  {outcome}", flush=True)
    print(f"worst: {worst:.2f} s CPU (target 2 s)")


if __name__ == "__main__":
    main()
