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

from . import limits
from .errors import FormatError, Path, ValidationError
from .limits import FIRST_YEAR, LAST_YEAR, MAX_DECIMALS, MAX_PERIOD_YEARS, MAX_SHORT_TEXT, MAX_TEXT, Range
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

__all__ = ["FormatError", "ValidationError", "from_dict", "loads", "parse_decimal", "parse_json"]

_DECIMAL_TEXT = re.compile(r"^-?([0-9]+)(\.[0-9]+)?$")  # ASCII digits only: Decimal("٣") is 3
_YEAR = re.compile(r"^[0-9]{4}\Z")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # "\ud800" in JSON: not encodable as UTF-8


_T = TypeVar("_T")


class _Reader:
    """Collects errors while reading, so one pass reports every problem."""

    def __init__(self) -> None:
        self.errors: list[FormatError] = []

    def fail(self, place: Path, code: str, **params: Any) -> None:
        # The path is escaped (it names the place); the values are kept as given, the message escapes them.
        error = FormatError(tuple(_escape_surrogates(p) if isinstance(p, str) else p for p in place), code, params)
        if error not in self.errors:  # a missing key is "required" once, not again as empty text
            self.errors.append(error)

    def obj(self, value: Any, place: Path, allowed: tuple[str, ...],
            required: tuple[str, ...] = ()) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(place, "not_object", got=_kind(value))
            return None
        for key in value:
            if key not in allowed:
                self.fail((*place, key), "unknown_key")
        for key in required:
            if key not in value:
                self.fail((*place, key), "required")
        return value

    def items(self, value: Any, place: Path, limit: int) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(place, "not_list", got=_kind(value))
            return []
        if len(value) > limit:
            self.fail(place, "too_many", max=limit, count=len(value))
            return []
        return value

    def text(self, value: Any, place: Path, required: bool = False, limit: int = MAX_SHORT_TEXT) -> str:
        if value is None:
            if required:
                self.fail(place, "required")
            return ""
        if not isinstance(value, str):
            self.fail(place, "not_text", got=_kind(value))
            return ""
        if _LONE_SURROGATE.search(value):
            self.fail(place, "lone_surrogate")
            return ""
        if required and not value.strip():
            self.fail(place, "empty")
        if len(value) > limit:
            self.fail(place, "too_long", max=limit, count=len(value))
        return value

    def choice(self, value: Any, place: Path, choices: tuple[str, ...], default: str) -> str:
        if value is None:
            return default
        if not isinstance(value, str) or value not in choices:
            self.fail(place, "not_choice", choices=tuple(choices), got=_show(value))
            return default
        return value

    def number(self, value: Any, place: Path, bounds: Range, kind: str = "number") -> Decimal | None:
        parsed = parse_decimal(value)
        if parsed is None or not bounds.contains(parsed):
            code = "not_a_number" if parsed is None else "too_large" if parsed > bounds.high else "too_small"
            self.fail(place, code, kind=kind, min=bounds.low, max=bounds.high, min_exclusive=bounds.low_exclusive,
                      got=_show(value))
            return None
        if -int(parsed.as_tuple().exponent) > MAX_DECIMALS:
            self.fail(place, "too_many_decimals", max=MAX_DECIMALS, got=_show(value))
            return None
        return parsed

    def day(self, value: Any, place: Path) -> date | None:
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None and FIRST_YEAR <= parsed.year <= LAST_YEAR:
                return parsed
            if parsed is not None:
                if parsed.year < FIRST_YEAR:
                    self.fail(place, "date_too_early", min=FIRST_YEAR, got=_show(value))
                else:
                    self.fail(place, "date_too_late", max=LAST_YEAR, got=_show(value))
                return None
        self.fail(place, "not_date", got=_show(value))
        return None


def _escape_surrogates(text: str) -> str:
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _kind(value: Any) -> str:
    return {dict: "object", list: "list", str: "text", bool: "boolean", type(None): "null"}.get(type(value), "number")


def _show(value: Any) -> str:
    """The value as written, shortened to 40 characters (the message quotes it)."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, Decimal):  # a JSON number with a fraction: show it as written
        text = str(value)
    else:
        text = json.dumps(value, default=str)
    if len(text) > 40:
        text = text[:37] + "..."
    return text


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


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


class _Constant(ValueError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def parse_json(text: str | bytes) -> Any:
    """JSON as this format reads it: numbers as Decimal, no NaN/Infinity, no key twice; else ValidationError."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant,
                          object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        error = FormatError((), "duplicate_key", {"key": _show(exc.key)})
    except _Constant as exc:
        error = FormatError((), "not_a_number_constant", {"name": exc.name})
    except RecursionError:
        error = FormatError((), "too_deep")
    except json.JSONDecodeError as exc:
        error = FormatError((), "invalid_json", {"reason": exc.msg, "line": exc.lineno, "column": exc.colno,
                                                 "pos": exc.pos})
    except UnicodeDecodeError:  # bytes that are no UTF-8, UTF-16 or UTF-32 JSON text
        error = FormatError((), "not_utf8")
    except ValueError as exc:  # e.g. an integer of more than 4 300 digits
        error = FormatError((), "invalid_json", {"reason": str(exc)})
    raise ValidationError([error])


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object with a key twice is ambiguous (json would silently keep the last one)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _refuse_constant(name: str) -> NoReturn:
    raise _Constant(name)


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
    data = r.obj(data, (), TOP_KEYS, ("format", "version", "title", "period", "budget"))
    if data is None:
        return None
    if "format" in data and data["format"] != FORMAT_NAME:
        r.fail(("format",), "wrong_format", expected=FORMAT_NAME, got=_show(data["format"]))
    version = data.get("version")
    if "version" in data and (isinstance(version, bool) or parse_decimal(version) != FORMAT_VERSION):
        r.fail(("version",), "wrong_version", expected=FORMAT_VERSION, got=_show(version))
    period = _read_period(r, data["period"]) if "period" in data else None
    parties = tuple(_read_list(r, data.get("parties"), ("parties",), _read_party, limits.MAX_PARTIES))
    budget = _read_budget(r, data.get("budget"), period) if "budget" in data else None
    # Read in this order, so the errors come in the document's order.
    title = r.text(data.get("title"), ("title",), required="title" in data)
    language = r.choice(data.get("language"), ("language",), LANGUAGES, "sv")
    kind = r.choice(data.get("kind"), ("kind",), KINDS, "new")
    association = r.text(data.get("association"), ("association",))
    process_owner = r.text(data.get("process_owner"), ("process_owner",))
    sections = _read_sections(r, data.get("sections"))
    risks = tuple(_read_list(r, data.get("risks"), ("risks",), _read_risk, limits.MAX_RISKS))
    signatories = tuple(_read_list(r, data.get("signatories"), ("signatories",), _read_signatory,
                                   limits.MAX_SIGNATORIES))
    effects = tuple(_read_list(r, data.get("effects"), ("effects",), _read_scenario, limits.MAX_SCENARIOS))
    if period is None or budget is None:  # the reader has said why
        return None
    return Application(title=title, period=period, budget=budget, language=language, kind=kind,
                       association=association, process_owner=process_owner, parties=parties,
                       sections=sections, risks=risks, signatories=signatories, effects=effects)


def _read_list(r: _Reader, value: Any, place: Path, read_one: Callable[..., _T | None], limit: int,
               *extra: Any) -> list[_T]:
    out = []
    for i, item in enumerate(r.items(value, place, limit)):
        one = read_one(r, item, (*place, i), *extra)
        if one is not None:
            out.append(one)
    return out


def _read_period(r: _Reader, value: Any) -> Period | None:
    value = r.obj(value, ("period",), ("start", "end"), ("start", "end"))
    if value is None or "start" not in value or "end" not in value:
        return None
    start, end = r.day(value["start"], ("period", "start")), r.day(value["end"], ("period", "end"))
    if start is None or end is None:
        return None
    if start > end:
        r.fail(("period", "end"), "end_before_start", start=start.isoformat())
        return None
    if end.year - start.year > MAX_PERIOD_YEARS or (end.year - start.year == MAX_PERIOD_YEARS
                                                   and (end.month, end.day) >= (start.month, start.day)):
        r.fail(("period", "end"), "period_too_long", max=MAX_PERIOD_YEARS)
        return None
    return Period(start, end)


def _read_party(r: _Reader, value: Any, place: Path) -> Party | None:
    value = r.obj(value, place, ("name", "kind"), ("name",))
    if value is None:
        return None
    return Party(r.text(value.get("name"), (*place, "name"), required=True),
                 r.choice(value.get("kind"), (*place, "kind"), PARTY_KINDS, "other"))


def _read_sections(r: _Reader, value: Any) -> dict[str, str]:
    value = r.obj(value if value is not None else {}, ("sections",), SECTION_KEYS)
    if value is None:
        return {}
    return {key: r.text(value[key], ("sections", key), limit=MAX_TEXT)
            for key in SECTION_KEYS if key in value}


def _whole(r: _Reader, value: Any, place: Path, bounds: Range, kind: str) -> int | None:
    number = r.number(value, place, bounds, kind=kind)
    if number is not None and number != number.to_integral_value():
        r.fail(place, "not_whole", kind=kind, min=bounds.low, max=bounds.high, got=_show(value))
        return None
    return None if number is None else int(number)


def _read_risk(r: _Reader, value: Any, place: Path) -> Risk | None:
    keys = ("area", "party", "description", "likelihood", "consequence", "mitigation")
    value = r.obj(value, place, keys, ("area", "description", "likelihood", "consequence"))
    if value is None:
        return None
    return Risk(
        area=r.text(value.get("area"), (*place, "area"), required=True),
        party=r.text(value.get("party"), (*place, "party")),
        description=r.text(value.get("description"), (*place, "description"), limit=MAX_TEXT),
        likelihood=_whole(r, value.get("likelihood"), (*place, "likelihood"), limits.SCORE, "whole_number") or 1,
        consequence=_whole(r, value.get("consequence"), (*place, "consequence"), limits.SCORE, "whole_number") or 1,
        mitigation=r.text(value.get("mitigation"), (*place, "mitigation"), limit=MAX_TEXT),
    )


def _read_signatory(r: _Reader, value: Any, place: Path) -> Signatory | None:
    value = r.obj(value, place, ("party", "name", "title", "organisation"), ("party", "name"))
    if value is None:
        return None
    return Signatory(
        party=r.text(value.get("party"), (*place, "party"), required=True),
        name=r.text(value.get("name"), (*place, "name"), required=True),
        title=r.text(value.get("title"), (*place, "title")),
        organisation=r.text(value.get("organisation"), (*place, "organisation")),
    )


BUDGET_KEYS = ("proration", "default_social_fee_rate", "staff", "other_costs", "overhead", "baseline")


def _read_budget(r: _Reader, value: Any, period: Period | None) -> Budget | None:
    value = r.obj(value, ("budget",), BUDGET_KEYS)
    if value is None:
        return None
    default_rate = Decimal(0)
    if "default_social_fee_rate" in value:
        default_rate = r.number(value["default_social_fee_rate"], ("budget", "default_social_fee_rate"),
                                limits.SOCIAL_FEE_RATE) or Decimal(0)
    overhead = None
    if value.get("overhead") is not None:
        overhead = _read_overhead(r, value["overhead"])
    baseline = None
    if value.get("baseline") is not None:
        baseline = _read_baseline(r, value["baseline"])
    budget = Budget(
        proration=r.choice(value.get("proration"), ("budget", "proration"), PRORATION_MODES, "half_month"),
        default_social_fee_rate=default_rate,
        staff=tuple(_read_list(r, value.get("staff"), ("budget", "staff"), _read_staff_line,
                               limits.MAX_STAFF_LINES, period)),
        other_costs=tuple(_read_list(r, value.get("other_costs"), ("budget", "other_costs"),
                                     _read_other_cost, limits.MAX_OTHER_COSTS, period)),
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
            r.fail(("budget", "other_costs", i, "label"), "label_is_party", got=_show(cost.label))
    others = {cost.label for cost in budget.other_costs}
    if budget.overhead is not None and budget.overhead.label in parties | others:
        r.fail(("budget", "overhead", "label"), "label_taken", got=_show(budget.overhead.label))


STAFF_KEYS = ("party", "role", "fte", "monthly_salary", "start", "end", "social_fee_rate", "annual_raise")


def _read_staff_line(r: _Reader, value: Any, place: Path, period: Period | None) -> StaffLine | None:
    value = r.obj(value, place, STAFF_KEYS, ("party", "role", "fte", "monthly_salary", "start", "end"))
    if value is None or any(k not in value for k in ("fte", "monthly_salary", "start", "end")):
        return None
    party = r.text(value.get("party"), (*place, "party"), required=True)
    role = r.text(value.get("role"), (*place, "role"), required=True)
    fte = r.number(value["fte"], (*place, "fte"), limits.FTE)
    salary = r.number(value["monthly_salary"], (*place, "monthly_salary"), limits.MONTHLY_SALARY)
    start, end = r.day(value["start"], (*place, "start")), r.day(value["end"], (*place, "end"))
    rate = None
    if value.get("social_fee_rate") is not None:
        rate = r.number(value["social_fee_rate"], (*place, "social_fee_rate"), limits.SOCIAL_FEE_RATE)
    raise_ = _read_raise(r, value["annual_raise"], (*place, "annual_raise")) \
        if value.get("annual_raise") is not None else None
    dates_ok = _check_dates(r, place, start, end, period)
    if fte is None or salary is None or start is None or end is None or not dates_ok:
        return None
    return StaffLine(party, role, fte, salary, start, end, rate, raise_)


def _check_dates(r: _Reader, place: Path, start: date | None, end: date | None,
                 period: Period | None) -> bool:
    if start is None or end is None:
        return False
    if start > end:
        r.fail((*place, "end"), "end_before_start", start=start.isoformat(), got=end.isoformat())
        return False
    if period is not None:
        for key, day in (("start", start), ("end", end)):
            if not period.start <= day <= period.end:
                r.fail((*place, key), "outside_period", start=period.start.isoformat(),
                       end=period.end.isoformat(), got=day.isoformat())
                return False
    return True


def _read_raise(r: _Reader, value: Any, place: Path) -> AnnualRaise | None:
    value = r.obj(value, place, ("rate", "month"), ("rate", "month"))
    if value is None or "rate" not in value or "month" not in value:
        return None
    rate = r.number(value["rate"], (*place, "rate"), limits.RAISE_RATE)
    month = _whole(r, value["month"], (*place, "month"), limits.MONTH, "month")
    if rate is None or month is None:
        return None
    return AnnualRaise(rate, month)


def _read_yearly(r: _Reader, value: Any, place: Path, period: Period | None = None) -> dict[str, Decimal]:
    value = r.obj(value, place, ()) if not isinstance(value, dict) else value
    if value is None:
        return {}
    out = {}
    for year, amount in value.items():
        if not _YEAR.match(str(year)):
            r.fail((*place, year), "not_year_key")
            continue
        if period is not None and not period.start.year <= int(year) <= period.end.year:
            r.fail((*place, year), "year_outside_period", first=period.start.year, last=period.end.year)
            continue
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            r.fail((*place, year), "year_out_of_range", min=FIRST_YEAR, max=LAST_YEAR)
            continue
        number = r.number(amount, (*place, year), limits.AMOUNT, kind="amount")
        if number is not None:
            out[year] = number
    return dict(sorted(out.items()))


def _read_other_cost(r: _Reader, value: Any, place: Path, period: Period | None) -> OtherCost | None:
    value = r.obj(value, place, ("label", "party", "yearly"), ("label", "yearly"))
    if value is None:
        return None
    party = value.get("party")
    return OtherCost(
        label=r.text(value.get("label"), (*place, "label"), required=True),
        yearly=_read_yearly(r, value.get("yearly", {}), (*place, "yearly"), period),
        party=r.text(party, (*place, "party")) or None,
    )


def _read_overhead(r: _Reader, value: Any) -> Overhead | None:
    value = r.obj(value, ("budget", "overhead"), ("label", "rate"), ("rate",))
    if value is None or "rate" not in value:
        return None
    rate = r.number(value["rate"], ("budget", "overhead", "rate"), limits.OVERHEAD_RATE)
    label = r.text(value.get("label"), ("budget", "overhead", "label")) or "Overhead"
    return Overhead(label, rate) if rate is not None else None


def _read_baseline(r: _Reader, value: Any) -> Baseline | None:
    value = r.obj(value, ("budget", "baseline"), ("label", "rows"), ("rows",))
    if value is None:
        return None
    rows = []
    seen: dict[str, Path] = {}
    for i, row in enumerate(r.items(value.get("rows"), ("budget", "baseline", "rows"), limits.MAX_BASELINE_ROWS)):
        place: Path = ("budget", "baseline", "rows", i)
        row = r.obj(row, place, ("label", "yearly"), ("label", "yearly"))
        if row is not None:
            label = r.text(row.get("label"), (*place, "label"), required=True)
            if label in seen:  # rows are matched by label: a second row of one label would be lost
                r.fail((*place, "label"), "duplicate_label", got=_show(label), other=(*seen[label], "label"))
            seen.setdefault(label, place)
            rows.append(BaselineRow(label, _read_yearly(r, row.get("yearly", {}), (*place, "yearly"))))
    _check_baseline_years(r, rows)
    return Baseline(r.text(value.get("label"), ("budget", "baseline", "label")), tuple(rows))


def _check_baseline_years(r: _Reader, rows: list[BaselineRow]) -> None:
    """The baseline is a table with one column per calendar year: at most MAX_YEAR_COLUMNS of them."""
    years = [int(year) for row in rows for year in row.yearly]
    if years and max(years) - min(years) >= limits.MAX_YEAR_COLUMNS:
        r.fail(("budget", "baseline", "rows"), "too_many_years", max=limits.MAX_YEAR_COLUMNS)


EFFECT_ITEM_KEYS = ("label", "persons", "cost_per_day", "months", "days_per_month")


def _read_scenario(r: _Reader, value: Any, place: Path) -> EffectScenario | None:
    value = r.obj(value, place, ("label", "items", "cost"), ("label",))
    if value is None:
        return None
    cost = None
    if value.get("cost") is not None:
        cost = r.number(value["cost"], (*place, "cost"), limits.AMOUNT, kind="amount")
    return EffectScenario(
        label=r.text(value.get("label"), (*place, "label"), required=True),
        items=tuple(_read_list(r, value.get("items"), (*place, "items"), _read_effect_item,
                               limits.MAX_EFFECT_ITEMS)),
        cost=cost,
    )


def _read_effect_item(r: _Reader, value: Any, place: Path) -> EffectItem | None:
    value = r.obj(value, place, EFFECT_ITEM_KEYS, ("label", "persons", "cost_per_day", "months"))
    if value is None or any(k not in value for k in ("persons", "cost_per_day", "months")):
        return None
    label = r.text(value.get("label"), (*place, "label"), required=True)
    persons = r.number(value["persons"], (*place, "persons"), limits.EFFECT_PERSONS)
    per_day = r.number(value["cost_per_day"], (*place, "cost_per_day"), limits.EFFECT_COST_PER_DAY)
    months = r.number(value["months"], (*place, "months"), limits.EFFECT_MONTHS)
    days = r.number(value.get("days_per_month", limits.DEFAULT_DAYS_PER_MONTH), (*place, "days_per_month"),
                    limits.EFFECT_DAYS_PER_MONTH)
    if persons is None or per_day is None or months is None or days is None:
        return None
    return EffectItem(label, persons, per_day, months, days)
