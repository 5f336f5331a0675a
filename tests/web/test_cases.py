"""Case handling on SQLite and PostgreSQL: diarienummer, revision access, case data, meetings, decisions."""
from __future__ import annotations

import html
import io
import threading
from datetime import timedelta

import pytest
from docx import Document

from builder.cases.models import AgendaItem, Case
from builder.cases.service import today
from builder.extensions import db
from tests.helpers import login
from tests.web.cases_support import (
    act,
    add_to_agenda,
    application,
    as_,
    base_version,
    new_meeting,
    sample_doc,
    submit,
)

YEAR = today().year


@pytest.fixture
def app(app_factory):
    return app_factory(CASE_NUMBER_PATTERN="SFSN {year}/{n}")


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in ("applicant", "reviewer", "finance", "admin")}


@pytest.fixture
def submitted(app, client, people, make_application):
    app_id = make_application(people["applicant"][0], sample_doc())
    submit(client, people["applicant"], app_id)
    return app_id


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts).replace("\xa0", " ")


def case_number(app, app_id: int) -> str | None:
    with app.app_context():
        return db.session.scalar(db.select(Case.number).where(Case.application_id == app_id))


def test_first_submission_gives_the_next_number_of_the_year(app, client, people, make_application, submitted):
    second = make_application(people["applicant"][0], sample_doc())
    submit(client, people["applicant"], second)
    assert case_number(app, submitted) == f"SFSN {YEAR}/1"
    assert case_number(app, second) == f"SFSN {YEAR}/2"
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.application_id == second))
        assert (case.year, case.sequence, case.pattern) == (YEAR, 2, "SFSN {year}/{n}")


def test_case_number_is_shown_on_every_page_and_in_the_docx_footer(app, client, people, submitted):
    number = f"SFSN {YEAR}/1"
    assert number in client.get(f"/applications/{submitted}").text
    assert number in client.get("/applications").text
    assert number in client.get(f"/applications/{submitted}/versions/1").text
    footer = docx_text(client.get(f"/applications/{submitted}/versions/1/export.docx").data)
    assert f"Diarienummer: {number}" in footer
    as_(client, people["reviewer"])
    assert number in client.get("/review").text
    assert f"Diarienummer: {number}" in docx_text(client.get(f"/applications/{submitted}/export.docx").data)


def test_draft_never_submitted_has_no_case_number_in_its_footer(app, client, people, make_application):
    app_id = make_application(people["applicant"][0], sample_doc())
    as_(client, people["applicant"])
    text = docx_text(client.get(f"/applications/{app_id}/export.docx?draft=1").data)
    assert "Diarienummer" not in text and "Kontrollsumma" in text


def test_resubmission_keeps_the_case_number(app, client, people, submitted):
    as_(client, people["reviewer"])
    act(client, submitted, "request_changes", comment="Mer om målgruppen")
    as_(client, people["applicant"])
    assert act(client, submitted, "revise").status_code == 302
    submit(client, people["applicant"], submitted)
    assert case_number(app, submitted) == f"SFSN {YEAR}/1"
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Case)) == 1
        assert len(application(app, submitted).versions) == 2


def test_simultaneous_first_submissions_get_different_numbers(app, people, make_application):
    ids = [make_application(people["applicant"][0], sample_doc()) for _ in range(4)]
    barrier = threading.Barrier(len(ids))
    codes = {}

    def submit_one(app_id):
        client = app.test_client()
        login(client, people["applicant"][1], people["applicant"][2])
        barrier.wait()
        codes[app_id] = act(client, app_id, "submit").status_code

    threads = [threading.Thread(target=submit_one, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert list(codes.values()) == [302] * len(ids)
    numbers = sorted(case_number(app, i) for i in ids)
    assert numbers == sorted(f"SFSN {YEAR}/{n}" for n in range(1, len(ids) + 1))


def test_reviewer_keeps_read_access_while_the_lead_revises(app, client, people, submitted):
    as_(client, people["reviewer"])
    act(client, submitted, "request_changes", comment="Komplettera")
    listing = client.get("/review").text
    assert "Komplettering pågår" in listing and "Hela Familjen" in listing
    as_(client, people["applicant"])
    act(client, submitted, "revise")
    client.post(f"/applications/{submitted}/steps/timeline",
                data={"timeline": "HEMLIG ARBETSTEXT", "activities": "Kartläggning.", "save": "1",
                      "base_version": base_version(client, submitted)})
    with app.app_context():
        assert application(app, submitted).status == "draft"
    as_(client, people["reviewer"])
    page = client.get(f"/applications/{submitted}")
    assert page.status_code == 200
    assert "Komplettering pågår" in page.text and f"SFSN {YEAR}/1" in page.text
    assert "HEMLIG ARBETSTEXT" not in page.text  # staff see the submitted version, not the working draft
    assert client.get(f"/applications/{submitted}/versions/1").status_code == 200
    assert client.get(f"/applications/{submitted}/versions/1/export.docx").status_code == 200
    assert client.get(f"/applications/{submitted}/versions/1/export.json").status_code == 200
    for path in ("/export.docx", "/export.json", "/steps/review", "/steps/timeline"):
        assert client.get(f"/applications/{submitted}{path}").status_code == 404, path
    listing = client.get("/review").text
    assert "Komplettering pågår" in listing and "Hela Familjen" in listing
    assert "Hela Familjen" in client.get("/review?status=in_revision").text
    assert client.post(f"/applications/{submitted}/comments",
                       data={"target": "general", "body": "Glöm inte målgruppen."}).status_code == 302
    with app.app_context():
        assert [c.body for c in application(app, submitted).comments] == ["Glöm inte målgruppen."]
    assert "Hela Familjen" not in client.get("/review?status=submitted").text
    as_(client, people["finance"])
    assert client.get(f"/applications/{submitted}").status_code == 404


def test_never_submitted_draft_stays_hidden_from_reviewers(app, client, people, make_application):
    app_id = make_application(people["applicant"][0], sample_doc())
    as_(client, people["reviewer"])
    assert client.get(f"/applications/{app_id}").status_code == 404
    assert "Hela Familjen" not in client.get("/review").text


def test_officer_and_due_date_filter_and_sort_the_list(app, client, people, make_application, submitted):
    second = make_application(people["applicant"][0], {**sample_doc(), "title": "Andra projektet"})
    submit(client, people["applicant"], second)
    as_(client, people["reviewer"])
    overdue = (today() - timedelta(days=3)).isoformat()
    response = client.post(f"/applications/{submitted}/case", data={
        "officer": str(people["reviewer"][0]), "due_date": overdue, "officer_recommendation": "grant",
        "officer_note": "Väl förankrat."})
    assert response.status_code == 302
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.application_id == submitted))
        assert (case.officer_id, case.due_date.isoformat(), case.officer_recommendation) == (
            people["reviewer"][0], overdue, "grant")
    mine = client.get("/review?officer=me").text
    assert "Hela Familjen" in mine and "Andra projektet" not in mine
    unassigned = client.get("/review?officer=none").text
    assert "Andra projektet" in unassigned and "Hela Familjen" not in unassigned
    late = client.get("/review?due=overdue").text
    assert "Hela Familjen" in late and "försenad" in late and "Andra projektet" not in late
    ascending = client.get("/review?sort=case&dir=asc").text
    assert ascending.index(f"SFSN {YEAR}/1") < ascending.index(f"SFSN {YEAR}/2")
    descending = client.get("/review?sort=case&dir=desc").text
    assert descending.index(f"SFSN {YEAR}/2") < descending.index(f"SFSN {YEAR}/1")
    assert today().isoformat() in client.get("/review").text  # the date submitted


def test_case_data_rejects_bad_input_at_the_field(app, client, people, submitted):
    as_(client, people["reviewer"])
    for data in ({"officer": str(people["applicant"][0])}, {"due_date": "2026-02-31"}, {"officer": "abc"},
                 {"officer_recommendation": "maybe"}):
        response = client.post(f"/applications/{submitted}/case", data=data, follow_redirects=True)
        assert response.status_code == 200
        assert 'flash-error' in response.text, data
    with app.app_context():
        case = db.session.scalar(db.select(Case).where(Case.application_id == submitted))
        assert case.officer_id is None and case.due_date is None
    as_(client, people["finance"])
    assert client.post(f"/applications/{submitted}/case", data={"officer": ""}).status_code == 404


def _board_decision(client, meeting_id, item_id, **data):
    prefix = f"item{item_id}-"
    data.setdefault("version", "1")
    return client.post(f"/meetings/{meeting_id}/agenda/{item_id}/decision",
                       data={prefix + k: v for k, v in data.items()})


def _item_id(app, meeting_id, app_id):
    with app.app_context():
        return db.session.scalar(db.select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id,
                                                                 AgendaItem.application_id == app_id))


def test_meeting_round_from_beredning_to_decision_letter(app, client, people, submitted):
    as_(client, people["reviewer"])
    client.post(f"/applications/{submitted}/case", data={"officer": str(people["reviewer"][0]),
                                                        "officer_recommendation": "grant",
                                                        "officer_note": "Förslag: bevilja."})
    soon = (today() + timedelta(days=30)).isoformat()
    beredning = new_meeting(client, "beredning", soon, "Kansliet, Kristianstad")
    assert add_to_agenda(client, beredning, submitted).status_code == 302
    item = _item_id(app, beredning, submitted)
    response = client.post(f"/meetings/{beredning}/agenda/{item}/recommendation",
                           data={f"item{item}-recommendation": "grant", f"item{item}-note": "Enhälligt."})
    assert response.status_code == 302
    page = client.get(f"/meetings/{beredning}").text
    assert "Bevilja" in page and "Enhälligt." in page
    agenda = client.get(f"/meetings/{beredning}/kallelse.docx")
    assert agenda.status_code == 200 and agenda.mimetype.endswith("wordprocessingml.document")
    text = docx_text(agenda.data)
    assert f"SFSN {YEAR}/1" in text and "Hela Familjen" in text and "Kristianstads kommun" in text
    assert "Kansliet, Kristianstad" in text
    assert "Handläggarens förslag: Bevilja" in text and "Förslag: bevilja." in text
    assert "Beredningsgruppens rekommendation: Bevilja" in text
    # the budget check says what the lead's review step warned about: line 1 holds two posts
    assert "Budgetkontroll – antal avvikelser: 1." in text
    assert "Personalrad 1 (Socialpedagog/socionom (tillkommande tjänster)) har mer än heltid (2)." in text
    # an extension: the kallelse says what is applied for in the application's own words and figures
    cover = docx_text(client.get(f"/applications/{submitted}/versions/1/export.docx").data)
    sentence = "Sökt belopp: 1 601 327 kr (förändring mot den ursprungliga budgeten), reviderad total 5 419 167 kr."
    assert sentence in cover.replace("\xa0", " ") and sentence in text.replace("\xa0", " ")
    assert "Budget per år (nya och ändrade rader)" in text
    assert sentence in html.unescape(page).replace("\xa0", " ")
    with app.app_context():
        from builder.cases.documents import applied_by_year

        applied = applied_by_year(application(app, submitted).versions[-1].doc)
    from builder.formatting import kr

    for year, amount in applied.items():
        assert year in text and kr(amount).replace("\xa0", " ") in text
    assert kr(sum(applied.values())).replace("\xa0", " ") in text

    styrelse = new_meeting(client, "styrelse", (today() + timedelta(days=40)).isoformat(), "Stadshuset")
    assert add_to_agenda(client, styrelse, submitted).status_code == 302
    item = _item_id(app, styrelse, submitted)
    amounts = {f"amount_{year}": str(amount) for year, amount in applied.items()}
    response = _board_decision(client, styrelse, item, decision="approve", paragraph="12",
                               decision_date=today().isoformat(), conditions="Delrapport till beredningsgruppen.",
                               **amounts)
    assert response.status_code == 302, response.text[:2000]
    with app.app_context():
        decided = application(app, submitted)
        assert decided.status == "approved"
        assert decided.approved_total == sum(applied.values())
        assert decided.decision_body == "Förbundsstyrelsen § 12"
        assert decided.transitions[-1].action == "approve"
        record = db.session.get(AgendaItem, item)
        assert record.paragraph == "§ 12" and record.yearly_amounts == applied
    as_(client, people["applicant"])
    letter = client.get(f"/applications/{submitted}/decision-letter.docx")
    assert letter.status_code == 200
    assert 'filename="Beslutsbrev-SFSN-' in letter.headers["Content-Disposition"]
    text = docx_text(letter.data)
    assert f"Diarienummer: SFSN {YEAR}/1" in text and "§ 12" in text and "att bevilja medel" in text
    assert "Delrapport till beredningsgruppen." in text and "laglighetsprövning" in text
    assert "Förbundschef" in text and "Slutrapport med utvärdering" in text
    assert kr(sum(applied.values())).replace("\xa0", " ") in text
    assert "Kristianstads kommun" in text
    lead_page = client.get(f"/applications/{submitted}").text
    assert f"SFSN {YEAR}/1" in lead_page and "Ärendehistorik" not in lead_page  # the lead sees the workflow history
    as_(client, people["reviewer"])
    history = client.get(f"/applications/{submitted}").text.split("Ärendehistorik")[1]
    for line in (f"Diarienummer SFSN {YEAR}/1 givet vid första inlämningen.", "förslag Bevilja",
                 f"Lagt på dagordningen: Beredningsgrupp {soon}.", "Beredningsgruppens rekommendation",
                 "Lagt på dagordningen: Styrelse", f"Styrelsens beslut {today().isoformat()}, § 12: Bevilja."):
        assert line in history, line
    timeline = history.split("</ol>")[0]
    assert "Reviewer" in timeline and people["reviewer"][1] not in timeline  # people by name, not address


def test_decision_date_before_submission_is_refused_and_amount_difference_warned(app, client, people, submitted):
    as_(client, people["reviewer"])
    styrelse = new_meeting(client, "styrelse", (today() + timedelta(days=20)).isoformat())
    add_to_agenda(client, styrelse, submitted)
    item = _item_id(app, styrelse, submitted)
    early = (today() - timedelta(days=1)).isoformat()
    response = _board_decision(client, styrelse, item, decision="approve", paragraph="§ 3",
                               decision_date=early, **{f"amount_{YEAR}": "100 000"})
    assert response.status_code == 422
    assert "Beslutsdatum kan inte vara före ansökan skickades in" in response.text
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = _board_decision(client, styrelse, item, decision="approve", paragraph="§ 3",
                               decision_date=tomorrow, **{f"amount_{YEAR}": "100 000"})
    assert response.status_code == 422 and "Datumet har inte kommit än" in response.text
    response = act(client, submitted, "approve", decision_date=tomorrow, decision_body="Förbundsstyrelsen",
                   approved_total="")  # the direct approval refuses a decision not yet taken, too
    assert response.status_code == 302
    with app.app_context():
        assert application(app, submitted).status == "submitted"
    for bad in ({"paragraph": "tolv"}, {"decision_date": "15/5"}, {"amount_2017": "12,50"},
                {"amount_2017": "1e999"}, {"amount_2017": "-5"}):
        data = {"decision": "approve", "paragraph": "§ 3", "decision_date": today().isoformat(),
                "amount_2017": "100 000", **bad}
        assert _board_decision(client, styrelse, item, **data).status_code == 422, bad
    with app.app_context():
        assert application(app, submitted).status == "submitted"
    response = _board_decision(client, styrelse, item, decision="approve", paragraph="§ 3",
                               decision_date=today().isoformat(), amount_2017="100 000", amount_2018="0",
                               amount_2019="")
    assert response.status_code == 302
    page = client.get(response.location).text
    assert "avviker från ansökans budget" in page
    with app.app_context():
        assert application(app, submitted).status == "approved"
        assert application(app, submitted).approved_total == 100000
    again = _board_decision(client, styrelse, item, decision="reject", paragraph="§ 4",
                            decision_date=today().isoformat())
    assert again.status_code == 409


def test_the_decision_form_starts_from_the_meeting_date(app, client, people, submitted):
    """The styrelse decides at its meeting: the decision date is the meeting's unless the officer changes it
    (the walk's officer typed the day of the click, two weeks before the meeting, and the letter said so)."""
    import re

    as_(client, people["reviewer"])
    day = (today() + timedelta(days=20)).isoformat()
    styrelse = new_meeting(client, "styrelse", day)
    add_to_agenda(client, styrelse, submitted)
    item = _item_id(app, styrelse, submitted)
    page = client.get(f"/meetings/{styrelse}").text
    field = re.search(rf'<input[^>]*id="item{item}-decision_date"[^>]*>', page).group(0)
    assert f'value="{day}"' in field


def test_reject_decision_gives_a_rejection_letter(app, client, people, submitted):
    as_(client, people["admin"])
    styrelse = new_meeting(client, "styrelse", today().isoformat())
    response = add_to_agenda(client, styrelse, submitted)
    assert response.status_code == 302
    assert "sista dag för handlingarna" in client.get(response.location).text  # late: warned, still added
    item = _item_id(app, styrelse, submitted)
    assert item is not None
    response = _board_decision(client, styrelse, item, decision="reject", paragraph="§ 7",
                               decision_date=today().isoformat())
    assert response.status_code == 302
    with app.app_context():
        assert application(app, submitted).status == "rejected"
    text = docx_text(client.get(f"/applications/{submitted}/decision-letter.docx").data)
    assert "att avslå ansökan" in text and "Beviljat belopp" not in text


def test_decision_letter_is_not_there_before_a_decision_nor_for_others(app, client, people, make_user, submitted):
    as_(client, people["applicant"])
    assert client.get(f"/applications/{submitted}/decision-letter.docx").status_code == 404
    other = make_user("applicant")
    as_(client, other)
    assert client.get(f"/applications/{submitted}/decision-letter.docx").status_code == 404


def test_recommendation_only_in_beredning_and_decision_only_in_styrelse(app, client, people, submitted):
    as_(client, people["reviewer"])
    beredning = new_meeting(client, "beredning", today().isoformat())
    styrelse = new_meeting(client, "styrelse", today().isoformat())
    add_to_agenda(client, beredning, submitted)
    add_to_agenda(client, styrelse, submitted)
    b_item, s_item = _item_id(app, beredning, submitted), _item_id(app, styrelse, submitted)
    assert _board_decision(client, beredning, b_item, decision="approve", paragraph="1",
                           decision_date=today().isoformat()).status_code == 409
    assert client.post(f"/meetings/{styrelse}/agenda/{s_item}/recommendation",
                       data={f"item{s_item}-recommendation": "grant"}).status_code == 409
    assert client.post(f"/meetings/{beredning}/agenda/{b_item}/recommendation",
                       data={f"item{b_item}-recommendation": "perhaps"}).status_code == 422
    assert client.post(f"/meetings/{beredning}/agenda/{s_item}/remove").status_code == 404
    assert add_to_agenda(client, beredning, submitted).status_code == 302  # already there: a message, no row
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AgendaItem)) == 2


def test_meeting_form_errors_are_shown_at_the_field(app, client, people):
    as_(client, people["reviewer"])
    response = client.post("/meetings", data={"kind": "styrelse", "date": "2026-13-01", "place": ""})
    assert response.status_code == 422
    assert "Skriv datumet som ÅÅÅÅ-MM-DD" in response.text and "Ange var mötet hålls." in response.text
    assert client.post("/meetings", data={"kind": "fika", "date": "2026-05-01", "place": "x"}).status_code == 422


def test_finance_reads_meetings_applicants_do_not_see_them(app, client, people, submitted):
    as_(client, people["reviewer"])
    meeting = new_meeting(client, "beredning", today().isoformat())
    add_to_agenda(client, meeting, submitted)
    as_(client, people["finance"])
    assert client.get("/meetings").status_code == 200
    assert client.get(f"/meetings/{meeting}").status_code == 200
    assert client.get(f"/meetings/{meeting}/kallelse.docx").status_code == 200
    assert client.post("/meetings", data={"kind": "beredning", "date": "2026-05-01",
                                          "place": "x"}).status_code == 403
    as_(client, people["applicant"])
    assert client.get("/meetings").status_code == 404
    assert client.get(f"/meetings/{meeting}/kallelse.docx").status_code == 404
    assert client.get("/meetings/999999").status_code == 404


def test_bad_case_number_pattern_is_refused_at_start(app_factory):
    from builder.config import ConfigError

    for pattern in ("SFSN {year}", "{n.__class__}", "{other}/{n}", "{n!r}", "x" * 200):
        with pytest.raises(ConfigError):
            app_factory(CASE_NUMBER_PATTERN=pattern)
    with pytest.raises(ConfigError):
        app_factory(MEETING_PAPERS_DAYS="sju")


def test_change_request_needs_text_and_guides_the_lead(app, client, people, submitted):
    as_(client, people["reviewer"])
    response = act(client, submitted, "request_changes", comment="  ", follow_redirects=True)
    assert "Skriv vad som behöver kompletteras." in response.text
    with app.app_context():
        assert application(app, submitted).status == "submitted"
    client.post(f"/applications/{submitted}/comments", data={"target": "budget.staff[3]",
                                                             "body": "Motivera lönen."})
    client.post(f"/applications/{submitted}/comments", data={"target": "target_group", "body": "Hur många?"})
    assert act(client, submitted, "request_changes", comment="Komplettera budget och målgrupp.").status_code == 302
    as_(client, people["applicant"])
    page = client.get(f"/applications/{submitted}").text
    banner = page.split('class="change-request"')[1].split("</section>")[0]
    assert "Komplettera budget och målgrupp." in banner
    assert f'/applications/{submitted}/steps/budget#staff-3-role">Personalrad 4' in banner
    assert "Motivera lönen." in banner
    assert f'/applications/{submitted}/steps/background#target_group">Målgrupp' in banner and "Hur många?" in banner
    act(client, submitted, "revise")
    step = client.get(f"/applications/{submitted}/steps/budget").text
    assert 'class="change-request"' in step and 'id="staff-3-role"' in step
    assert 'id="target_group"' in client.get(f"/applications/{submitted}/steps/background").text
    as_(client, people["reviewer"])
    assert 'class="change-request"' not in client.get(f"/applications/{submitted}").text  # the lead's banner only
    as_(client, people["applicant"])
    submit(client, people["applicant"], submitted)
    assert 'class="change-request"' not in client.get(f"/applications/{submitted}").text  # answered by resubmitting


def test_case_number_is_in_the_xlsx_footer(app, client, people, submitted):
    import openpyxl

    as_(client, people["applicant"])
    response = client.get(f"/applications/{submitted}/export.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert {ws.oddFooter.left.text for ws in workbook.worksheets} == {f"Diarienummer: SFSN {YEAR}/1"}


def test_compare_shows_budget_changes_per_line_and_field(app, client, people, submitted):
    as_(client, people["reviewer"])
    act(client, submitted, "request_changes", comment="Lönen")
    with app.app_context():
        from builder.applications.service import save_document

        application_ = application(app, submitted)
        application_.status = "draft"
        doc = application_.doc
        staff = doc["budget"]["staff"]
        staff[3]["monthly_salary"] = "35500"
        staff[3]["annual_raise"] = {"rate": "0.02", "month": 4}
        staff[0]["fte"] = "0.8"
        removed = staff.pop(1)
        staff.append({**staff[0], "role": "Ny kurator", "fte": "0.5"})
        save_document(application_, doc)
        old_salary = sample_doc()["budget"]["staff"][3]["monthly_salary"]
    submit(client, people["applicant"], submitted)
    as_(client, people["reviewer"])
    page = client.get(f"/applications/{submitted}/compare?a=1&b=2").text.replace("\xa0", " ")
    table = page.split('id="line-changes"')[1].split("</table>")[0]
    from builder.formatting import decimal

    assert f"<del>{decimal(old_salary).replace(chr(160), ' ')} kr</del>" in table and "<ins>35 500 kr</ins>" in table
    assert "Årlig löneökning" in table and "<ins>2 % från månad 4</ins>" in table
    assert "Tjänstgöringsgrad" in table and "<ins>0,8</ins>" in table
    assert "Ny kurator" in table and "Raden är tillagd." in table
    assert removed["role"] in table and "Raden är borttagen." in table


def test_internal_notes_stay_with_staff_and_comments_sit_beside_their_part(app, client, people, submitted):
    as_(client, people["reviewer"])
    for data in ({"target": "risks[0]", "body": "Risken är underskattad."},
                 {"target": "signatories[1]", "body": "Saknar titel."},
                 {"target": "background", "body": "INTERN: ring förbundschefen.", "internal": "y"}):
        assert client.post(f"/applications/{submitted}/comments", data=data).status_code == 302
    assert client.post(f"/applications/{submitted}/comments",
                       data={"target": "nonsense[3]", "body": "x"}, follow_redirects=True).status_code == 200
    with app.app_context():
        comments = application(app, submitted).comments
        assert [(c.target, c.internal) for c in comments] == [("risks[0]", False), ("signatories[1]", False),
                                                            ("background", True)]
        internal_id, risk_id = comments[2].id, comments[0].id
    page = client.get(f"/applications/{submitted}").text
    document = page.split('class="document"')[1]
    assert document.index("Risken är underskattad.") > document.index("Risker")
    assert document.index("Saknar titel.") > document.index("Underskrifter")
    assert "INTERN: ring förbundschefen." in document and "Intern anteckning" in document
    version_page = client.get(f"/applications/{submitted}/versions/1").text
    assert "Risken är underskattad." in version_page and "INTERN: ring förbundschefen." in version_page
    assert client.post(f"/applications/{submitted}/comments/{risk_id}/resolve").status_code == 302
    with app.app_context():
        assert db.session.get(type(comments[0]), risk_id).resolved_at is not None
    act(client, submitted, "request_changes", comment="Se kommentarerna.")

    as_(client, people["applicant"])
    page = client.get(f"/applications/{submitted}").text
    assert "INTERN" not in page and "Intern anteckning" not in page
    assert "Risken är underskattad." in page and "Löst" in page
    banner = page.split('class="change-request"')[1].split("</section>")[0]
    assert "Saknar titel." in banner and "signatories#signatories-1-name" in banner
    assert "Risken är underskattad." not in banner  # resolved: not an open point
    assert "INTERN" not in client.get(f"/applications/{submitted}/versions/1").text
    answer = client.post(f"/applications/{submitted}/comments", data={"parent_id": str(internal_id), "body": "?"})
    assert answer.status_code == 404
    assert client.post(f"/applications/{submitted}/comments/{risk_id}/resolve").status_code == 404
    assert client.post(f"/applications/{submitted}/comments",
                       data={"target": "general", "body": "x", "internal": "y"}).status_code == 403


def test_stale_board_decision_is_409_and_changes_nothing(app, client, people, submitted):
    as_(client, people["reviewer"])
    styrelse = new_meeting(client, "styrelse", today().isoformat())
    add_to_agenda(client, styrelse, submitted)
    item = _item_id(app, styrelse, submitted)
    response = _board_decision(client, styrelse, item, version="0", decision="reject", paragraph="§ 2",
                               decision_date=today().isoformat())
    assert response.status_code == 409
    with app.app_context():
        assert application(app, submitted).status == "submitted"
        assert db.session.get(AgendaItem, item).decision == ""
