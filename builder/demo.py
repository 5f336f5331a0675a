"""Demo data for a newcomer: accounts for every role and the Hela Familjen extension."""
from __future__ import annotations

import json
import os

from flask import current_app

from builder.extensions import db
from builder.models import Application, Association, FeePreset, User

SAMPLE = os.path.join(os.path.dirname(__file__), "sample", "hela-familjen.json")
DEMO_ACCOUNTS = (
    ("applicant", "projektledare@demo.se", "demo-losenord-1", "Petra Projektledare"),
    ("reviewer", "handlaggare@demo.se", "demo-losenord-2", "Hanna Handläggare"),
    ("finance", "ekonom@demo.se", "demo-losenord-3", "Erik Ekonom"),
    ("admin", "admin@demo.se", "demo-losenord-4", "Anna Admin"),
    ("reviewer", "handlaggare.malardalen@demo.se", "demo-losenord-5", "Mats Mälardalen"),
)
# Two associations on one installation: (name, orgnr, case-number pattern, budget frame per year, staff e-mails).
# The admin runs the installation (platform administrator) and is the first association's admin.
DEMO_ASSOCIATIONS = (
    ("Samordningsförbundet Skåne Nordost", "222000-1008", "SFSN {year}/{n}",
     {2025: 9_800_000, 2026: 10_200_000, 2027: 10_500_000},
     ("handlaggare@demo.se", "ekonom@demo.se", "admin@demo.se")),
    ("Samordningsförbundet Västra Mälardalen", "802480-1006", "SVM {year}-{n:03d}",
     {2025: 4_100_000, 2026: 4_300_000, 2027: 4_300_000},
     ("handlaggare.malardalen@demo.se",)),
)
SECOND_CASE_TITLE = "Steg till arbete i Västra Mälardalen"
APPROVED_CASE_TITLE = "Familjeteamet Hässleholm"
APPROVED_CASE_YEARS_LATER = 8  # the example (2017–2019) moved to 2025–2027, so this year's portfolio shows it
# SKR's published PO-pålägg (personalomkostnadspålägg) for municipalities and regions; a state employer's
# personnel-cost supplement (PA 16) for Försäkringskassan and Arbetsförmedlingen. Admins keep them current:
# (label, rate, source, party kind it is the default for, year).
FEE_PRESETS = (
    ("Kommun 2023 (SKR: 31,42 + 0,13 + 12,98 %)", "0.4453", "SKR, PO-pålägg 2023", "municipality", 2023),
    ("Region 2023 (SKR: 31,42 + 0,13 + 20,73 %)", "0.5228", "SKR, PO-pålägg 2023", "region", 2023),
    ("Försäkringskassan: statlig arbetsgivare 2024 (PA 16)", "0.54461",
     "Lönekostnadspålägg för statliga arbetsgivare 2024 (avgifter + pensionspremier); kontrollera myndighetens egen",
     "social_insurance", 2024),
    ("Arbetsförmedlingen: statlig arbetsgivare 2024 (PA 16)", "0.54461",
     "Lönekostnadspålägg för statliga arbetsgivare 2024 (avgifter + pensionspremier); kontrollera myndighetens egen",
     "employment_service", 2024),
    ("Kommun 2021 (SKR)", "0.4015", "SKR, PO-pålägg 2021", None, 2021),
    ("Region 2021 (SKR)", "0.4615", "SKR, PO-pålägg 2021", None, 2021),
    ("Lagstadgade arbetsgivaravgifter 2023 (31,42 %)", "0.3142", "Skatteverket", None, 2023),
)


def demo_accounts():
    """(role, e-mail, password) shown on the login page in demo mode only."""
    if not current_app.config.get("DEMO_MODE"):
        return []
    from builder.web.filters import ROLE_LABELS

    return [(ROLE_LABELS[role], email, password) for role, email, password, _name in DEMO_ACCOUNTS]


def seed_presets() -> None:
    if db.session.scalar(db.select(FeePreset).limit(1)) is None:
        for i, (label, rate, source, kind, year) in enumerate(FEE_PRESETS):
            db.session.add(FeePreset(label=label, rate=rate, source=source, position=i, party_kind=kind, year=year))
        db.session.commit()


def seed_demo() -> list[str]:
    """Create what is missing (idempotent); returns what was created."""
    from builder.applications.service import create_application
    from builder.auth.service import create_user

    created = []
    users: dict[str, User] = {}
    for role, email, password, name in DEMO_ACCOUNTS:
        user = db.session.scalar(db.select(User).filter_by(email=email))
        if user is None:
            user = create_user(email, password, role, name)
            created.append(email)
        users.setdefault(role, user)
        users[email] = user
    seed_presets()
    associations = _seed_associations(users, created)
    owner = users["applicant"]
    with open(SAMPLE, encoding="utf-8") as fh:
        doc = json.load(fh)
    if db.session.scalar(db.select(Application).filter_by(owner_id=owner.id).limit(1)) is None:
        application = create_application(owner, doc, association=associations[0])
        application.steps_visited = VISITED
        db.session.commit()
        created.append(doc["title"])
    if db.session.scalar(db.select(Application).filter_by(title=SECOND_CASE_TITLE).limit(1)) is None:
        created.append(_second_case(owner, doc, associations[1]))
    if db.session.scalar(db.select(Application).filter_by(title=APPROVED_CASE_TITLE).limit(1)) is None:
        created.append(_approved_case(owner, users["reviewer"], doc, associations[0]))
    return created


VISITED = "budget,goals,organisation,parties,project,risks,signatories,timeline,background"


def _seed_associations(users: dict, created: list[str]) -> list:
    """The two demo associations with their frames and staff; the admin runs the installation."""
    from builder.associations.service import add_member, ensure_association, set_frame

    result = []
    for name, orgnr, pattern, frames, staff in DEMO_ASSOCIATIONS:
        association = db.session.scalar(db.select(Association).filter_by(name=name))
        if association is None or not association.orgnr:  # new, or made from an application's text
            association = ensure_association(name)
            association.orgnr, association.case_number_pattern = orgnr, pattern
            db.session.commit()
            created.append(name)
            for year, amount in frames.items():
                set_frame(association, year, amount)
        for email in staff:
            add_member(association, users[email])
        result.append(association)
    if not users["admin"].platform_admin:
        users["admin"].platform_admin = True
        db.session.commit()
    return result


def _second_case(owner: User, doc: dict, association) -> str:
    """A submitted application with a case number in the second association (its reviewer's own case)."""
    from builder.applications.service import create_application
    from builder.review.service import apply_transition

    second = {**doc, "title": SECOND_CASE_TITLE}
    application = create_application(owner, second, association=association)
    application.steps_visited = VISITED
    db.session.commit()
    apply_transition(application, "submit", owner, "Ansökan till Västra Mälardalen.")
    return SECOND_CASE_TITLE


def _later(value, years: int):
    """The document with every ISO date and every year key moved `years` later (the budget's months and
    days stay the same: 2017–2019 and 2025–2027 have no leap day)."""
    if isinstance(value, dict):
        return {(str(int(k) + years) if k.isdigit() and len(k) == 4 else k): _later(v, years)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_later(v, years) for v in value]
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[:4].isdigit():
        return f"{int(value[:4]) + years}{value[4:]}"
    return value


def _approved_case(owner: User, reviewer: User, doc: dict, association) -> str:
    """An approved case with commitments and its first delårsrapport approved, so that the follow-up, the
    portfolio and the national export have something to show."""
    from datetime import date

    from builder.applications.service import create_application
    from builder.followup import service as followup
    from builder.review.service import apply_transition

    moved = {**_later(doc, APPROVED_CASE_YEARS_LATER), "title": APPROVED_CASE_TITLE}
    application = create_application(owner, moved, association=association)
    application.steps_visited = VISITED
    db.session.commit()
    apply_transition(application, "submit", owner, "")
    start = date.fromisoformat(moved["period"]["start"])
    apply_transition(application, "approve", reviewer, "Beviljas enligt ansökan.",
                     {"date": date(start.year, 5, 20), "body": "Förbundsstyrelsen", "approved_total": None})
    from builder.cases.models import Case, InsatsYear

    case = db.session.scalar(db.select(Case).filter_by(application_id=application.id))
    case.focus, case.target_group = "individ_struktur", "Familjer med barn där föräldrarna står långt från arbete"
    for row in db.session.scalars(db.select(InsatsYear).filter_by(application_id=application.id)):
        row.planned_participants = 30
    db.session.commit()
    first = followup.application_periods(application)[0]
    report = followup.open_report(application, first.end, owner)
    rows = followup.report_rows(report)
    followup.save_report(report, followup.ReportInput(
        amounts={row.key: 20_000 for row in rows}, forecasts={},
        participants={"started_women": 4, "started_men": 3, "started_other": 1, "ongoing_women": 4,
                      "ongoing_men": 3, "ongoing_other": 1},
        answers={"progress": "Teamet är på plats och de första familjerna har börjat."}), rows)
    followup.submit(report, owner)
    followup.approve(report, reviewer, "Tack, godkänd.")
    return APPROVED_CASE_TITLE
