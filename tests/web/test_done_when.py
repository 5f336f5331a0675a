"""Issue 18's "done when", walked through the app's own routes on SQLite and PostgreSQL: an association takes
an approved case through the agreement, three period reports (two delår and the year report, each submitted
and approved) and the year-end national export without a spreadsheet on the side, and the staff of a second
association on the same installation see none of it."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from builder.cases.models import Case, InsatsYear
from builder.extensions import db
from builder.followup import service
from builder.followup.models import PeriodReport
from builder.formatting import kr
from builder.xlsx.national import NATIONAL_COLUMNS
from tests.web.cases_support import as_
from tests.web.followup_support import approved_application, lock, open_report
from tests.web.test_cases import docx_text

OTHER = "Samordningsförbundet Västra Mälardalen"
KEYS = [f"staff:{i}" for i in range(6)]  # the sample's six staff lines
PERIODS_2018 = (date(2018, 4, 30), date(2018, 8, 31), date(2018, 12, 31))


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer", "finance")} | {
        "other_reviewer": make_user("reviewer", association=OTHER),
        "other_admin": make_user("admin", association=OTHER)}


def _column(name: str) -> int:
    return NATIONAL_COLUMNS.index(name)


def test_an_approved_case_through_agreement_three_reports_and_the_national_export(app, client, people,
                                                                                   make_application):
    app_id = approved_application(app, client, people, make_application)
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.application_id == app_id))
        association_id, case_number = case.association_id, case.number
        committed_2018 = db.session.scalar(db.select(InsatsYear.approved_amount).where(
            InsatsYear.application_id == app_id, InsatsYear.year == 2018))
    assert committed_2018 and committed_2018 > 0

    # The agreement, with the year's committed amount as the portfolio counts it.
    as_(client, people["reviewer"])
    agreement = client.get(f"/applications/{app_id}/agreement.docx")
    assert agreement.status_code == 200
    assert kr(committed_2018).replace("\xa0", " ") in docx_text(agreement.data).replace("\xa0", " ")

    # Three reports of 2018: the lead reports, the reviewer approves each (one is sent back once first).
    outcomes = []
    for index, period_end in enumerate(PERIODS_2018):
        as_(client, people["applicant"])
        report_id = open_report(client, app_id, period_end)
        amount = 10_000 * (index + 1)
        data = {f"amount-{key.replace(':', '-')}": f"{amount:,}".replace(",", " ") for key in KEYS}
        data |= {"started_women": "2", "started_men": "1", "ongoing_women": str(2 * (index + 1)),
                 "answer-progress": f"Period {index + 1} gick enligt plan."}
        response = client.post(f"/applications/{app_id}/reports/{report_id}",
                               data={"lock_version": lock(app, report_id), "action": "submit", **data})
        assert response.status_code == 303
        as_(client, people["reviewer"])
        if index == 1:
            client.post(f"/applications/{app_id}/reports/{report_id}/request-changes",
                        data={"lock_version": lock(app, report_id), "comment": "Stäm av mot huvudboken."})
            as_(client, people["applicant"])
            client.post(f"/applications/{app_id}/reports/{report_id}",
                        data={"lock_version": lock(app, report_id), "action": "submit", **data})
            as_(client, people["reviewer"])
        response = client.post(f"/applications/{app_id}/reports/{report_id}/approve",
                               data={"lock_version": lock(app, report_id), "comment": ""})
        assert response.status_code == 303
        with app.app_context():
            report = db.session.get(PeriodReport, report_id)
            assert report.status == "approved" and report.year == 2018
            outcomes.append(service.figures_of(report).total.outcome)
        assert client.get(f"/applications/{app_id}/reports/{report_id}/report.docx").status_code == 200
    assert outcomes == [60_000, 120_000, 180_000]
    year_outcome = sum(outcomes)

    # The year-end national export: the insats's budget and outcome and participants, as registered.
    as_(client, people["finance"])
    response = client.get(f"/associations/{association_id}/national/2018.csv")
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.data.decode("utf-8")[1:]), delimiter=";"))
    assert tuple(lines[0]) == NATIONAL_COLUMNS and len(lines) == 2
    row = lines[1]
    assert row[_column("Diarienummer")] == case_number
    assert int(row[_column("Budget")]) == committed_2018
    assert int(row[_column("Utfall")]) == year_outcome
    assert int(row[_column("Deltagare kvinnor")]) == 6 and int(row[_column("Deltagare män")]) == 3
    sheet = load_workbook(io.BytesIO(client.get(f"/associations/{association_id}/national/2018.xlsx").data)).active
    assert [c.value for c in sheet[2]][_column("Utfall")] == year_outcome
    portfolio = client.get(f"/associations/{association_id}/portfolio/2018").text.replace("\xa0", " ")
    assert kr(year_outcome).replace("\xa0", " ") in portfolio
    assert kr(committed_2018).replace("\xa0", " ") in portfolio

    # The other association's staff, on the same installation, reach none of it.
    with app.app_context():
        report_ids = list(db.session.scalars(db.select(PeriodReport.id).where(PeriodReport.application_id == app_id)))
    urls = [f"/applications/{app_id}", f"/applications/{app_id}/followup", f"/applications/{app_id}/agreement.docx",
            f"/associations/{association_id}/portfolio/2018", f"/associations/{association_id}/national/2018.csv",
            f"/associations/{association_id}/national/2018.xlsx"]
    urls += [f"/applications/{app_id}/reports/{rid}{tail}" for rid in report_ids
             for tail in ("", "/report.docx", "/report.xlsx")]
    for person in ("other_reviewer", "other_admin"):
        as_(client, people[person])
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        assert case_number not in client.get("/review").text and case_number not in client.get("/reports").text
