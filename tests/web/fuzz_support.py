"""Hostile input for the fuzz test: values, the POST routes found in the URL map, and the world they hit.

The world: an owner with a complete draft (Hela Familjen) and a submitted application with a
reviewer's comment; a reviewer; and another applicant whose draft, frozen version and comment
carry SECRET. Nothing the owner or the reviewer does may show SECRET or change that draft.
"""
from __future__ import annotations

import copy
import io
import json
from dataclasses import dataclass, field

from hypothesis import strategies as st

from builder.extensions import db
from builder.models import Application

SECRET = "ZQXJ-HEMLIG-7731"
PASSWORD = "correct horse battery"

# POST rules the fuzz does not post to, each with its reason; every other POST rule is fuzzed.
EXCLUDED_ENDPOINTS = {
    "auth.logout": "only ends the session the example runs in (no input is read); tested in test_auth_admin",
}

TRICKY_TEXT = [
    "", " ", "\x00", "a\x00b", "\x07\x08\x1b[31mröd\x1b[0m\x7f", "\t\n\r\n", "\u202eRTL\u200f\u200e", "\ufeffBOM",
    "\ufffe\uffff", "👨‍👩‍👧🇸🇪🎉", "مرحبا بالعالم", "<script>alert(1)</script>", "' OR 1=1 --", "=1+1",
    "=HYPERLINK(\"http://x\")", "+46 70", "@SUM(A1)", "{{ 7*7 }}", "%(n)s %s", "../../etc/passwd",
    "x" * 100_000, "å" * 501, "Ω" * 100_001,
]
TRICKY_NUMBERS = [
    "0", "-1", "-0", "1e999", "-1e999", "1E5", "NaN", "nan", "Infinity", "-Infinity", "inf",
    "99999999999999999999", "-99999999999999999999", "2147483648", "1 041 600,5", "1.041.600",
    "1,041,600", "0,000000001", "0,123456789", "12,34567891 %", "40 %", "150 %", "151 %", "0,6",
    "٣", "١٠٠", "३", "1_000", "0x10", "１２", "31\u00a0000", "31\u202f000,50", "−5", "1 %%", ",", ".",
]
TRICKY_DATES = [
    "0001-01-01", "9999-12-31", "2017-02-30", "2017-13-01", "2017-00-10", "1899-12-31", "1900-01-01",
    "2017-6-1", "٢٠١٧-٠٦-٠١", "2017-06-01T00:00", "20170601", "2017/06/01", "-2017-06-01", "99999-01-01",
]
TRICKY_CHOICES = ["", "0", "13", "-1", "99999999999999999999", "half_month", "day", "month", "new",
                  "extension", "continuation", "municipality", "other", "nonsense", "٣", "1", "12", "1.5", "1e3", " 3"]
ROW_KEYS = ["staff-99999999999999-fte", "staff-٣-fte", "staff-3-fte", "staff--1-role", "staff-0-amounts-٣",
            "other_costs-0-amounts-99999999", "other_costs-0-amounts-7", "scenarios-0-items-99-persons",
            "baseline_rows-0-amounts-5", "risks-00000000000000000001-area", "parties-1e3-name",
            "signatories-0-party", "staff-0-raise_month", "staff-0-raise_rate", "baseline_first_year",
            "baseline_last_year"]


def hostile_text(ids: list[str]):
    """Any posted value: tricky text, numbers, dates, ids of other users' rows, or random text."""
    return st.one_of(
        st.sampled_from(TRICKY_TEXT + TRICKY_NUMBERS + TRICKY_DATES + TRICKY_CHOICES + ids),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.dates().map(lambda d: d.isoformat()),
    )


def post_rules(app) -> list:
    """Every URL rule that accepts POST, except the excluded ones."""
    return sorted((r for r in app.url_map.iter_rules() if "POST" in r.methods
                   and r.endpoint not in EXCLUDED_ENDPOINTS), key=lambda r: r.rule)


@dataclass
class World:
    owner_id: int
    owner_email: str
    reviewer_email: str
    draft_id: int  # the owner's draft, valid (Hela Familjen)
    submitted_id: int  # the owner's submitted application, one version, one reviewer comment
    secret_id: int  # another applicant's draft with SECRET in title, sections, a version and a comment
    secret_comment_id: int
    own_comment_id: int
    secret_document: str = ""
    admin_email: str = ""
    ids: list[str] = field(default_factory=list)


def build_world(app, make_user, doc: dict) -> World:
    """The users and applications every example runs against."""
    from builder.applications.service import create_application
    from builder.models import User
    from builder.review.service import add_comment, apply_transition

    owner_id, owner_email, _ = make_user("applicant")
    _, reviewer_email, _ = make_user("reviewer")
    other_id, _, _ = make_user("applicant")
    _, admin_email, _ = make_user("admin")
    with app.app_context():
        owner, other = db.session.get(User, owner_id), db.session.get(User, other_id)
        reviewer = db.session.scalar(db.select(User).filter_by(email=reviewer_email))
        draft = create_application(owner, copy.deepcopy(doc))
        submitted = create_application(owner, copy.deepcopy(doc))
        apply_transition(submitted, "submit", owner)
        own_comment = add_comment(submitted, reviewer, "Fråga om budgeten", "budget")
        secret_doc = copy.deepcopy(doc)
        secret_doc["title"] = f"Hemligt projekt {SECRET}"
        secret_doc["sections"]["background"] = f"Bakgrund {SECRET}"
        secret = create_application(other, secret_doc)
        apply_transition(secret, "submit", other)
        apply_transition(secret, "request_changes", reviewer, f"Kommentar {SECRET}")
        secret_comment = add_comment(secret, reviewer, f"Fråga {SECRET}", "general")
        apply_transition(secret, "revise", other)  # a draft again: the owner never sees it, staff its case only
        _meetings_with(submitted, reviewer)
        world = World(owner_id, owner_email, reviewer_email, draft.id, submitted.id, secret.id, secret_comment.id,
                      own_comment.id, secret_document=secret.document, admin_email=admin_email)
        version_ids = [str(v.id) for a in (secret, submitted) for v in a.versions]
    world.ids = [str(world.secret_id), str(world.secret_comment_id), str(world.submitted_id), str(world.draft_id),
                 str(world.own_comment_id), *version_ids, "0", "1", "2147483647", "2147483648",
                 "99999999999999999999", "-1", "٣"]
    return world


def _meetings_with(application, reviewer) -> None:
    """A beredning (meeting 1, item 1) and a styrelse meeting (2, item 2) with the submitted case on the agenda."""
    from datetime import date

    from builder.associations.service import association_of
    from builder.cases.models import AgendaItem, Meeting

    association = association_of(application)
    for kind in ("beredning", "styrelse"):
        meeting = Meeting(kind=kind, date=date(2026, 12, 1), place="Kansliet", created_by_id=reviewer.id,
                          association_id=association.id)
        meeting.items.append(AgendaItem(application_id=application.id, position=1, version_number=1))
        db.session.add(meeting)
    db.session.commit()


def url_values(rule, world: World, draw) -> dict:
    """Values for a rule's URL arguments: real ids (own and other users'), huge ones, and random words."""
    from builder.wizard.steps import STEP_KEYS
    from builder.workflow import ACTIONS

    values = {}
    for name in rule.arguments:
        if name in ("app_id", "preset_id", "user_id", "invitation_id"):
            values[name] = draw(st.sampled_from([world.draft_id, world.submitted_id, world.secret_id, 0, 1,
                                                 2**31 - 1, 2**31, 10**20]))
        elif name == "comment_id":
            values[name] = draw(st.sampled_from([world.own_comment_id, world.secret_comment_id, 0, 2**31, 10**20]))
        elif name in ("meeting_id", "item_id"):  # case handling: the world's two meetings and agenda items
            values[name] = draw(st.sampled_from([1, 2, 0, 2**31 - 1, 2**31, 10**20]))
        elif name == "association_id":  # the world's associations, and ids that are none
            values[name] = draw(st.sampled_from([1, 2, 0, 2**31 - 1, 2**31, 10**20]))
        elif name == "year":
            values[name] = draw(st.sampled_from([2026, 1999, 0, 2**31, 10**20]))
        elif name == "report_id":  # follow-up period reports: ids of none (the world has no approved case)
            values[name] = draw(st.sampled_from([1, 2, 0, 2**31 - 1, 2**31, 10**20]))
        elif name == "number":
            values[name] = draw(st.sampled_from([1, 2, 0, 2**31, 10**20]))
        elif name == "step_key":
            values[name] = draw(st.sampled_from([*STEP_KEYS, "nonsense", "budget/preview"]))
        elif name == "answer":
            values[name] = draw(st.sampled_from(["accept", "decline"]))
        elif name == "action":
            values[name] = draw(st.sampled_from([*ACTIONS, "nonsense", "__init__"]))
        else:
            values[name] = draw(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10))
    return values


def form_of_step(app, step_key: str, doc: dict) -> dict[str, str]:
    """What a browser would post for the step as stored: every input's shown value, by name."""
    from builder.wizard.routes import build_form
    from builder.wizard.steps import BY_KEY
    from forms.walk import leaf_fields

    step = BY_KEY.get(step_key)
    if step is None or step.form is None:
        return {}
    with app.test_request_context():
        form = build_form(step, doc)
        return {f.name: f._value() if hasattr(f, "_value") else str(f.data or "")
                for f in leaf_fields(form) if f.type not in ("CSRFTokenField", "SubmitField")}


def typed_inputs(app, step_key: str, doc: dict) -> set[str]:
    """The names of the step's inputs that show back what was typed (not selects or hidden fields)."""
    from builder.wizard.routes import build_form
    from builder.wizard.steps import BY_KEY
    from forms.walk import leaf_fields

    with app.test_request_context():
        form = build_form(BY_KEY[step_key], doc)
        return {f.name for f in leaf_fields(form) if f.type not in ("SelectField", "HiddenField", "CSRFTokenField")}


GENERIC_FIELDS = ["email", "password", "name", "confirm", "role", "label", "rate", "source", "body", "target",
                  "parent_id", "comment", "decision_date", "decision_body", "approved_total", "kind", "language",
                  "next", "baseline", "title", "base_version", "goto", "remove_row", "add", "save", "back",
                  "date", "place", "officer", "due_date", "officer_recommendation", "officer_note", "application_id",
                  "item1-recommendation", "item1-note", "item2-decision", "item2-paragraph", "item2-decision_date",
                  "item2-amount_2017", "item2-conditions", "internal"]
HIDDEN_FIELDS = ["base_version", "goto", "remove_row", "add", "parent_id", "next"]


def baseline_json(draw) -> str:
    """A check-docx baseline as the page posts it, sometimes broken."""
    year = draw(st.sampled_from(["2015", "٢٠١٥", "15", "20150", "2015\n", "9999", "0001"]))
    amount = draw(st.sampled_from(['"1000"', "1000", "1e999", "NaN", "-1", '"1 000"', "1.5", "null", '"\\u0000"']))
    label = json.dumps(draw(st.sampled_from(TRICKY_TEXT[:12] + [SECRET[::-1]])))
    return draw(st.sampled_from([
        f'{{"label": {label}, "rows": [{{"label": {label}, "yearly": {{"{year}": {amount}}}}}]}}',
        '{"label": "x", "rows": []}', "[]", "{", "", '{"label": "x", "label": "y", "rows": []}', "null",
    ]))


def json_upload(draw, doc: dict):
    """A finsam-application file: the owner's document with one value made hostile."""
    bad = copy.deepcopy(doc)
    target = draw(st.sampled_from(["title", "association", "process_owner", "background", "year", "fte", "start"]))
    value = draw(st.sampled_from(TRICKY_TEXT[:12] + TRICKY_NUMBERS[:12] + TRICKY_DATES))
    if target == "background":
        bad["sections"]["background"] = value
    elif target == "year":
        bad["budget"]["baseline"]["rows"][0]["yearly"] = {value: "1000"}
    elif target in ("fte", "start"):
        bad["budget"]["staff"][0][target] = value
    else:
        bad[target] = value
    return (io.BytesIO(json.dumps(bad, ensure_ascii=False).encode("utf-8")), "ansokan.json")


def stored(app, app_id: int) -> Application:
    with app.app_context():
        application = db.session.get(Application, app_id)
        db.session.expunge(application)
        return application
