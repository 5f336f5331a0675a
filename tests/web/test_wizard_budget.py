"""The budget step: Swedish input, rows added and removed without JavaScript, tables equal to the CLI."""
from __future__ import annotations

import copy
import json
import re

import pytest
from flask.testing import FlaskCliRunner

from builder.extensions import db
from builder.models import Application
from tests.web.drafts import with_base


def post_budget(client, app_id: int, data: dict):
    """Post the budget step as the page does (with the draft's current base_version)."""
    return client.post(f"/applications/{app_id}/steps/budget", data=with_base(client, app_id, data))

STAFF = [  # typed the way a Swedish project lead types them
    ("Kristianstads kommun", "Socialpedagog/socionom", "2,0", "31 000", "", "2017-06-01", "2019-05-31"),
    ("Kristianstads kommun", "Socialpedagog", "1", "32 000", "", "2017-06-01", "2019-05-31"),
    ("Kristianstads kommun", "Socialpedagog", "0,6", "32\u00a0000", "", "2017-06-01", "2019-05-31"),
    ("Kristianstads kommun", "Projektledare", "0,4", "34 000,00", "40 %", "2017-06-01", "2019-05-31"),
    ("Vårdcentralen Vilan", "Sjuksköterska", "0,2", "39 350", "0,40", "2017-08-14", "2019-05-31"),
    ("Vårdcentralen Östermalm", "Distriktssköterska", "0,2", "38 000", "40", "2017-08-14", "2019-05-31"),
]
BASELINE = [("Kristianstads kommun", ["260 400", "1 041 600", "1 041 600", "781 200"]),
            ("Näsby vårdcentral", ["31 920", "127 680", "127 680", "95 760"]),
            ("Workshops + kompetensutveckling", ["5000", "20 000", "20 000", "15 000"]),
            ("Utvärdering", ["30 000", "80 000", "80 000", "60 000"])]


def budget_form(staff=STAFF, baseline=BASELINE, default_rate="40 %") -> dict:
    data = {"proration": "half_month", "default_social_fee_rate": default_rate,
            "baseline_label": "Ursprunglig budget", "baseline_first_year": "2015", "baseline_last_year": "2018"}
    for i, (party, role, fte, salary, rate, start, end) in enumerate(staff):
        data.update({f"staff-{i}-party": party, f"staff-{i}-role": role, f"staff-{i}-fte": fte,
                     f"staff-{i}-monthly_salary": salary, f"staff-{i}-social_fee_rate": rate,
                     f"staff-{i}-start": start, f"staff-{i}-end": end, f"staff-{i}-raise_month": ""})
    for i, (label, amounts) in enumerate(baseline):
        data[f"baseline_rows-{i}-label"] = label
        for j, amount in enumerate(amounts):
            data[f"baseline_rows-{i}-amounts-{j}"] = amount
    return data


@pytest.fixture
def extension(client, login_as, make_application, hela_doc):
    """An extension draft with project and parties filled in but no budget yet."""
    user_id, _ = login_as("applicant")
    doc = copy.deepcopy(hela_doc)
    doc["budget"] = {"proration": "half_month", "default_social_fee_rate": "0", "staff": [], "other_costs": []}
    return make_application(user_id, doc)


def doc_of(app, app_id):
    with app.app_context():
        return db.session.get(Application, app_id).doc


def cli_json(app, doc) -> dict:
    runner = FlaskCliRunner(app)
    result = runner.invoke(args=["budget", "--json", "-"], input=json.dumps(doc))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_swedish_typed_budget_reproduces_hela_familjen(client, app, extension, hela_doc):
    response = post_budget(client, extension, {**budget_form(), "save": "1"})
    assert response.status_code == 303, response.text[:2000]
    doc = doc_of(app, extension)
    staff = doc["budget"]["staff"]
    assert [line["fte"] for line in staff] == ["2.0", "1", "0.6", "0.4", "0.2", "0.2"]
    assert [line["monthly_salary"] for line in staff] == ["31000", "32000", "32000", "34000.00", "39350", "38000"]
    assert doc["budget"]["default_social_fee_rate"] == "0.4"
    assert [line.get("social_fee_rate") for line in staff] == [None, None, None, "0.4", "0.40", "0.4"]
    computed = cli_json(app, doc)
    assert computed == cli_json(app, hela_doc)  # the same table as the reference JSON
    page = client.get(f"/applications/{extension}/steps/budget").text.replace("\xa0", " ")
    for figure in ("1 242 640", "2 130 240", "887 600", "4 260 480", "49 581", "132 216", "55 090",
                   "236 887", "47 880", "228 760", "1 340 101", "2 390 136", "995 890", "4 726 127",
                   "ökning med 1 135 680 kr", "1 601 327", "5 419 167"):
        assert figure in page, figure


def test_budget_page_shows_amounts_back_in_swedish_format(client, app, extension):
    post_budget(client, extension, {**budget_form(), "save": "1"})
    page = client.get(f"/applications/{extension}/steps/budget").text
    assert 'value="31\u00a0000"' in page
    assert 'value="0,6"' in page
    assert 'value="40\u00a0%"' in page
    assert 'value="1\u00a0041\u00a0600"' in page


def test_live_preview_matches_cli_without_saving(client, app, extension, hela_doc):
    response = client.post(f"/applications/{extension}/steps/budget/preview", data=budget_form())
    assert response.status_code == 200
    text = response.text.replace("\xa0", " ")
    expected = cli_json(app, hela_doc)
    for row in expected["rows"]:
        for amount in row["yearly"].values():
            assert f"{int(amount):,}".replace(",", " ") in text
    assert "4 726 127" in text and "1 601 327" in text
    assert doc_of(app, extension)["budget"]["staff"] == []  # preview saves nothing


@pytest.mark.parametrize("field,value,message", [
    ("fte", "abc", "Skriv tjänstgöringsgraden som ett tal"),
    ("fte", "0", "Skriv en tjänstgöringsgrad större än 0 och högst 10."),
    ("fte", "11", "Skriv en tjänstgöringsgrad större än 0 och högst 10."),
    ("monthly_salary", "-5 000", "Värdet måste vara mellan"),
    ("social_fee_rate", "200 %", "Ange en procentsats mellan 0 och 150 %"),
    ("start", "2016-01-01", "Datumet måste ligga inom projektperioden"),
    ("end", "2017-05-01", "Slutdatum kan inte vara före startdatum."),
    ("role", "", "Fyll i det här fältet."),
])
def test_bad_staff_line_is_kept_as_typed_with_its_message(client, app, extension, field, value, message):
    data = budget_form()
    data[f"staff-2-{field}"] = value
    response = post_budget(client, extension, {**data, "save": "1"})
    assert response.status_code == 303 and response.location.endswith("/steps/budget")
    page = client.get(response.location)
    assert page.status_code == 200
    assert message in page.text
    assert f'id="staff-2-{field}-error"' in page.text
    assert 'value="Projektledare"' in page.text  # the rest of what was typed is still there
    if value:
        assert f'value="{value}"' in page.text  # exactly as typed
    assert doc_of(app, extension)["budget"]["staff"] == []  # the application holds only what checks out


def test_add_and_remove_rows_without_javascript(client, app, extension):
    data = budget_form(staff=STAFF[:2], baseline=[])
    response = post_budget(client, extension, {**data, "add": "staff"})
    assert response.status_code == 303
    assert response.location.endswith("/steps/budget?focus=staff-2-party#staff-2-party")
    page = client.get(response.location).text
    new_party = re.search(r'<select[^>]*name="staff-2-party"[^>]*>', page).group(0)
    assert "autofocus" in new_party  # focus lands on the new row, without JavaScript
    assert 'value="Socialpedagog/socionom"' in page
    assert len(doc_of(app, extension)["budget"]["staff"]) == 2  # what was typed was saved first
    assert client.get(f"/applications/{extension}/steps/budget").text.count('name="staff-2-role"') == 1  # kept
    data = budget_form(staff=STAFF[:3], baseline=[])
    response = post_budget(client, extension, {**data, "remove_row": "staff-1"})
    assert response.location.endswith("/steps/budget?focus=staff-0-party#staff-0-party")  # the row before
    page = client.get(response.location).text
    assert 'name="staff-2-role"' not in page
    second_role = re.search(r'<input[^>]*name="staff-1-role"[^>]*>', page).group(0)
    assert 'value="Socialpedagog"' in second_role  # the row after the removed one moved up
    assert [line["fte"] for line in doc_of(app, extension)["budget"]["staff"]] == ["2.0", "0.6"]


def test_blank_rows_are_dropped_on_save(client, app, extension):
    data = budget_form(staff=STAFF[:1], baseline=[])
    data.update({"staff-1-party": "", "staff-1-role": "", "staff-1-fte": "", "staff-1-monthly_salary": "",
                 "staff-1-start": "", "staff-1-end": "", "staff-1-raise_month": ""})
    assert post_budget(client, extension, {**data, "save": "1"}).status_code == 303
    assert len(doc_of(app, extension)["budget"]["staff"]) == 1


def test_other_costs_overhead_and_raise(client, app, extension):
    data = budget_form(staff=STAFF[:1], baseline=[])
    data.update({"staff-0-raise_rate": "3 %", "staff-0-raise_month": "4",
                 "other_costs-0-label": "Utvärdering", "other_costs-0-party": "",
                 "other_costs-0-amounts-0": "10 000", "other_costs-0-amounts-1": "20 000",
                 "other_costs-0-amounts-2": "", "overhead_label": "OH", "overhead_rate": "5 %"})
    assert post_budget(client, extension, {**data, "save": "1"}).status_code == 303
    budget = doc_of(app, extension)["budget"]
    assert budget["staff"][0]["annual_raise"] == {"rate": "0.03", "month": 4}
    assert budget["other_costs"] == [{"label": "Utvärdering", "yearly": {"2017": "10000", "2018": "20000"}}]
    assert budget["overhead"] == {"label": "OH", "rate": "0.05"}
    computed = cli_json(app, doc_of(app, extension))
    labels = [row["label"] for row in computed["rows"]]
    assert labels == ["Kristianstads kommun", "Utvärdering", "OH"]


def test_fee_presets_are_offered(client, app, extension):
    with app.app_context():
        from builder.demo import seed_presets

        seed_presets()
    page = client.get(f"/applications/{extension}/steps/budget").text
    assert '<option value="44,53\u00a0%">' in page
    assert '<option value="52,28\u00a0%">' in page
    assert 'list="fee-presets"' in page


def test_errors_name_their_row_in_the_summary_and_the_preview_speaks_swedish(client, app, extension):
    data = budget_form()
    data["staff-1-fte"] = "abc"
    data["baseline_rows-0-amounts-1"] = "12 x"
    response = post_budget(client, extension, {**data, "save": "1"})
    page = client.get(response.location).text
    assert 'href="#staff-1-fte">Tjänstgöringsgrad (heltid = 1), rad 2:' in page
    assert 'href="#baseline_rows-0-amounts-1">Belopp, rad 1:' in page

    preview = client.post(f"/applications/{extension}/steps/budget/preview", data=data).text
    assert "Personalrad 2 räknas inte med: kontrollera tjänstgöringsgraden." in preview
    data["staff-0-start"] = "2016-01-01"  # before the period: the form takes the date, the format refuses it
    preview = client.post(f"/applications/{extension}/steps/budget/preview", data=data).text
    assert "Personalrad 1 räknas inte med: kontrollera startdatumet." in preview
    assert "budget.staff" not in preview and "must be" not in preview
    # the other rows are still computed: Kristianstads kommun without the 1,0 post
    assert "\xa0" in preview and "Totalt" in preview


def test_preview_messages_follow_the_language(client, app, extension):
    client.post("/language", data={"language": "en", "next": "/"})
    data = budget_form()
    data["staff-0-monthly_salary"] = "-5"
    preview = client.post(f"/applications/{extension}/steps/budget/preview", data=data).text
    assert "Staff line 1 is left out: check the monthly salary." in preview
