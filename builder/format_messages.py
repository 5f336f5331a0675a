"""The application format's errors (builder/appformat/errors.py) as text, in Swedish or English.

Used at every edge that shows them: the command line, the import page, the wizard and the review
panels. Swedish names the place in words and adds the format's own path ("Personalrad 3,
tjänstgöringsgrad (budget.staff[2].fte): …"); English keeps the format's path ("budget.staff[2].fte: …").
The catalogue is the gettext domain `appformat` (`scripts/i18n appformat builder/format_messages.py`).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from builder.appformat.errors import FormatError, Path, place_text
from builder.formatting import decimal as format_decimal
from builder.i18n import gettext_for

DOMAIN = "appformat"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8: shown as \\udc80


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is used."""
    return message


_FILE_CODES = ("invalid_json", "duplicate_key", "not_a_number_constant", "too_deep", "not_utf8")

_PROBLEMS = {
    "invalid_json": N_("inte giltig JSON: %(reason)s: rad %(line)s kolumn %(column)s (tecken %(pos)s)"),
    "duplicate_key": N_("inte giltig JSON: nyckeln %(key)s förekommer två gånger i samma objekt"),
    "not_a_number_constant": N_("inte giltig JSON: %(name)s är inget tal"),
    "too_deep": N_("inte giltig JSON: för djupt nästlad"),
    "not_utf8": N_("inte giltig JSON: texten är inte UTF-8"),
    "not_object": N_("måste vara ett objekt, inte %(got)s"),
    "not_list": N_("måste vara en lista, inte %(got)s"),
    "not_text": N_("måste vara text, inte %(got)s"),
    "unknown_key": N_("okänd nyckel"),
    "required": N_("måste finnas"),
    "empty": N_("får inte vara tomt"),
    "lone_surrogate": N_("måste vara giltig Unicode-text, den har ett ensamt surrogattecken (\\ud800–\\udfff)"),
    "too_long": N_("högst %(max)s tecken, inte %(count)s"),
    "too_many": N_("högst %(max)s rader, inte %(count)s"),
    "not_choice": N_("måste vara ett av %(choices)s, inte %(got)s"),
    "too_many_decimals": N_("högst %(max)s decimaler, inte %(got)s"),
    "not_date": N_("måste vara ett datum ÅÅÅÅ-MM-DD, inte %(got)s"),
    "date_too_early": N_("måste vara ett datum från år %(min)s, inte %(got)s"),
    "date_too_late": N_("måste vara ett datum till och med år %(max)s, inte %(got)s"),
    "period_too_long": N_("en period får vara högst %(max)s år lång"),
    "outside_period": N_("måste ligga inom perioden %(start)s – %(end)s, inte %(got)s"),
    "not_year_key": N_("en nyckel måste vara ett årtal ÅÅÅÅ"),
    "year_outside_period": N_("måste vara ett år inom perioden %(first)s–%(last)s"),
    "year_out_of_range": N_("måste vara ett år från %(min)s till %(max)s"),
    "too_many_years": N_("tabellen får omfatta högst %(max)s år"),
    "wrong_format": N_("måste vara %(expected)s, inte %(got)s"),
    "wrong_version": N_("måste vara %(expected)s, inte %(got)s"),
    "duplicate_label": N_("måste vara unik, %(got)s finns också i %(other)s"),
    "label_is_party": N_("får inte vara samma som en parts namn i personalbudgeten, inte %(got)s"),
    "label_taken": N_("får inte vara samma som en parts eller en övrig kostnads benämning, inte %(got)s"),
}
# A number outside its range: (kind, lower bound exclusive) → message.
_RANGES = {
    ("number", False): N_("måste vara ett tal minst %(min)s och högst %(max)s, inte %(got)s"),
    ("number", True): N_("måste vara ett tal större än %(min)s och högst %(max)s, inte %(got)s"),
    ("whole_number", False): N_("måste vara ett heltal minst %(min)s och högst %(max)s, inte %(got)s"),
    ("amount", False): N_("måste vara ett belopp minst %(min)s och högst %(max)s, inte %(got)s"),
    ("month", False): N_("måste vara ett månadsnummer minst %(min)s och högst %(max)s, inte %(got)s"),
}
_NOT_WHOLE = {
    "whole_number": N_("måste vara ett heltal från %(min)s till %(max)s, inte %(got)s"),
    "month": N_("måste vara ett helt månadsnummer %(min)s–%(max)s, inte %(got)s"),
}
_END_BEFORE_START = (N_("får inte vara före startdatumet %(start)s"),
                     N_("får inte vara före startdatumet %(start)s, inte %(got)s"))
_INVALID_JSON_ELSEWHERE = N_("inte giltig JSON: %(reason)s")
_KINDS = {"object": N_("ett objekt"), "list": N_("en lista"), "text": N_("text"), "boolean": N_("sant/falskt"),
          "null": N_("null"), "number": N_("ett tal")}
# The JSON decoder's reasons (json.JSONDecodeError.msg).
_JSON_REASONS = {
    "Expecting value": N_("ett värde väntas"),
    "Expecting ',' delimiter": N_("ett kommatecken väntas"),
    "Expecting ':' delimiter": N_("ett kolon väntas"),
    "Expecting property name enclosed in double quotes": N_("en nyckel inom dubbla citattecken väntas"),
    "Unterminated string starting at": N_("en text som aldrig avslutas börjar"),
    "Invalid control character at": N_("ett otillåtet styrtecken"),
    "Invalid \\escape": N_("en ogiltig \\-sekvens"),
    "Invalid \\uXXXX escape": N_("en ogiltig \\uXXXX-sekvens"),
    "Extra data": N_("mer text efter JSON-värdet"),
}

# Places in words (Swedish only: English shows the format's path).
_ROWS = {"parties": N_("part %(n)s"), "risks": N_("risk %(n)s"), "signatories": N_("firmatecknare %(n)s"),
         "effects": N_("scenario %(n)s"), "items": N_("insats %(n)s"), "staff": N_("personalrad %(n)s"),
         "other_costs": N_("övrig kostnad %(n)s"), "rows": N_("rad %(n)s")}
_NAMES = {"title": "projektets namn", "period": "projektperiod", "start": "startdatum", "end": "slutdatum",
          "budget": "budget", "baseline": "tidigare beviljad budget", "overhead": "overhead",
          "fte": "tjänstgöringsgrad", "monthly_salary": "månadslön", "social_fee_rate": "sociala avgifter",
          "default_social_fee_rate": "sociala avgifter (standard)", "annual_raise": "årlig löneökning",
          "rate": "andel", "month": "månad", "label": "benämning", "yearly": "belopp", "party": "part",
          "role": "roll", "name": "namn", "kind": "typ", "area": "område", "description": "beskrivning",
          "likelihood": "sannolikhet", "consequence": "konsekvens", "mitigation": "åtgärd",
          "organisation": "organisation", "association": "samordningsförbund", "process_owner": "processägare",
          "sections": "avsnitt", "language": "språk", "proration": "delmånader", "persons": "antal personer",
          "cost_per_day": "kostnad per dygn", "months": "antal månader", "days_per_month": "dygn per månad",
          "cost": "kostnad", "format": "format", "version": "version", "parties": "parter", "risks": "risker",
          "signatories": "firmatecknare", "effects": "effektscenarier", "items": "insatser",
          "staff": "personalrader", "other_costs": "övriga kostnader", "rows": "rader"}


def _quoted(text: str, language: str) -> str:
    return json.dumps(text, ensure_ascii=False) if language == "en" else f"”{text}”"


def _number(value: object, language: str) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if language == "en" else format_decimal(value, "sv")
    return str(value)


def _values(error: FormatError, language: str, _: Callable[..., str]) -> dict[str, object]:
    params = dict(error.params)
    out: dict[str, object] = {k: _number(v, language) for k, v in params.items()}
    got = params.get("got")
    if error.code in ("not_object", "not_list", "not_text"):
        out["got"] = _(_KINDS[str(got)])
    elif got is not None and error.code not in ("end_before_start", "outside_period"):  # dates stay bare
        out["got"] = _quoted(str(got), language)
    if "choices" in params:
        out["choices"] = ", ".join(_quoted(str(c), language) for c in params["choices"])
    if error.code == "wrong_format":
        out["expected"] = _quoted(str(params["expected"]), language)
    if error.code == "duplicate_key":
        out["key"] = _quoted(str(params["key"]), language)
    if error.code == "duplicate_label":
        out["other"] = place(params["other"], language)
    if error.code == "invalid_json":
        reason = str(params.get("reason", ""))
        out.update(reason=_(_JSON_REASONS[reason]) if reason in _JSON_REASONS else reason,
                   line=params.get("line", "?"), column=params.get("column", "?"), pos=params.get("pos", "?"))
    return out


def _message_id(error: FormatError) -> str:
    params = error.params
    if error.code in ("not_a_number", "too_small", "too_large"):
        key = (params.get("kind", "number"), bool(params.get("min_exclusive")))
        return _RANGES.get(key, _RANGES["number", key[1]])
    if error.code == "not_whole":
        return _NOT_WHOLE.get(params.get("kind", "whole_number"), _NOT_WHOLE["whole_number"])
    if error.code == "invalid_json" and "line" not in params:
        return _INVALID_JSON_ELSEWHERE
    if error.code == "end_before_start":
        return _END_BEFORE_START["got" in params]
    return _PROBLEMS[error.code]


def problem(error: FormatError, language: str = "sv") -> str:
    """What is wrong, without the place: "högst 10 …" / "at most 10 …"."""
    _ = gettext_for(language, DOMAIN)
    text = _(_message_id(error), **_values(error, language, _))
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def place(path: Path, language: str = "sv", code: str = "") -> str:
    """Where: "Personalrad 3, tjänstgöringsgrad (budget.staff[2].fte)" / "budget.staff[2].fte"."""
    _ = gettext_for(language, DOMAIN)
    if not path:
        return _(N_("(filen)")) if code in _FILE_CODES else _(N_("(hela filen)"))
    technical = place_text(path)
    if language == "en":
        return technical
    words: list[str] = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            row = _ROWS.get(str(path[i - 1]) if i else "")
            if row:
                words[-1:] = [_(row, n=part + 1)]
        elif path[:i] == ("sections",):
            from builder.appformat.model import SECTION_TITLES

            words.append(SECTION_TITLES.get(part, part).lower())
        elif part in _NAMES:
            words.append(_NAMES[part])
        else:
            words.append(part)
    text = ", ".join(w for w in words if w)
    return f"{text[:1].upper()}{text[1:]} ({technical})"


def message(error: FormatError, language: str = "sv") -> str:
    """Place and problem: the line the command line prints and the import page lists."""
    return f"{place(error.path, language, error.code)}: {problem(error, language)}"


def messages(errors: Iterable[FormatError], language: str = "sv") -> list[str]:
    return [message(error, language) for error in errors]


# At a form field some problems read better in the form's words.
_FIELD_PROBLEMS = {
    "required": N_("Fyll i det här fältet."),
    "empty": N_("Fyll i det här fältet."),
    "duplicate_label": N_("Varje rad behöver en egen benämning."),
    "label_is_party": N_("Benämningen får inte vara samma som en parts eller en annan rads."),
    "label_taken": N_("Benämningen får inte vara samma som en parts eller en annan rads."),
}


def field_message(error: FormatError, language: str = "sv") -> str:
    """The problem as a sentence shown at the form field that holds the value."""
    if error.code in _FIELD_PROBLEMS:
        return gettext_for(language, DOMAIN)(_FIELD_PROBLEMS[error.code])
    text = problem(error, language)
    return f"{text[:1].upper()}{text[1:]}."


def file_unreadable(path: str, reason: str, language: str = "sv") -> str:
    """A file that cannot be opened (the reason is the operating system's)."""
    return gettext_for(language, DOMAIN)(N_("%(path)s: filen kan inte läsas: %(reason)s"), path=path, reason=reason)


def file_not_utf8(path: str, language: str = "sv") -> str:
    return gettext_for(language, DOMAIN)(N_("%(path)s: inte UTF-8-text"), path=path)


def export_refused(language: str = "sv") -> str:
    """The heading of a refused signed-ready export on the command line (the gaps follow, one a line)."""
    return gettext_for(language, DOMAIN)(N_("Exporten nekades: ansökan är inte klar för underskrift (använd --draft "
                                            "för ett märkt utkast):"))
