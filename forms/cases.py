"""Forms of case handling: case data, meetings, agenda, the beredningsgrupp's recommendation, the decision."""
from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .base import BaseForm, select_choices
from .fields import SwedishDateField, SwedishDecimalField
from .review import TransitionForm

TARGET_GROUP_MAX = 300  # builder.cases.national.TARGET_GROUP_MAX, Case.target_group's column
PARTICIPANTS_MAX = Decimal(100_000)  # builder.cases.national.PARTICIPANTS_MAX

MAX_AMOUNT = Decimal(1_000_000_000)
_PARAGRAPH = re.compile(r"§?\s*([0-9]{1,4})\s*([a-z]?)", re.IGNORECASE)


def recommendation_choices(blank: bool = False) -> list:
    choices = [("grant", _l("Bevilja")), ("reject", _l("Avslå")), ("complete", _l("Komplettera"))]
    return select_choices([("", _l("Ingen ännu"))] + choices if blank else choices)


def focus_choices() -> list:
    """The insats's focus as Uppföljning Finsam names it (keys: builder.cases.national.FOCUS_KEYS)."""
    return select_choices([("", _l("Inte angiven")), ("individ", _l("Individinriktad")),
                           ("struktur", _l("Strukturinriktad")),
                           ("individ_struktur", _l("Individ- och strukturinriktad"))])


class CaseDataForm(BaseForm):
    """Case data; `case_data_form` adds a planned-participants field per year of the period."""

    officer = SelectField(_l("Handläggare"), choices=[], validate_choice=True)
    due_date = SwedishDateField(_l("Svara senast"))
    officer_recommendation = SelectField(_l("Handläggarens förslag"), choices=recommendation_choices(blank=True))
    officer_note = TextAreaField(_l("Motivering (syns i kallelsen)"), [Optional(), Length(max=5_000)],
                                 render_kw={"rows": 3})
    focus = SelectField(_l("Inriktning (Uppföljning Finsam)"), choices=focus_choices(), default="")
    target_group = StringField(_l("Målgrupp"), [Optional(), Length(max=TARGET_GROUP_MAX)])

    def planned_fields(self) -> list[tuple[int, SwedishDecimalField]]:
        return [(int(name[len("planned_"):]), field) for name, field in self._fields.items()
                if name.startswith("planned_")]

    def planned(self) -> dict[int, int | None]:
        """Planned participants per year (None: left empty)."""
        return {year: int(field.decimal) if field.decimal is not None else None
                for year, field in self.planned_fields()}


class ChangeRequestForm(TransitionForm):
    """"Begär komplettering": the text is what the lead is asked to fix, so it is required."""

    comment = TextAreaField(_l("Vad behöver kompletteras?"),
                            [DataRequired(_l("Skriv vad som behöver kompletteras.")), Length(max=10_000)],
                            render_kw={"rows": 3})


class MeetingForm(BaseForm):
    # The association whose meeting it is: one of the user's (choices set by the route).
    association = SelectField(_l("Samordningsförbund"), choices=[],
                              validate_choice=True)
    kind = SelectField(_l("Organ"), choices=select_choices(
        [("beredning", _l("Beredningsgrupp")), ("styrelse", _l("Styrelse"))]))
    date = SwedishDateField(_l("Datum"), required=True)
    place = StringField(_l("Plats"), [DataRequired(_l("Ange var mötet hålls.")), Length(max=300)])


class AgendaForm(BaseForm):
    application_id = SelectField(_l("Ärende"), choices=[], validate_choice=True)


class RecommendationForm(BaseForm):
    recommendation = SelectField(_l("Rekommendation"), choices=recommendation_choices())
    note = TextAreaField(_l("Motivering"), [Optional(), Length(max=5_000)], render_kw={"rows": 2})


class BoardDecisionForm(BaseForm):
    """The styrelse's decision; one amount field per budget year is added by `board_decision_form`."""

    version = HiddenField()  # the newest version's number when the page was made: a stale decision is refused
    decision = SelectField(_l("Beslut"), choices=select_choices(
        [("approve", _l("Bevilja")), ("reject", _l("Avslå"))]))
    paragraph = StringField(_l("Protokollsparagraf (§)"), [DataRequired(_l("Ange paragrafen i protokollet, "
                                                                           "t.ex. § 12.")), Length(max=20)])
    decision_date = SwedishDateField(_l("Beslutsdatum"), required=True, not_future=True)
    conditions = TextAreaField(_l("Villkor"), [Optional(), Length(max=5_000)], render_kw={"rows": 3})
    comment = TextAreaField(_l("Kommentar (syns i historiken)"), [Optional(), Length(max=5_000)],
                            render_kw={"rows": 2})

    def validate_paragraph(self, field):
        match = _PARAGRAPH.fullmatch((field.data or "").strip())
        if not match:
            raise ValidationError(_l("Skriv paragrafen som ett nummer, t.ex. § 12."))
        field.data = f"§ {int(match.group(1))}{match.group(2).lower()}"

    def amount_fields(self) -> list[tuple[str, SwedishDecimalField]]:
        return [(name[len("amount_"):], field) for name, field in self._fields.items() if name.startswith("amount_")]

    def amounts(self) -> dict[str, int]:
        """The approved amount per year (empty years left out)."""
        return {year: int(field.decimal) for year, field in self.amount_fields() if field.decimal}

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok and self.decision.data == "approve" and not self.amounts():
            first = self.amount_fields()[0][1] if self.amount_fields() else self.decision
            first.errors = [*first.errors, _l("Ange beviljat belopp för minst ett år.")]
            return False
        return ok


class KronorField(SwedishDecimalField):
    """Whole kronor: "1 041 600" (öre are refused, a decision is in whole kronor)."""

    def convert(self, value: Decimal, percent: bool) -> Decimal:
        if percent or value != value.to_integral_value():
            raise ValueError(value)
        return value


def board_decision_form(years: list[str], applied: dict[str, int], **kwargs) -> BoardDecisionForm:
    """The decision form with one whole-kronor field per year, pre-filled with the amount applied for."""
    class Form(BoardDecisionForm):
        pass

    for year in years:
        setattr(Form, f"amount_{year}", KronorField(
            _l("Beviljat belopp %(year)s (kr)", year=year), minimum=Decimal(0), maximum=MAX_AMOUNT,
            default=str(applied.get(year, "")), message=_l("Skriv ett belopp i hela kronor, t.ex. 1 041 600.")))
    return Form(**kwargs)


class CountField(KronorField):
    """A whole number of people: "25", "1 200"."""


def case_data_form(years: list[int], planned: dict[int, int | None], **kwargs) -> CaseDataForm:
    """The case data form with a planned-participants field per year (pre-filled with what is registered)."""
    class Form(CaseDataForm):
        pass

    for year in years:
        value = planned.get(year)
        setattr(Form, f"planned_{year}", CountField(
            _l("Planerade deltagare %(year)s", year=year), minimum=Decimal(0), maximum=PARTICIPANTS_MAX,
            default="" if value is None else str(value),
            message=_l("Skriv ett helt antal deltagare, t.ex. 25.")))
    return Form(**kwargs)
