"""docs/application-format.md agrees with the loader: its key tables, its limits and its examples.

When the loader gains, loses or changes a key or a limit, one of these tests fails until the
documentation says the same.
"""
from __future__ import annotations

import copy
import json
import re
from decimal import Decimal

import pytest

from builder.appformat import KINDS, LANGUAGES, PARTY_KINDS, SECTION_KEYS, ValidationError, from_dict, to_dict
from builder.budget import PRORATION_MODES, compute_budget, table_to_json
from tests.helpers import REPO

DOC = (REPO / "docs" / "application-format.md").read_text(encoding="utf-8")
_KEY_TABLE = re.compile(r"<!-- keys: (\S+) -->\n\|[^\n]*\n\|[-| ]+\n((?:\|[^\n]*\n)+)")
_KEY_ROW = re.compile(r"^\| `([a-z_]+)` \| (yes|no) \|", re.M)
_LIMIT_ROW = re.compile(r"^\| `([^`]+)` \| (more than )?([0-9.]+) \| ([0-9.]+) \|$", re.M)


def _key_tables() -> dict[str, dict[str, bool]]:
    """{path: {key: required}} from the tables marked `<!-- keys: path -->`."""
    tables = {}
    for path, body in _KEY_TABLE.findall(DOC):
        tables["" if path == "(top)" else path] = {key: req == "yes" for key, req in _KEY_ROW.findall(body)}
    return tables


def _json_blocks(heading: str) -> list:
    section = DOC.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.S)]


TABLES = _key_tables()
COMPLETE, COMPLETE_COMPUTED = _json_blocks("A complete example")


def _steps(path: str) -> list:
    """"budget.staff[].annual_raise" → ["budget", "staff", 0, "annual_raise"] (a list's first item)."""
    steps: list = []
    for part in path.split(".") if path else []:
        name, brackets = part.split("[", 1) if "[" in part else (part, "")
        steps.append(name)
        steps += [0] * brackets.count("]")
    return steps


def _place(steps: list) -> str:
    out = ""
    for step in steps:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _at(data, steps: list):
    for step in steps:
        data = data[step]
    return data


def _error_places(exc: ValidationError) -> set[str]:
    """The places of the loader's errors, whether they are "place: problem" text or carry a path."""
    places = set()
    for error in exc.errors:
        if isinstance(error, str):
            places.add(error.split(": ", 1)[0])
        else:
            path = getattr(error, "path", None) or getattr(error, "place", None)
            places.add(path if isinstance(path, str) else _place(list(path)))
    return places


def _refused_at(data: dict) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        from_dict(data)
    return _error_places(caught.value)


def test_the_documentation_has_a_table_for_every_object():
    assert set(TABLES) == {"", "period", "parties[]", "sections", "risks[]", "signatories[]", "budget",
                           "budget.staff[]", "budget.staff[].annual_raise", "budget.other_costs[]",
                           "budget.overhead", "budget.baseline", "budget.baseline.rows[]", "effects[]",
                           "effects[].items[]"}
    assert all(TABLES.values()), "a table without rows"


def test_the_complete_example_loads_and_uses_exactly_the_documented_keys():
    from_dict(copy.deepcopy(COMPLETE))
    for path, keys in TABLES.items():
        assert set(_at(COMPLETE, _steps(path))) == set(keys), path


def test_the_writer_writes_only_documented_keys():
    written = to_dict(from_dict(copy.deepcopy(COMPLETE)))
    for path, keys in TABLES.items():
        assert set(_at(written, _steps(path))) <= set(keys), path
        assert {k for k, required in keys.items() if required} <= set(_at(written, _steps(path))), path


def test_the_section_keys_are_the_loaders():
    assert list(TABLES["sections"]) == list(SECTION_KEYS)


@pytest.mark.parametrize("path, key", [(p, k) for p, keys in TABLES.items() for k in keys])
def test_each_key_is_required_exactly_when_the_documentation_says_so(path, key):
    data = copy.deepcopy(COMPLETE)
    del _at(data, _steps(path))[key]
    if TABLES[path][key]:
        assert _place([*_steps(path), key]) in _refused_at(data)
    else:
        from_dict(data)


@pytest.mark.parametrize("path", sorted(TABLES))
def test_an_undocumented_key_is_refused(path):
    data = copy.deepcopy(COMPLETE)
    _at(data, _steps(path))["undocumented"] = "x"
    assert _place([*_steps(path), "undocumented"]) in _refused_at(data)


@pytest.mark.parametrize("values, path, key", [
    (LANGUAGES, "", "language"), (KINDS, "", "kind"), (PARTY_KINDS, "parties[]", "kind"),
    (PRORATION_MODES, "budget", "proration"),
])
def test_every_choice_the_loader_accepts_is_documented_and_only_those(values, path, key):
    row = re.search(rf"<!-- keys: {re.escape(path or '(top)')} -->.*?^\| `{key}` \|([^\n]*)", DOC, re.S | re.M)
    documented = set(re.findall(r"`\"?([a-z_]+)\"?`", row.group(1)))
    assert documented == set(values)
    for value in values:
        data = copy.deepcopy(COMPLETE)
        _at(data, _steps(path))[key] = value
        from_dict(data)


LIMITS = _LIMIT_ROW.findall(DOC.split("<!-- limits -->", 1)[1].split("\n## ", 1)[0])


def _with_value(place: str, value: str) -> dict:
    data = copy.deepcopy(COMPLETE)
    steps = _steps(place)
    if steps[-1] == "YYYY":  # a yearly amount: the example's first year
        steps[-1] = next(iter(_at(data, steps[:-1])))
    _at(data, steps[:-1])[steps[-1]] = value
    return data, _place(steps)


def test_the_limits_table_is_read():
    assert len(LIMITS) >= 15


@pytest.mark.parametrize("place, open_low, low, high", LIMITS)
def test_each_documented_limit_is_the_loaders(place, open_low, low, high):
    whole = "." not in low + high and place.endswith(("month", "likelihood", "consequence"))
    step = Decimal(1) if whole else Decimal("0.01")
    for value, ok in ((Decimal(high), True), (Decimal(high) + step, False),
                      (Decimal(low), not open_low), (Decimal(low) - step, False)):
        data, where = _with_value(place, format(value, "f"))
        if ok:
            from_dict(data)
        else:
            assert where in _refused_at(data), f"{where} = {value} should be refused"
    if open_low:
        data, _where = _with_value(place, format(Decimal(low) + step, "f"))
        from_dict(data)


def test_the_complete_examples_computed_table_is_the_engines():
    validated = from_dict(copy.deepcopy(COMPLETE))
    assert table_to_json(compute_budget(validated.budget)) == COMPLETE_COMPUTED


def test_the_hela_familjen_figures_are_the_engines(example_app, spec_example_output):
    computed = table_to_json(compute_budget(example_app.budget))
    assert computed["years"] == spec_example_output["years"]
    assert computed["totals"] == spec_example_output["totals"]
    assert computed["rows"][0] == spec_example_output["rows"][0]
