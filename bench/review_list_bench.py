"""Reviewer list benchmark: GET /review with many submitted applications, first look and again.

    .venv/bin/python bench/review_list_bench.py [--applications 300] [--runs 10]

Each application is Hela Familjen with its own title and one changed salary, so every stored text
differs. The list reads the figures cached at each save and sorts and pages in SQL, so the first look
costs what the later ones do. Targets: 300 applications listed in under 1 s on the first look and under
300 ms afterwards. For 30 000 applications on PostgreSQL see bench/scale.py.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)

from builder import create_app  # noqa: E402
from builder.extensions import db  # noqa: E402

HELA_FAMILJEN = os.path.join(REPO_ROOT, "tests", "data", "hela-familjen-utokning.json")
PASSWORD = "benchmark password"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with open(HELA_FAMILJEN, encoding="utf-8") as fh:
        hela = json.load(fh)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FINSAM_INSTANCE"] = tmp
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite", "SECRET_KEY": "bench",
                          "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                          "ARGON2_PARAMS": {"time_cost": 1, "memory_cost": 1024, "parallelism": 1}})
        from builder.applications.service import create_application
        from builder.auth.service import create_user

        with app.app_context():
            db.create_all()
            owner = create_user("applicant@bench.se", PASSWORD, "applicant", "Applicant")
            create_user("reviewer@bench.se", PASSWORD, "reviewer", "Reviewer")
            for number in range(args.applications):
                doc = copy.deepcopy(hela)
                doc["title"] = f"Ansökan {number:04d}"
                doc["budget"]["staff"][0]["monthly_salary"] = 30_000 + number
                application = create_application(owner, doc)
                application.status = "submitted"
            db.session.commit()
        client = app.test_client()
        response = client.post("/login", data={"email": "reviewer@bench.se", "password": PASSWORD})
        assert response.status_code == 302, response.status_code

        def timed() -> float:
            start = time.perf_counter()
            page = client.get("/review?sort=title&dir=asc")
            elapsed = time.perf_counter() - start
            assert page.status_code == 200 and "Ansökan 0000" in page.text
            return elapsed

        first = timed()
        again = [timed() for _ in range(args.runs)]
    print(f"{args.applications} applications: first look {first * 1000:.0f} ms, "
          f"afterwards median {statistics.median(again) * 1000:.0f} ms over {args.runs} runs")


if __name__ == "__main__":
    main()
