"""One test per input the fuzz test (test_fuzz.py) or its predecessor found giving a 500 or going wrong.

Each posts the exact input and asserts the real outcome: the status, the message at the field,
and that the stored row is unchanged (or stored cleaned). Run on SQLite and PostgreSQL.
"""
from __future__ import annotations

import copy
import io
import json

import openpyxl
import pytest

from builder.extensions import db
from builder.models import Application, Comment
from tests.web.drafts import with_base

PROJECT = {"title": "Hela Familjen", "kind": "extension", "association": "Samordningsförbundet Skåne Nordost",
           "period_start": "2017-06-01", "period_end": "2019-05-31"}


def row(app, app_id: int) -> tuple[str, str]:
    with app.app_context():
        application = db.session.get(Application, app_id)
        return application.status, application.document


def count(app, model) -> int:
    with app.app_context():
        return len(db.session.scalars(db.select(model)).all())


@pytest.fixture
def owned(client, login_as, make_application, hela_doc):
    """(user id, application id): the logged-in applicant's Hela Familjen draft."""
    user_id, _ = login_as("applicant")
    return user_id, make_application(user_id, hela_doc)


def kept(client, app_id: int, step: str, data: dict):
    """Post input that cannot go into the application: it is saved as typed (303) and the step shows it again."""
    response = client.post(f"/applications/{app_id}/steps/{step}", data=with_base(client, app_id, data))
    assert response.status_code == 303
    page = client.get(f"/applications/{app_id}/steps/{step}")
    assert page.status_code == 200
    return page


def step_form(app, app_id: int, step_key: str) -> dict:
    from tests.web.fuzz_support import form_of_step

    with app.app_context():
        doc = db.session.get(Application, app_id).doc
    return form_of_step(app, step_key, doc)


@pytest.mark.parametrize("path", ["/applications/99999999999999999999", "/applications/2147483648",
                                  "/applications/\u0663", "/applications/1/versions/99999999999999999999",
                                  "/applications/99999999999999999999/export.docx"])
def test_an_id_beyond_a_database_integer_is_not_found(client, owned, path):
    """Was a 500: PostgreSQL "integer out of range", SQLite "Python int too large"."""
    assert client.get(path).status_code == 404


def test_a_huge_comment_parent_id_is_not_found_and_nothing_is_stored(client, app, owned):
    _user, app_id = owned
    response = client.post(f"/applications/{app_id}/comments",
                           data={"body": "Svar", "parent_id": "99999999999999999999"})
    assert response.status_code == 404  # was a 500
    assert count(app, Comment) == 0


def test_invite_with_an_empty_address_says_so(client, app, owned):
    _user, app_id = owned
    response = client.post(f"/applications/{app_id}/invite", data={"email": ""}, follow_redirects=True)
    assert response.status_code == 200  # was a 500 (a lazy message joined as text)
    assert "Ange en e-postadress." in response.text


def test_nul_and_control_characters_are_stripped_before_saving(client, app, owned):
    _user, app_id = owned
    response = client.post(f"/applications/{app_id}/steps/project",
                           data=with_base(client, app_id, {**PROJECT, "title": "Hela\x00 Familjen\x07", "save": "1"}))
    assert response.status_code == 303  # was a 500 on PostgreSQL: text cannot contain NUL
    response = client.post(f"/applications/{app_id}/steps/background",
                           data=with_base(client, app_id, {"background": "rad ett\r\nrad\ttvå\x1b[31m\x00",
                                                           "save": "1"}))
    assert response.status_code == 303
    doc = json.loads(row(app, app_id)[1])
    assert doc["title"] == "Hela Familjen"
    assert doc["sections"]["background"] == "rad ett\nrad\ttvå[31m"


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/\x00/evil.example",
                                    "//evil.example", "/\\evil.example", "https://evil.example/"])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/language", data={"language": "sv", "next": target})
    assert response.status_code == 302
    assert response.location == "/"  # "/\t/evil.example" went to //evil.example


def test_login_next_with_a_tab_is_not_followed(client, make_user):
    _id, email, password = make_user("applicant")
    response = client.post("/login?next=/%09/evil.example", data={"email": email, "password": password})
    assert response.status_code == 302
    assert response.location == "/applications"


def test_a_number_with_many_decimals_is_refused_at_the_field(client, app, owned):
    _user, app_id = owned
    before = row(app, app_id)
    many = "0," + "1" * 21  # one more than the format's limit (builder/appformat/limits.py)
    data = {**step_form(app, app_id, "budget"), "staff-0-fte": many, "save": "1"}
    response = kept(client, app_id, "budget", data)
    assert "Skriv högst 20 decimaler." in response.text
    assert f'value="{many}"' in response.text
    assert row(app, app_id) == before


def test_a_date_before_1900_is_refused_at_the_field(client, app, owned):
    _user, app_id = owned
    before = row(app, app_id)
    response = kept(client, app_id, "project",
                    {**PROJECT, "period_start": "0001-01-01", "period_end": "0001-12-31", "save": "1"})
    assert "Ange ett datum från år 1900 eller senare." in response.text
    assert 'value="0001-01-01"' in response.text
    assert row(app, app_id) == before


def test_the_date_message_is_in_english_for_english_users(client, app, owned):
    _user, app_id = owned
    client.post("/language", data={"language": "en"})
    response = kept(client, app_id, "project", {**PROJECT, "period_start": "1899-12-31", "save": "1"})
    assert "Enter a date in 1900 or later." in response.text


def test_a_row_number_in_other_digits_removes_no_row(client, app, owned):
    _user, app_id = owned
    data = {**step_form(app, app_id, "budget"), "remove_row": "staff-\u0663"}
    response = kept(client, app_id, "budget", data)
    assert response.status_code == 200
    assert 'name="staff-5-role"' in response.text  # "staff-٣" removed row 4 of 6


def test_a_huge_row_number_is_ignored(client, app, owned):
    _user, app_id = owned
    staff_before = json.loads(row(app, app_id)[1])["budget"]["staff"]
    data = {**step_form(app, app_id, "budget"), "staff-99999999999999-role": "Spökrad", "save": "1"}
    response = client.post(f"/applications/{app_id}/steps/budget", data=with_base(client, app_id, data))
    assert response.status_code == 303  # was a 422 about "rad 100000000000000", a row nobody sees
    staff_after = json.loads(row(app, app_id)[1])["budget"]["staff"]
    assert [s["role"] for s in staff_after] == [s["role"] for s in staff_before]


def test_effects_preview_with_a_row_posted_in_part(client, app, owned):
    _user, app_id = owned
    response = client.post(f"/applications/{app_id}/steps/goals/preview",
                           data={"goals": "1", "scenarios-0-items-99-persons": ","})
    assert response.status_code == 200  # was a 500: the missing label read as None


@pytest.mark.parametrize("baseline", [
    '{"label": "x", "rows": [{"label": "a", "yearly": {"2015": NaN}}]}',  # was a 500
    '{"label": "x", "rows": [{"label": "a", "yearly": {"\u0662\u0660\u0661\u0665": "1000"}}]}',  # was stored
    '{"label": "x", "label": "y", "rows": []}',
    "{",
    "null",  # found by test_fuzz: a 500 (no baseline to copy into the draft)
    '{"label": ' + "[" * 900 + "]" * 900 + ', "rows": []}',  # found in review: cleaning the text overflowed the stack
])
def test_check_docx_draft_reads_the_baseline_like_an_application_file(client, app, login_as, baseline):
    login_as("applicant")
    response = client.post("/check-docx/draft", data={"baseline": baseline, "title": "Från Word"},
                           follow_redirects=True)
    assert response.status_code == 200
    assert "Tabellen kunde inte användas som jämförelsebudget." in response.text
    assert count(app, Application) == 0


def test_check_docx_draft_stores_the_baseline_as_the_format_writes_it(client, app, login_as):
    login_as("applicant")
    baseline = '{"label": "Ursprunglig\\u0000", "rows": [{"label": "Kommun", "yearly": {"2015": 1000.50}}]}'
    response = client.post("/check-docx/draft", data={"baseline": baseline, "title": "Från\x00 Word"})
    assert response.status_code == 302
    with app.app_context():
        doc = db.session.scalars(db.select(Application)).one().doc
    assert doc["title"] == "Från Word"
    assert doc["budget"]["baseline"] == {"label": "Ursprunglig", "rows": [{"label": "Kommun",
                                                                           "yearly": {"2015": "1000.50"}}]}


def test_imported_json_with_nul_is_stored_cleaned(client, app, login_as, hela_doc):
    login_as("applicant")
    doc = copy.deepcopy(hela_doc)
    doc["title"] = "Hela\u0000 Familjen"
    upload = (io.BytesIO(json.dumps(doc).encode()), "a.json")
    response = client.post("/applications/import", data={"file": upload})
    assert response.status_code == 302  # was a 500 on PostgreSQL
    with app.app_context():
        assert db.session.scalars(db.select(Application)).one().title == "Hela Familjen"


def test_imported_json_with_a_year_in_other_digits_is_refused(client, app, login_as, hela_doc):
    login_as("applicant")
    doc = copy.deepcopy(hela_doc)
    doc["budget"]["baseline"]["rows"][0]["yearly"] = {"\u0662\u0660\u0661\u0665": "1000"}
    upload = (io.BytesIO(json.dumps(doc).encode()), "a.json")
    response = client.post("/applications/import", data={"file": upload})
    assert response.status_code == 422
    assert "en nyckel måste vara ett årtal ÅÅÅÅ" in response.text
    assert count(app, Application) == 0


def test_xlsx_export_writes_formula_like_and_control_text_as_plain_text(client, app, owned, hela_doc,
                                                                        make_application):
    user_id, _ = owned
    doc = copy.deepcopy(hela_doc)
    doc["title"] = '=HYPERLINK("http://evil.example")\x01\ufffe'
    doc["budget"]["staff"][0]["role"] = "=1+1\x07"
    app_id = make_application(user_id, doc)  # as stored before input was cleaned
    response = client.get(f"/applications/{app_id}/export.xlsx")
    assert response.status_code == 200  # was a 500: openpyxl refuses control characters
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    title = workbook.worksheets[0]["A1"]
    assert (title.value, title.data_type) == ('=HYPERLINK("http://evil.example")', "s")
    roles = [c for c in workbook["Personal"]["B"] if c.value == "=1+1"]
    assert roles and all(c.data_type == "s" for c in roles)


def test_a_described_risk_without_an_area_is_refused_at_the_field(client, app, owned):
    """Found by test_fuzz: saved, and the stored draft no longer loaded ("risks[0].area: must not be empty")."""
    _user, app_id = owned
    before = row(app, app_id)
    data = {**step_form(app, app_id, "risks"), "risks-0-area": "", "save": "1"}
    response = kept(client, app_id, "risks", data)
    assert 'id="risks-0-area"' in response.text and "Fyll i det här fältet." in response.text
    assert row(app, app_id) == before


def test_a_named_signatory_without_a_party_is_refused_at_the_field(client, app, owned):
    _user, app_id = owned
    before = row(app, app_id)
    data = {**step_form(app, app_id, "signatories"), "signatories-0-party": "", "save": "1"}
    response = kept(client, app_id, "signatories", data)
    assert "Välj part." in response.text
    assert row(app, app_id) == before


@pytest.mark.parametrize("step, name", [("signatories", "signatories-0-party"), ("risks", "risks-0-party"),
                                        ("budget", "staff-0-party")])
def test_a_party_longer_than_the_format_allows_is_refused_at_the_field(client, app, owned, step, name):
    """Found by test_fuzz: a 100 000-character party was saved and the draft no longer loaded."""
    _user, app_id = owned
    before = row(app, app_id)
    data = {**step_form(app, app_id, step), name: "x" * 100_000, "save": "1"}
    response = kept(client, app_id, step, data)
    assert f'id="{name}"' in response.text and 'aria-invalid="true"' in response.text
    assert row(app, app_id) == before


@pytest.mark.parametrize("month", ["1.5", "1e3"])
def test_a_raise_month_that_is_no_choice_gives_no_500(client, app, owned, month):
    """Found by hand while widening the fuzz: the live preview read the month with int() before the check."""
    _user, app_id = owned
    before = row(app, app_id)
    data = {**step_form(app, app_id, "budget"), "staff-0-raise_rate": "3 %", "staff-0-raise_month": month}
    assert client.post(f"/applications/{app_id}/steps/budget/preview", data=data).status_code == 200
    response = kept(client, app_id, "budget", {**data, "save": "1"})
    assert 'id="staff-0-raise_month"' in response.text and 'aria-invalid="true"' in response.text
    assert row(app, app_id) == before


@pytest.mark.parametrize("first, last, message", [
    ("2000", "2020", "Högst 20 år."),  # was a 500: 21 amount columns in a list of at most 20
    ("2018", "2015", "Sista året kan inte vara före första året."),  # was saved with every amount dropped
    ("1990", "2100", "Högst 20 år."),  # likewise
    ("2015,5", "2018", "Skriv ett helt årtal, t.ex. 2015."),  # was saved as 2015
])
def test_baseline_years_that_cannot_hold_the_amounts_are_refused_at_the_field(client, app, owned, first, last,
                                                                              message):
    _user, app_id = owned
    before = row(app, app_id)
    data = {**step_form(app, app_id, "budget"), "baseline_first_year": first, "baseline_last_year": last}
    assert client.post(f"/applications/{app_id}/steps/budget/preview", data=data).status_code == 200
    response = kept(client, app_id, "budget", {**data, "save": "1"})
    assert message in response.text
    assert f'value="{first}"' in response.text and f'value="{last}"' in response.text
    assert row(app, app_id) == before


def test_a_title_of_only_spaces_is_refused_at_the_field(client, app, owned):
    """Found by test_fuzz: " " passed "required", was saved stripped to "" and the draft no longer loaded."""
    _user, app_id = owned
    before = row(app, app_id)
    response = kept(client, app_id, "project", {**PROJECT, "title": " ", "next": "1"})
    assert "Ange projektets namn." in response.text
    assert row(app, app_id) == before


@pytest.mark.parametrize("extra, field, message", [
    ({"other_costs-0-amounts-1": "7933"}, "other_costs-0-label", "Fyll i det här fältet."),  # found by test_fuzz
    ({"baseline_rows-1-label": "Kristianstads kommun"}, "baseline_rows-1-label",
     "Varje rad behöver en egen benämning."),
    ({"other_costs-0-label": "Kristianstads kommun", "other_costs-0-amounts-1": "1"}, "other_costs-0-label",
     "Benämningen får inte vara samma som en parts eller en annan rads."),
])
def test_a_budget_row_the_format_would_refuse_is_refused_at_the_field(client, app, owned, extra, field, message):
    """Was saved, and the stored draft no longer loaded (an unlabelled, duplicate or party-named row)."""
    _user, app_id = owned
    before = row(app, app_id)
    data = {**step_form(app, app_id, "budget"), **extra, "back": "1"}
    response = kept(client, app_id, "budget", data)
    assert message in response.text and f'id="{field}"' in response.text
    assert row(app, app_id) == before


def test_a_deeply_nested_import_is_refused_with_a_message(client, app, login_as):
    """JSON that the parser accepts but that nests too deeply to walk is refused, not a 500."""
    login_as("applicant")
    text = '{"format": "finsam-application", "title": ' + "[" * 900 + "]" * 900 + "}"
    response = client.post("/applications/import", data={"file": (io.BytesIO(text.encode()), "deep.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "inte giltig JSON: för djupt nästlad" in response.text
    assert count(app, Application) == 0


@pytest.mark.parametrize("step, extra, field, message", [
    ("goals", {"scenarios-0-label": "", "scenarios-0-items-0-label": "Placering", "scenarios-0-items-0-persons": "2",
               "scenarios-0-items-0-cost_per_day": "3 749", "scenarios-0-items-0-months": "6",
               "scenarios-0-items-0-days_per_month": "30,5"},
     "scenarios-0-label", "Fyll i det här fältet."),
    ("budget", {"overhead_label": "Kristianstads kommun", "overhead_rate": "10 %"}, "overhead_label",
     "Benämningen får inte vara samma som en parts eller en annan rads."),
])
def test_a_format_problem_is_shown_at_its_own_field(client, app, owned, step, extra, field, message):
    """The format names effects[0].label and budget.overhead.label; the message belongs at those inputs."""
    _user, app_id = owned
    before = row(app, app_id)
    response = kept(client, app_id, step, {**step_form(app, app_id, step), **extra, "save": "1"})
    error = response.text.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert row(app, app_id) == before
