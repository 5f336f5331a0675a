"""The portfolio page and the export to Uppföljning Finsam for one association-year with many outcome rows.

    .venv/bin/python bench/national_bench.py [--db postgresql|sqlite] [--insatser 200] [--rows 300000]

Makes a fresh database, `--associations` associations with `--insatser` approved applications each, a
commitment and three counted period reports per application and year for `--years` years up to 2026 (and a
year report before, for the participants carried over) and `--rows` outcome rows spread evenly over those
reports, written with bulk inserts; then requests, for the first association and 2026, the
portfolio page, its XLSX and the CSV and XLSX export through the test client as a member of the
association, and prints the median and worst of each (wall clock, one process).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

YEAR = 2026


def populate(app, insatser: int, rows: int, associations: int = 1, years: int = 1) -> int:
    """`associations` associations with `insatser` approved applications each; `rows` outcome rows spread
    evenly over every association's counted reports of the last `years` years up to YEAR. Returns the id of
    the first association (the one measured)."""
    import json

    import sqlalchemy as sa

    from builder.auth.service import create_user
    from builder.cases.models import Case, InsatsYear
    from builder.extensions import db
    from builder.followup.models import OutcomeRow, PeriodReport
    from builder.models import Application, Association, AssociationMember, BudgetFrame

    with app.app_context():
        owner = create_user("lead@bench.se", "correct horse battery", "applicant")
        staff = create_user("staff@bench.se", "correct horse battery", "reviewer")
        doc = json.dumps({"title": "Insats"})
        first_year = YEAR - years + 1
        measured = None
        for number in range(associations):
            association = Association(name=f"Samordningsförbundet Bench {number + 1}")
            db.session.add(association)
            db.session.flush()
            measured = measured or association.id
            db.session.add(AssociationMember(association_id=association.id, user_id=staff.id))
            for year in range(first_year, YEAR + 1):
                db.session.add(BudgetFrame(association_id=association.id, year=year, amount=500_000_000))
            db.session.execute(sa.insert(Application), [
                {"owner_id": owner.id, "title": f"Insats {number + 1}.{i}", "kind": "new", "status": "approved",
                 "association": association.name, "association_id": association.id, "document": doc,
                 "period_start": f"{first_year - 1}-01-01", "period_end": f"{YEAR + 1}-12-31", "lock_version": 1}
                for i in range(insatser)])
            ids = list(db.session.scalars(sa.select(Application.id).where(Application.association_id ==
                                                                          association.id).order_by(Application.id)))
            db.session.execute(sa.insert(Case), [
                {"application_id": a, "association_id": association.id, "number": f"BENCH {YEAR}/{n}",
                 "pattern": "BENCH {year}/{n}", "year": YEAR, "sequence": n, "focus": "individ",
                 "target_group": "Unga vuxna"} for n, a in enumerate(ids, 1)])
            db.session.execute(sa.insert(InsatsYear), [
                {"application_id": a, "association_id": association.id, "year": year, "approved_amount": 1_000_000,
                 "planned_participants": 30} for a in ids for year in range(first_year, YEAR + 1)])
            reports = []
            for a in ids:
                reports.append({"application_id": a, "association_id": association.id, "year": first_year - 1,
                                "period_end": date(first_year - 1, 12, 31), "kind": "ar", "status": "approved",
                                "answers": "", "ongoing_women": 3, "ongoing_men": 2, "lock_version": 1})
                for year in range(first_year, YEAR + 1):
                    for end, status in ((date(year, 4, 30), "approved"), (date(year, 8, 31), "submitted"),
                                        (date(year, 12, 31), "submitted")):
                        reports.append({"application_id": a, "association_id": association.id, "year": year,
                                        "period_end": end, "kind": "delar", "status": status, "answers": "",
                                        "started_women": 2, "started_men": 1,
                                        "ongoing_women": 3 if end.month == 12 else 0,
                                        "ongoing_men": 2 if end.month == 12 else 0, "lock_version": 1})
            db.session.execute(sa.insert(PeriodReport), reports)
        report_ids = list(db.session.scalars(sa.select(PeriodReport.id).where(PeriodReport.year >= first_year)
                                             .order_by(PeriodReport.id)))
        batch = []
        for n in range(rows):
            batch.append({"report_id": report_ids[n % len(report_ids)], "row_key": f"other:{n // len(report_ids)}",
                          "party": "", "label": "", "amount": 100})
            if len(batch) == 10_000:
                db.session.execute(sa.insert(OutcomeRow), batch)
                batch = []
        if batch:
            db.session.execute(sa.insert(OutcomeRow), batch)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE"))  # as autovacuum leaves a live database
        assert measured is not None
        return measured


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--insatser", type=int, default=200)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--associations", type=int, default=1, help="associations sharing the rows")
    parser.add_argument("--years", type=int, default=1, help="years (up to 2026) sharing the rows")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    import contextlib
    import tempfile

    from tests.helpers import fresh_pg_database, login, make_app

    with contextlib.ExitStack() as stack:
        if args.db == "postgresql":
            url = stack.enter_context(fresh_pg_database("finsam_bench_"))
        else:
            url = f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory())}/bench.sqlite"
        app = make_app(url)
        from builder.extensions import db

        with app.app_context():
            db.create_all()
        started = time.perf_counter()
        association_id = populate(app, args.insatser, args.rows, args.associations, args.years)
        print(f"{args.db}: {args.associations} association(s) × {args.insatser} insatser × {args.years} year(s), "
              f"{args.rows} outcome rows written in "
              f"{time.perf_counter() - started:.1f} s")
        client = app.test_client()
        login(client, "staff@bench.se", "correct horse battery")
        base = f"/associations/{association_id}"
        for name, url in (("portfolio page", f"{base}/portfolio/{YEAR}"),
                          ("portfolio XLSX", f"{base}/portfolio/{YEAR}.xlsx"),
                          ("export CSV", f"{base}/national/{YEAR}.csv"),
                          ("export XLSX", f"{base}/national/{YEAR}.xlsx")):
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            print(f"  {name:15} median {statistics.median(times):7.1f} ms, worst {max(times):7.1f} ms")
        csv_text = client.get(f"{base}/national/{YEAR}.csv").data.decode("utf-8")
        first = csv_text.splitlines()[1].split(";")
        expected_outcome = args.rows * 100 // (args.insatser * args.associations * args.years)
        print(f"  check: {len(csv_text.splitlines()) - 1} rows; first outcome {first[7]} (about "
              f"{expected_outcome}), participants {first[9:]} (expected 9, 5, 0, 14)")
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
