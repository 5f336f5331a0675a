"""Scale benchmark: a national hosted service on PostgreSQL, seeded, then its heaviest pages timed.

    .venv/bin/python bench/scale.py [--reset] [--runs 30] [--database-url URL] [--seed-only | --measure-only]
                                    [--explain]

Seeds a database of its own (default postgresql://postgres@127.0.0.1:5432/finsam_scale, created when missing,
dropped and made again with --reset; the test suite's databases are never touched) with 75 associations
(budget frames per year, staff), 30 000 applications built from the Hela Familjen example (tests/data) with
varied titles, parties, periods and figures, statuses mixed, 1–3 submitted versions each, a case with a
diarienummer per submitted application, insats years for the approved ones and 300 000 outcome rows in
their period reports. Rows go in with COPY; the engine computes each distinct budget once.

Then, with Flask's test client logged in as one association's reviewer, as an admin working for all 75
associations (the worst case for a list) and as the platform administrator, it times GET /review
(first page, several sort keys, a search, a late page), the portfolio page and the national export (.csv and
.xlsx) of one association's year: p50, p95 and max over --runs requests, as a Markdown table. A route that
answers 404 is reported as not built yet. Targets: p95 under 300 ms for the pages, under 5 s for an export.
--explain prints PostgreSQL's plan of each list query.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)

HELA_FAMILJEN = os.path.join(REPO_ROOT, "tests", "data", "hela-familjen-utokning.json")
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/finsam_scale"
PASSWORD = "scale benchmark password"
ASSOCIATIONS = 75
APPLICATIONS = 30_000
OUTCOME_ROWS = 300_000
YEARS = (2023, 2024, 2025, 2026, 2027)
MEASURE_YEAR = 2025
STATUS_WEIGHTS = {"draft": 6, "submitted": 20, "changes_requested": 5, "approved": 50, "rejected": 12,
                  "withdrawn": 7}
TOWNS = ("Kristianstad", "Hässleholm", "Malmö", "Lund", "Helsingborg", "Ystad", "Trelleborg", "Landskrona",
         "Eslöv", "Höör", "Växjö", "Kalmar", "Karlskrona", "Jönköping", "Värnamo", "Halmstad", "Varberg",
         "Göteborg", "Borås", "Uddevalla", "Trollhättan", "Skövde", "Lidköping", "Karlstad", "Arvika",
         "Örebro", "Västerås", "Eskilstuna", "Norrköping", "Linköping", "Nyköping", "Södertälje",
         "Huddinge", "Botkyrka", "Haninge", "Nacka", "Solna", "Sollentuna", "Järfälla", "Täby", "Uppsala",
         "Enköping", "Gävle", "Sandviken", "Falun", "Borlänge", "Mora", "Sundsvall", "Härnösand",
         "Örnsköldsvik", "Östersund", "Umeå", "Skellefteå", "Luleå", "Piteå", "Boden", "Kiruna", "Gällivare",
         "Visby", "Motala", "Mjölby", "Finspång", "Katrineholm", "Flen", "Köping", "Sala", "Avesta",
         "Ludvika", "Hudiksvall", "Bollnäs", "Söderhamn", "Kramfors", "Sollefteå", "Lycksele", "Kalix")
TITLES = ("Vägen vidare", "Steg framåt", "Nya möjligheter", "Arbete först", "Hela familjen", "Unga i arbete",
          "Tillsammans", "Nystart")
FOCUS_KEYS = ("individ", "struktur", "individ_struktur")  # builder/cases/national.py
TARGET_GROUPS = ("Unga vuxna 16–29 år", "Långtidssjukskrivna", "Personer med försörjningsstöd", "Nyanlända",
                 "Personer med psykisk ohälsa")
ROLES = ("Socialpedagog", "Arbetsterapeut", "Studie- och yrkesvägledare", "Coach", "Projektledare",
         "Handledare", "Arbetskonsulent", "Psykolog")
FIRST_NAMES = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Mikael", "Elin", "Ahmed", "Fatima",
               "Jonas", "Linnea", "Oskar", "Åsa", "Örjan")


def admin_url(url: str) -> str:
    """The server's maintenance database (to create or drop the bench's own)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def plain_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def sqlalchemy_url(url: str) -> str:
    return plain_url(url).replace("postgresql://", "postgresql+psycopg://", 1)


def ensure_database(url: str, reset: bool) -> bool:
    """Create the database when missing (drop it first with reset); True when it was made now."""
    import psycopg

    name = database_name(url)
    if not name or name in ("test", "postgres", "template0", "template1") or not name.replace("_", "").isalnum():
        sys.exit(f"refusing to seed database {name!r}: give the benchmark a database of its own")
    with psycopg.connect(plain_url(admin_url(url)), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None
        if exists and reset:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


def make_app(url: str):
    from builder import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": sqlalchemy_url(url), "SECRET_KEY": "scale-bench",
                       "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SERVER_NAME": None,
                       "ARGON2_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})


# --- seeding --------------------------------------------------------------------------------------------------------

class Seeder:
    def __init__(self, url: str, rng: random.Random):
        self.url = url
        self.rng = rng
        with open(HELA_FAMILJEN, encoding="utf-8") as fh:
            self.hela = json.load(fh)
        self.figures: dict[str, tuple[int | None, int | None, dict[int, int]]] = {}

    # one engine run per distinct budget (names do not change a sum)
    def budget_figures(self, budget: dict) -> tuple[int | None, int | None, dict[int, int]]:
        key = json.dumps(budget, sort_keys=True)
        if key not in self.figures:
            from builder.applications.service import list_figures, validate
            from builder.budget import compute_budget

            doc = copy.deepcopy(self.hela)
            doc["budget"] = budget
            if "baseline" not in budget:
                doc["kind"] = "new"
            doc["period"] = {"start": min(s["start"] for s in budget["staff"]),
                             "end": max(s["end"] for s in budget["staff"])}
            validated, errors = validate(doc)
            assert validated is not None, errors
            total, delta = list_figures(validated)
            table = compute_budget(validated.budget)
            self.figures[key] = (total, delta, {int(y): int(v) for y, v in table.yearly_totals.items()})
        return self.figures[key]

    def budget_variant(self, index: int) -> tuple[dict, str, str]:
        """One of a few hundred budgets: salary level, start year, length and baseline vary."""
        base = self.hela["budget"]
        start_year = YEARS[index % len(YEARS)]
        years = 1 + (index // len(YEARS)) % 3
        level = 1 + ((index // 15) % 12) * 0.03
        budget = copy.deepcopy(base)
        start, end = f"{start_year}-01-01", f"{start_year + years - 1}-12-31"
        for number, line in enumerate(budget["staff"]):
            line["monthly_salary"] = str(int(int(line["monthly_salary"]) * level) // 100 * 100)
            line["start"], line["end"] = start, end
            if number == 4:
                line["start"] = f"{start_year}-03-01"
        if index % 4:  # three in four are new insatser without a baseline
            budget.pop("baseline", None)
        return budget, start, end

    def document(self, number: int, association: str, town: str, budget: dict, start: str, end: str) -> dict:
        doc = copy.deepcopy(self.hela)
        doc["title"] = f"{self.rng.choice(TITLES)} {town} {number:05d}"
        doc["association"] = association
        doc["kind"] = "extension" if "baseline" in budget else "new"
        doc["period"] = {"start": start, "end": end}
        doc["budget"] = budget
        text = json.dumps(doc, ensure_ascii=False)
        text = (text.replace("Kristianstads kommun", f"{town} kommun")
                .replace("Vårdcentralen Vilan", f"Vårdcentralen {town}")
                .replace("Vårdcentralen Östermalm", f"Vårdcentralen {town} Norra"))
        return json.loads(text)

    def seed(self) -> dict:
        import psycopg

        from builder.auth.passwords import hash_password

        started = time.perf_counter()
        rng = self.rng
        password_hash = hash_password(PASSWORD)
        now = datetime.now(UTC).replace(tzinfo=None)
        statuses = [s for s, w in STATUS_WEIGHTS.items() for _ in range(w)]
        variants = [self.budget_variant(i) for i in range(180)]

        users, associations, members, frames = [], [], [], []
        staff: dict[int, list[int]] = {}
        user_id = 0

        def new_user(email: str, role: str, name: str, platform_admin: bool = False) -> int:
            nonlocal user_id
            user_id += 1
            users.append((user_id, email, name, password_hash, role, True, now, 0, "sv", platform_admin))
            return user_id

        new_user("admin@scale.se", "admin", "Plattformens administratör", True)
        for a in range(1, ASSOCIATIONS + 1):
            town = TOWNS[a - 1]
            associations.append((a, f"Samordningsförbundet {town}", f"22{a:04d}-{a:04d}", "FINSAM {year}/{n}",
                                 "04-30,08-31,12-31", True, now))
            frames += [(len(frames) + 1 + i, a, year, 4_000_000 + 250_000 * (a % 9) + 100_000 * i)
                       for i, year in enumerate(YEARS)]
            ids = [new_user(f"handlaggare{a}-{k}@scale.se", "reviewer",
                            f"{rng.choice(FIRST_NAMES)} Handläggare {a}-{k}") for k in range(1, 4)]
            ids.append(new_user(f"ekonom{a}@scale.se", "finance", f"Ekonom {a}"))
            ids.append(new_user(f"admin{a}@scale.se", "admin", f"Förbundsadmin {a}"))
            staff[a] = ids
            members += [(len(members) + 1 + k, a, uid, now) for k, uid in enumerate(ids)]
        national = new_user("nationell@scale.se", "admin", "Nationell handläggare")  # works for every association
        members += [(len(members) + 1 + k, a, national, now) for k, a in enumerate(range(1, ASSOCIATIONS + 1))]
        applicants = [new_user(f"projektledare{n}@scale.se", "applicant",
                               f"{rng.choice(FIRST_NAMES)} Projektledare {n}") for n in range(1, 3001)]

        applications, versions, cases, insats, reports, outcomes = [], [], [], [], [], []
        counters: dict[tuple[int, int], int] = {}
        approved_ids = []
        version_id = case_id = 0
        for app_id in range(1, APPLICATIONS + 1):
            a = 1 + (app_id - 1) % ASSOCIATIONS
            town = TOWNS[a - 1]
            budget, start, end = variants[rng.randrange(len(variants))]
            total, delta, yearly = self.budget_figures(budget)
            doc = self.document(app_id, f"Samordningsförbundet {town}", town, budget, start, end)
            document = json.dumps(doc, ensure_ascii=False)
            status = rng.choice(statuses)
            number_of_versions = 0 if status == "draft" and rng.random() < 0.7 else rng.randint(1, 3)
            created = now - timedelta(days=rng.randint(30, 1500), minutes=rng.randint(0, 1440))
            updated = created + timedelta(days=rng.randint(0, 25), minutes=rng.randint(0, 1440))
            decision_date = (updated + timedelta(days=1)).date() if status in ("approved", "rejected") else None
            approved_total = total if status == "approved" else None
            parties = ", ".join(p["name"] for p in doc["parties"])
            applications.append((app_id, applicants[(app_id - 1) % len(applicants)], doc["title"], doc["kind"],
                                 status, doc["association"], a, document, "", total, delta, start, end,
                                 parties[:2000], 1, approved_total, decision_date,
                                 "Styrelsen" if decision_date else "", created, updated))
            for number in range(1, number_of_versions + 1):
                version_id += 1
                versions.append((version_id, app_id, number, document, hashlib.sha256(
                    f"{app_id}-{number}".encode()).hexdigest(), total, applicants[(app_id - 1) % len(applicants)],
                    created + timedelta(days=number)))
            if number_of_versions:
                case_id += 1
                year = created.year
                counters[(a, year)] = counters.get((a, year), 0) + 1
                sequence = counters[(a, year)]
                officer = rng.choice(staff[a][:3]) if rng.random() < 0.8 else None
                due = (updated + timedelta(days=rng.randint(-20, 40))).date() if rng.random() < 0.7 else None
                cases.append((case_id, app_id, a, f"FINSAM {year}/{sequence}", "FINSAM {year}/{n}", year, sequence,
                              officer, due, "", "", rng.choice(FOCUS_KEYS), rng.choice(TARGET_GROUPS),
                              created + timedelta(days=1),
                              created + timedelta(days=number_of_versions), created))
            if status == "approved":
                approved_ids.append((app_id, a, yearly, number_of_versions or 1))
                for year, amount in yearly.items():
                    insats.append((len(insats) + 1, app_id, a, year, amount, rng.randint(10, 80)))

        # period reports: delår 1, delår 2 and the year report of each approved insats's years, until
        # OUTCOME_ROWS outcome rows (a row per staff line, other cost and overhead)
        report_id = 0
        rows_per_report = 8
        needed_reports = -(-OUTCOME_ROWS // rows_per_report)
        plan = []
        for app_id, a, yearly, version_number in approved_ids:
            for year in sorted(yearly):
                for month_day, kind in (("04-30", "delar"), ("08-31", "delar"), ("12-31", "ar")):
                    plan.append((app_id, a, yearly, version_number, year, month_day, kind))
        rng.shuffle(plan)
        plan = sorted(plan[:needed_reports], key=lambda p: (p[0], p[4], p[5]))
        for app_id, a, yearly, version_number, year, month_day, kind in plan:
            report_id += 1
            end_day = date.fromisoformat(f"{year}-{month_day}")
            state = rng.choice(("approved", "approved", "approved", "submitted", "draft"))
            counts = [rng.randint(0, 12) for _ in range(9)]
            submitted_at = datetime(year, end_day.month, end_day.day) + timedelta(days=20) \
                if state != "draft" else None
            reports.append((report_id, app_id, a, version_number, year, end_day, kind, state,
                            json.dumps({"progress": "Insatsen löper enligt plan."}, ensure_ascii=False), *counts,
                            submitted_at, None, submitted_at + timedelta(days=10) if state == "approved" else None,
                            None, 1, now, now))
            share = yearly[year] // 3
            for k in range(rows_per_report):
                if len(outcomes) >= OUTCOME_ROWS:
                    break
                key = f"staff:{k}" if k < 6 else ("other:0" if k == 6 else "overhead")
                amount = share // rows_per_report + rng.randint(-5000, 5000)
                outcomes.append((len(outcomes) + 1, report_id, key, f"Part {k % 3 + 1}",
                                 ROLES[k % len(ROLES)] if k < 6 else ("Utbildning" if k == 6 else "Overhead"),
                                 max(amount, 0), None if rng.random() < 0.8 else amount * 3))
        built = time.perf_counter()

        with psycopg.connect(plain_url(self.url)) as conn:
            copy_rows(conn, "users", ("id", "email", "name", "password_hash", "role", "active", "created_at",
                                      "session_generation", "language", "platform_admin"), users)
            copy_rows(conn, "associations", ("id", "name", "orgnr", "case_number_pattern", "reporting_periods",
                                             "active", "created_at"), associations)
            copy_rows(conn, "budget_frames", ("id", "association_id", "year", "amount"), frames)
            copy_rows(conn, "association_members", ("id", "association_id", "user_id", "created_at"), members)
            copy_rows(conn, "applications", (
                "id", "owner_id", "title", "kind", "status", "association", "association_id", "document",
                "steps_visited", "total", "delta", "period_start", "period_end", "parties_text", "lock_version",
                "approved_total", "decision_date", "decision_body", "created_at", "updated_at"), applications)
            copy_rows(conn, "application_versions", ("id", "application_id", "number", "document", "fingerprint",
                                                     "total", "created_by_id", "created_at"), versions)
            copy_rows(conn, "cases", ("id", "application_id", "association_id", "number", "pattern", "year",
                                      "sequence", "officer_id", "due_date", "officer_recommendation", "officer_note",
                                      "focus", "target_group", "first_submitted_at", "last_submitted_at",
                                      "created_at"), cases)
            copy_rows(conn, "case_counters", ("association_id", "year", "last"),
                      [(a, y, n) for (a, y), n in counters.items()])
            copy_rows(conn, "insats_years", ("id", "application_id", "association_id", "year", "approved_amount",
                                             "planned_participants"), insats)
            from builder.followup.models import PARTICIPANT_FIELDS

            copy_rows(conn, "period_reports", ("id", "application_id", "association_id", "version_number", "year",
                                               "period_end", "kind", "status", "answers", *PARTICIPANT_FIELDS,
                                               "submitted_at", "submitted_by_id", "decided_at", "decided_by_id",
                                               "lock_version", "created_at", "updated_at"), reports)
            copy_rows(conn, "outcome_rows", ("id", "report_id", "row_key", "party", "label", "amount", "forecast"),
                      outcomes)
            for table in ("users", "associations", "budget_frames", "association_members", "applications",
                          "application_versions", "cases", "insats_years", "period_reports", "outcome_rows"):
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT COALESCE(MAX(id), 1) FROM {table}))")
            conn.commit()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
        return {"applications": len(applications), "versions": len(versions), "cases": len(cases),
                "insats_years": len(insats), "period_reports": len(reports), "outcome_rows": len(outcomes),
                "users": len(users), "distinct_budgets": len(self.figures),
                "build_s": built - started, "copy_s": time.perf_counter() - built}


def copy_rows(conn, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy_:
        for row in rows:
            copy_.write_row(row)


# --- measuring ------------------------------------------------------------------------------------------------------

def timed(client, path: str, runs: int) -> dict:
    first = client.get(path)
    if first.status_code in (403, 404):  # a route another branch is building, or not this user's
        return {"path": path, "missing": first.status_code}
    assert first.status_code == 200, (path, first.status_code, first.text[:300])
    times = []
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        size = len(response.data)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, int(round(0.95 * len(times))) - 1))]
    return {"path": path, "p50": statistics.median(times), "p95": p95, "max": times[-1], "bytes": size}


def login(client, email: str) -> None:
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.text[:300]


WHO = {"handlaggare1-1@scale.se": "reviewer of one association", "nationell@scale.se": "admin of all 75",
       "admin@scale.se": "platform admin"}


def measure(app, runs: int, export_runs: int) -> list[dict]:
    results = [{"who": "", "load": os.getloadavg()[0]}]
    pages = ["/review", "/review?sort=title&dir=asc", "/review?sort=total&dir=desc", "/review?sort=delta&dir=asc",
             "/review?sort=case&dir=desc", "/review?sort=officer&dir=asc", "/review?sort=due_date&dir=asc",
             "/review?q=steg&sort=updated", "/review?status=approved&sort=period_start&dir=asc",
             "/review?status=in_revision", "/review?officer=me&due=overdue", "/review?page=200"]
    national = [f"/associations/1/portfolio/{MEASURE_YEAR}"]
    exports = [f"/associations/1/national/{MEASURE_YEAR}.csv", f"/associations/1/national/{MEASURE_YEAR}.xlsx"]
    for who in WHO:
        client = app.test_client()
        login(client, who)
        for path in (pages if who != "admin@scale.se" else []) + national:
            results.append({"who": who, "kind": "page", **timed(client, path, runs)})
        for path in exports:
            results.append({"who": who, "kind": "export", **timed(client, path, export_runs)})
    return results


def explain(app, full: bool) -> None:
    """PostgreSQL's plan for the list's count and page queries of a few asks: per query the scans on
    applications and cases and the time (`full`: the whole plan)."""
    import re

    from builder.extensions import db
    from builder.models import Application, User
    from builder.review import listing

    with app.app_context():
        for email in ("handlaggare1-1@scale.se", "nationell@scale.se"):
            user = db.session.scalar(db.select(User).where(User.email == email))
            for ask in (listing.ListQuery(), listing.ListQuery(sort="title", descending=False),
                        listing.ListQuery(sort="total"), listing.ListQuery(query="steg"),
                        listing.ListQuery(sort="case"), listing.ListQuery(officer="me", due="overdue"),
                        listing.ListQuery(status="approved", sort="period_start", descending=False)):
                matching = listing._matching(user, ask)
                count = matching.with_only_columns(db.func.count(Application.id)).order_by(None)
                page = listing._ordered(matching.with_only_columns(Application.id), ask).limit(50)
                for label, statement in (("count", count), ("page ids", page)):
                    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
                    plan = db.session.execute(db.text(f"EXPLAIN (ANALYZE, BUFFERS) {compiled}")).scalars().all()
                    scans = sorted({m.group(0) for line in plan for m in re.finditer(
                        r"(Seq Scan|Index Only Scan|Index Scan Backward|Index Scan|Bitmap Heap Scan)"
                        r"( using \w+)? on (applications|cases)\b", line)})
                    took = next((line for line in plan if line.startswith("Execution Time")), "")
                    asked = {k: v for k, v in vars(ask).items() if v not in ("", ListQueryDefaults.get(k))}
                    print(f"{WHO[email]} {label} {asked or 'default'}: {'; '.join(scans)}; {took}")
                    if full:
                        print("\n".join(plan))


ListQueryDefaults = {"sort": "updated", "descending": True}


def markdown(results: list[dict], runs: int, export_runs: int) -> str:
    lines = ["| who | request | p50 ms | p95 ms | max ms | size |", "|---|---|---:|---:|---:|---:|"]
    load_before = results[0]["load"]
    for r in results[1:]:
        who = WHO[r["who"]]
        if r.get("missing"):
            note = "404: not built yet, or not this user's" if r["missing"] == 404 else "403: not this user's"
            lines.append(f"| {who} | `{r['path']}` | – | – | – | {note} |")
            continue
        lines.append(f"| {who} | `{r['path']}` | {r['p50'] * 1000:.0f} | {r['p95'] * 1000:.0f} | "
                     f"{r['max'] * 1000:.0f} | {r['bytes'] / 1024:.0f} kB |")
    lines.append(f"\n{runs} requests per page, {export_runs} per export, after one warm-up request; "
                 f"load average (1 min) before: {load_before:.1f}, after: {os.getloadavg()[0]:.1f}; "
                 f"cores: {os.cpu_count()}.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("SCALE_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--reset", action="store_true", help="drop the database and seed it again")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--export-runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--seed-only", action="store_true")
    parser.add_argument("--measure-only", action="store_true")
    parser.add_argument("--explain", action="store_true", help="the list queries' scans and times")
    parser.add_argument("--explain-full", action="store_true", help="their whole plans")
    args = parser.parse_args()
    os.environ.setdefault("FINSAM_INSTANCE", os.path.join(tempfile.gettempdir(), "finsam-scale-bench"))
    created = ensure_database(args.database_url, args.reset)
    app = make_app(args.database_url)
    if not args.measure_only:
        from builder.extensions import db

        with app.app_context():
            seeded = db.session.execute(db.text(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'applications'")).scalar()
            if seeded and db.session.execute(db.text("SELECT COUNT(*) FROM applications")).scalar():
                print("already seeded (use --reset to seed again)")
            else:
                from flask_migrate import upgrade

                upgrade(directory=os.path.join(REPO_ROOT, "migrations"))
                start = time.perf_counter()
                counts = Seeder(args.database_url, random.Random(args.seed)).seed()
                print(f"seeded in {time.perf_counter() - start:.0f} s"
                      f"{' (new database)' if created else ''}: {json.dumps(counts)}")
    if args.explain or args.explain_full:
        explain(app, args.explain_full)
    if not args.seed_only:
        results = measure(app, args.runs, args.export_runs)
        print(markdown(results, args.runs, args.export_runs))


if __name__ == "__main__":
    main()
