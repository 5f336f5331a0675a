"""Read and validate a finsam-application: every problem is reported with its place."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn, TypeVar

from builder.budget.model import (
    PRORATION_MODES,
    AnnualRaise,
    Baseline,
    BaselineRow,
    Budget,
    EffectItem,
    EffectScenario,
    OtherCost,
    Overhead,
    StaffLine,
)

from .model import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KINDS,
    LANGUAGES,
    PARTY_KINDS,
    SECTION_KEYS,
    Application,
    Party,
    Period,
    Risk,
    Signatory,
)

MAX_STAFF_LINES = 1000
MAX_LIST_ITEMS = 1000
MAX_PERIOD_YEARS = 15
FIRST_YEAR = 1900  # earlier is no FINSAM project, and a year under 1000 is no YYYY table column
MAX_TEXT = 100_000
MAX_SHORT_TEXT = 500
MAX_AMOUNT = Decimal("1000000000")  # one thousand million kronor in one cell is not a FINSAM project
MAX_MONTHLY_SALARY = Decimal("10000000")
# More decimals than this is no real amount, rate or FTE; an exponent such as 1e-999999 would
# otherwise make every exact sum of a staff line carry a million-digit denominator.
MAX_DECIMALS = 20
_DECIMAL_TEXT = re.compile(r"^-?([0-9]+)(\.[0-9]+)?$")  # ASCII digits only: Decimal("٣") is 3
_YEAR = re.compile(r"^[0-9]{4}\Z")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # "\ud800" in JSON: not encodable as UTF-8


_T = TypeVar("_T")


class ValidationError(Exception):
    """A refused application: `errors` lists "place: problem" messages."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


class _Reader:
    """Collects errors while reading, so one pass reports every problem."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, place: str, problem: str) -> None:
        message = _escape_surrogates(f"{place}: {problem}")
        if message not in self.errors:  # a missing key is "required" once, not again as empty text
            self.errors.append(message)

    def obj(self, value: Any, place: str, allowed: tuple[str, ...],
            required: tuple[str, ...] = ()) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(place or "(top level)", f"must be an object, got {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.fail(_join(place, key), "unknown key")
        for key in required:
            if key not in value:
                self.fail(_join(place, key), "is required")
        return value

    def items(self, value: Any, place: str, limit: int = MAX_LIST_ITEMS) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(place, f"must be a list, got {_kind(value)}")
            return []
        if len(value) > limit:
            self.fail(place, f"at most {limit} entries, got {len(value)}")
            return []
        return value

    def text(self, value: Any, place: str, required: bool = False, limit: int = MAX_SHORT_TEXT) -> str:
        if value is None:
            if required:
                self.fail(place, "is required")
            return ""
        if not isinstance(value, str):
            self.fail(place, f"must be text, got {_kind(value)}")
            return ""
        if _LONE_SURROGATE.search(value):
            self.fail(place, "must be valid Unicode text, it has a lone surrogate (\\ud800–\\udfff)")
            return ""
        if required and not value.strip():
            self.fail(place, "must not be empty")
        if len(value) > limit:
            self.fail(place, f"at most {limit} characters, got {len(value)}")
        return value

    def choice(self, value: Any, place: str, choices: tuple[str, ...], default: str) -> str:
        if value is None:
            return default
        if not isinstance(value, str) or value not in choices:
            options = ", ".join(f'"{c}"' for c in choices)
            self.fail(place, f"must be one of {options}, got {_show(value)}")
            return default
        return value

    def number(self, value: Any, place: str, low: Decimal, high: Decimal, *, low_open: bool = False,
               what: str = "a number") -> Decimal | None:
        parsed = parse_decimal(value)
        if parsed is None or not (parsed > low if low_open else parsed >= low) or parsed > high:
            bound = "greater than" if low_open else "at least"
            self.fail(place, f"must be {what} {bound} {_plain(low)} and at most {_plain(high)}, "
                             f"got {_show(value)}")
            return None
        if -int(parsed.as_tuple().exponent) > MAX_DECIMALS:
            self.fail(place, f"at most {MAX_DECIMALS} decimals, got {_show(value)}")
            return None
        return parsed

    def day(self, value: Any, place: str) -> date | None:
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None and parsed.year >= FIRST_YEAR:
                return parsed
            if parsed is not None:
                self.fail(place, f"must be a date from {FIRST_YEAR} on, got {_show(value)}")
                return None
        self.fail(place, f"must be a date YYYY-MM-DD, got {_show(value)}")
        return None


def _escape_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")


def _show(value: Any) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, Decimal):  # a JSON number with a fraction: show it as written
        text = str(value)
    else:
        text = json.dumps(value, default=str)
    if len(text) > 40:
        text = text[:37] + "..."
    return json.dumps(text, ensure_ascii=False)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def parse_decimal(value: Any) -> Decimal | None:
    """A JSON string or number read as exact decimal text; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, float):  # only reached when the caller parsed JSON itself
        return Decimal(repr(value))
    if isinstance(value, str) and _DECIMAL_TEXT.match(value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None


def loads(text: str | bytes) -> Application:
    """Parse JSON text (numbers as decimal text, never float) and validate it."""
    return from_dict(parse_json(text))


def parse_json(text: str | bytes) -> Any:
    """JSON as this format reads it: numbers as Decimal, no NaN/Infinity, no key twice; else ValidationError."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant,
                          object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError) as exc:
        raise ValidationError([f"(file): not valid JSON: {exc}"]) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object with a key twice is ambiguous (json would silently keep the last one)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {_show(key)} appears twice in one object")
        out[key] = value
    return out


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number")


def from_dict(data: Any) -> Application:
    """Validate a decoded JSON object; raise ValidationError listing every problem."""
    reader = _Reader()
    application = _read_application(reader, data)
    if reader.errors or application is None:
        raise ValidationError(reader.errors)
    return application


TOP_KEYS = ("format", "version", "language", "kind", "title", "association", "process_owner",
            "period", "parties", "sections", "risks", "signatories", "budget", "effects")


def _read_application(r: _Reader, data: Any) -> Application | None:
    data = r.obj(data, "", TOP_KEYS, ("format", "version", "title", "period", "budget"))
    if data is None:
        return None
    if "format" in data and data["format"] != FORMAT_NAME:
        r.fail("format", f'must be "{FORMAT_NAME}", got {_show(data["format"])}')
    version = data.get("version")
    if "version" in data and (isinstance(version, bool) or parse_decimal(version) != FORMAT_VERSION):
        r.fail("version", f"must be {FORMAT_VERSION}, got {_show(version)}")
    period = _read_period(r, data["period"]) if "period" in data else None
    parties = tuple(_read_list(r, data.get("parties"), "parties", _read_party))
    budget = _read_budget(r, data.get("budget"), period) if "budget" in data else None
    # Read in this order, so the errors come in the document's order.
    title = r.text(data.get("title"), "title", required="title" in data)
    language = r.choice(data.get("language"), "language", LANGUAGES, "sv")
    kind = r.choice(data.get("kind"), "kind", KINDS, "new")
    association = r.text(data.get("association"), "association")
    process_owner = r.text(data.get("process_owner"), "process_owner")
    sections = _read_sections(r, data.get("sections"))
    risks = tuple(_read_list(r, data.get("risks"), "risks", _read_risk))
    signatories = tuple(_read_list(r, data.get("signatories"), "signatories", _read_signatory))
    effects = tuple(_read_list(r, data.get("effects"), "effects", _read_scenario))
    if period is None or budget is None:  # the reader has said why
        return None
    return Application(title=title, period=period, budget=budget, language=language, kind=kind,
                       association=association, process_owner=process_owner, parties=parties,
                       sections=sections, risks=risks, signatories=signatories, effects=effects)


def _read_list(r: _Reader, value: Any, place: str, read_one: Callable[..., _T | None],
               limit: int = MAX_LIST_ITEMS, *extra: Any) -> list[_T]:
    out = []
    for i, item in enumerate(r.items(value, place, limit)):
        one = read_one(r, item, f"{place}[{i}]", *extra)
        if one is not None:
            out.append(one)
    return out


def _read_period(r: _Reader, value: Any) -> Period | None:
    value = r.obj(value, "period", ("start", "end"), ("start", "end"))
    if value is None or "start" not in value or "end" not in value:
        return None
    start, end = r.day(value["start"], "period.start"), r.day(value["end"], "period.end")
    if start is None or end is None:
        return None
    if start > end:
        r.fail("period.end", f"must not be before the start {start.isoformat()}")
        return None
    if end.year - start.year > MAX_PERIOD_YEARS or (end.year - start.year == MAX_PERIOD_YEARS
                                                   and (end.month, end.day) >= (start.month, start.day)):
        r.fail("period.end", f"a period may be at most {MAX_PERIOD_YEARS} years long")
        return None
    return Period(start, end)


def _read_party(r: _Reader, value: Any, place: str) -> Party | None:
    value = r.obj(value, place, ("name", "kind"), ("name",))
    if value is None:
        return None
    return Party(r.text(value.get("name"), f"{place}.name", required=True),
                 r.choice(value.get("kind"), f"{place}.kind", PARTY_KINDS, "other"))


def _read_sections(r: _Reader, value: Any) -> dict[str, str]:
    value = r.obj(value if value is not None else {}, "sections", SECTION_KEYS)
    if value is None:
        return {}
    return {key: r.text(value[key], f"sections.{key}", limit=MAX_TEXT)
            for key in SECTION_KEYS if key in value}


def _score(r: _Reader, value: Any, place: str) -> int:
    number = r.number(value, place, Decimal(1), Decimal(4), what="a whole number")
    if number is None:
        return 1
    if number != number.to_integral_value():
        r.fail(place, f"must be a whole number from 1 to 4, got {_show(value)}")
    return int(number)


def _read_risk(r: _Reader, value: Any, place: str) -> Risk | None:
    keys = ("area", "party", "description", "likelihood", "consequence", "mitigation")
    value = r.obj(value, place, keys, ("area", "description", "likelihood", "consequence"))
    if value is None:
        return None
    return Risk(
        area=r.text(value.get("area"), f"{place}.area", required=True),
        party=r.text(value.get("party"), f"{place}.party"),
        description=r.text(value.get("description"), f"{place}.description", limit=MAX_TEXT),
        likelihood=_score(r, value.get("likelihood"), f"{place}.likelihood"),
        consequence=_score(r, value.get("consequence"), f"{place}.consequence"),
        mitigation=r.text(value.get("mitigation"), f"{place}.mitigation", limit=MAX_TEXT),
    )


def _read_signatory(r: _Reader, value: Any, place: str) -> Signatory | None:
    value = r.obj(value, place, ("party", "name", "title", "organisation"), ("party", "name"))
    if value is None:
        return None
    return Signatory(
        party=r.text(value.get("party"), f"{place}.party", required=True),
        name=r.text(value.get("name"), f"{place}.name", required=True),
        title=r.text(value.get("title"), f"{place}.title"),
        organisation=r.text(value.get("organisation"), f"{place}.organisation"),
    )


BUDGET_KEYS = ("proration", "default_social_fee_rate", "staff", "other_costs", "overhead", "baseline")
RATE_MAX = Decimal("1.5")


def _read_budget(r: _Reader, value: Any, period: Period | None) -> Budget | None:
    value = r.obj(value, "budget", BUDGET_KEYS)
    if value is None:
        return None
    default_rate = Decimal(0)
    if "default_social_fee_rate" in value:
        default_rate = r.number(value["default_social_fee_rate"], "budget.default_social_fee_rate",
                                Decimal(0), RATE_MAX) or Decimal(0)
    overhead = None
    if value.get("overhead") is not None:
        overhead = _read_overhead(r, value["overhead"])
    baseline = None
    if value.get("baseline") is not None:
        baseline = _read_baseline(r, value["baseline"])
    budget = Budget(
        proration=r.choice(value.get("proration"), "budget.proration", PRORATION_MODES, "half_month"),
        default_social_fee_rate=default_rate,
        staff=tuple(_read_list(r, value.get("staff"), "budget.staff", _read_staff_line,
                               MAX_STAFF_LINES, period)),
        other_costs=tuple(_read_list(r, value.get("other_costs"), "budget.other_costs",
                                     _read_other_cost, MAX_LIST_ITEMS, period)),
        overhead=overhead,
        baseline=baseline,
    )
    raw_other = value.get("other_costs")
    if not isinstance(raw_other, list) or len(raw_other) == len(budget.other_costs):  # places line up
        _check_row_labels(r, budget)
    return budget


def _check_row_labels(r: _Reader, budget: Budget) -> None:
    """Rule 6 matches summary rows to baseline rows by label, so a label must name one row only
    (two rows "X" would both subtract baseline row "X" and count it twice in the delta)."""
    parties = {line.party for line in budget.staff}
    for i, cost in enumerate(budget.other_costs):
        if cost.label in parties:
            r.fail(f"budget.other_costs[{i}].label", f"must differ from the staff parties' names, "
                                                     f"got {_show(cost.label)}")
    others = {cost.label for cost in budget.other_costs}
    if budget.overhead is not None and budget.overhead.label in parties | others:
        r.fail("budget.overhead.label", f"must differ from the parties' and other costs' labels, "
                                        f"got {_show(budget.overhead.label)}")


STAFF_KEYS = ("party", "role", "fte", "monthly_salary", "start", "end", "social_fee_rate", "annual_raise")


def _read_staff_line(r: _Reader, value: Any, place: str, period: Period | None) -> StaffLine | None:
    value = r.obj(value, place, STAFF_KEYS, ("party", "role", "fte", "monthly_salary", "start", "end"))
    if value is None or any(k not in value for k in ("fte", "monthly_salary", "start", "end")):
        return None
    party = r.text(value.get("party"), f"{place}.party", required=True)
    role = r.text(value.get("role"), f"{place}.role", required=True)
    fte = r.number(value["fte"], f"{place}.fte", Decimal(0), Decimal(10), low_open=True)
    salary = r.number(value["monthly_salary"], f"{place}.monthly_salary", Decimal(0), MAX_MONTHLY_SALARY)
    start, end = r.day(value["start"], f"{place}.start"), r.day(value["end"], f"{place}.end")
    rate = None
    if value.get("social_fee_rate") is not None:
        rate = r.number(value["social_fee_rate"], f"{place}.social_fee_rate", Decimal(0), RATE_MAX)
    raise_ = _read_raise(r, value["annual_raise"], f"{place}.annual_raise") \
        if value.get("annual_raise") is not None else None
    dates_ok = _check_dates(r, place, start, end, period)
    if fte is None or salary is None or start is None or end is None or not dates_ok:
        return None
    return StaffLine(party, role, fte, salary, start, end, rate, raise_)


def _check_dates(r: _Reader, place: str, start: date | None, end: date | None,
                 period: Period | None) -> bool:
    if start is None or end is None:
        return False
    if start > end:
        r.fail(f"{place}.end", f"must not be before the start {start.isoformat()}, got {end.isoformat()}")
        return False
    if period is not None:
        for key, day in (("start", start), ("end", end)):
            if not period.start <= day <= period.end:
                r.fail(f"{place}.{key}", f"must be inside the period {period.start.isoformat()} – "
                                         f"{period.end.isoformat()}, got {day.isoformat()}")
                return False
    return True


def _read_raise(r: _Reader, value: Any, place: str) -> AnnualRaise | None:
    value = r.obj(value, place, ("rate", "month"), ("rate", "month"))
    if value is None or "rate" not in value or "month" not in value:
        return None
    rate = r.number(value["rate"], f"{place}.rate", Decimal(0), Decimal("0.5"))
    month = r.number(value["month"], f"{place}.month", Decimal(1), Decimal(12), what="a month number")
    if month is not None and month != month.to_integral_value():
        r.fail(f"{place}.month", f"must be a whole month number 1–12, got {_show(value['month'])}")
        return None
    if rate is None or month is None:
        return None
    return AnnualRaise(rate, int(month))


def _read_yearly(r: _Reader, value: Any, place: str, period: Period | None = None) -> dict[str, Decimal]:
    value = r.obj(value, place, ()) if not isinstance(value, dict) else value
    if value is None:
        return {}
    out = {}
    for year, amount in value.items():
        if not _YEAR.match(str(year)):
            r.fail(f"{place}.{year}", "a key must be a year YYYY")
            continue
        if period is not None and not period.start.year <= int(year) <= period.end.year:
            r.fail(f"{place}.{year}", f"must be a year inside the period {period.start.year}–{period.end.year}")
            continue
        number = r.number(amount, f"{place}.{year}", Decimal(0), MAX_AMOUNT, what="an amount")
        if number is not None:
            out[year] = number
    return dict(sorted(out.items()))


def _read_other_cost(r: _Reader, value: Any, place: str, period: Period | None) -> OtherCost | None:
    value = r.obj(value, place, ("label", "party", "yearly"), ("label", "yearly"))
    if value is None:
        return None
    party = value.get("party")
    return OtherCost(
        label=r.text(value.get("label"), f"{place}.label", required=True),
        yearly=_read_yearly(r, value.get("yearly", {}), f"{place}.yearly", period),
        party=r.text(party, f"{place}.party") or None,
    )


def _read_overhead(r: _Reader, value: Any) -> Overhead | None:
    value = r.obj(value, "budget.overhead", ("label", "rate"), ("rate",))
    if value is None or "rate" not in value:
        return None
    rate = r.number(value["rate"], "budget.overhead.rate", Decimal(0), Decimal(1))
    label = r.text(value.get("label"), "budget.overhead.label") or "Overhead"
    return Overhead(label, rate) if rate is not None else None


def _read_baseline(r: _Reader, value: Any) -> Baseline | None:
    value = r.obj(value, "budget.baseline", ("label", "rows"), ("rows",))
    if value is None:
        return None
    rows = []
    seen: dict[str, str] = {}
    for i, row in enumerate(r.items(value.get("rows"), "budget.baseline.rows")):
        place = f"budget.baseline.rows[{i}]"
        row = r.obj(row, place, ("label", "yearly"), ("label", "yearly"))
        if row is not None:
            label = r.text(row.get("label"), f"{place}.label", required=True)
            if label in seen:  # rows are matched by label: a second row of one label would be lost
                r.fail(f"{place}.label", f"must be unique, {_show(label)} is also {seen[label]}.label")
            seen.setdefault(label, place)
            rows.append(BaselineRow(label, _read_yearly(r, row.get("yearly", {}), f"{place}.yearly")))
    return Baseline(r.text(value.get("label"), "budget.baseline.label"), tuple(rows))


EFFECT_ITEM_KEYS = ("label", "persons", "cost_per_day", "months", "days_per_month")


def _read_scenario(r: _Reader, value: Any, place: str) -> EffectScenario | None:
    value = r.obj(value, place, ("label", "items", "cost"), ("label",))
    if value is None:
        return None
    cost = None
    if value.get("cost") is not None:
        cost = r.number(value["cost"], f"{place}.cost", Decimal(0), MAX_AMOUNT, what="an amount")
    return EffectScenario(
        label=r.text(value.get("label"), f"{place}.label", required=True),
        items=tuple(_read_list(r, value.get("items"), f"{place}.items", _read_effect_item)),
        cost=cost,
    )


def _read_effect_item(r: _Reader, value: Any, place: str) -> EffectItem | None:
    value = r.obj(value, place, EFFECT_ITEM_KEYS, ("label", "persons", "cost_per_day", "months"))
    if value is None or any(k not in value for k in ("persons", "cost_per_day", "months")):
        return None
    label = r.text(value.get("label"), f"{place}.label", required=True)
    persons = r.number(value["persons"], f"{place}.persons", Decimal(0), Decimal(100000))
    per_day = r.number(value["cost_per_day"], f"{place}.cost_per_day", Decimal(0), Decimal(1000000))
    months = r.number(value["months"], f"{place}.months", Decimal(0), Decimal(240))
    days = r.number(value.get("days_per_month", "30.5"), f"{place}.days_per_month", Decimal(0), Decimal(31))
    if persons is None or per_day is None or months is None or days is None:
        return None
    return EffectItem(label, persons, per_day, months, days)
