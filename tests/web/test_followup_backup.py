"""Period reports beyond the pages: kept by a backup, read by the national export as the overview shows them."""
from __future__ import annotations

import json
from datetime import date

from flask.testing import FlaskCliRunner

from builder.extensions import db
from builder.followup import service
from builder.followup.models import PeriodReport


def _summary() -> list:
    return [(r.period_end, r.kind, r.status, r.version_number, r.answers, r.started_women,
             sorted((o.row_key, o.amount, o.forecast) for o in r.rows),
             [(e.action, e.comment, e.user.email if e.user else None) for e in r.events],
             [(c.body, c.internal) for c in r.comments], service.figures_of(r).total)
            for r in db.session.scalars(db.select(PeriodReport).order_by(PeriodReport.period_end))]


def test_reports_survive_a_backup_and_restore(app_factory, hela_doc, tmp_path):
    source = app_factory()
    from builder.applications.service import create_application
    from builder.auth.service import create_user
    from builder.review.service import apply_transition

    with source.app_context():
        owner = create_user("agare@example.se", "correct horse battery", "applicant")
        reviewer = create_user("granskare@example.se", "correct horse battery", "reviewer")
        application = create_application(owner, hela_doc)
        from builder.associations.service import add_member, association_of

        add_member(association_of(application), reviewer)  # only the association's staff review its reports
        apply_transition(application, "submit", owner)
        apply_transition(application, "approve", reviewer, "", {"date": None, "body": "Styrelsen",
                                                                 "approved_total": None})
        report = service.open_report(application, date(2017, 8, 31), owner)
        rows = service.report_rows(report)
        service.save_report(report, service.ReportInput({r.key: 1000 + i for i, r in enumerate(rows)},
                                                        {rows[0].key: 5}, {"started_women": 3},
                                                        {"progress": "Bra"}), rows)
        service.submit(report, owner)
        service.add_comment(report, reviewer, "Intern", internal=True)
        service.approve(report, reviewer, "Godkänd")
        later = service.open_report(application, date(2017, 12, 31), owner)
        service.save_report(later, service.ReportInput({rows[1].key: 7}, {}), rows)
        before = _summary()
        assert len(before) == 2
        assert before[1][-1].ytd == sum(range(1000, 1006)) + 7  # the year to date runs over both periods
    backup = tmp_path / "backup.json"
    assert FlaskCliRunner(source).invoke(args=["backup", str(backup)]).exit_code == 0
    assert len(json.loads(backup.read_text(encoding="utf-8"))["followup"]) == 2
    target = app_factory()
    result = FlaskCliRunner(target).invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    with target.app_context():
        assert _summary() == before


def test_the_national_export_reads_the_follow_ups_figures(app, hela_doc):
    """The overview's year outcome and participants are what builder/portfolio hands the national export."""
    from builder.applications.service import create_application
    from builder.associations.service import association_of
    from builder.auth.service import create_user
    from builder.portfolio.service import insats_facts
    from builder.review.service import apply_transition

    with app.app_context():
        owner = create_user("agare@example.se", "correct horse battery", "applicant")
        reviewer = create_user("granskare@example.se", "correct horse battery", "reviewer")
        application = create_application(owner, hela_doc)
        from builder.associations.service import add_member, association_of

        add_member(association_of(application), reviewer)  # only the association's staff review its reports
        apply_transition(application, "submit", owner)
        apply_transition(application, "approve", reviewer, "", {"date": None, "body": "Styrelsen",
                                                                 "approved_total": None})
        rows = None
        for end, amount, counts in ((date(2017, 8, 31), 1000, {"started_women": 2, "ongoing_women": 2}),
                                    (date(2017, 12, 31), 500, {"started_men": 1, "ongoing_women": 1,
                                                               "ongoing_men": 1}),
                                    (date(2018, 4, 30), 70, {"started_other": 4})):
            report = service.open_report(application, end, owner)
            rows = rows or service.report_rows(report)
            service.save_report(report, service.ReportInput({r.key: amount for r in rows}, {}, counts), rows)
            service.submit(report, owner)
        _lines, years = service.overview(application)
        association = association_of(application).id
        for line in years:
            facts, = [f for f in insats_facts(association, line.year) if f.application_id == application.id] or [None]
            if facts is None:
                assert line.outcome == 0 and line.participants_total == 0
                continue
            assert facts.outcome == line.outcome
            before = facts.ongoing_before
            started = facts.started
            assert {sex: getattr(started, sex) + (getattr(before, sex) if before else 0)
                    for sex in ("women", "men", "other")} == line.participants
        assert [y.outcome for y in years][:2] == [6 * 1500, 6 * 70]
