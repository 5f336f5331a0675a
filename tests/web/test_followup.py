"""Follow-up of an approved insats on SQLite and PostgreSQL: periods, a report saved, refused, submitted,
reviewed and approved; who may see and do what; optimistic locking; the XLSX round trip and the DOCX."""
from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from builder.extensions import db
from builder.followup import service
from builder.followup.models import OutcomeRow, PeriodReport, ReportComment, ReportEvent
from builder.formatting import number
from tests.web.cases_support import as_, sample_doc
from tests.web.followup_support import approved_application, lock, open_report
from tests.web.test_cases import docx_text

# The sample (Hela Familjen) runs 2017-06-01 – 2019-05-31: six staff lines, no other costs, no overhead.
KEYS = [f"staff:{i}" for i in range(6)]
AUGUST = date(2017, 8, 31)


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer", "finance")} | {
        "stranger": make_user("applicant"), "other_reviewer": make_user("reviewer")}


@pytest.fixture
def approved(app, client, people, make_application):
    return approved_application(app, client, people, make_application)


def _fields(amounts: dict[str, str], forecasts: dict[str, str] | None = None, **extra) -> dict[str, str]:
    data = {f"amount-{k.replace(':', '-')}": v for k, v in amounts.items()}
    data |= {f"forecast-{k.replace(':', '-')}": v for k, v in (forecasts or {}).items()}
    return data | extra


def _save(client, app, app_id, report_id, data, action="save"):
    return client.post(f"/applications/{app_id}/reports/{report_id}",
                       data={"lock_version": lock(app, report_id), "action": action, **data})


def _all_rows(amount: str = "1 000") -> dict[str, str]:
    return {key: amount for key in KEYS}


def test_periods_on_the_overview_and_the_link_from_the_application(client, people, approved):
    as_(client, people["applicant"])
    assert f"/applications/{approved}/followup" in client.get(f"/applications/{approved}").text
    page = client.get(f"/applications/{approved}/followup").text
    for text in ("Delårsrapport 2017", "1 juni 2017 – 31 augusti 2017", "Årsrapport 2017",
                 "1 september 2017 – 31 december 2017", "Slutrapport 2019", "1 maj 2019 – 31 maj 2019"):
        assert text in page
    assert page.count("Påbörja rapporten") == 7
    assert "30 september 2017" in page and "31 juli 2019" in page  # due, as the överenskommelse says
    assert "1 340 101 kr" in page.replace("\xa0", " ")  # the 2017 budget, as the engine computes it


def test_a_report_is_saved_from_swedish_numbers_and_its_figures_add_up(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    response = _save(client, app, approved, report_id, _fields(
        {"staff:0": "100 000", "staff:1": "0", "staff:4": "1.500", "staff:5": "0"}, {"staff:1": "600 000 kr"},
        started_women="3", started_men="2", ongoing_other="1", **{"answer-progress": "Bra start."}))
    assert response.status_code == 303 and response.location.endswith(f"/reports/{report_id}")
    with app.app_context():
        report = db.session.get(PeriodReport, report_id)
        assert {r.row_key: r.amount for r in report.rows} == {"staff:0": 100_000, "staff:1": 0, "staff:4": 1_500,
                                                              "staff:5": 0}
        assert report.kind == "delar" and report.year == 2017 and report.version_number == 1
        assert (report.started_women, report.started_men, report.ongoing_other) == (3, 2, 1)
        assert report.answer_texts["progress"] == "Bra start."
        figures = service.figures_of(report)
        assert figures.total.outcome == 101_500
        assert sum(p.figure.budget for p in figures.parties) == figures.total.budget == 1_340_101
        kommun = figures.parties[0]
        assert kommun.party == "Kristianstads kommun" and kommun.figure.outcome == 100_000
        line = next(r for r in figures.rows if r.key == "staff:1")
        assert line.forecast_set and line.figure.forecast == 600_000
        assert line.figure.difference == 600_000 - line.figure.budget
    page = client.get(f"/applications/{approved}/reports/{report_id}").text.replace("\xa0", " ")
    assert 'value="100 000"' in page and 'value="600 000"' in page and "101 500 kr" in page


def test_refused_input_is_kept_with_messages_at_the_fields(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    _save(client, app, approved, report_id, _fields({"staff:0": "5 000"}))
    response = _save(client, app, approved, report_id, _fields(
        {"staff:0": "12 x", "staff:1": "10,50"}, {"staff:2": "7 000"}, started_men="-1",
        **{"answer-changes": "x" * 4001}))
    assert response.status_code == 303
    page = client.get(response.location).text
    assert 'value="12 x"' in page and "Skriv ett belopp i kronor" in page
    assert "Skriv hela kronor (utan ören)." in page and "Skriv utfallet också" in page
    assert "Skriv ett heltal, 0 eller mer." in page and "Högst 4 000 tecken." in page.replace("\xa0", " ")
    assert 'id="amount-staff-0-error"' in page
    client.post("/language", data={"language": "en"})  # the messages are said in the reader's language
    english = client.get(response.location).text
    assert "Enter an amount in kronor, e.g. 31 000." in english and "At most 4,000 characters." in english
    assert 'value="12 x"' in english
    client.post("/language", data={"language": "sv"})
    with app.app_context():  # nothing of the refused post is saved
        assert {r.row_key: r.amount for r in db.session.get(PeriodReport, report_id).rows} == {"staff:0": 5_000}
    _save(client, app, approved, report_id, _fields({"staff:0": "7 000"}))
    page = client.get(f"/applications/{approved}/reports/{report_id}").text
    assert "Skriv ett belopp" not in page and 'value="7 000"' in page.replace("\xa0", " ")


def test_the_error_summary_names_the_field_of_each_message(app, client, people, approved):
    """Six rows can each say "Skriv hela kronor": the summary at the top says which row and column, and
    which participant cell, before the message (the walk's lead could not tell them apart)."""
    import re

    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    response = _save(client, app, approved, report_id, _fields(
        {"staff:1": "10,50"}, {"staff:4": "7 x"}, started_men="-1"))
    page = client.get(response.location).text.replace("\xa0", " ")
    summary = re.search(r'id="error-summary".*?</div>', page, re.S).group(0)
    assert ('<a href="#amount-staff-1">Utfall perioden, rad 2, Socialpedagog: Skriv hela kronor (utan ören).</a>'
            in summary)
    assert 'href="#forecast-staff-4">Prognos för året, rad 5, Sjuksköterska/distriktssköterska: ' in summary
    assert 'href="#started_men">Påbörjat under perioden: Män: Skriv ett heltal, 0 eller mer.</a>' in summary


def test_ongoing_that_does_not_follow_from_the_previous_report_is_warned(app, client, people, approved):
    """Ongoing at a period's end = ongoing at the previous report's end + started − finished: the walk's lead
    typed it by hand in every report; a figure that does not add up is said (a warning, the report is saved)."""
    import html

    as_(client, people["applicant"])
    first = open_report(client, approved, AUGUST)
    _save(client, app, approved, first, _fields(_all_rows(), started_women="6", ongoing_women="5",
                                                finished_women="1", started_men="4", ongoing_men="4"))
    second = open_report(client, approved, date(2017, 12, 31))
    response = _save(client, app, approved, second, _fields(
        _all_rows(), started_women="3", finished_women="1", ongoing_women="9", started_men="2", ongoing_men="6"))
    assert response.status_code == 303
    page = client.get(response.location).text.replace("\xa0", " ")
    assert "Rapporten är sparad." in page
    assert ("Pågående vid periodens slut, Kvinnor: 9, men föregående rapport ger 7 (5 pågående + 3 påbörjade − 1 "
            "avslutade). Kontrollera siffrorna." in page)
    assert "Män: 6, men" not in page  # 4 + 2 − 0 = 6 adds up
    with app.app_context():
        assert db.session.get(PeriodReport, second).ongoing_women == 9
    client.post("/language", data={"language": "en"})
    _save(client, app, approved, second, _fields(_all_rows(), started_women="3", finished_women="1",
                                                 ongoing_women="9", started_men="2", ongoing_men="6"))
    english = html.unescape(client.get(f"/applications/{approved}/reports/{second}").text).replace("\xa0", " ")
    client.post("/language", data={"language": "sv"})
    assert "Ongoing at the period's end, Women: 9, but the previous report gives 7" in english


def test_submit_review_request_changes_and_approve(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    response = _save(client, app, approved, report_id, _fields({"staff:0": "100"}), action="submit")
    page = client.get(response.location).text
    assert "Fyll i utfallet för alla rader" in page and "5 saknas" in page
    _save(client, app, approved, report_id, _fields(_all_rows()), action="submit")
    with app.app_context():
        assert db.session.get(PeriodReport, report_id).status == "submitted"
    assert _save(client, app, approved, report_id, _fields(_all_rows("2"))).status_code == 409
    # Members never review their own report.
    assert client.post(f"/applications/{approved}/reports/{report_id}/approve",
                       data={"lock_version": lock(app, report_id)}).status_code == 403
    as_(client, people["reviewer"])
    waiting = client.get("/reports").text  # staff's list of reports waiting for review
    assert f"/applications/{approved}/reports/{report_id}" in waiting and "Delårsrapport 2017" in waiting
    assert f"/reports/{report_id}" not in client.get("/reports?status=approved").text
    page = client.get(f"/applications/{approved}/reports/{report_id}").text
    assert "Godkänn rapporten" in page and "Begär ändringar" in page
    assert 'name="amount-staff-0"' not in page and "1 000 kr" in page.replace("\xa0", " ")  # read, not edited
    response = client.post(f"/applications/{approved}/reports/{report_id}/request-changes",
                           data={"lock_version": lock(app, report_id), "comment": " "})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(PeriodReport, report_id).status == "submitted"
    client.post(f"/applications/{approved}/reports/{report_id}/request-changes",
                data={"lock_version": lock(app, report_id), "comment": "Lönerna saknar underlag."})
    client.post(f"/applications/{approved}/reports/{report_id}/comments",
                data={"body": "Kolla med ekonomen", "internal": "y"})
    client.post(f"/applications/{approved}/reports/{report_id}/comments",
                data={"body": "Bifoga huvudbok", "target": "staff:3"})
    assert client.post(f"/applications/{approved}/reports/{report_id}/comments",
                       data={"body": "x", "target": "staff:99"}).status_code == 400
    as_(client, people["applicant"])
    page = client.get(f"/applications/{approved}/reports/{report_id}").text
    assert "Lönerna saknar underlag." in page and "Bifoga huvudbok" in page and "Kolla med ekonomen" not in page
    assert "Rad 4: Projektledare" in page  # the comment names its row
    _save(client, app, approved, report_id, _fields(_all_rows("2 000"), started_women="2", ongoing_women="2"),
          action="submit")
    as_(client, people["finance"])  # finance reads; it neither reviews nor comments
    assert client.get(f"/applications/{approved}/reports/{report_id}").status_code == 200
    assert client.post(f"/applications/{approved}/reports/{report_id}/approve",
                       data={"lock_version": lock(app, report_id)}).status_code == 403
    as_(client, people["reviewer"])
    assert "Kolla med ekonomen" in client.get(f"/applications/{approved}/reports/{report_id}").text
    response = client.post(f"/applications/{approved}/reports/{report_id}/approve",
                           data={"lock_version": lock(app, report_id), "comment": "Bra."})
    assert response.status_code == 303
    with app.app_context():
        report = db.session.get(PeriodReport, report_id)
        assert report.status == "approved" and report.decided_by_id == people["reviewer"][0]
        assert [e.action for e in report.events] == ["open", "submit", "request_changes", "submit", "approve"]
        assert db.session.scalar(db.select(db.func.count(ReportComment.id))) == 2
        assert db.session.scalar(db.select(db.func.count(ReportEvent.id))) == 5
    # The year's outcome (submitted and approved reports) on the overview: 6 rows × 2 000 kr.
    overview = client.get(f"/applications/{approved}/followup").text.replace("\xa0", " ")
    assert "12 000 kr" in overview and "2 (2/0/0)" in overview  # and the year's participants


def test_others_get_404_and_a_stale_form_409(app, client, people, approved, make_application):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    as_(client, people["stranger"])
    for path in (f"/applications/{approved}/followup", f"/applications/{approved}/reports/{report_id}",
                 f"/applications/{approved}/reports/{report_id}/report.docx",
                 f"/applications/{approved}/reports/{report_id}/template.xlsx"):
        assert client.get(path).status_code == 404, path
    assert _save(client, app, approved, report_id, _fields({"staff:0": "1"})).status_code == 404
    assert client.post(f"/applications/{approved}/followup/reports",
                       data={"period_end": "2017-08-31"}).status_code == 404
    other = approved_application(app, client, {"applicant": people["stranger"], "reviewer": people["reviewer"]},
                                 make_application)
    as_(client, people["stranger"])
    assert client.get(f"/applications/{other}/reports/{report_id}").status_code == 404  # not its report
    draft = make_application(people["applicant"][0], sample_doc())
    as_(client, people["applicant"])
    assert client.get(f"/applications/{draft}/followup").status_code == 404  # nothing to follow up yet
    as_(client, people["reviewer"])  # staff may read but not write the project's report
    assert _save(client, app, approved, report_id, _fields({"staff:0": "1"})).status_code == 403
    as_(client, people["applicant"])
    stale = lock(app, report_id)
    _save(client, app, approved, report_id, _fields({"staff:0": "1"}))
    response = client.post(f"/applications/{approved}/reports/{report_id}",
                           data={"lock_version": stale, **_fields({"staff:0": "2"})})
    assert response.status_code == 409 and "ändrats av någon annan" in response.text
    with app.app_context():
        assert db.session.scalar(db.select(OutcomeRow.amount).where(OutcomeRow.report_id == report_id)) == 1


def test_a_period_not_begun_cannot_be_opened(app, client, people, make_application):
    doc = sample_doc()
    last = service.today().year + 2
    doc["period"] = {"start": f"{last - 3}-06-01", "end": f"{last}-05-31"}
    for line in doc["budget"]["staff"]:
        line["start"], line["end"] = f"{last - 3}-08-14", f"{last}-05-31"
    doc["budget"].pop("baseline", None)
    doc["kind"] = "new"
    app_id = approved_application(app, client, people, make_application, doc)
    as_(client, people["applicant"])
    response = client.post(f"/applications/{app_id}/followup/reports", data={"period_end": f"{last}-04-30"})
    assert response.status_code == 303 and "Perioden har inte börjat än." in client.get(response.location).text
    assert client.post(f"/applications/{app_id}/followup/reports",
                       data={"period_end": f"{last - 3}-05-05"}).status_code == 303  # no such period: back, refused
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(PeriodReport.id))) == 0


def _upload(client, app, app_id, report_id, data: bytes, name="utfall.xlsx"):
    return client.post(f"/applications/{app_id}/reports/{report_id}/upload", follow_redirects=True,
                       content_type="multipart/form-data",
                       data={"lock_version": lock(app, report_id), "file": (io.BytesIO(data), name)})


def test_the_template_round_trips_through_an_upload(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    template = client.get(f"/applications/{approved}/reports/{report_id}/template.xlsx")
    assert template.status_code == 200 and template.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(template.data))
    sheet = workbook["Personal"]
    assert [c.value for c in sheet[4]] == ["Radnyckel", "Part", "Rad", "Budget 2017", "Utfall perioden",
                                           "Prognos för året"]
    assert [sheet.cell(row=r, column=1).value for r in range(5, 11)] == KEYS
    for offset, row in enumerate(range(5, 11)):
        sheet.cell(row=row, column=5, value=10_000 * (offset + 1))
    sheet.cell(row=5, column=6, value="650 000")
    out = io.BytesIO()
    workbook.save(out)
    page = _upload(client, app, approved, report_id, out.getvalue()).text
    assert "Filen är inläst: 6 rader med utfall." in page
    with app.app_context():
        report = db.session.get(PeriodReport, report_id)
        assert {r.row_key: r.amount for r in report.rows} == {k: 10_000 * (i + 1) for i, k in enumerate(KEYS)}
        assert {r.row_key: r.forecast for r in report.rows}["staff:0"] == 650_000
    again = load_workbook(io.BytesIO(client.get(f"/applications/{approved}/reports/{report_id}/template.xlsx").data))
    assert again["Personal"].cell(row=6, column=5).value == 20_000  # what was read is in the next template


def test_bad_cells_are_named_and_nothing_is_saved(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    workbook = load_workbook(io.BytesIO(client.get(f"/applications/{approved}/reports/{report_id}/template.xlsx")
                                        .data))
    sheet = workbook["Personal"]
    sheet.cell(row=5, column=5, value="tolv")
    sheet.cell(row=6, column=5, value=10.5)
    sheet.cell(row=7, column=5, value=5000)
    sheet.cell(row=11, column=1, value="staff:99")
    sheet.cell(row=12, column=1, value="staff:2")
    out = io.BytesIO()
    workbook.save(out)
    page = _upload(client, app, approved, report_id, out.getvalue()).text
    assert "Personal!E5: Inget belopp (rad staff:0)." in page
    assert "Personal!E6: Skriv hela kronor (rad staff:1)." in page
    assert "Personal!A11: Radnyckeln staff:99 finns inte i den beviljade budgeten." in page
    assert "Personal!A12: Radnyckeln staff:2 står två gånger." in page
    assert "Ingen Excel-fil" not in page
    workbook = load_workbook(io.BytesIO(client.get(f"/applications/{approved}/reports/{report_id}/template.xlsx")
                                        .data))
    workbook["Personal"].cell(row=9, column=6, value=9000)  # a forecast without an outcome
    out = io.BytesIO()
    workbook.save(out)
    assert "Radnyckeln staff:4 har en prognos men inget utfall" in _upload(client, app, approved, report_id,
                                                                           out.getvalue()).text
    for data, message in ((b"PK\x03\x04 not a zip", "Filen är ingen Excel-fil (XLSX) som går att läsa."),
                          (b"x" * (2 * 1024 * 1024 + 10), "Filen är större än 2 MB.")):
        assert message in _upload(client, app, approved, report_id, data).text
    with app.app_context():
        assert db.session.get(PeriodReport, report_id).rows == []


def test_the_report_docx_and_xlsx_carry_the_figures(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    _save(client, app, approved, report_id, _fields(_all_rows("12 345"), {"staff:0": "700 000"}, finished_men="4",
                                                    **{"answer-deviations": "Rekryteringen tog längre tid."}))
    with app.app_context():
        figures = service.figures_of(db.session.get(PeriodReport, report_id))
    response = client.get(f"/applications/{approved}/reports/{report_id}/report.docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    text = docx_text(response.data)
    assert "Delårsrapport 2017: Hela Familjen" in text and "1 juni 2017 – 31 augusti 2017" in text
    assert "Rekryteringen tog längre tid." in text and "Planerat antal deltagare 2017: –" in text
    for value in (figures.total.budget, figures.total.outcome, figures.total.forecast, figures.total.remaining,
                  figures.total.difference, *(p.figure.budget for p in figures.parties)):
        assert number(value).replace("\xa0", " ") in text, value
    assert figures.total.outcome == 6 * 12_345
    workbook = load_workbook(io.BytesIO(client.get(f"/applications/{approved}/reports/{report_id}/report.xlsx")
                                        .data))
    sheet = workbook["Ekonomi"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    total = next(row for row in values if row[1] == "Totalt")
    assert total[3:] == [figures.total.budget, figures.total.outcome, figures.total.ytd, figures.total.difference,
                         figures.total.remaining, figures.total.forecast]
    assert workbook["Deltagare"].cell(row=7, column=3).value == 4


# (method, path, data, expected code for owner, other applicant, reviewer, finance, admin); {r}: a draft report
MATRIX = [
    ("GET", "/reports", None, (404, 404, 200, 200, 200)),
    ("GET", "/reports?status=x", None, (404, 404, 200, 200, 200)),
    ("GET", "/applications/{a}/followup", None, (200, 404, 200, 200, 200)),
    ("POST", "/applications/{a}/followup/reports", {"period_end": "2018-04-30"}, (303, 404, 403, 403, 403)),
    ("GET", "/applications/{a}/reports/{r}", None, (200, 404, 200, 200, 200)),
    ("POST", "/applications/{a}/reports/{r}", {"amount-staff-0": "1"}, (303, 404, 403, 403, 403)),
    ("POST", "/applications/{a}/reports/{r}/upload", {}, (303, 404, 403, 403, 403)),
    ("POST", "/applications/{a}/reports/{r}/comments", {"body": "Fråga"}, (303, 404, 303, 403, 303)),
    ("POST", "/applications/{a}/reports/{r}/approve", {}, (403, 404, 409, 403, 409)),  # a draft: not yet
    ("POST", "/applications/{a}/reports/{r}/request-changes", {"comment": "x"}, (403, 404, 409, 403, 409)),
    ("GET", "/applications/{a}/reports/{r}/report.docx", None, (200, 404, 200, 200, 200)),
    ("GET", "/applications/{a}/reports/{r}/report.xlsx", None, (200, 404, 200, 200, 200)),
    ("GET", "/applications/{a}/reports/{r}/template.xlsx", None, (200, 404, 200, 200, 200)),
]


@pytest.mark.parametrize("method,path,data,expected", MATRIX, ids=[f"{m} {p}" for m, p, _d, _e in MATRIX])
def test_follow_up_routes_by_role(app, client, people, approved, make_user, method, path, data, expected):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    people = people | {"admin": make_user("admin")}
    for role, want in zip(("applicant", "stranger", "reviewer", "finance", "admin"), expected, strict=True):
        as_(client, people[role])
        url = path.format(a=approved, r=report_id)
        body = None if data is None else {"lock_version": lock(app, report_id), **data}
        response = client.get(url) if method == "GET" else client.post(url, data=body)
        assert response.status_code == want, (role, url, response.status_code)


def test_staff_of_another_association_see_nothing(app, client, people, approved, make_user):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    _save(client, app, approved, report_id, _fields(_all_rows()), action="submit")
    outsider = make_user("reviewer", association="Annat samordningsförbund")
    as_(client, outsider)
    for path in (f"/applications/{approved}/followup", f"/applications/{approved}/reports/{report_id}",
                 f"/applications/{approved}/reports/{report_id}/report.docx"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/applications/{approved}/reports/{report_id}/approve",
                       data={"lock_version": lock(app, report_id)}).status_code == 404
    assert f"/reports/{report_id}" not in client.get("/reports").text
    as_(client, people["reviewer"])
    assert f"/reports/{report_id}" in client.get("/reports").text


HOSTILE = ["\x00", "1\x002", "NaN", "Infinity", "1e9", "١٠٠", "１２", "--5", "9" * 5000, "1 000 000 000 000",
           "<script>alert(1)</script>", "' OR 1=1 --", "−0", " ", "0,0", "12.5"]


def test_hostile_input_is_refused_at_the_fields_never_a_500(app, client, people, approved):
    as_(client, people["applicant"])
    report_id = open_report(client, approved, AUGUST)
    for value in HOSTILE:
        data = _fields({k: value for k in KEYS}, {k: value for k in KEYS}, started_women=value, ongoing_men=value,
                       **{"answer-progress": value * 2, "answer-changes": "\x00" + "å" * 10})
        response = _save(client, app, approved, report_id, data)
        assert response.status_code == 303, value
        page = client.get(response.location)
        assert page.status_code == 200 and "<script>alert(1)</script>" not in page.text, value
    for lock_text in ("", "x", "9" * 30, "-1", "١"):
        response = client.post(f"/applications/{approved}/reports/{report_id}",
                               data={"lock_version": lock_text, **_fields({"staff:0": "1"})})
        assert response.status_code == 409, lock_text
    for period_end in ("", "x" * 500, "2017-02-30", "2017-08-31T00:00"):
        response = client.post(f"/applications/{approved}/followup/reports", data={"period_end": period_end})
        assert response.status_code in (303, 404), period_end
    response = client.post(f"/applications/{approved}/reports/{report_id}/comments", data={"body": "x" * 20_000})
    assert response.status_code == 303
    with app.app_context():
        report = db.session.get(PeriodReport, report_id)
        assert report.comments == [] and "\x00" not in (report.answers + (report.typed_input or ""))
