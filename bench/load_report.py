"""Numbers for bench/load.py: percentiles per request kind, the targets, a text report and RESULTS-load.md."""
from __future__ import annotations

import math
import platform
from datetime import UTC, datetime

STEP_KINDS = ("wizard_get", "wizard_post", "budget_get", "budget_post", "preview")
KIND_ORDER = ("register_get", "register", "login", "list", "create") + STEP_KINDS + ("review", "docx")
TARGETS = {"step_p95_ms": 300, "docx_p95_ms": 1000, "budget_floor_ratio": 0.40}


def loadavg() -> str:
    try:
        with open("/proc/loadavg") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "?"


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values (seconds)."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def stats(samples) -> dict:
    ok = sorted(s.seconds for s in samples if not s.error)
    return {"n": len(samples), "errors": sum(1 for s in samples if s.error),
            "p50": percentile(ok, 50) * 1000, "p95": percentile(ok, 95) * 1000, "p99": percentile(ok, 99) * 1000,
            "max": (ok[-1] * 1000) if ok else float("nan")}


def summary(result: dict) -> dict:
    samples = result.pop("samples")
    kinds = sorted({s.kind for s in samples}, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99)
    result["kinds"] = {kind: stats([s for s in samples if s.kind == kind]) for kind in kinds}
    result["steps"] = stats([s for s in samples if s.kind in STEP_KINDS])
    result["requests"] = len(samples)
    result["errors"] = sum(1 for s in samples if s.error)
    result["error_examples"] = sorted({f"{s.kind}: {s.error}" for s in samples if s.error})[:5]
    result["rps"] = (len(samples) - result["errors"]) / result["seconds"] if result.get("seconds") else 0
    tp = result.pop("tp_budget_samples", None)
    if tp is not None:
        posts = [s for s in tp if s.kind == "budget_post_tp"]
        ok = sum(1 for s in posts if not s.error)
        result["tp_budget"] = {**stats(posts), "rps": ok / result["tp_budget_seconds"],
                               "errors": sum(1 for s in tp if s.error),
                               "error_examples": sorted({f"{s.kind}: {s.error}" for s in tp if s.error})[:3]}
    check = result["verify"]
    result["lost"] = check["expected"] - check["found"]
    result["ok"] = not result["errors"] and not result["failed"] and not check["problems"] and not result["lost"]
    return result


def ratio(result: dict, floor: dict | None) -> float | None:
    if not floor or "tp_budget" not in result or not floor["rps"]:
        return None
    return result["tp_budget"]["rps"] / floor["rps"]


def text_report(result: dict, floor: dict | None) -> str:
    lines = [f"== {result['users']} users, {result['db']}, {result['mode']} (think {result['think']} s), "
             f"{result['workers']} workers × {result['threads']} threads, argon2 {result['argon2']}, "
             f"ramp {result.get('ramp', 0)} s",
             f"   load average before {result['load_before']}, after journeys {result.get('load_after_journeys')}",
             f"   {result['requests']} requests in {result['seconds']:.1f} s = {result['rps']:.1f} req/s; "
             f"errors {result['errors']}; users failed {len(result['failed'])}",
             f"   {'kind':<14}{'n':>6}{'err':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
    for kind, row in list(result["kinds"].items()) + [("ALL STEPS", result["steps"])]:
        lines.append(f"   {kind:<14}{row['n']:>6}{row['errors']:>5}{row['p50']:>9.0f}{row['p95']:>9.0f}"
                     f"{row['p99']:>9.0f}{row['max']:>9.0f}")
    check = result["verify"]
    lines.append(f"   database: {check['found']}/{check['expected']} applications found, "
                 f"{len(check['problems'])} with wrong totals; lost {result['lost']}")
    lines += [f"   ! {p}" for p in (check["problems"] + result["failed"] + result["error_examples"])[:8]]
    if "tp_budget" in result:
        lines.append(f"   budget step closed loop: {result['tp_budget']['rps']:.1f} req/s "
                     f"(p95 {result['tp_budget']['p95']:.0f} ms, errors {result['tp_budget']['errors']})")
        lines += [f"   ! {e}" for e in result["tp_budget"]["error_examples"]]
    if floor:
        lines.append(f"   floor route closed loop: {floor['rps']:.1f} req/s (load {floor['load_before']} → "
                     f"{floor['load_after']}); budget/floor = {ratio(result, floor):.1%}")
    lines.append("   " + ("OK" if result["ok"] else "NOT OK") + f"; load average after {result['load_after']}")
    return "\n".join(lines)


def _ms(value: float) -> str:
    return "–" if value != value else f"{value:.0f}"


def markdown_matrix(runs: list[dict], floors: dict, args) -> str:
    """bench/RESULTS-load.md: one row per run, then the per-kind detail."""
    out = [f"# Load test results ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)", "",
           f"`bench/load.py --matrix` on {platform.node() or 'this machine'}: {_cpus()} CPUs, Python "
           f"{platform.python_version()}; mode {args.mode} "
           f"(mean think time {args.think if args.mode == 'paced' else 0} s), "
           f"gunicorn {args.workers} workers × {args.threads} threads (gthread), Argon2 {args.argon2}, "
           f"{args.warmup} warm-up users; users arrive " +
           (f"evenly over {args.ramp:.0f} s" if args.ramp else "10 ms apart (all within a second or so)") +
           f"; throughput phase {args.tp_seconds:.0f} s closed loop. "
           "The load generator runs on the same machine and other test suites ran at the same time: "
           "the load averages are part of every result.", "",
           "Targets: 0 errors and nothing lost; p95 < 300 ms for wizard steps; p95 < 1 s for the DOCX; "
           "budget step throughput ≥ 40 % of the floor route.", "",
           "| users | db | req | errors | lost | req/s | steps p95 ms | budget POST p95 | preview p95 | DOCX p95 ms "
           "| budget req/s | floor req/s | budget/floor | load avg before → after |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        floor = floors.get(r["users"])
        rat = ratio(r, floor)
        k = r["kinds"]
        out.append(f"| {r['users']} | {r['db']} | {r['requests']} | {r['errors']} | {r['lost']} | {r['rps']:.1f} | "
                   f"{_ms(r['steps']['p95'])} | {_ms(k.get('budget_post', {}).get('p95', float('nan')))} | "
                   f"{_ms(k.get('preview', {}).get('p95', float('nan')))} | "
                   f"{_ms(k.get('docx', {}).get('p95', float('nan')))} | "
                   f"{r.get('tp_budget', {}).get('rps', 0):.1f} | {floor['rps'] if floor else 0:.0f} | "
                   f"{'–' if rat is None else f'{rat:.1%}'} | {r['load_before']} → {r['load_after']} |")
    out += ["", "## Per request kind (p50 / p95 / p99 ms)", ""]
    for r in runs:
        out.append(f"### {r['users']} users, {r['db']}")
        out.append("")
        out.append("| kind | n | errors | p50 | p95 | p99 | max |")
        out.append("|---|---|---|---|---|---|---|")
        for kind, row in r["kinds"].items():
            out.append(f"| {kind} | {row['n']} | {row['errors']} | {_ms(row['p50'])} | {_ms(row['p95'])} | "
                       f"{_ms(row['p99'])} | {_ms(row['max'])} |")
        check = r["verify"]
        out.append("")
        out.append(f"Database check: {check['found']}/{check['expected']} applications found, "
                   f"{len(check['problems'])} with wrong totals (revised total 5 419 167, deltas 1 135 680 and "
                   f"1 601 327 recomputed with the engine from the stored rows).")
        for problem in (check["problems"] + r["failed"])[:5]:
            out.append(f"- {problem}")
        out.append("")
    return "\n".join(out) + "\n"


def _cpus() -> int:
    import os

    return os.cpu_count() or 1
