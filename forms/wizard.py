"""One form class per wizard step (the review step has none)."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import FormField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from builder.appformat import SECTION_TITLES, limits
from builder.formatting import decimal as format_decimal

from .base import BaseForm, RowForm, select_choices
from .fields import RateField, RowList, SwedishDateField, SwedishDecimalField, YearField

TEXT = [Optional(), Length(max=limits.MAX_TEXT)]
SHORT = [Optional(), Length(max=limits.MAX_SHORT_TEXT)]
MAX_YEAR_COLUMNS = limits.MAX_YEAR_COLUMNS  # one amount input per year
PARTY = [Length(max=limits.MAX_SHORT_TEXT)]  # the choices include whatever was posted (a renamed party stays)
KIND_CHOICES = select_choices([("new", _l("Ny ansökan")), ("extension", _l("Utökning")),
                               ("continuation", _l("Fortsättning"))])
PARTY_KIND_CHOICES = select_choices([("municipality", _l("Kommun")), ("region", _l("Region (t.ex. vårdcentral)")),
                                     ("social_insurance", _l("Försäkringskassan")),
                                     ("employment_service", _l("Arbetsförmedlingen")), ("other", _l("Annan"))])
PRORATION_CHOICES = select_choices([("half_month", _l("Halva månader (som i Excel-mallen)")),
                                    ("day", _l("Exakt per dag")), ("month", _l("Hela månader"))])
SCORE_CHOICES = select_choices((str(i), str(i)) for i in range(int(limits.SCORE.low), int(limits.SCORE.high) + 1))
MONTH_CHOICES = select_choices([("", _l("Ingen"))] + [(str(i), str(i)) for i in
                                                      range(int(limits.MONTH.low), int(limits.MONTH.high) + 1)])
_YEARS = {"minimum": Decimal(limits.FIRST_YEAR), "maximum": Decimal(limits.LAST_YEAR)}


def _bounds(bounds: limits.Range) -> dict:
    """A field's minimum and maximum from the format's limits (a value greater than 0: the least one typed)."""
    return {"minimum": bounds.least, "maximum": bounds.high}


def _section(key: str, hint=None) -> TextAreaField:
    """A narrative section's text area, labelled with the format's one section title."""
    return TextAreaField(_l(SECTION_TITLES[key]), TEXT, description=hint or "")


class FteField(SwedishDecimalField):
    """A job share typed as "0,5", "50 %" or "50%" (a percent sign means hundredths), greater than 0 (the format's
    rule, which the range message says in words); more than 1,0 is a warning."""

    def range_message(self):
        return _l("Skriv en tjänstgöringsgrad större än 0 och högst %(high)s.", high=format_decimal(self.maximum))

    def convert(self, value: Decimal, percent: bool) -> Decimal:
        return value / 100 if percent else value

    def post_validate(self, form, validation_stopped):
        self.warnings = []
        if self.decimal is not None and self.decimal > 1:
            self.warnings.append(_l("Mer än heltid – stämmer det?"))


class AssociationField(SelectField):
    """The association an application goes to: one of the active associations (the value is its id; the
    step sets the choices). Empty is allowed while drafting; submission needs one (builder/readiness.py)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, choices=[], validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data and str(self.data) not in {str(choice.value) for choice in self.choices}:
            raise ValidationError(_l("Välj ett samordningsförbund i listan."))


class ProjectForm(BaseForm):
    title = StringField(_l("Projektets namn"),
                        [DataRequired(_l("Ange projektets namn.")), Length(max=limits.MAX_SHORT_TEXT)])
    kind = SelectField(_l("Typ av ansökan"), choices=KIND_CHOICES, default="new")
    association = AssociationField(_l("Samordningsförbund"))
    period_start = SwedishDateField(_l("Startdatum"), required=True)
    period_end = SwedishDateField(_l("Slutdatum"), required=True)

    def validate_period_end(self, field):
        start, end = self.period_start.date, field.date
        if start and end:
            if end < start:
                raise ValidationError(_l("Slutdatum kan inte vara före startdatum."))
            if (end.year - start.year, end.month, end.day) >= (limits.MAX_PERIOD_YEARS, start.month, start.day):
                raise ValidationError(_l("En projektperiod kan vara högst %(n)s år.", n=limits.MAX_PERIOD_YEARS))


class PartyForm(RowForm):
    name = StringField(_l("Part"), SHORT)
    kind = SelectField(_l("Typ av part"), choices=PARTY_KIND_CHOICES, default="municipality")
    original = HiddenField()  # the stored name: a changed name renames the party everywhere in the draft


class PartiesForm(BaseForm):
    parties = RowList(FormField(PartyForm), min_entries=1, max_entries=limits.MAX_PARTIES)
    # One of the parties as typed on the page (choices set by the step); checked in check_process_owner.
    process_owner = SelectField(_l("Processägare (part som äger projektet)"), PARTY, choices=[],
                                validate_choice=False)


class BackgroundForm(BaseForm):
    background = _section("background")
    preparation = _section("process")  # "process" is a form method name in WTForms
    target_group = _section("target_group")
    child_rights = _section("child_rights")


class EffectItemForm(RowForm):
    label = StringField(_l("Insats som undviks eller förkortas"), SHORT)
    persons = SwedishDecimalField(_l("Antal personer"), **_bounds(limits.EFFECT_PERSONS))
    cost_per_day = SwedishDecimalField(_l("Kostnad per dygn (kr)"), **_bounds(limits.EFFECT_COST_PER_DAY))
    months = SwedishDecimalField(_l("Antal månader"), **_bounds(limits.EFFECT_MONTHS))
    days_per_month = SwedishDecimalField(_l("Dygn per månad"), **_bounds(limits.EFFECT_DAYS_PER_MONTH))


class ScenarioForm(RowForm):
    label = StringField(_l("Scenario"), SHORT)
    cost = SwedishDecimalField(_l("Kostnad att jämföra med (tomt = projektets budget)"),
                               **_bounds(limits.AMOUNT))
    items = RowList(FormField(EffectItemForm), min_entries=1, max_entries=limits.MAX_EFFECT_ITEMS)


class GoalsForm(BaseForm):
    goals = _section("goals")
    scenarios = RowList(FormField(ScenarioForm), min_entries=0, max_entries=limits.MAX_SCENARIOS)


class TimelineForm(BaseForm):
    timeline = _section("timeline")
    activities = _section("activities")


class OrganisationForm(BaseForm):
    owner = _section("owner")
    steering_group = _section("steering_group")
    follow_up = _section("follow_up", _l("T.ex. SUS/Uppföljning Finsam, extern utvärdering."))
    implementation = _section("implementation")
    other = _section("other")


def _filled_when(needed, given, message) -> bool:
    """A row where `given` is filled in needs `needed` too; else the message goes to `needed`."""
    if (given.data or "").strip() and not (needed.data or "").strip():
        needed.errors = [*needed.errors, message]
        return False
    return True


class RiskForm(RowForm):
    area = StringField(_l("Område"), SHORT)
    party = SelectField(_l("Lyfts av part"), PARTY, choices=[], validate_choice=False)
    description = TextAreaField(_l("Risk"), TEXT, render_kw={"rows": 2})
    likelihood = SelectField(_l("Sannolikhet (1–4)"), choices=SCORE_CHOICES, default="2")
    consequence = SelectField(_l("Konsekvens (1–4)"), choices=SCORE_CHOICES, default="2")
    mitigation = TextAreaField(_l("Åtgärd"), TEXT, render_kw={"rows": 2})

    def validate(self, extra_validators=None):
        """A described risk needs its area (a risk row without one is no valid application)."""
        ok = super().validate(extra_validators)
        return _filled_when(self.area, self.description, _l("Fyll i det här fältet.")) and ok


class RisksForm(BaseForm):
    risks = RowList(FormField(RiskForm), min_entries=0, max_entries=limits.MAX_RISKS)


class StaffLineForm(RowForm):
    party = SelectField(_l("Part"), PARTY, choices=[], validate_choice=False)
    role = StringField(_l("Roll"), SHORT)
    fte = FteField(_l("Tjänstgöringsgrad (heltid = 1)"), **_bounds(limits.FTE),
                   message=_l("Skriv tjänstgöringsgraden som ett tal eller i procent, t.ex. 0,6 eller 50 %."))
    monthly_salary = SwedishDecimalField(_l("Månadslön (kr)"), **_bounds(limits.MONTHLY_SALARY))
    social_fee_rate = RateField(_l("Sociala avgifter (tomt = standard)"), **_bounds(limits.SOCIAL_FEE_RATE))
    start = SwedishDateField(_l("Från"))
    end = SwedishDateField(_l("Till"))
    raise_rate = RateField(_l("Årlig löneökning"), **_bounds(limits.RAISE_RATE))
    raise_month = SelectField(_l("från månad"), choices=MONTH_CHOICES, default="")


class OtherCostForm(RowForm):
    label = StringField(_l("Kostnad"), SHORT)
    party = SelectField(_l("Part"), PARTY, choices=[], validate_choice=False)
    amounts = RowList(SwedishDecimalField(_l("Belopp"), **_bounds(limits.AMOUNT)), max_entries=MAX_YEAR_COLUMNS)


class BaselineRowForm(RowForm):
    label = StringField(_l("Rad"), SHORT)
    amounts = RowList(SwedishDecimalField(_l("Belopp"), **_bounds(limits.AMOUNT)), max_entries=MAX_YEAR_COLUMNS)


class BudgetForm(BaseForm):
    proration = SelectField(_l("Delmånader räknas som"), choices=PRORATION_CHOICES, default="half_month")
    default_social_fee_rate = RateField(_l("Sociala avgifter / PO-pålägg (standard)"),
                                        **_bounds(limits.SOCIAL_FEE_RATE))
    staff = RowList(FormField(StaffLineForm), min_entries=0, max_entries=limits.MAX_STAFF_LINES)
    other_costs = RowList(FormField(OtherCostForm), min_entries=0, max_entries=limits.MAX_OTHER_COSTS)
    overhead_label = StringField(_l("Benämning på overhead"), SHORT)
    overhead_rate = RateField(_l("Overhead (andel av personalkostnaden)"), **_bounds(limits.OVERHEAD_RATE))
    baseline_label = StringField(_l("Benämning på tidigare beviljad budget"), SHORT)
    baseline_first_year = YearField(_l("Första år"), **_YEARS)
    baseline_last_year = YearField(_l("Sista år"), **_YEARS)
    baseline_rows = RowList(FormField(BaselineRowForm), min_entries=0, max_entries=limits.MAX_BASELINE_ROWS)

    def validate_baseline_last_year(self, field):
        """The years decide the amount columns: reversed or too many would drop or overflow the typed amounts."""
        first, last = self.baseline_first_year.year(), field.year()
        if first is None or last is None:
            return
        if last < first:
            raise ValidationError(_l("Sista året kan inte vara före första året."))
        if last - first >= MAX_YEAR_COLUMNS:
            raise ValidationError(_l("Högst %(n)s år.", n=MAX_YEAR_COLUMNS))


class SignatoryForm(RowForm):
    party = SelectField(_l("Part"), PARTY, choices=[], validate_choice=False)
    name = StringField(_l("Namn"), SHORT)
    title = StringField(_l("Befattning"), SHORT)
    organisation = StringField(_l("Organisation"), SHORT)

    def validate(self, extra_validators=None):
        """A named signatory signs for a party (without one the application is not valid)."""
        ok = super().validate(extra_validators)
        return _filled_when(self.party, self.name, _l("Välj part.")) and ok


class SignatoriesForm(BaseForm):
    signatories = RowList(FormField(SignatoryForm), min_entries=0, max_entries=limits.MAX_SIGNATORIES)
