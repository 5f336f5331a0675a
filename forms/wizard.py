"""One form class per wizard step (the review step has none)."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .base import BaseForm, RowForm, select_choices
from .fields import RateField, RowList, SwedishDateField, SwedishDecimalField, YearField

TEXT = [Optional(), Length(max=100_000)]
SHORT = [Optional(), Length(max=500)]
MAX_YEAR_COLUMNS = 20  # one amount input per year: a baseline spans at most this many years
PARTY = [Length(max=500)]  # the choices include whatever was posted (a renamed party stays selectable)
KIND_CHOICES = select_choices([("new", _l("Ny ansökan")), ("extension", _l("Utökning")),
                               ("continuation", _l("Fortsättning"))])
PARTY_KIND_CHOICES = select_choices([("municipality", _l("Kommun")), ("region", _l("Region (t.ex. vårdcentral)")),
                                     ("social_insurance", _l("Försäkringskassan")),
                                     ("employment_service", _l("Arbetsförmedlingen")), ("other", _l("Annan"))])
PRORATION_CHOICES = select_choices([("half_month", _l("Halva månader (som i Excel-mallen)")),
                                    ("day", _l("Exakt per dag")), ("month", _l("Hela månader"))])
SCORE_CHOICES = select_choices((str(i), str(i)) for i in range(1, 5))
MONTH_CHOICES = select_choices([("", _l("Ingen"))] + [(str(i), str(i)) for i in range(1, 13)])


class ProjectForm(BaseForm):
    title = StringField(_l("Projektets namn"), [DataRequired(_l("Ange projektets namn.")), Length(max=500)])
    kind = SelectField(_l("Typ av ansökan"), choices=KIND_CHOICES, default="new")
    association = StringField(_l("Samordningsförbund"), SHORT)
    period_start = SwedishDateField(_l("Startdatum"), required=True)
    period_end = SwedishDateField(_l("Slutdatum"), required=True)

    def validate_period_end(self, field):
        start, end = self.period_start.date, field.date
        if start and end:
            if end < start:
                raise ValidationError(_l("Slutdatum kan inte vara före startdatum."))
            if (end.year - start.year, end.month, end.day) >= (15, start.month, start.day):
                raise ValidationError(_l("En projektperiod kan vara högst 15 år."))


class PartyForm(RowForm):
    name = StringField(_l("Part"), SHORT)
    kind = SelectField(_l("Typ av part"), choices=PARTY_KIND_CHOICES, default="municipality")


class PartiesForm(BaseForm):
    parties = RowList(FormField(PartyForm), min_entries=1, max_entries=50)
    process_owner = StringField(_l("Processägare (part som äger projektet)"), SHORT)


class BackgroundForm(BaseForm):
    background = TextAreaField(_l("Bakgrund och problembeskrivning"), TEXT)
    preparation = TextAreaField(_l("Hur har ansökan tagits fram?"), TEXT)  # section "process"
    target_group = TextAreaField(_l("Målgrupp"), TEXT)
    child_rights = TextAreaField(_l("Barnrättsperspektiv"), TEXT)


class EffectItemForm(RowForm):
    label = StringField(_l("Insats som undviks eller förkortas"), SHORT)
    persons = SwedishDecimalField(_l("Antal personer"), minimum=Decimal(0), maximum=Decimal(100000))
    cost_per_day = SwedishDecimalField(_l("Kostnad per dygn (kr)"), minimum=Decimal(0), maximum=Decimal(1000000))
    months = SwedishDecimalField(_l("Antal månader"), minimum=Decimal(0), maximum=Decimal(240))
    days_per_month = SwedishDecimalField(_l("Dygn per månad"), minimum=Decimal(0), maximum=Decimal(31))


class ScenarioForm(RowForm):
    label = StringField(_l("Scenario"), SHORT)
    cost = SwedishDecimalField(_l("Kostnad att jämföra med (tomt = projektets budget)"),
                               minimum=Decimal(0), maximum=Decimal(1_000_000_000))
    items = RowList(FormField(EffectItemForm), min_entries=1, max_entries=50)


class GoalsForm(BaseForm):
    goals = TextAreaField(_l("Resultat- och effektmål"), TEXT)
    scenarios = RowList(FormField(ScenarioForm), min_entries=0, max_entries=20)


class TimelineForm(BaseForm):
    timeline = TextAreaField(_l("Tidsplan"), TEXT)
    activities = TextAreaField(_l("Aktiviteter"), TEXT)


class OrganisationForm(BaseForm):
    owner = TextAreaField(_l("Processägare"), TEXT)
    steering_group = TextAreaField(_l("Styrgrupp"), TEXT)
    follow_up = TextAreaField(_l("Metoder för uppföljning (t.ex. SUS/Uppföljning Finsam, extern utvärdering)"), TEXT)
    implementation = TextAreaField(_l("Implementering i ordinarie verksamhet"), TEXT)
    other = TextAreaField(_l("Övrigt"), TEXT)


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
    risks = RowList(FormField(RiskForm), min_entries=0, max_entries=100)


class StaffLineForm(RowForm):
    party = SelectField(_l("Part"), PARTY, choices=[], validate_choice=False)
    role = StringField(_l("Roll"), SHORT)
    fte = SwedishDecimalField(_l("Tjänstgöringsgrad (heltid = 1)"), minimum=Decimal("0.001"), maximum=Decimal(10),
                              message=_l("Skriv tjänstgöringsgraden som ett tal, t.ex. 0,6 eller 2,0."))
    monthly_salary = SwedishDecimalField(_l("Månadslön (kr)"), minimum=Decimal(0), maximum=Decimal(10_000_000))
    social_fee_rate = RateField(_l("Sociala avgifter (tomt = standard)"), minimum=Decimal(0), maximum=Decimal("1.5"))
    start = SwedishDateField(_l("Från"))
    end = SwedishDateField(_l("Till"))
    raise_rate = RateField(_l("Årlig löneökning"), minimum=Decimal(0), maximum=Decimal("0.5"))
    raise_month = SelectField(_l("från månad"), choices=MONTH_CHOICES, default="")


class OtherCostForm(RowForm):
    label = StringField(_l("Kostnad"), SHORT)
    party = SelectField(_l("Part"), PARTY, choices=[], validate_choice=False)
    amounts = RowList(SwedishDecimalField(_l("Belopp"), minimum=Decimal(0), maximum=Decimal(1_000_000_000)),
                        max_entries=MAX_YEAR_COLUMNS)


class BaselineRowForm(RowForm):
    label = StringField(_l("Rad"), SHORT)
    amounts = RowList(SwedishDecimalField(_l("Belopp"), minimum=Decimal(0), maximum=Decimal(1_000_000_000)),
                        max_entries=MAX_YEAR_COLUMNS)


class BudgetForm(BaseForm):
    proration = SelectField(_l("Delmånader räknas som"), choices=PRORATION_CHOICES, default="half_month")
    default_social_fee_rate = RateField(_l("Sociala avgifter / PO-pålägg (standard)"), minimum=Decimal(0),
                                        maximum=Decimal("1.5"))
    staff = RowList(FormField(StaffLineForm), min_entries=0, max_entries=1000)
    other_costs = RowList(FormField(OtherCostForm), min_entries=0, max_entries=100)
    overhead_label = StringField(_l("Benämning på overhead"), SHORT)
    overhead_rate = RateField(_l("Overhead (andel av personalkostnaden)"), minimum=Decimal(0), maximum=Decimal(1))
    baseline_label = StringField(_l("Benämning på tidigare beviljad budget"), SHORT)
    baseline_first_year = YearField(_l("Första år"), minimum=Decimal(1990), maximum=Decimal(2100))
    baseline_last_year = YearField(_l("Sista år"), minimum=Decimal(1990), maximum=Decimal(2100))
    baseline_rows = RowList(FormField(BaselineRowForm), min_entries=0, max_entries=100)

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
    signatories = RowList(FormField(SignatoryForm), min_entries=0, max_entries=50)
