"""A period report's plain values for the DOCX tests: the Hela Familjen budget, outcomes per row."""
from __future__ import annotations

import json
from datetime import date

from builder.appformat import from_dict
from builder.followup.figures import Participants, ReportDocument, budget_rows, report_figures
from tests.helpers import REPO

SAMPLE = REPO / "builder" / "sample" / "hela-familjen.json"


def sample_rows(staff_copies: int = 1):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["budget"]["staff"] = [dict(line, role=f"{line['role']} {n}") for n in range(staff_copies)
                              for line in doc["budget"]["staff"]]
    doc["budget"].pop("baseline")
    doc["kind"] = "new"
    return budget_rows(from_dict(doc).budget)


def report_document(kind: str = "ar", staff_copies: int = 1, planned: int | None = 40) -> ReportDocument:
    rows = sample_rows(staff_copies)
    outcome = {row.key: 10_000 * (i + 1) + 7 for i, row in enumerate(rows)}
    earlier = {row.key: 50_000 for row in rows[:3]}
    forecast = {rows[0].key: 1_100_000}
    return ReportDocument(
        kind=kind, title="Hela Familjen", association="Samordningsförbundet Skåne Nordost",
        case_number="FINSAM 2017/4", period_start=date(2018, 9, 1), period_end=date(2018, 12, 31),
        figures=report_figures(rows, 2018, outcome, earlier, forecast),
        participants=Participants({("started", "women"): 5, ("started", "men"): 3, ("ongoing", "other"): 1,
                                   ("finished", "women"): 2}),
        planned=planned, answers=(("progress", "Arbetet har gått bra.\nTre nya familjer."),
                                  ("deviations", "Sjuksköterskan började senare."), ("changes", "")),
        version_number=2, status="submitted", report_date=date(2019, 1, 15))
