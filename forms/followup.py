"""The period report's form: outcome and forecast per budget row (Swedish numbers, whole kronor), the
participants (whole numbers), the short text answers. The rows depend on the approved budget, so the
fields are read by name from the posted data; every value is bounded before it is parsed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from builder.followup.figures import MAX_ANSWER_CHARS, MAX_PARTICIPANTS, PARTICIPANT_KEYS, QUESTION_KEYS, BudgetRow
from builder.followup.service import ReportInput
from builder.swedish_numbers import MAX_CHARS, parse_swedish_decimal
from builder.textclean import without_control_characters

from .base import BaseForm

MAX_AMOUNT = 10_000_000_000
QUESTIONS = {"progress": _l("Hur har arbetet gått under perioden?"),
             "deviations": _l("Avvikelser mot plan och budget"),
             "changes": _l("Förändringar framåt")}
STAGE_LABELS = {"started": _l("Påbörjat under perioden"), "ongoing": _l("Pågående vid periodens slut"),
                "finished": _l("Avslutat under perioden")}
SEX_LABELS = {"women": _l("Kvinnor"), "men": _l("Män"), "other": _l("Annat/ej angivet")}


# Refusals are stored as a code and its values (kept with the typed input until a save succeeds) and said in
# the language of whoever reads the page.
MESSAGES = {
    "amount": _l("Skriv ett belopp i kronor, t.ex. 31 000."),
    "amount_large": _l("Beloppet är för stort."),
    "whole": _l("Skriv hela kronor (utan ören)."),
    "outcome_too": _l("Skriv utfallet också (0 om raden inte har haft kostnader)."),
    "count": _l("Skriv ett heltal, 0 eller mer."),
    "count_max": _l("Högst %(max)s."),
    "text_max": _l("Högst %(max)s tecken."),
}


def message_text(stored) -> str:
    """The text of a stored refusal ([code, values]); anything unknown is shown as the first message."""
    code, values = (stored[0], stored[1]) if isinstance(stored, list | tuple) and len(stored) == 2 else ("", {})
    text = str(MESSAGES.get(str(code), MESSAGES["amount"]))
    if not isinstance(values, dict) or not values:
        return text
    from builder.formatting import number
    from builder.web.locale import current_language

    values = {k: number(v, current_language()) if isinstance(v, int) else str(v) for k, v in values.items()}
    try:
        return text % values
    except (KeyError, TypeError, ValueError):
        return text


def field_id(prefix: str, key: str) -> str:
    """"amount-staff-0" for the row key "staff:0" (a name that is also a usable id)."""
    return f"{prefix}-{key.replace(':', '-')}"


def participant_name(stage: str, sex: str) -> str:
    return f"{stage}_{sex}"


def answer_name(key: str) -> str:
    return f"answer-{key}"


def _text(formdata, name: str, limit: int) -> tuple[str, bool]:
    """(the posted text, cleaned, cut at limit + 1) and whether it was too long."""
    raw = formdata.get(name, "") or ""
    if not isinstance(raw, str):
        raw = ""
    text = without_control_characters(raw[:limit + 1])
    return text, len(raw) > limit


def parse_amount(text: str) -> tuple[int | None, str]:
    """Whole kronor typed the Swedish way ("31 000", "−1 500 kr"); (None, "") when empty, else a code."""
    cleaned = text.strip().removesuffix("kr").strip()
    if not cleaned:
        return None, ""
    value = parse_swedish_decimal(cleaned) if len(cleaned) <= MAX_CHARS else None
    if value is None:
        return None, "amount"
    if abs(value) > MAX_AMOUNT:
        return None, "amount_large"
    if value != value.to_integral_value():
        return None, "whole"
    return int(value), ""


def read_report(formdata, rows: tuple[BudgetRow, ...]) -> tuple[ReportInput, dict[str, str], dict[str, list]]:
    """(what to save, every posted value by field name, refusals by field name as [code, values])."""
    values: dict[str, str] = {}
    errors: dict[str, list] = {}
    amounts: dict[str, int | None] = {}
    forecasts: dict[str, int | None] = {}
    for row in rows:
        for prefix, target in (("amount", amounts), ("forecast", forecasts)):
            name = field_id(prefix, row.key)
            text, too_long = _text(formdata, name, MAX_CHARS)
            values[name] = text
            value, code = parse_amount(text) if not too_long else (None, "amount")
            if code:
                errors[name] = [code, {}]
            target[row.key] = value
        if amounts[row.key] is None and forecasts[row.key] is not None and field_id("amount", row.key) not in errors:
            errors[field_id("amount", row.key)] = ["outcome_too", {}]
    participants: dict[str, int] = {}
    for stage, sex in PARTICIPANT_KEYS:
        name = participant_name(stage, sex)
        text, too_long = _text(formdata, name, 12)
        values[name] = text
        cleaned = text.strip()
        if not cleaned:
            participants[name] = 0
        elif too_long or not (cleaned.isascii() and cleaned.isdigit()):
            errors[name] = ["count", {}]
        elif int(cleaned) > MAX_PARTICIPANTS:
            errors[name] = ["count_max", {"max": MAX_PARTICIPANTS}]
        else:
            participants[name] = int(cleaned)
    answers: dict[str, str] = {}
    for key in QUESTION_KEYS:
        name = answer_name(key)
        text, too_long = _text(formdata, name, MAX_ANSWER_CHARS)
        values[name] = text
        if too_long:
            errors[name] = ["text_max", {"max": MAX_ANSWER_CHARS}]
        answers[key] = text.strip()
    return ReportInput(amounts, forecasts, participants, answers), values, errors



class ReviewCommentForm(BaseForm):
    body = TextAreaField(_l("Kommentar"), [DataRequired(_l("Skriv en kommentar.")), Length(max=10_000)],
                         render_kw={"rows": 3})
    internal = BooleanField(_l("Intern anteckning (syns inte för sökande)"))
    lock_version = HiddenField()


class ReportChangesForm(BaseForm):
    comment = TextAreaField(_l("Vad behöver ändras?"),
                            [DataRequired(_l("Skriv vad som behöver ändras i rapporten.")), Length(max=10_000)],
                            render_kw={"rows": 3})
    lock_version = HiddenField()


class ReportApproveForm(BaseForm):
    comment = TextAreaField(_l("Kommentar (syns i historiken)"), [Optional(), Length(max=10_000)],
                            render_kw={"rows": 2})
    lock_version = HiddenField()


__all__ = ["ReportApproveForm", "ReportChangesForm", "ReviewCommentForm", "read_report"]
