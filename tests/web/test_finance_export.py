"""Finance exports: the approved budget as XLSX with live formulas; the reviewer list as CSV."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.helpers import login
from tests.unit.xlsx_eval import evaluate


def test_finance_downloads_xlsx_of_approved_application(client, app, make_user, make_application, hela_doc):
    owner = make_user("applicant")
    finance = make_user("finance")
    app_id = make_application(owner[0], hela_doc, status="approved")
    login(client, finance[1], finance[2])
    response = client.get(f"/applications/{app_id}/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.data))
    sheet = book["Budget"]
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    # every staff figure and total is a formula (of the Personal sheet's inputs), equal to the engine
    assert 1242640 not in values and 995890 not in values
    assert (evaluate(book, "Budget", "B5"), evaluate(book, "Budget", "C6"), evaluate(book, "Budget", "D8")) == \
        (1242640, 132216, 995890)
    assert any(isinstance(v, str) and v.startswith("=SUM(") for v in values)
    assert book["Försättsblad"]["B7"].value == "Beviljad"
    # finance may read but never change
    assert client.post(f"/applications/{app_id}/steps/timeline", data={"timeline": "x", "save": "1"}).status_code == 409


def test_finance_cannot_see_unapproved(client, make_user, make_application, hela_doc):
    owner = make_user("applicant")
    finance = make_user("finance")
    app_id = make_application(owner[0], hela_doc, status="submitted")
    login(client, finance[1], finance[2])
    assert client.get(f"/applications/{app_id}/export.xlsx").status_code == 404


def test_reviewer_list_csv(client, make_user, make_application, hela_doc):
    owner = make_user("applicant")
    reviewer = make_user("reviewer")
    make_application(owner[0], {**hela_doc, "title": "=HYPERLINK(\"x\")"}, status="submitted")
    login(client, reviewer[1], reviewer[2])
    response = client.get("/review/export.csv?status=submitted")
    assert response.status_code == 200
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id;")
    assert "'=HYPERLINK" in text  # formula injection guarded
    assert ";4726127;1601327" in text
