"""Applications for the DOCX tests: the Hela Familjen example and callable factories."""
from __future__ import annotations

import copy
import io
import json
from datetime import date
from functools import lru_cache

from docx import Document

from builder.appformat import Application, from_dict
from builder.docx import render_application_docx
from tests.helpers import HELA_FAMILJEN as HELA_FAMILJEN_PATH
from tests.helpers import REPO

REPO_ROOT = str(REPO)
HELA_FAMILJEN = str(HELA_FAMILJEN_PATH)
EXPORT_DAY = date(2017, 5, 15)
SECTION_KEYS = ("background", "process", "target_group", "goals", "child_rights", "timeline", "activities",
                "owner", "steering_group", "follow_up", "implementation", "other")


@lru_cache(maxsize=1)
def _hela_text() -> str:
    with open(HELA_FAMILJEN, encoding="utf-8") as fh:
        return fh.read()


def hela_dict() -> dict:
    """The Hela Familjen extension as a fresh JSON object (safe to change)."""
    return json.loads(_hela_text())


def application(data: dict | None = None, **changes) -> Application:
    """An Application from a JSON object (default Hela Familjen) with top-level keys replaced."""
    data = copy.deepcopy(data) if data is not None else hela_dict()
    data.update(changes)
    return from_dict(data)


def export(app: Application, **options) -> bytes:
    """DOCX bytes, dated 15 May 2017 unless told otherwise."""
    options.setdefault("today", EXPORT_DAY)
    return render_application_docx(app, **options)


def open_docx(data: bytes):
    """The python-docx Document of exported bytes."""
    return Document(io.BytesIO(data))


def minimal_dict(**changes) -> dict:
    """A small application that is ready for signing: one party, one staff line, one signatory."""
    data = {
        "format": "finsam-application", "version": 1, "title": "Testprojekt",
        "process_owner": "Testkommun", "association": "Samordningsförbundet Test",
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "parties": [{"name": "Testkommun", "kind": "municipality"}],
        "sections": {"background": "Bakgrund.", "target_group": "Målgrupp.", "goals": "Mål.",
                     "activities": "Aktiviteter."},
        "signatories": [{"party": "Testkommun", "name": "Eva Ek", "title": "Chef", "organisation": "Testkommun"}],
        "budget": {"default_social_fee_rate": "0.40", "staff": [
            {"party": "Testkommun", "role": "Handläggare", "fte": "1.0", "monthly_salary": "30000",
             "start": "2024-01-01", "end": "2024-12-31"}]},
    }
    data.update(changes)
    return data


def big_dict(lines: int = 200, parties: int = 10, section_chars: int = 60_000) -> dict:
    """A large application: many staff lines and parties, very long sections, risks and effects."""
    names = [f"Part {i + 1} – {'kommun' if i % 2 else 'region'}" for i in range(parties)]
    paragraph = "Ett långt stycke med åäö och siffror 1 234 567. " * 20
    text = "\n\n".join([paragraph] * max(1, section_chars // len(paragraph)))
    staff = [{"party": names[i % parties], "role": f"Roll {i + 1}", "fte": "0.5",
              "monthly_salary": str(30000 + i * 10), "start": "2024-03-14" if i % 3 else "2024-01-01",
              "end": "2026-12-31", **({"annual_raise": {"rate": "0.025", "month": 4}} if i % 5 == 0 else {})}
             for i in range(lines)]
    return minimal_dict(
        title="Stort projekt",
        period={"start": "2024-01-01", "end": "2026-12-31"},
        parties=[{"name": n, "kind": "other"} for n in names],
        sections={key: text for key in SECTION_KEYS},
        signatories=[{"party": n, "name": f"Person {i + 1}", "title": "Chef", "organisation": n}
                     for i, n in enumerate(names)],
        risks=[{"area": f"Område {i % 4}", "party": names[i % parties], "description": text[:400],
                "likelihood": str(1 + i % 4), "consequence": str(1 + (i * 3) % 4), "mitigation": "Åtgärd."}
               for i in range(30)],
        effects=[{"label": "Undvikna placeringar", "items": [
            {"label": "HVB", "persons": "9", "cost_per_day": "3749", "months": "6"}]}],
        budget={"default_social_fee_rate": "0.4015", "staff": staff,
                "other_costs": [{"label": "Utvärdering", "party": names[0],
                                 "yearly": {"2024": "50000", "2025": "80000", "2026": "60000"}}],
                "overhead": {"label": "Indirekta kostnader", "rate": "0.05"}},
    )


def headings(document) -> list[tuple[str, str]]:
    """(style name, text) of every Heading paragraph, in order."""
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def table_texts(table) -> list[list[str]]:
    """A table's cell texts, row by row."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def find_table(document, first_header: str, nth: int = 0, with_header: str | None = None):
    """The nth table whose first header cell reads `first_header` (and has a `with_header` column)."""
    matches = [t for t in document.tables if t.rows[0].cells[0].text == first_header
               and (with_header is None or with_header in [c.text for c in t.rows[0].cells])]
    return matches[nth]


def section_paragraphs(document, heading: str) -> list[str]:
    """The body paragraphs between a heading and the next heading."""
    out, inside = [], False
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            if inside:
                break
            inside = p.text == heading
        elif inside:
            out.append(p.text)
    return out
