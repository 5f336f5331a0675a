"""DOCX export benchmark: median export time against the floor of merely zipping the same parts.

    .venv/bin/python bench/docx_bench.py [--runs 50]

The floor writes the exported package's own parts (document.xml, styles.xml, ...) into a new
zip with `zipfile` alone, deflated as python-docx does: no document model, no XML building.
Targets: Hela Familjen under 150 ms median; export time under 10 times the floor.
"""
from __future__ import annotations

import argparse
import copy
import io
import json
import os
import statistics
import sys
import time
import zipfile
from datetime import date

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO_ROOT)

from builder.appformat import from_dict  # noqa: E402
from builder.docx import render_application_docx  # noqa: E402

HELA_FAMILJEN = os.path.join(REPO_ROOT, "tests", "data", "hela-familjen-utokning.json")
TODAY = date(2017, 5, 15)


def hela_familjen() -> dict:
    """The Hela Familjen extension, as JSON."""
    with open(HELA_FAMILJEN, encoding="utf-8") as fh:
        return json.load(fh)


def two_hundred_lines(parties: int = 10, lines: int = 200) -> dict:
    """Hela Familjen's text with a budget of 200 staff lines over 10 parties, each party signing."""
    data = copy.deepcopy(hela_familjen())
    names = [f"Part {i + 1}" for i in range(parties)]
    data["parties"] = [{"name": name, "kind": "other"} for name in names]
    data["signatories"] = [{"party": name, "name": f"Person {i + 1}", "title": "Chef", "organisation": name}
                           for i, name in enumerate(names)]
    data["budget"]["staff"] = [
        {"party": names[i % parties], "role": f"Roll {i + 1}", "fte": "0.5", "monthly_salary": str(30000 + 10 * i),
         "start": "2017-08-14" if i % 3 else "2017-06-01", "end": "2019-05-31"}
        for i in range(lines)]
    data["budget"]["baseline"]["rows"][0]["label"] = names[0]
    return data


def median_ms(action, runs: int) -> float:
    """Median wall time of `action` in milliseconds, after two warm-up calls."""
    action()
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def zip_floor(package: bytes):
    """The floor: the same parts written into a zip with zipfile alone."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = [(name, source.read(name)) for name in source.namelist()]

    def write() -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, blob in parts:
                target.writestr(name, blob)
        return out.getvalue()

    return write


def measure(name: str, data: dict, runs: int) -> dict:
    """Export and floor medians for one application."""
    app = from_dict(data)
    start = time.perf_counter()
    package = render_application_docx(app, today=TODAY)
    first = (time.perf_counter() - start) * 1000
    export = median_ms(lambda: render_application_docx(app, today=TODAY), runs)
    floor = median_ms(zip_floor(package), runs)
    return {"case": name, "staff_lines": len(app.budget.staff), "bytes": len(package), "first_ms": first,
            "export_ms": export, "floor_ms": floor, "ratio": export / floor}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = [measure("Hela Familjen", hela_familjen(), args.runs),
               measure("200 staff lines", two_hundred_lines(), max(10, args.runs // 2))]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'case':<18}{'lines':>6}{'bytes':>9}{'first ms':>10}{'median ms':>11}{'floor ms':>10}{'ratio':>7}")
    for r in results:
        print(f"{r['case']:<18}{r['staff_lines']:>6}{r['bytes']:>9}{r['first_ms']:>10.1f}{r['export_ms']:>11.1f}"
              f"{r['floor_ms']:>10.2f}{r['ratio']:>7.1f}")
    hela = results[0]
    verdict = "met" if hela["export_ms"] < 150 and hela["ratio"] < 10 else "NOT met"
    print(f"Targets (Hela Familjen < 150 ms, ratio < 10): {verdict}")


if __name__ == "__main__":
    main()
