"""The reviewer list filters, sorts and pages in SQL (SQLite and PostgreSQL): the same rows in the same order,
page after page, as sorting every visible row in Python; searches treat % and _ as text; the cached
figures follow every save and `flask applications refresh-figures` repairs old rows."""
from __future__ import annotations

import copy
import csv
import io
import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from builder.associations.service import ensure_association
from builder.cases.models import Case
from builder.cases.service import local_date, today
from builder.extensions import db
from builder.models import Application, ApplicationVersion, AssociationMember, User
from builder.review.listing import SORT_KEYS
from tests.helpers import login

PAGE_SIZE = 4
NOW = datetime(2026, 3, 2, 12, 0, 0)


def _doc(hela: dict, title: str, association: str, salary: int | None = None, baseline: bool = True,
         start: str | None = None, parties: tuple[str, ...] = ()) -> dict:
    doc = copy.deepcopy(hela)
    doc["title"] = title
    doc["association"] = association
    if salary is not None:
        doc["budget"]["staff"][0]["monthly_salary"] = str(salary)
    if not baseline:
        doc["budget"].pop("baseline", None)
        doc["kind"] = "new"
    if start:
        doc["period"]["start"] = start
    for party in parties:
        doc["parties"].append({"name": party, "kind": "other"})
    return doc


# title, association, status, versions, salary, baseline, period start, decision, case (year, sequence),
# officer ("rev", "bo" or None), due date (days from today), days before NOW last submitted, updated (days before NOW)
ROWS = [
    ("Alfa", "Förbundet Östra", "submitted", 1, 31000, True, "2017-06-01", None, (2026, 3), "rev", -3, 10, 5),
    ("alfa", "Förbundet Väst", "approved", 2, 32000, False, "2017-07-01", "2026-02-01", (2026, 1), "bo", -5, 30, 5),
    ("Östra projektet", "Förbundet Östra", "changes_requested", 1, 31000, True, "2017-06-01", None, (2025, 9), None,
     4, 20, 7),
    ("Gamma 50%", "Förbundet Väst", "rejected", 1, 30000, True, "2017-05-01", "2026-01-15", (2026, 2), "rev", None,
     40, 9),
    ("Gamma 50x", "Förbundet Östra", "submitted", 1, 33000, False, "2017-06-01", None, (2026, 4), "bo", 30, 3, 1),
    ("Delta_1", "Förbundet Väst", "withdrawn", 1, 31000, True, "2017-08-01", None, (2026, 5), None, None, 15, 12),
    ("DeltaX1", "Förbundet Östra", "draft", 1, 34000, True, "2017-06-01", None, (2026, 6), "rev", 2, 8, 2),
    ("Samma", "Förbundet Väst", "submitted", 1, 31000, True, "2017-06-01", None, None, None, None, None, 3),
    ("Samma", "Förbundet Östra", "submitted", 1, 31000, True, "2017-06-01", None, (2025, 10), "rev", 6, 12, 3),
    ("Tom ansökan", "Förbundet Väst", "submitted", 1, None, True, None, None, (2026, 7), None, -1, 1, 4),
    ("Aldrig inskickad", "Förbundet Östra", "draft", 0, 31000, True, "2017-06-01", None, None, None, None, None, 0),
    ("Grund a/b", "Förbundet Väst", "approved", 3, 35000, True, "2017-06-01", "2025-12-01", (2025, 11), "bo", -20,
     60, 11),
]


@pytest.fixture
def world(app_factory, hela_doc):
    app = app_factory(REVIEW_PAGE_SIZE=PAGE_SIZE)
    from builder.applications.service import create_application
    from builder.auth.service import create_user

    with app.app_context():
        owner = create_user("lead@example.se", "correct horse battery", "applicant", "Lead")
        reviewer = create_user("rev@example.se", "correct horse battery", "reviewer", "Rut Granskare")
        bo = create_user("bo@example.se", "correct horse battery", "reviewer", "")  # no name: shown by address
        associations = {name: ensure_association(name) for name in ("Förbundet Östra", "Förbundet Väst")}
        db.session.flush()
        for association in associations.values():
            for person in (reviewer, bo):
                db.session.add(AssociationMember(association_id=association.id, user_id=person.id))
        officers = {"rev": reviewer.id, "bo": bo.id, None: None}
        ids = []
        for (title, association, status, versions, salary, baseline, start, decided, case, officer, due, submitted,
             updated) in ROWS:
            doc = _doc(hela_doc, title, association, salary or 31000, baseline, start,
                       ("Arbetsförmedlingen Östra",) if title == "Samma" else ())
            if salary is None:
                doc = {"title": title, "association": association}  # does not validate: no figures
            application = create_application(owner, doc)
            application.status = status
            application.association_id = associations[association].id
            application.decision_date = datetime.fromisoformat(decided).date() if decided else None
            for number in range(1, versions + 1):
                db.session.add(ApplicationVersion(application_id=application.id, number=number,
                                                  document=application.document, fingerprint="f" * 64))
            if case:
                db.session.add(Case(application_id=application.id, association_id=application.association_id,
                                    number=f"FINSAM {case[0]}/{case[1]}", pattern="FINSAM {year}/{n}", year=case[0],
                                    sequence=case[1], officer_id=officers[officer],
                                    due_date=today() + timedelta(days=due) if due is not None else None,
                                    last_submitted_at=NOW - timedelta(days=submitted)))
            db.session.commit()
            db.session.execute(sa.update(Application).where(Application.id == application.id)
                               .values(updated_at=NOW - timedelta(days=updated)))
            db.session.commit()
            ids.append(application.id)
    client = app.test_client()
    login(client, "rev@example.se")
    return app, client, ids


def _reference(app, status="", association="", query="", sort="updated", descending=True, officer="", due=""):
    """Every row the reviewer may see, filtered and sorted in Python the way the list always did (ties by id,
    a descending sort the exact reverse of the ascending one)."""
    from builder.applications.service import computed_budget

    with app.app_context():
        reviewer = db.session.scalar(sa.select(User).where(User.email == "rev@example.se"))
        rows = []
        for application in db.session.scalars(sa.select(Application)):
            submitted_before = bool(application.versions)
            visible = application.status in ("submitted", "changes_requested", "approved", "rejected") or (
                application.status in ("withdrawn", "draft") and submitted_before)
            if not visible:
                continue
            case = db.session.scalar(sa.select(Case).where(Case.application_id == application.id))
            table, _ = computed_budget(application.doc)
            period = application.doc.get("period") or {}
            overdue = bool(case and case.due_date and case.due_date < today()
                           and application.status not in ("approved", "rejected", "withdrawn"))
            rows.append({
                "id": application.id, "title": application.title, "status": application.status,
                "association": application.association,
                "parties": ", ".join(p["name"] for p in application.doc.get("parties") or []),
                "period_start": period.get("start", ""),
                "total": table.total if table else None,
                "delta": table.delta if table is not None and table.has_baseline else None,
                "updated": application.updated_at.isoformat(),
                "in_revision": application.status == "changes_requested" or (
                    application.status == "draft" and submitted_before),
                "case": case.year * 1_000_000 + case.sequence if case else None,
                "officer_id": case.officer_id if case else None,
                "officer": (case.officer.name or case.officer.email) if case and case.officer else None,
                "due_date": case.due_date.isoformat() if case and case.due_date else None, "overdue": overdue,
                "submitted": local_date(case.last_submitted_at).isoformat() if case else None,
                "decided": application.decision_date.isoformat() if application.decision_date else None,
            })
        me = reviewer.id
    if status == "in_revision":
        rows = [r for r in rows if r["in_revision"]]
    elif status:
        rows = [r for r in rows if r["status"] == status]
    if association:
        rows = [r for r in rows if association.lower() in r["association"].lower()]
    if query:
        rows = [r for r in rows if query.lower() in r["title"].lower() or query.lower() in r["parties"].lower()]
    if officer == "me":
        rows = [r for r in rows if r["officer_id"] == me]
    elif officer == "none":
        rows = [r for r in rows if r["officer_id"] is None]
    elif officer.isdigit():
        rows = [r for r in rows if r["officer_id"] == int(officer)]
    horizon = (today() + timedelta(days=7)).isoformat()
    if due == "overdue":
        rows = [r for r in rows if r["overdue"]]
    elif due == "week":
        rows = [r for r in rows if r["due_date"] and not r["overdue"] and r["due_date"] <= horizon]
    elif due == "none":
        rows = [r for r in rows if r["due_date"] is None]
    rows.sort(key=lambda r: (r[sort] is None, r[sort] if r[sort] is not None else 0, r["id"]), reverse=descending)
    return [r["id"] for r in rows]


def _page_ids(page: str) -> list[int]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [int(i) for i in re.findall(r'<a href="/applications/(\d+)">', body)]


def _listed(client, query: str) -> list[int]:
    """Every page of the list, in order, following the 'Nästa' links' page numbers."""
    ids, number = [], 1
    while True:
        page = client.get(f"/review?{query}&page={number}").text
        ids += _page_ids(page)
        if 'rel="next"' not in page:
            return ids
        number += 1


@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_key_gives_the_rows_in_order_page_after_page(world, descending):
    app, client, _ids = world
    for key in SORT_KEYS:
        expected = _reference(app, sort=key, descending=descending)
        assert len(expected) == 11
        listed = _listed(client, f"sort={key}&dir={'desc' if descending else 'asc'}")
        assert listed == expected, key
        csv_rows = list(csv.reader(io.StringIO(client.get(
            f"/review/export.csv?sort={key}&dir={'desc' if descending else 'asc'}").text.lstrip("\ufeff")),
            delimiter=";"))
        assert [int(r[0]) for r in csv_rows[1:]] == expected, key  # the CSV: every row, the same order


@pytest.mark.parametrize("ask", [
    {"status": "submitted"}, {"status": "approved"}, {"status": "withdrawn"}, {"status": "in_revision"},
    {"association": "östra"}, {"association": "VÄST"}, {"query": "alfa"}, {"query": "ÖSTRA"},
    {"query": "arbetsförmedlingen"}, {"officer": "me"}, {"officer": "none"}, {"due": "overdue"}, {"due": "week"},
    {"due": "none"}, {"status": "submitted", "officer": "me", "sort": "title"},
    {"query": "gamma", "sort": "total", "descending": False}, {"due": "overdue", "sort": "due_date"},
])
def test_filters_give_the_same_rows_as_filtering_in_python(world, ask):
    app, client, _ids = world
    expected = _reference(app, **ask)
    params = {"q" if k == "query" else k: v for k, v in ask.items() if k != "descending"}
    params["dir"] = "asc" if ask.get("descending") is False else "desc"
    listed = _listed(client, "&".join(f"{k}={v}" for k, v in params.items()))
    assert listed == expected and expected, ask


def test_officer_filter_by_id(world):
    app, client, _ids = world
    with app.app_context():
        bo = db.session.scalar(sa.select(User.id).where(User.email == "bo@example.se"))
    listed = _listed(client, f"officer={bo}")
    assert listed == _reference(app, officer=str(bo)) and len(listed) == 3
    page = client.get(f"/review?officer={bo}").text
    assert "bo@example.se" in page  # an officer without a name is shown by address


def test_search_treats_percent_underscore_and_slash_as_text(world):
    app, client, ids = world
    by_title = {row[0]: ids[n] for n, row in enumerate(ROWS)}
    assert _listed(client, "q=50%25") == [by_title["Gamma 50%"]]  # not "Gamma 50x"
    assert _listed(client, "q=a_1") == [by_title["Delta_1"]]  # not "DeltaX1"
    assert _listed(client, "q=a/b") == [by_title["Grund a/b"]]
    assert _listed(client, "q=%25") == [by_title["Gamma 50%"]]
    assert _listed(client, "q=_") == [by_title["Delta_1"]]
    assert _listed(client, "association=%25") == []


def test_page_numbers_are_clamped(world):
    app, client, _ids = world
    expected = _reference(app)
    last = _page_ids(client.get("/review?page=3").text)
    assert last == expected[8:] and len(last) == 3
    for page in ("999", "999999", "3", " 3 "):
        text = client.get(f"/review?page={page}").text
        assert _page_ids(text) == last and "Sida 3 av 3 (11 ansökningar)" in text
    for page in ("x", "0", "-1", "", "1.5", "²", "9999999999"):  # not a small whole number: the first page
        text = client.get(f"/review?page={page}").text
        assert _page_ids(text) == expected[:PAGE_SIZE] and "Sida 1 av 3" in text
    empty = client.get("/review?q=finns-inte&page=5").text
    assert _page_ids(empty) == [] and "Inga ansökningar matchar." in empty


def test_rows_show_the_cached_figures_and_a_dash_without_a_change(world):
    app, client, ids = world
    page = client.get("/review?q=gamma&sort=title&dir=asc").text
    body = page.split("<tbody>", 1)[1]
    rows = body.split("</tr>")
    assert "Gamma 50%" in rows[0] and "1\xa0" in rows[0]  # with a baseline: a change in kronor
    assert "Gamma 50x" in rows[1]
    cells = re.findall(r'<td class="num">(.*?)</td>', rows[1])
    assert cells[0].endswith("kr") and cells[1] == "–"  # no baseline: no change
    empty = client.get("/review?q=tom").text.split("<tbody>", 1)[1].split("</tr>")[0]
    assert re.findall(r'<td class="num">(.*?)</td>', empty) == ["–", "–"]  # does not validate: no figures
    with app.app_context():  # rows from before the cached change existed: NULL, shown as "–"
        db.session.execute(sa.update(Application).values(delta=None))
        db.session.commit()
    first = client.get("/review?q=gamma%2050%25").text.split("<tbody>", 1)[1].split("</tr>")[0]
    assert re.findall(r'<td class="num">(.*?)</td>', first)[1] == "–"


def test_delta_is_cached_on_every_save(app, make_user, hela_doc):
    from builder.applications.service import create_application, save_document, validate

    owner_id = make_user("applicant")[0]
    with app.app_context():
        application = create_application(db.session.get(User, owner_id), hela_doc)
        assert (application.total, application.delta) == (4_726_127, 1_601_327)
        assert application.period_start == "2017-06-01" and "Kristianstads kommun" in application.parties_text
        changed = copy.deepcopy(hela_doc)
        changed["budget"]["other_costs"] = [{"label": "Utbildning", "yearly": {"2018": 1000}}]
        save_document(application, changed)
        assert (application.total, application.delta) == (4_727_127, 1_602_327)
        changed["budget"]["other_costs"][0]["yearly"]["2018"] = 3000
        save_document(application, changed, "budget", validated=validate(changed)[0])  # the wizard's path
        assert (application.total, application.delta) == (4_729_127, 1_604_327)
        without = copy.deepcopy(changed)
        del without["budget"]["baseline"]
        without["kind"] = "new"
        save_document(application, without)
        assert application.total == 4_729_127 and application.delta is None
        save_document(application, {"title": "Halvfärdig"})
        assert (application.total, application.delta, application.period_start, application.parties_text) == (
            None, None, "", "")


def test_refresh_figures_repairs_every_row_without_touching_edits(world):
    app, _client, ids = world
    from builder.applications.service import list_columns

    with app.app_context():
        before = {a.id: (a.total, a.delta, a.period_start, a.period_end, a.parties_text, a.updated_at,
                         a.lock_version) for a in db.session.scalars(sa.select(Application))}
        db.session.execute(sa.update(Application).values(total=1, delta=None, period_start="", period_end="",
                                                         parties_text="", updated_at=Application.updated_at))
        db.session.execute(sa.update(Application).where(Application.id == ids[0])
                           .values(document="{not json", updated_at=Application.updated_at))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["applications", "refresh-figures", "--batch-size", "5"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{len(ROWS)} applications read, {len(ROWS)} updated"
    with app.app_context():
        after = {a.id: (a.total, a.delta, a.period_start, a.period_end, a.parties_text, a.updated_at,
                        a.lock_version) for a in db.session.scalars(sa.select(Application))}
    assert after[ids[0]][:5] == (None, None, "", "", "")  # a document that does not read has no figures
    assert after[ids[0]][5:] == before[ids[0]][5:]
    for app_id in ids[1:]:
        assert after[app_id] == before[app_id]  # the same figures as every save caches, edits untouched
    assert before[ids[1]][1] is None and before[ids[0]][1] == 1_601_327
    again = app.test_cli_runner().invoke(args=["applications", "refresh-figures"])
    assert again.output.strip() == f"{len(ROWS)} applications read, 0 updated"
    assert list_columns("[]")["total"] is None
