"""Build the Word-budget checker's corpus: documents of the layouts applicants write, correct and
with planted errors, and truth.json with the findings each must give (by kind, row and column).

Usage: .venv/bin/python tests/checkdocx_corpus/make_corpus.py [--no-libreoffice]

Three sources: documents made with python-docx (every layout below, in several number forms),
the same documents written again by LibreOffice (docx → odt → docx, so the XML is LibreOffice's
own), and the app's own exports (builder/docx) of the bundled sample, as it is and with a figure
changed. The truth is written here, from what was planted, never from the checker's output;
bench/checkdocx_corpus.py compares the two and prints precision and recall per kind.
"""
from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.shared import Mm  # noqa: E402

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
TRUTH = HERE / "truth.json"
NBSP = "\u00a0"


def sv(n: int) -> str:
    """1041600 → "1 041 600" (no-break spaces), negative with the minus sign."""
    text = f"{abs(n):,}".replace(",", NBSP)
    return ("\u2212" + text) if n < 0 else text


FORMATS = {
    "nbsp": sv,
    "space": lambda n: sv(n).replace(NBSP, " "),
    "kr": lambda n: sv(n) + " kr",
    "dots": lambda n: f"{n:,}".replace(",", "."),
    "plain": str,
    "colon": lambda n: f"{n}:-",
}


@dataclass
class Doc:
    """One document: blocks (paragraph text, or a Table) and the findings it must give."""

    name: str
    blocks: list
    expected: list[dict] = field(default_factory=list)
    layout: str = ""

    def expect(self, kind: str, row: str | None = None, column: str | None = None) -> Doc:
        self.expected.append({"kind": kind, **({"row": row} if row else {}), **({"column": column} if column else {})})
        return self


@dataclass
class Table:
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, col, row2, col2)


@dataclass
class Grid:
    """A budget's figures: item labels and their yearly amounts (None: empty cell)."""

    labels: list[str]
    years: list[str]
    values: list[list[int | None]]

    def row_sum(self, i: int) -> int:
        return sum(v or 0 for v in self.values[i])

    def column_sum(self, j: int) -> int:
        return sum(row[j] or 0 for row in self.values)

    def grand(self) -> int:
        return sum(self.row_sum(i) for i in range(len(self.labels)))


def grid(rng: random.Random, labels: list[str], years: list[str], low=20_000, high=900_000, step=100) -> Grid:
    values = [[rng.randrange(low // step, high // step) * step for _ in years] for _ in labels]
    return Grid(labels, years, values)


def budget_rows(g: Grid, *, headers: list[str] | None = None, fmt=sv, sum_header: str | None = "Summa",
                sum_first=False, total_label: str | None = "Totalt", item_sums=True, total_years=True,
                corner="", change: dict | None = None) -> list[list[str]]:
    """The table's rows; `change` overrides {(label, column): value} where column is a year or "sum"."""
    change = change or {}

    def cell(label: str, column: str, value: int | None) -> str:
        value = change.get((label, column), value)
        return "" if value is None else fmt(value)

    head = headers or g.years
    rows = []
    sum_cells = [sum_header] if sum_header else []
    rows.append([corner, *(sum_cells if sum_first else []), *head, *([] if sum_first else sum_cells)])
    for i, label in enumerate(g.labels):
        years = [cell(label, y, v) for y, v in zip(g.years, g.values[i], strict=True)]
        total = [cell(label, "sum", g.row_sum(i) if item_sums else None)] if sum_header else []
        rows.append([label, *(total if sum_first else []), *years, *([] if sum_first else total)])
    if total_label:
        years = [cell(total_label, y, g.column_sum(j) if total_years else None) for j, y in enumerate(g.years)]
        total = [cell(total_label, "sum", g.grand())] if sum_header else []
        rows.append([total_label, *(total if sum_first else []), *years, *([] if sum_first else total)])
    return rows


PARTIES = ["Kristianstads kommun", "Region Skåne", "Arbetsförmedlingen", "Försäkringskassan", "Utvärdering",
           "Lokaler", "Resor och utbildning", "Projektledning"]
INTRO = "Budget för projektets kostnader per år och samverkanspart."


def basic_family(rng: random.Random) -> list[Doc]:
    """The ordinary layout in every number form, correct and with one wrong cell."""
    docs = []
    for n, form in enumerate(FORMATS):
        g = grid(rng, PARTIES[:4], ["2024", "2025", "2026"])
        ok = Doc(f"basic-{form}-correct", [INTRO, Table(budget_rows(g, fmt=FORMATS[form]))], layout="basic")
        label, year = g.labels[n % 4], g.years[n % 3]
        wrong_value = g.values[n % 4][n % 3] + rng.choice([1000, -1000, 100, 10_000])
        bad = Doc(f"basic-{form}-cell", [INTRO, Table(budget_rows(g, fmt=FORMATS[form],
                                                                  change={(label, year): wrong_value}))],
                  layout="basic").expect("cell", label, year)
        docs += [ok, bad]
    return docs


YEAR_HEADERS = {
    "jan-jun": (["2024", "2025", "2026 (jan–jun):"], ["2024", "2025", "2026"]),
    "prel": (["2024", "2025", "2026 prel."], ["2024", "2025", "2026"]),
    "kr": (["2024 kr", "2025 kr", "2026 kr"], ["2024", "2025", "2026"]),
    "budget": (["Budget 2024", "Budget 2025", "Budget 2026"], ["2024", "2025", "2026"]),
    "months": (["Jul–dec 2024", "2025", "Jan–jun 2026"], ["2024", "2025", "2026"]),
    "ar": (["År 2024", "År 2025", "År 2026"], ["2024", "2025", "2026"]),
}


def year_header_family(rng: random.Random) -> list[Doc]:
    docs = []
    for n, (name, (headers, years)) in enumerate(YEAR_HEADERS.items()):
        g = grid(rng, PARTIES[:3], years)
        docs.append(Doc(f"years-{name}-correct", [INTRO, Table(budget_rows(g, headers=headers))],
                        layout="year headers"))
        label, year = g.labels[n % 3], years[(n + 1) % 3]
        value = g.values[n % 3][(n + 1) % 3] + 5_000
        docs.append(Doc(f"years-{name}-cell", [INTRO, Table(budget_rows(g, headers=headers,
                                                                        change={(label, year): value}))],
                        layout="year headers").expect("cell", label, year))
    return docs


def count_family(rng: random.Random) -> list[Doc]:
    """Participants and key figures: counts, a "Totalt (unika)" column that is no sum."""
    docs = []
    years = ["2024", "2025", "2026"]
    groups = ["Kvinnor", "Män", "Unga 16–24 år"]
    counts = [[rng.randrange(10, 60) for _ in years] for _ in groups]
    unique = [max(row) + rng.randrange(1, 15) for row in counts]  # fewer than the sum: people stay on
    header = ["Deltagare", *years, "Totalt (unika)"]

    def participants(change=None):
        change = change or {}
        rows = [header]
        for label, row, u in zip(groups, counts, unique, strict=True):
            rows.append([label, *[str(change.get((label, y), v)) for y, v in zip(years, row, strict=True)], str(u)])
        totals = [sum(r[j] for r in counts) for j in range(3)]
        rows.append(["Totalt", *[str(change.get(("Totalt", y), v)) for y, v in zip(years, totals, strict=True)],
                     str(sum(unique) - 4)])
        return rows

    caption = "Antal deltagare per år. Totalt (unika) räknar varje person en gång."
    docs.append(Doc("counts-participants-correct", [caption, Table(participants())], layout="counts"))
    wrong = sum(r[1] for r in counts) + 3
    docs.append(Doc("counts-participants-column", [caption, Table(participants({("Totalt", "2025"): wrong}))],
                    layout="counts").expect("column_sum", "Totalt", "2025"))
    key = [["Nyckeltal", "2024", "2025", "2026"],
           ["Antal inskrivna", "48", "61", "57"],
           ["Totalt antal avslut", "31", "44", "40"],
           ["Varav till arbete eller studier", "12", "20", "19"]]
    docs.append(Doc("counts-keyfigures-correct", ["Nyckeltal för uppföljningen.", Table(key)], layout="counts"))
    figures = [["Nyckeltal", "2024", "2025", "Totalt"], ["Antal deltagare", "30", "41", "71"],
               ["Antal unika deltagare", "30", "41", "56"], ["Genomsnittlig tid i insatsen (mån)", "6", "8", "7"],
               ["Andel till arbete eller studier", "35 %", "41 %", "38 %"]]
    docs.append(Doc("counts-keyfigures-totals-correct", ["Nyckeltal.", Table(figures)], layout="counts"))
    figures_bad = [row[:] for row in figures]
    figures_bad[1][3] = "72"
    docs.append(Doc("counts-keyfigures-totals-rowsum", ["Nyckeltal.", Table(figures_bad)], layout="counts")
                .expect("row_sum", "Antal deltagare", "Totalt"))
    cases = [["Ärenden", "2024", "2025", "Summa"], ["Nya ärenden", "40", "52", "92"],
             ["Avslutade ärenden", "31", "47", "78"]]
    docs.append(Doc("counts-cases-correct", ["Antal ärenden per år.", Table(cases)], layout="counts"))
    cases_bad = [row[:] for row in cases]
    cases_bad[2][3] = "80"
    docs.append(Doc("counts-cases-rowsum", ["Antal ärenden per år.", Table(cases_bad)], layout="counts")
                .expect("row_sum", "Avslutade ärenden", "Summa"))
    return docs


TOTAL_LABELS = ["Kostnader totalt", "Sökt belopp totalt", "Summa kostnader", "Total kostnad", "Totalt sökt"]


def total_label_family(rng: random.Random) -> list[Doc]:
    """Total rows with other labels, in tables without a sum column: the column sums are checked."""
    docs = []
    for n, label in enumerate(TOTAL_LABELS):
        g = grid(rng, PARTIES[:4], ["2025", "2026"])
        slug = label.lower().replace(" ", "-").replace("ö", "o").replace("å", "a")
        if n % 2 == 0:
            rows = budget_rows(g, sum_header=None, total_label=label)
            docs.append(Doc(f"totals-{slug}-correct", [INTRO, Table(rows)],
                            layout="total labels"))
        year = g.years[n % 2]
        wrong = g.column_sum(n % 2) + 2_000
        docs.append(Doc(f"totals-{slug}-column", [INTRO, Table(budget_rows(g, sum_header=None, total_label=label,
                                                                           change={(label, year): wrong}))],
                        layout="total labels").expect("column_sum", label, year))
    return docs


def sum_first_family(rng: random.Random) -> list[Doc]:
    g = grid(rng, PARTIES[:4], ["2024", "2025", "2026"])
    docs = [Doc("sumfirst-correct", [INTRO, Table(budget_rows(g, sum_first=True, corner="Post"))], layout="sum first")]
    label = g.labels[1]
    docs.append(Doc("sumfirst-cell", [INTRO, Table(budget_rows(g, sum_first=True, corner="Post",
                                                               change={(label, "2025"): g.values[1][1] + 700}))],
                    layout="sum first").expect("cell", label, "2025"))
    g2 = grid(rng, PARTIES[2:6], ["2025", "2026"])
    label2 = g2.labels[2]
    docs.append(Doc("sumfirst-rowsum", [INTRO, Table(budget_rows(g2, sum_first=True, sum_header="Totalt",
                                                                 total_label=None,
                                                                 change={(label2, "sum"): g2.row_sum(2) - 900}))],
                    layout="sum first").expect("row_sum", label2, "Totalt"))
    return docs


def merged_header_family(rng: random.Random) -> list[Doc]:
    """Two header rows: "Kostnad per år" over the years, "Totalt" merged down over both rows."""
    docs = []
    for n in range(2):
        g = grid(rng, PARTIES[n:n + 4], ["2024", "2025", "2026"])
        change = {(g.labels[2], "2024"): g.values[2][0] - 3_000} if n else {}
        rows = budget_rows(g, sum_header="Totalt", change=change)
        top = ["Part", "Kostnad per år (kr)", "", "", "Totalt"]
        rows[0][0] = ""
        rows[0][4] = ""
        merges = [(0, 4, 1, 4), (0, 1, 0, 3), (0, 0, 1, 0)]
        doc = Doc(f"merged-{'cell' if n else 'correct'}", [INTRO, Table([top, *rows], merges=merges)],
                  layout="merged header")
        if n:
            doc.expect("cell", g.labels[2], "2024")
        docs.append(doc)
    return docs


def continued_family(rng: random.Random) -> list[Doc]:
    """A table continued in a second Word table without a header; the total row is in the second part."""
    docs = []
    for kind in ["correct", "cell", "column"]:
        g = grid(rng, PARTIES[:7], ["2024", "2025", "2026"])
        change = {}
        if kind == "cell":
            change = {(g.labels[5], "2026"): g.values[5][2] + 400}
        rows = budget_rows(g, change=change, sum_header="Summa" if kind != "column" else None)
        if kind == "column":
            rows = budget_rows(g, sum_header=None, change={("Totalt", "2025"): g.column_sum(1) - 10_000})
        first, second = rows[:5], rows[5:]
        doc = Doc(f"continued-{kind}", [INTRO, Table(first), "", Table(second), "Kostnaderna fördelas enligt ovan."],
                  layout="continued")
        if kind == "cell":
            doc.expect("cell", g.labels[5], "2026")
        elif kind == "column":
            doc.expect("column_sum", "Totalt", "2025")
        docs.append(doc)
    for kind in ("correct", "column"):  # split by hand, the header typed again over the second part
        g = grid(rng, PARTIES[:6], ["2025", "2026"])
        change = {("Totalt", "2026"): g.column_sum(1) + 1_000} if kind == "column" else {}
        rows = budget_rows(g, change=change)
        blocks = [INTRO, Table(rows[:4]), "Budget (forts.)", Table([rows[0], *rows[4:]])]
        doc = Doc(f"continued-repeated-{kind}", blocks, layout="continued")
        if kind == "column":
            doc.expect("cell", "Totalt", "2026")
        docs.append(doc)
    return docs


def change_family(rng: random.Random) -> list[Doc]:
    """Förändring / Skillnad columns: against the approved table, and between two years."""
    docs = []
    for kind in ["correct", "delta"]:
        old = grid(rng, PARTIES[:3], ["2024", "2025"])
        new = Grid(old.labels, ["2024", "2025", "2026"],
                   [row + [rng.randrange(100, 900) * 100] for row in old.values])
        old_rows = budget_rows(old)
        new_rows = budget_rows(new)
        new_rows[0].append("Förändring")
        wrong_row = 2 if kind == "delta" else -1
        for i in range(1, len(new_rows)):
            before = old.row_sum(i - 1) if i <= len(old.labels) else old.grand()
            after = new.row_sum(i - 1) if i <= len(new.labels) else new.grand()
            delta = after - before + (5_000 if i == wrong_row else 0)
            new_rows[i].append(("+" + sv(delta)) if delta > 0 else sv(delta))
        doc = Doc(f"change-extension-{kind}", ["Beviljad budget:", Table(old_rows), "Ny budget med förlängning:",
                                                Table(new_rows)], layout="change column")
        if kind == "delta":
            doc.expect("delta", new.labels[1], "Förändring")
        docs.append(doc)
    for kind in ["correct", "delta"]:
        g = grid(rng, PARTIES[:4], ["2025", "2026"])
        rows = budget_rows(g, sum_header=None)
        rows[0].append("Skillnad")
        for i in range(1, len(rows)):
            a = g.values[i - 1] if i <= len(g.labels) else [g.column_sum(0), g.column_sum(1)]
            diff = a[1] - a[0] + (3_000 if kind == "delta" and i == 3 else 0)
            rows[i].append(("+" + sv(diff)) if diff > 0 else sv(diff))
        doc = Doc(f"change-twoyears-{kind}", [INTRO, Table(rows)], layout="change column")
        if kind == "delta":
            doc.expect("delta", g.labels[2], "Skillnad")
        docs.append(doc)
    return docs


def delta_cell_family(rng: random.Random) -> list[Doc]:
    """"4 260 480 (ökning med 1 135 680 kr)" in the sum cell, and the budget-change sentence."""
    docs = []
    for kind in ("correct", "delta", "budget_change"):
        old = grid(rng, PARTIES[:3], ["2024", "2025"])
        new = Grid(old.labels, old.years, [[v + rng.randrange(1, 50) * 1000 for v in row] for row in old.values])
        rows = budget_rows(new)
        for i in range(1, 4):
            change = new.row_sum(i - 1) - old.row_sum(i - 1) + (1_000 if kind == "delta" and i == 1 else 0)
            rows[i][-1] += f" (ökning med {sv(change)} kr)"
        total_change = new.grand() - old.grand() + (10_000 if kind == "budget_change" else 0)
        sentence = f"Förlängningen innebär en höjning av budgeten med {sv(total_change)} kr."
        doc = Doc(f"deltacell-{kind}", ["Beviljad budget:", Table(budget_rows(old)), "Sökt budget:", Table(rows),
                                        sentence], layout="in-cell change")
        if kind == "delta":
            doc.expect("delta", old.labels[0], "Summa")
        if kind == "budget_change":
            doc.expect("budget_change")
        docs.append(doc)
    return docs


def grand_total_family(rng: random.Random) -> list[Doc]:
    docs = []
    g = grid(rng, PARTIES[:4], ["2024", "2025", "2026"])
    docs.append(Doc("grand-byyears-correct", [INTRO, Table(budget_rows(g, item_sums=False))], layout="grand total"))
    docs.append(Doc("grand-byyears-wrong", [INTRO, Table(budget_rows(g, item_sums=False,
                                                                     change={("Totalt", "sum"): g.grand() + 10_000}))],
                    layout="grand total").expect("grand_total_by_years", "Totalt", "Summa"))
    g = grid(rng, PARTIES[3:7], ["2025", "2026"])
    docs.append(Doc("grand-byrows-correct", [INTRO, Table(budget_rows(g, total_years=False))], layout="grand total"))
    docs.append(Doc("grand-byrows-wrong", [INTRO, Table(budget_rows(g, total_years=False,
                                                                    change={("Totalt", "sum"): g.grand() - 1_000}))],
                    layout="grand total").expect("grand_total_by_rows", "Totalt", "Summa"))
    g = grid(rng, PARTIES[:3], ["2024", "2025", "2026"])
    docs.append(Doc("rowsum-nototal", [INTRO, Table(budget_rows(g, total_label=None,
                                                                change={(g.labels[1], "sum"): g.row_sum(1) + 100}))],
                    layout="row sums").expect("row_sum", g.labels[1], "Summa"))
    return docs


def tabs_family(rng: random.Random) -> list[Doc]:
    """Typed tables: tab-separated lines in one paragraph."""
    docs = []
    for kind in ("correct", "cell"):
        g = grid(rng, PARTIES[:4], ["2024", "2025", "2026"])
        change = {(g.labels[3], "2024"): g.values[3][0] + 1_000} if kind == "cell" else {}
        rows = budget_rows(g, fmt=FORMATS["space"], change=change)
        doc = Doc(f"tabs-{kind}", [INTRO, "\n".join("\t".join(r) for r in rows)], layout="typed")
        if kind == "cell":
            doc.expect("cell", g.labels[3], "2024")
        docs.append(doc)
    return docs


def sections_family(rng: random.Random) -> list[Doc]:
    """Subtotals per section and "varav" rows that are not added."""
    docs = []
    for kind in ("correct", "cell"):
        a = grid(rng, ["Lön projektledare", "Lön samordnare"], ["2025", "2026"])
        b = grid(rng, ["Lokaler", "Utvärdering"], ["2025", "2026"])
        rows = [["", "2025", "2026", "Summa"]]
        for section, g, label in (("Personal", a, "Summa personal"), ("Övrigt", b, "Summa övrigt")):
            rows.append([section, "", "", ""])
            for i, item in enumerate(g.labels):
                values = g.values[i][:]
                if kind == "cell" and section == "Övrigt" and i == 1:
                    values[0] += 2_500
                rows.append([item, *map(sv, values), sv(g.row_sum(i))])
            rows.append([label, *map(sv, [g.column_sum(0), g.column_sum(1)]), sv(g.grand())])
        rows.append(["(varav medfinansiering)", sv(10_000), sv(12_000), sv(22_000)])
        grand = [a.column_sum(j) + b.column_sum(j) for j in range(2)]
        rows.append(["Totalt", *map(sv, grand), sv(sum(grand))])
        doc = Doc(f"sections-{kind}", [INTRO, Table(rows)], layout="sections")
        if kind == "cell":
            doc.expect("cell", "Utvärdering", "2025")
        docs.append(doc)
    return docs


SALARY_TABLE_LABELS = ["Projektledare", "Samordnare"]


def salary_docs() -> list[Doc]:
    """The narrative's salary arithmetic: social fees, FTE shares, yearly, products, periods."""
    fees_a = "Projektledare: heltidslönen är 40 000 kr/mån x sociala avgifter = 56 000 kr/mån."
    fees_b = "Samordnare: heltidslönen är 35 000 kr/mån x sociala avgifter = 49 000 kr/mån."
    fte_b = "För 0,5 tjänst blir månadslönen 24 500 kr/mån."
    yearly = "Det blir 24 500 kr/mån och 294 000 kr/år."
    product = "Beräkning: 0,5 x 49 000 = 24 500 kr."
    rows = [["", "2025", "2026", "Summa"], ["Projektledare", sv(672_000), sv(672_000), sv(1_344_000)],
            ["Samordnare", sv(294_000), sv(294_000), sv(588_000)], ["Totalt", sv(966_000), sv(966_000), sv(1_932_000)]]
    plain = ["Sociala avgifter beräknas till 40 % av lönen.", fees_a, fees_b, fte_b, yearly, product]
    docs = [Doc("salary-correct", ["Personalkostnader.", *plain, Table(rows)], layout="salary")]
    variants = [
        ("fees", fees_b.replace("49 000", "50 000"), 2, "social_fees", "Samordnare"),
        ("fte", fte_b.replace("24 500", "25 500"), 3, "fte_share", "Samordnare"),
        ("yearly", yearly.replace("294 000", "295 000"), 4, "yearly", "Samordnare"),
        ("product", product.replace("= 24 500", "= 24 800"), 5, "arithmetic", None),  # "a × b = c": no row
    ]
    for name, text, index, kind, row in variants:
        paragraphs = plain[:]
        paragraphs[index] = text
        if name == "fees":  # the wrong monthly cost carries into the next sentences: write them from it
            paragraphs[3] = "För 0,5 tjänst blir månadslönen 25 000 kr/mån."
            paragraphs[4] = "Det blir 25 000 kr/mån och 300 000 kr/år."
            paragraphs[5] = "Beräkning: 0,5 x 50 000 = 25 000 kr."
        docs.append(Doc(f"salary-{name}", ["Personalkostnader.", *paragraphs, Table(rows)], layout="salary")
                    .expect(kind, row))
    rate = "Sociala avgifter beräknas till 40 % av lönen."
    written = "Kurator: heltidslönen är 30 000 kr/mån x sociala avgifter = 42 000 kr/mån."
    docs.append(Doc("salary-rate-correct", [rate, written, Table(rows)], layout="salary"))
    docs.append(Doc("salary-rate-fees", [rate, written.replace("42 000", "43 000"), Table(rows)], layout="salary")
                .expect("social_fees", "Kurator"))
    return docs


def period_docs() -> list[Doc]:
    """A post starting mid-year in a two-year table with no end date stated."""
    text = ("Samordnare: 0,5 tjänst fr.o.m. den 1 mars 2025. Heltidslönen uppskattas till 35 000 kr/mån x "
            "sociala avgifter = 49 000 kr/mån. För 0,5 tjänst blir månadslönen 24 500 kr/mån.")
    other = "Projektledare: heltidslönen är 40 000 kr/mån x sociala avgifter = 56 000 kr/mån."

    def table(first: int) -> Table:
        rows = [["", "2025", "2026", "Summa"], ["Samordnare", sv(first), sv(294_000), sv(first + 294_000)],
                ["Totalt", sv(first), sv(294_000), sv(first + 294_000)]]
        return Table(rows)

    return [Doc("period-correct", [other, text, table(245_000)], layout="period"),
            Doc("period-wrong", [other, text, table(294_000)], layout="period").expect("period", "Samordnare", "2025")]


def tkr_docs(rng: random.Random) -> list[Doc]:
    g = grid(rng, PARTIES[:4], ["2024", "2025", "2026"], low=100, high=900, step=1)
    caption = "Budget i tusentals kronor (tkr)."
    return [Doc("tkr-correct", [caption, Table(budget_rows(g, corner="tkr"))], layout="tkr"),
            Doc("tkr-cell", [caption, Table(budget_rows(g, corner="tkr",
                                                        change={(g.labels[0], "2026"): g.values[0][2] + 5}))],
                layout="tkr").expect("cell", g.labels[0], "2026")]


def varied_family(rng: random.Random) -> list[Doc]:
    """More of what applicants write: a comment column, two label columns, dashes for nothing,
    negative co-financing, colons, a title row over the header, percentages, two tables."""
    docs = []
    g = grid(rng, PARTIES[:3], ["2025", "2026"])
    rows = budget_rows(g, change={})
    rows[0].append("Kommentar")
    for row, note in zip(rows[1:], ["Lön och resor", "Enligt avtal", "", "Hela perioden"], strict=True):
        row.append(note)
    docs.append(Doc("varied-comment-correct", [INTRO, Table(rows)], layout="comment column"))
    bad = [r[:] for r in rows]
    bad[2][2] = sv(g.values[1][1] + 900)
    docs.append(Doc("varied-comment-cell", [INTRO, Table(bad)], layout="comment column")
                .expect("cell", g.labels[1], "2026"))

    g = grid(rng, ["Socionom", "Projektledare", "Arbetsterapeut"], ["2024", "2025", "2026"])
    parties = ["Kommunen", "Kommunen", "Regionen"]
    for kind in ("correct", "cell"):
        rows = budget_rows(g, change={("Arbetsterapeut", "2025"): g.values[2][1] + 2_000} if kind == "cell" else {})
        rows = [["Part", *rows[0]]] + [[p, *r] for p, r in zip(parties, rows[1:-1], strict=True)] + [["", *rows[-1]]]
        doc = Doc(f"varied-twolabels-{kind}", [INTRO, Table(rows)], layout="two label columns")
        if kind == "cell":
            doc.expect("cell", "Regionen – Arbetsterapeut", "2025")
        docs.append(doc)

    g = grid(rng, PARTIES[:4], ["2024", "2025", "2026"])
    g.values[3][0] = None
    for kind in ("correct", "column"):
        rows = budget_rows(g, sum_header="Summa:", total_label="Totalt:",
                           change={("Totalt:", "2026"): g.column_sum(2) + 100} if kind == "column" else {})
        rows = [[("–" if not c and i > 0 and 0 < j < 4 else c) for j, c in enumerate(r)] for i, r in enumerate(rows)]
        doc = Doc(f"varied-dashes-{kind}", [INTRO, Table(rows)], layout="dashes and colons")
        if kind == "column":
            doc.expect("cell", "Totalt", "2026")
        docs.append(doc)

    g = grid(rng, ["Personal", "Lokaler", "Medfinansiering kommunen"], ["2025", "2026"])
    g.values[2] = [-v // 4 for v in g.values[2]]
    for kind in ("correct", "cell"):
        change = {("Lokaler", "2025"): g.values[1][0] - 1_000} if kind == "cell" else {}
        doc = Doc(f"varied-negative-{kind}", [INTRO, Table(budget_rows(g, total_label="Nettokostnad totalt",
                                                                       change=change))], layout="negative rows")
        if kind == "cell":
            doc.expect("cell", "Lokaler", "2025")
        docs.append(doc)

    g = grid(rng, PARTIES[:3], ["2025", "2026", "2027"])
    for kind in ("correct", "cell"):
        change = {(g.labels[0], "2027"): g.values[0][2] + 10} if kind == "cell" else {}
        rows = budget_rows(g, change=change)
        title = ["Budget per samverkanspart (kr)", "", "", "", ""]
        doc = Doc(f"varied-title-{kind}", [Table([title, *rows], merges=[(0, 0, 0, 4)])], layout="title row")
        if kind == "cell":
            doc.expect("cell", g.labels[0], "2027")
        docs.append(doc)

    shares = [["Fördelning", "2025", "2026"], ["Kommunen", "40 %", "45 %"], ["Regionen", "30 %", "30 %"],
              ["Försäkringskassan", "30 %", "25 %"]]
    docs.append(Doc("varied-percent-correct", ["Fördelning av kostnaderna mellan parterna.", Table(shares)],
                    layout="percentages"))

    a = grid(rng, PARTIES[:3], ["2024", "2025"])
    b = grid(rng, PARTIES[:3], ["2026", "2027"])
    for kind in ("correct", "rowsum"):
        change = {(b.labels[2], "sum"): b.row_sum(2) + 20_000} if kind == "rowsum" else {}
        doc = Doc(f"varied-twotables-{kind}", ["Etapp 1:", Table(budget_rows(a)), "Etapp 2:",
                                                Table(budget_rows(b, change=change))], layout="two tables")
        if kind == "rowsum":
            doc.expect("cell", b.labels[2], "Summa")
        docs.append(doc)
    return docs


def probe_docs() -> list[Doc]:
    """Tables with years that hold no budget, or another kind of sum: none may be alarmed wrongly."""
    scores = [["Uppföljning", "2024", "2025"], ["Nöjdhet kvinnor", "4,1", "4,3"], ["Nöjdhet män", "3,9", "4,0"],
              ["Totalt", "4,0", "4,2"]]
    timeline = [["Aktivitet", "2025", "2026", "2027"], ["Rekrytering", "x", "", ""], ["Uppföljning", "x", "x", "x"],
                ["Slutrapport", "", "", "x"]]
    posts = [["Tjänst", "2025", "2026"], ["Socionom", "1,0", "1,0"], ["Sjuksköterska", "0,5", "0,5"],
             ["Totalt", "1,5", "1,5"]]
    monthly = [["Tjänst", "Månadskostnad", "2025", "2026", "Summa"],
               ["Socionom", sv(43_400), sv(520_800), sv(520_800), sv(1_041_600)],
               ["Samordnare", sv(49_000), sv(294_000), sv(588_000), sv(882_000)],
               ["Totalt", "", sv(814_800), sv(1_108_800), sv(1_923_600)]]
    posts_bad = [row[:] for row in posts]
    posts_bad[3][2] = "1,4"
    return [Doc("probe-scores-correct", ["Resultat från uppföljningen.", Table(scores)], layout="probes"),
            Doc("probe-timeline-correct", ["Tidplan.", Table(timeline)], layout="probes"),
            Doc("probe-posts-correct", ["Bemanning.", Table(posts)], layout="probes"),
            Doc("probe-posts-column", ["Bemanning.", Table(posts_bad)], layout="probes")
            .expect("column_sum", "Totalt", "2026"),
            Doc("probe-monthly-correct", ["Personalkostnader.", Table(monthly)], layout="probes")]


def salary_phrasing_docs() -> list[Doc]:
    """The same arithmetic in other words: arbetsgivaravgifter, inkl. sociala avgifter, percent FTE."""
    rate = "Lönebikostnader (PO-pålägg) beräknas till 41,5 % av lönen."
    a = "Socialsekreterare: månadslön 34 000 kr/mån inkl. sociala avgifter blir 48 110 kr/mån."
    b = "Kurator: månadslön 32 000 kr/mån inklusive sociala avgifter blir 45 280 kr/mån."
    c = "50 % tjänst blir 22 640 kr/mån."
    y = "Månadskostnaden 22 640 kr/mån blir 271 680 kr/år."
    rows = [["", "2025", "2026", "Summa"], ["Socialsekreterare", sv(577_320), sv(577_320), sv(1_154_640)],
            ["Kurator", sv(271_680), sv(271_680), sv(543_360)], ["Totalt", sv(849_000), sv(849_000), sv(1_698_000)]]
    plain = [rate, a, b, c, y]
    docs = [Doc("phrasing-correct", ["Personal.", *plain, Table(rows)], layout="salary phrasing")]
    for name, index, text, kind, row in [("fees", 1, a.replace("48 110", "48 300"), "social_fees", "Socialsekreterare"),
                                         ("fte", 3, c.replace("22 640", "22 460"), "fte_share", "Kurator"),
                                         ("yearly", 4, y.replace("271 680", "271 860"), "yearly", "Kurator")]:
        paragraphs = plain[:]
        paragraphs[index] = text
        docs.append(Doc(f"phrasing-{name}", ["Personal.", *paragraphs, Table(rows)], layout="salary phrasing")
                    .expect(kind, row))
    return docs


def python_docx_docs() -> list[Doc]:
    rng = random.Random(15)
    return [*basic_family(rng), *year_header_family(rng), *count_family(rng), *total_label_family(rng),
            *sum_first_family(rng), *merged_header_family(rng), *continued_family(rng), *change_family(rng),
            *delta_cell_family(rng), *grand_total_family(rng), *tabs_family(rng), *sections_family(rng),
            *salary_docs(), *period_docs(), *tkr_docs(rng), *varied_family(rng), *salary_phrasing_docs(),
            *probe_docs()]


FIXED_TIME = (2026, 1, 15, 12, 0, 0)


def fixed_zip(path: Path) -> None:
    """The archive again with fixed member times, so a regenerated corpus is byte for byte the same."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # LibreOffice stamps the time of writing
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-15T12:00:00Z", data)
            archive.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), data, compress_type=zipfile.ZIP_DEFLATED)


def write_docx(doc: Doc, path: Path) -> None:
    document = docx.Document()
    document.core_properties.created = document.core_properties.modified = datetime(*FIXED_TIME)
    document.core_properties.last_modified_by = document.core_properties.author = "make_corpus.py"
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for block in doc.blocks:
        if isinstance(block, str):
            paragraph = document.add_paragraph()
            lines = block.split("\n")
            for i, line in enumerate(lines):
                run = paragraph.add_run(line)
                if i < len(lines) - 1:
                    run.add_break()
        else:
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(block.rows):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            for r1, c1, r2, c2 in block.merges:
                keep = table.cell(r1, c1).text
                merged = table.cell(r1, c1).merge(table.cell(r2, c2))
                merged.text = keep
    document.save(str(path))
    fixed_zip(path)


# LibreOffice writes these again (docx → odt → docx): its own XML for each layout.
LIBREOFFICE = ["basic-nbsp-correct", "basic-kr-cell", "years-budget-correct", "years-jan-jun-cell",
               "counts-participants-correct", "counts-participants-column", "totals-kostnader-totalt-column",
               "sumfirst-cell", "merged-correct", "merged-cell", "continued-correct", "continued-cell",
               "change-extension-delta", "change-twoyears-correct", "deltacell-budget_change", "tabs-cell",
               "salary-correct", "salary-fte", "period-wrong", "grand-byrows-wrong", "salary-fees", "salary-yearly",
               "salary-product", "salary-rate-fees", "grand-byyears-wrong", "rowsum-nototal", "deltacell-delta",
               "period-correct", "counts-cases-rowsum", "counts-keyfigures-correct", "sections-cell",
               "varied-twolabels-cell", "varied-title-correct", "varied-dashes-column", "phrasing-fte",
               "continued-repeated-column", "counts-keyfigures-totals-correct", "probe-scores-correct",
               "probe-monthly-correct"]


def libreoffice_round_trip(names: list[str], docs_dir: Path) -> list[str]:
    """Convert each to odt and back with soffice; returns the names written ("…-lo")."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice not found: skipping the LibreOffice-written documents", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
        sources = []
        for name in names:
            target = tmp_path / f"{name}-lo.docx"
            shutil.copy(docs_dir / f"{name}.docx", target)
            sources.append(str(target))
        odt_dir, back_dir = tmp_path / "odt", tmp_path / "back"
        subprocess.run([soffice, "--headless", "--norestore", profile, "--convert-to", "odt", "--outdir",
                        str(odt_dir), *sources], check=True, capture_output=True, timeout=600)
        odts = sorted(str(p) for p in odt_dir.glob("*.odt"))
        subprocess.run([soffice, "--headless", "--norestore", profile, "--convert-to", "docx:MS Word 2007 XML",
                        "--outdir", str(back_dir), *odts], check=True, capture_output=True, timeout=600)
        written = []
        for path in sorted(back_dir.glob("*.docx")):
            shutil.copy(path, docs_dir / path.name)
            fixed_zip(docs_dir / path.name)
            written.append(path.stem)
        return written


def app_exports(docs_dir: Path) -> list[Doc]:
    """The app's own DOCX of the bundled sample: as exported, and with figures changed in the file."""
    from builder.appformat import loads
    from builder.docx import render_application_docx

    sample = (ROOT / "builder" / "sample" / "hela-familjen.json").read_text(encoding="utf-8")
    application = loads(sample)
    data = render_application_docx(application, draft=True, version_label="1", today=date(2026, 1, 15))
    (docs_dir / "app-sample-correct.docx").write_bytes(data)
    fixed_zip(docs_dir / "app-sample-correct.docx")
    docs = [Doc("app-sample-correct", [], layout="app export")]
    edits = [
        ("app-sample-cell", 1, 1, 2, "2\u00a0140\u00a0240", Doc("app-sample-cell", [], layout="app export")
         .expect("cell", "Kristianstads kommun", "2018")),
        ("app-sample-change", 1, 2, 5, "ökning med 236\u00a0987\u00a0kr",
         Doc("app-sample-change", [], layout="app export")
         .expect("delta", "Vårdcentralen Vilan", "Förändring")),
        ("app-sample-approved", 0, 5, 3, "1\u00a0269\u00a0380", Doc("app-sample-approved", [], layout="app export")
         .expect("cell", "Totalt", "2017")),
    ]
    narrative = [  # a figure changed in the exporter's own narrative: (name, old text, new text, finding)
        ("app-narrative-fees", "= 43\u00a0400\u00a0kr/mån", "= 43\u00a0500\u00a0kr/mån",
         ("social_fees", "Kristianstads kommun")),
        ("app-narrative-fte", "blir kostnaden 26\u00a0880\u00a0kr/mån", "blir kostnaden 26\u00a0980\u00a0kr/mån",
         ("fte_share", "Kristianstads kommun")),
        ("app-narrative-product", "12 månader x 19\u00a0040\u00a0kr/mån\u00a0= 228\u00a0480\u00a0kr",
         "12 månader x 19\u00a0040\u00a0kr/mån\u00a0= 228\u00a0680\u00a0kr", ("arithmetic", "Kristianstads kommun")),
        # The months of a year changed, its product still adding up: only the start date tells.
        ("app-narrative-months", "2017: 4,5 månader x 11\u00a0018\u00a0kr/mån\u00a0= 49\u00a0581\u00a0kr",
         "2017: 5 månader x 11\u00a0018\u00a0kr/mån\u00a0= 55\u00a0090\u00a0kr", ("months", "Vårdcentralen Vilan")),
        ("app-narrative-change", "budgeten med 1\u00a0601\u00a0327\u00a0kr", "budgeten med 1\u00a0610\u00a0327\u00a0kr",
         ("budget_change", None)),
    ]
    for name, before, after, (kind, row) in narrative:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        xml = members["word/document.xml"].decode("utf-8")
        assert xml.count(before) >= 1, before  # the exporter still writes this sentence in one run
        members["word/document.xml"] = xml.replace(before, after, 1).encode("utf-8")
        with zipfile.ZipFile(docs_dir / f"{name}.docx", "w", zipfile.ZIP_DEFLATED) as archive:
            for member, content in members.items():
                archive.writestr(zipfile.ZipInfo(member, FIXED_TIME), content, compress_type=zipfile.ZIP_DEFLATED)
        docs.append(Doc(name, [], layout="app export").expect(kind, row))
    for name, table, row, column, text, doc in edits:
        document = docx.Document(io.BytesIO(data))
        cell = document.tables[table].cell(row, column)
        runs = cell.paragraphs[0].runs
        runs[0].text = text
        for run in runs[1:]:
            run.text = ""
        document.save(str(docs_dir / f"{name}.docx"))
        fixed_zip(docs_dir / f"{name}.docx")
        docs.append(doc)
    return docs


def main() -> None:
    use_libreoffice = "--no-libreoffice" not in sys.argv
    if DOCS.exists():
        shutil.rmtree(DOCS)
    DOCS.mkdir(parents=True)
    docs = python_docx_docs()
    truth = {}
    for doc in docs:
        write_docx(doc, DOCS / f"{doc.name}.docx")
        truth[f"{doc.name}.docx"] = {"source": "python-docx", "layout": doc.layout, "expected": doc.expected}
    by_name = {doc.name: doc for doc in docs}
    if use_libreoffice:
        for stem in libreoffice_round_trip(LIBREOFFICE, DOCS):
            original = by_name[stem.removesuffix("-lo")]
            truth[f"{stem}.docx"] = {"source": "libreoffice", "layout": original.layout, "expected": original.expected}
    for doc in app_exports(DOCS):
        truth[f"{doc.name}.docx"] = {"source": "app", "layout": doc.layout, "expected": doc.expected}
    TRUTH.write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    errors = sum(len(t["expected"]) for t in truth.values())
    correct = sum(not t["expected"] for t in truth.values())
    print(f"{len(truth)} documents ({correct} correct, {errors} planted errors) in {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
