"""Backup and restore keep the case data: numbers, counters, officer, meetings, decisions, history."""
from __future__ import annotations

from datetime import date

from builder.extensions import db
from tests.helpers import TEST_ASSOCIATION
from tests.web.cases_support import sample_doc


def test_case_handling_survives_backup_and_restore(app_factory):
    from builder.applications.service import create_application
    from builder.auth.service import create_user
    from builder.backup import dump_all, restore_all
    from builder.cases import service
    from builder.cases.backup import dump_case_handling
    from builder.cases.models import Case
    from builder.review.service import apply_transition

    source = app_factory()
    with source.app_context():
        owner = create_user("agare@example.se", "correct horse battery", "applicant")
        officer = create_user("handlaggare@example.se", "correct horse battery", "reviewer", "Hanna")
        from builder.associations.service import add_member, ensure_association

        add_member(ensure_association(TEST_ASSOCIATION), officer)  # the case's association's officer
        application = create_application(owner, sample_doc())
        apply_transition(application, "submit", owner)
        case = service.case_of(application.id)
        service.update_national_data(case, "struktur", "Unga vuxna", {2017: 12}, officer)
        service.update_case_data(case, officer.id, date(2026, 12, 20), "grant", "Bra.", officer)
        meeting = service.create_meeting("styrelse", date(2026, 12, 18), "Stadshuset", officer)
        service.add_to_agenda(meeting, application, officer)
        service.record_decision(meeting.items[0], service.Decision("approve", "§ 9", service.today(),
                                                                   {"2017": 1000, "2018": 2000}, "Villkor", ""),
                                officer)
        before = dump_case_handling()
        backup = dump_all()
    assert before["cases"][0]["officer"] == "handlaggare@example.se"
    assert (before["cases"][0]["focus"], before["cases"][0]["target_group"]) == ("struktur", "Unga vuxna")
    assert [(r["year"], r["approved_amount"], r["planned_participants"]) for r in before["insats_years"]] == [
        (2017, 1000, 12), (2018, 2000, None)]
    assert [e["kind"] for e in before["events"]] == ["opened", "national", "case_data", "agenda_added", "decision"]
    target = app_factory()
    with target.app_context():
        assert restore_all(backup) == 1
        assert dump_case_handling() == before
        # the counter came along: the next first submission gets the next number of the year
        second = create_application(db.session.scalar(db.select(owner.__class__).filter_by(email=owner.email)),
                                    sample_doc())
        apply_transition(second, "submit", second.owner)
        numbers = sorted(db.session.scalars(db.select(Case.sequence)))
        assert numbers == [1, 2]
