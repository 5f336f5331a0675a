"""Commitments at approval, the national registration on the case, the portfolio page and workbook, the export
to Uppföljning Finsam and the frame warnings on both decision forms; SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import html
import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from builder.cases.documents import applied_by_year
from builder.cases.models import AgendaItem, Case, InsatsYear
from builder.cases.service import today
from builder.extensions import db
from builder.followup.models import OutcomeRow, PeriodReport
from builder.formatting import kr
from builder.models import Application, AssociationMember, BudgetFrame, User
from builder.xlsx.national import NATIONAL_COLUMNS
from tests.web.cases_support import act, add_to_agenda, application, as_, new_meeting, sample_doc, submit
from tests.web.test_cases import docx_text

ASSOCIATION = "Samordningsförbundet Skåne Nordost"
APPLIED = {"2017": 1_340_101, "2018": 2_390_136, "2019": 995_890}  # Hela Familjen's budget per year


@pytest.fixture
def app(app_factory):
    return app_factory(CASE_NUMBER_PATTERN="SFSN {year}/{n}")


@pytest.fixture
def people(app, make_user):
    found = {role: make_user(role) for role in ("applicant", "reviewer", "finance")}
    found["admin"] = make_user("admin", association=None)  # a platform admin, a member of nothing
    found["outsider"] = make_user("reviewer", association="Samordningsförbundet Annanstans")
    found["colleague"] = make_user("applicant")
    with app.app_context():
        db.session.get(User, found["admin"][0]).platform_admin = True
        db.session.commit()
    return found


def _k(amount: int) -> str:
    return kr(amount).replace("\xa0", " ")


def _text(response) -> str:
    return html.unescape(response.text).replace("\xa0", " ")


def _submitted(app, client, people, make_application, title: str | None = None) -> int:
    doc = sample_doc()
    if title:
        doc["title"] = title
    app_id = make_application(people["applicant"][0], doc)
    submit(client, people["applicant"], app_id)
    with app.app_context():
        association_id = application(app, app_id).association_id
        for role in ("reviewer", "finance"):
            user_id = people[role][0]
            if not db.session.scalar(db.select(AssociationMember).where(
                    AssociationMember.user_id == user_id, AssociationMember.association_id == association_id)):
                db.session.add(AssociationMember(user_id=user_id, association_id=association_id))
        db.session.commit()
    return app_id


def _association_id(app, app_id: int) -> int:
    with app.app_context():
        return application(app, app_id).association_id


def _frames(app, association_id: int, frames: dict[int, int]) -> None:
    with app.app_context():
        for year, amount in frames.items():
            db.session.add(BudgetFrame(association_id=association_id, year=year, amount=amount))
        db.session.commit()


def _rows(app, app_id: int) -> dict[int, tuple[int, int | None]]:
    with app.app_context():
        return {r.year: (r.approved_amount, r.planned_participants) for r in db.session.scalars(
            db.select(InsatsYear).where(InsatsYear.application_id == app_id))}


def _other_commitment(app, association_id: int, make_application, people, year: int, amount: int) -> int:
    """An approved application of the association committing `amount` in `year` (made directly)."""
    other = make_application(people["colleague"][0], sample_doc(), status="approved")
    with app.app_context():
        found = db.session.get(Application, other)
        found.association_id = association_id
        found.title = "Annan insats"
        db.session.add(InsatsYear(application_id=other, association_id=association_id, year=year,
                                  approved_amount=amount))
        db.session.commit()
    return other


def _decide(client, meeting: int, item: int, **data):
    data = {"decision": "approve", "paragraph": "§ 12", "decision_date": today().isoformat(), "version": "1",
            **data}
    return client.post(f"/meetings/{meeting}/agenda/{item}/decision",
                       data={f"item{item}-{k}": v for k, v in data.items()})


def _agenda_item(app, meeting: int, app_id: int) -> int:
    with app.app_context():
        return db.session.scalar(db.select(AgendaItem.id).where(AgendaItem.meeting_id == meeting,
                                                                 AgendaItem.application_id == app_id))


# --- commitments --------------------------------------------------------------------------------------------

def test_styrelse_decision_writes_its_yearly_amounts_warns_about_the_frame_and_equals_the_agreement(
        app, client, people, make_application):
    app_id = _submitted(app, client, people, make_application)
    association_id = _association_id(app, app_id)
    _frames(app, association_id, {2017: 2_000_000, 2018: 2_000_000})
    _other_commitment(app, association_id, make_application, people, 2018, 1_000_000)
    as_(client, people["reviewer"])
    meeting = new_meeting(client, "styrelse", (today() + timedelta(days=30)).isoformat())
    assert add_to_agenda(client, meeting, app_id).status_code == 302
    item = _agenda_item(app, meeting, app_id)
    page = _text(client.get(f"/meetings/{meeting}"))
    # before the decision: the applied amounts against the frame less the other application's commitment
    assert (f"Ramen för 2018 räcker inte: kvar av ramen är {_k(1_000_000)}, förslaget är {_k(2_390_136)}, "
            f"{_k(1_390_136)} över ramen.") in page
    assert f"Ingen ram är satt för 2019: beviljade {_k(995_890)} kan inte jämföras med förbundets ram." in page
    assert "Ramen för 2017" not in page
    papers = docx_text(client.get(f"/meetings/{meeting}/kallelse.docx").data)  # the board reads it too
    assert "Jämfört med förbundets ram:" in papers
    assert (f"– Ramen för 2018 räcker inte: kvar av ramen är {_k(1_000_000)}, förslaget är {_k(2_390_136)}, "
            f"{_k(1_390_136)} över ramen.") in papers
    response = _decide(client, meeting, item, amount_2017="1 000 000", amount_2018="900 000", amount_2019="995 890")
    assert response.status_code == 302, response.text[:1500]
    after = _text(client.get(response.location))
    assert "Ingen ram är satt för 2019" in after and "Ramen för 2018" not in after  # 900 000 fits
    assert _rows(app, app_id) == {2017: (1_000_000, None), 2018: (900_000, None), 2019: (995_890, None)}
    assert "Jämfört med förbundets ram" not in docx_text(client.get(f"/meetings/{meeting}/kallelse.docx").data)
    text = docx_text(client.get(f"/applications/{app_id}/agreement.docx").data)
    for year, (amount, _planned) in _rows(app, app_id).items():
        assert f"{year}\n{_k(amount)}" in text or (str(year) in text and _k(amount) in text)
    assert _k(2_895_890) in text
    from builder.cases.documents import agreement

    with app.app_context():
        value = agreement(application(app, app_id))
        assert value is not None
        assert {int(y): a for y, a in value.approved} == {y: a for y, (a, _p) in _rows(app, app_id).items()}


def test_direct_approval_commits_the_version_per_year_and_agrees_with_the_agreement(
        app, client, people, make_application):
    app_id = _submitted(app, client, people, make_application)
    association_id = _association_id(app, app_id)
    _frames(app, association_id, {2017: 1_000_000, 2018: 5_000_000, 2019: 5_000_000})
    as_(client, people["reviewer"])
    page = _text(client.get(f"/applications/{app_id}"))
    assert (f"Ramen för 2017 räcker inte: kvar av ramen är {_k(1_000_000)}, förslaget är {_k(1_340_101)}, "
            f"{_k(340_101)} över ramen.") in page
    response = act(client, app_id, "approve", decision_date=today().isoformat(), decision_body="Förbundsstyrelsen",
                   approved_total="4 726 127")
    assert response.status_code == 302
    assert "Ramen för 2017 räcker inte" in _text(client.get(response.location))
    assert _rows(app, app_id) == {int(y): (a, None) for y, a in APPLIED.items()}
    from builder.cases.documents import agreement

    with app.app_context():
        value = agreement(application(app, app_id))
        assert value is not None and {int(y): a for y, a in value.approved} == {int(y): a for y, a in APPLIED.items()}
        assert applied_by_year(application(app, app_id).versions[-1].doc) == APPLIED
    text = docx_text(client.get(f"/applications/{app_id}/agreement.docx").data)
    for amount in APPLIED.values():
        assert _k(amount) in text


def test_an_approved_extension_takes_over_its_parents_years_instead_of_being_counted_beside_them(
        app, client, people, make_application):
    from builder.portfolio.service import frame_check, proposed_by_year
    from builder.review.service import start_extension

    parent = _submitted(app, client, people, make_application)
    as_(client, people["reviewer"])
    assert act(client, parent, "approve", decision_date=today().isoformat(), decision_body="Förbundsstyrelsen",
               approved_total="").status_code == 302
    association_id = _association_id(app, parent)
    with app.app_context():
        db.session.scalar(db.select(InsatsYear).where(InsatsYear.application_id == parent,
                                                      InsatsYear.year == 2018)).planned_participants = 40
        db.session.commit()
        extension = start_extension(application(app, parent), db.session.get(User, people["applicant"][0])).id
    submit(client, people["applicant"], extension)
    _frames(app, association_id, {2017: 10_000_000, 2018: 10_000_000, 2019: 10_000_000})
    with app.app_context():  # the frame check does not count the parent's commitment beside the extension's
        proposed = proposed_by_year(application(app, extension))
        assert frame_check(application(app, extension), proposed) == []
    as_(client, people["reviewer"])
    assert act(client, extension, "approve", decision_date=today().isoformat(), decision_body="Förbundsstyrelsen",
               approved_total="").status_code == 302
    assert _rows(app, parent) == {}
    rows = _rows(app, extension)
    assert {y: a for y, (a, _p) in rows.items()} == {int(y): a for y, a in APPLIED.items()}
    assert rows[2018][1] == 40  # the planned participants registered on the parent's year follow it
    page = _text(client.get(f"/associations/{association_id}/portfolio/2018"))
    assert f'<dd id="committed">{_k(APPLIED["2018"])}</dd>' in page


def test_direct_approval_of_another_total_shares_it_over_the_years(app, client, people, make_application):
    app_id = _submitted(app, client, people, make_application)
    as_(client, people["reviewer"])
    response = act(client, app_id, "approve", decision_date=today().isoformat(), decision_body="Förbundsstyrelsen",
                   approved_total="4 000 000")
    assert response.status_code == 302
    rows = _rows(app, app_id)
    assert sum(a for a, _p in rows.values()) == 4_000_000 and sorted(rows) == [2017, 2018, 2019]
    assert rows[2018][0] > rows[2017][0] > rows[2019][0]


def test_planned_participants_survive_approval_and_a_replaced_decision_replaces_the_rows(
        app, client, people, make_application):
    app_id = _submitted(app, client, people, make_application)
    as_(client, people["reviewer"])
    response = client.post(f"/applications/{app_id}/case", data={
        "officer": "", "due_date": "", "officer_recommendation": "", "officer_note": "",
        "focus": "individ", "target_group": "Familjer  med barn\t0–18 år", "planned_2017": "20",
        "planned_2018": "1 200", "planned_2019": ""})
    assert response.status_code == 302
    assert _rows(app, app_id) == {2017: (0, 20), 2018: (0, 1200)}
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.application_id == app_id))
        assert (case.focus, case.target_group) == ("individ", "Familjer med barn 0–18 år")
    page = _text(client.get(f"/applications/{app_id}"))
    assert "Individinriktad" in page and "2017: 20 · 2018: 1200 · 2019: –" in page
    assert "Uppföljning Finsam: inriktning Individinriktad, målgrupp Familjer med barn 0–18 år" in page
    meeting = new_meeting(client, "styrelse", today().isoformat())
    add_to_agenda(client, meeting, app_id)
    item = _agenda_item(app, meeting, app_id)
    assert _decide(client, meeting, item, amount_2017="", amount_2018="500 000",
                   amount_2019="300 000").status_code == 302
    assert _rows(app, app_id) == {2017: (0, 20), 2018: (500_000, 1200), 2019: (300_000, None)}
    # a decision replaced (the styrelse's amounts changed): the rows follow, planned participants stay
    from builder.portfolio.service import write_commitments

    with app.app_context():
        record = db.session.get(AgendaItem, item)
        record.set_yearly_amounts({"2019": 700_000})
        write_commitments(application(app, app_id))
        db.session.commit()
    assert _rows(app, app_id) == {2017: (0, 20), 2018: (0, 1200), 2019: (700_000, None)}


def test_case_form_refuses_bad_national_input_at_the_field(app, client, people, make_application):
    app_id = _submitted(app, client, people, make_application)
    base = {"officer": "", "due_date": "", "officer_recommendation": "", "officer_note": ""}
    as_(client, people["reviewer"])
    for bad in ({"focus": "annat"}, {"target_group": "x" * 301}, {"planned_2017": "-1"},
                {"planned_2017": "2,5"}, {"planned_2017": "100 001"}, {"planned_2017": "1e999"},
                {"planned_2017": "٣"}):
        response = client.post(f"/applications/{app_id}/case", data={**base, **bad}, follow_redirects=True)
        assert response.status_code == 200, bad
        assert 'class="flash flash-error"' in response.text, bad
    assert _rows(app, app_id) == {}
    as_(client, people["finance"])
    assert client.post(f"/applications/{app_id}/case", data={**base, "focus": "individ"}).status_code in (403, 404)


def test_focus_is_fixed_once_the_insats_has_reported(app, client, people, make_application):
    app_id = _submitted(app, client, people, make_application)
    as_(client, people["reviewer"])
    base = {"officer": "", "due_date": "", "officer_recommendation": "", "officer_note": "", "target_group": "A"}
    client.post(f"/applications/{app_id}/case", data={**base, "focus": "struktur"})
    with app.app_context():
        db.session.add(PeriodReport(application_id=app_id, association_id=_association_id(app, app_id), year=2017,
                                    period_end=date(2017, 8, 31), status="submitted"))
        db.session.commit()
    page = client.get(f"/applications/{app_id}").text
    select = page.split('name="focus"')[0].rsplit("<select", 1)[1] + page.split('name="focus"')[1].split(">")[0]
    assert "disabled" in select and "Inriktningen kan inte ändras när insatsen har rapporterat" in page
    client.post(f"/applications/{app_id}/case", data={**base, "target_group": "B"})  # the select posts nothing
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.application_id == app_id))
        assert (case.focus, case.target_group) == ("struktur", "B")


# --- portfolio and export -----------------------------------------------------------------------------------

def _report(association_id: int, app_id: int, day: date, status: str, amounts=(), started=(0, 0, 0),
            ongoing=(0, 0, 0)) -> None:
    report = PeriodReport(application_id=app_id, association_id=association_id, year=day.year, period_end=day,
                          status=status, started_women=started[0], started_men=started[1],
                          started_other=started[2], ongoing_women=ongoing[0], ongoing_men=ongoing[1],
                          ongoing_other=ongoing[2])
    report.rows = [OutcomeRow(row_key=f"other:{i}", amount=amount) for i, amount in enumerate(amounts)]
    db.session.add(report)


@pytest.fixture
def approved(app, client, people, make_application):
    """Hela Familjen approved as applied, registered (focus, target group, planned), with reports of 2017–18."""
    app_id = _submitted(app, client, people, make_application)
    as_(client, people["reviewer"])
    client.post(f"/applications/{app_id}/case", data={
        "officer": "", "due_date": "", "officer_recommendation": "", "officer_note": "",
        "focus": "individ_struktur", "target_group": "=Familjer; barn", "planned_2018": "35"})
    assert act(client, app_id, "approve", decision_date=today().isoformat(), decision_body="Förbundsstyrelsen",
               approved_total="").status_code == 302
    association_id = _association_id(app, app_id)
    with app.app_context():
        _report(association_id, app_id, date(2017, 8, 31), "approved", (10_000,), started=(2, 1, 0),
                ongoing=(1, 1, 0))
        _report(association_id, app_id, date(2017, 12, 31), "submitted", (20_000,), ongoing=(3, 2, 1))
        _report(association_id, app_id, date(2018, 4, 30), "submitted", (100_000, 50_000), started=(2, 1, 0))
        _report(association_id, app_id, date(2018, 8, 31), "approved", (70_000,), started=(1, 1, 1))
        _report(association_id, app_id, date(2018, 12, 31), "draft", (999_999,), started=(9, 9, 9))
        db.session.commit()
    _frames(app, association_id, {2018: 3_000_000})
    return app_id


def test_portfolio_page_and_workbook(app, client, people, approved, make_application):
    association_id = _association_id(app, approved)
    other = _other_commitment(app, association_id, make_application, people, 2018, 400_000)
    as_(client, people["finance"])
    page = _text(client.get(f"/associations/{association_id}/portfolio/2018"))
    assert f'<dd id="frame">{_k(3_000_000)}</dd>' in page
    assert f'<dd id="committed">{_k(2_790_136)}</dd>' in page
    assert f'<dd id="outcome">{_k(220_000)}</dd>' in page
    assert f'<dd id="remaining">{_k(209_864)}</dd>' in page
    assert f'<dd id="unspent">{_k(2_570_136)}</dd>' in page
    assert f'/applications/{approved}"' in page and f'/applications/{other}"' in page
    assert f"/associations/{association_id}/portfolio/2017" in page  # the year switcher
    assert f"/associations/{association_id}/national/2018.csv" in page
    no_frame = _text(client.get(f"/associations/{association_id}/portfolio/2017"))
    assert "Ingen ram satt för 2017" in no_frame and f'<dd id="outcome">{_k(30_000)}</dd>' in no_frame
    response = client.get(f"/associations/{association_id}/portfolio/2018.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    ws = load_workbook(io.BytesIO(response.data)).active
    assert [ws.cell(r, 2).value for r in range(4, 9)] == [3_000_000, 2_790_136, 220_000, 209_864, 2_570_136]
    rows = {ws.cell(r, 2).value: [ws.cell(r, c).value for c in (3, 4, 5)] for r in range(11, 13)}
    assert rows["Annan insats"] == [400_000, 0, 400_000]
    assert rows[sample_doc()["title"]] == [2_390_136, 220_000, 2_170_136]
    assert [ws.cell(13, c).value for c in (2, 3, 4, 5)] == ["Summa", 2_790_136, 220_000, 2_570_136]
    assert client.get("/portfolio").location.endswith(f"/associations/{association_id}/portfolio/{today().year}")
    client.post("/language", data={"language": "en"})
    english = _text(client.get(f"/associations/{association_id}/portfolio/2018"))
    assert "Portfolio 2018" in english and "Remaining of the frame" in english and "Approved commitments" in english
    ws = load_workbook(io.BytesIO(client.get(f"/associations/{association_id}/portfolio/2018.xlsx").data)).active
    assert ws.cell(1, 1).value == "Portfolio 2018" and ws.cell(7, 1).value == "Remaining of the frame"
    ws = load_workbook(io.BytesIO(client.get(f"/associations/{association_id}/national/2018.xlsx").data)).active
    assert tuple(c.value for c in ws[1]) == NATIONAL_COLUMNS  # the national system's Swedish names always


def _expected_row(app, app_id: int) -> list:
    with app.app_context():
        number = db.session.scalar(db.select(Case.number).where(Case.application_id == app_id))
    return [sample_doc()["title"], number, "Individ- och strukturinriktad", "=Familjer; barn", "2017-06-01",
            "2019-05-31", 2_390_136, 220_000, 35, 6, 4, 2, 12]


def test_national_export_csv_and_xlsx_cell_by_cell(app, client, people, approved):
    association_id = _association_id(app, approved)
    as_(client, people["reviewer"])
    response = client.get(f"/associations/{association_id}/national/2018.csv")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert 'filename="Uppfoljning-Finsam-Samordningsforbundet-Skane-Nordost-2018.csv"' in \
        response.headers["Content-Disposition"]
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    expected = _expected_row(app, approved)
    assert tuple(lines[0]) == NATIONAL_COLUMNS
    assert lines[1] == ["'" + expected[3] if i == 3 else str(v) for i, v in enumerate(expected)]
    assert len(lines) == 2
    response = client.get(f"/associations/{association_id}/national/2018.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.data)).active
    assert tuple(c.value for c in ws[1]) == NATIONAL_COLUMNS
    row = [c.value for c in ws[2]]
    assert row[:4] == expected[:4] and ws.cell(2, 4).data_type == "s"
    assert row[4:6] == [datetime(2017, 6, 1), datetime(2019, 5, 31)]
    assert row[6:] == expected[6:] and ws.max_row == 2
    # 2017: the year's own reports; nobody ongoing before it
    lines = list(csv.reader(io.StringIO(client.get(f"/associations/{association_id}/national/2017.csv")
                                        .data.decode("utf-8")[1:]), delimiter=";"))
    assert lines[1][6:] == ["1340101", "30000", "", "2", "1", "0", "3"]
    # a year with nothing: only the header
    assert len(client.get(f"/associations/{association_id}/national/2030.csv").data.decode().splitlines()) == 1


def test_access_members_only_404_for_others_platform_admin_sees_all(app, client, people, approved):
    association_id = _association_id(app, approved)
    urls = [f"/associations/{association_id}/portfolio/2018", f"/associations/{association_id}/portfolio/2018.xlsx",
            f"/associations/{association_id}/national/2018.csv", f"/associations/{association_id}/national/2018.xlsx"]
    for role in ("outsider", "applicant"):
        as_(client, people[role])
        for url in urls:
            assert client.get(url).status_code == 404, (role, url)
    as_(client, people["outsider"])  # the menu's link leads to their own association
    assert f"/associations/{association_id}/" not in client.get("/portfolio").location
    as_(client, people["applicant"])
    assert client.get("/portfolio").status_code == 404
    for role in ("admin", "finance", "reviewer"):
        as_(client, people[role])
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
        assert "Portfölj" in client.get("/review").text
    as_(client, people["reviewer"])
    for url in (f"/associations/{association_id + 99}/portfolio/2018", f"/associations/{association_id}/portfolio/1999",
                f"/associations/{association_id}/national/99999.csv"):
        assert client.get(url).status_code == 404, url
    client.post("/logout")
    assert client.get(urls[0]).status_code in (302, 401)


def test_commitments_command_backfills_approved_applications_once(app, people, make_application):
    from builder.portfolio.service import backfill_commitments

    approved = make_application(people["applicant"][0], sample_doc(), status="approved")
    make_application(people["applicant"][0], sample_doc(), status="submitted")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["commitments"])
    assert result.exit_code == 0 and "Commitments written for 1 approved application(s)." in result.output
    assert _rows(app, approved) == {int(y): (a, None) for y, a in APPLIED.items()}
    with app.app_context():
        assert backfill_commitments() == 0
