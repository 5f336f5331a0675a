"""Forms of the association settings pages (builder/associations/routes.py)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from .base import BaseForm, select_choices

STAFF_ROLE_CHOICES = select_choices([("reviewer", _l("Handläggare")), ("finance", _l("Ekonom")),
                                     ("admin", _l("Administratör"))])

# A broken rule (builder.associations.rules.SettingError.code) → (field, message at that field).
SETTING_MESSAGES = {
    "orgnr_format": ("orgnr", _l("Skriv organisationsnumret som tio siffror, NNNNNN-NNNN.")),
    "orgnr_check": ("orgnr", _l("Organisationsnumrets kontrollsiffra stämmer inte.")),
    "periods_format": ("reporting_periods", _l("Skriv periodernas slutdagar som MM-DD med komma emellan, "
                                               "till exempel 04-30,08-31,12-31.")),
    "periods_date": ("reporting_periods", _l("En period slutar på ett datum som inte finns.")),
    "periods_order": ("reporting_periods", _l("Perioderna ska stå i datumordning, var och en senare än den "
                                              "förra.")),
    "periods_year_end": ("reporting_periods", _l("Sista perioden ska sluta 12-31.")),
    "name_required": ("name", _l("Ange förbundets namn.")),
    "name_long": ("name", _l("Namnet får vara högst 200 tecken.")),
    "name_taken": ("name", _l("Det finns redan ett förbund med det namnet.")),
    "pattern": ("case_number_pattern", _l("Mönstret får bara innehålla {year} och {n}, och {n} måste finnas.")),
    "year": ("year", _l("Skriv ett årtal mellan 2000 och 2100.")),
    "amount": ("amount", _l("Skriv ett belopp i hela kronor, högst 10 000 000 000.")),
}


def put_setting_error(form, code: str) -> None:
    """The message of a broken rule at its field."""
    field_name, message = SETTING_MESSAGES[code]
    form[field_name].errors = [*form[field_name].errors, message]


class AssociationForm(BaseForm):
    name = StringField(_l("Namn"), [DataRequired(_l("Ange förbundets namn.")), Length(max=200)])
    orgnr = StringField(_l("Organisationsnummer"), [DataRequired(_l("Ange organisationsnumret.")),
                                                    Length(max=20)])
    case_number_pattern = StringField(_l("Mönster för diarienummer"), [Optional(), Length(max=80)],
                                      default="FINSAM {year}/{n}")
    reporting_periods = StringField(_l("Rapportperioder (slutdagar)"), [DataRequired(_l("Ange rapportperioderna.")),
                                                                        Length(max=100)],
                                    default="04-30,08-31,12-31")
    active = BooleanField(_l("Aktivt (kan väljas av sökande)"), default=True)


class NewAssociationForm(AssociationForm):
    admin_email = EmailField(_l("Förbundets första administratör (e-post)"),
                             [DataRequired(_l("Ange en e-postadress.")),
                              Email(_l("Ange en giltig e-postadress.")), Length(max=254)])
    admin_name = StringField(_l("Administratörens namn"), [Optional(), Length(max=200)])


class FrameForm(BaseForm):
    year = StringField(_l("År"), [DataRequired(_l("Ange ett årtal.")), Length(max=10)])
    amount = StringField(_l("Budgetram (kr)"), [DataRequired(_l("Ange ett belopp.")), Length(max=30)])


class MemberForm(BaseForm):
    email = EmailField(_l("E-post"), [DataRequired(_l("Ange en e-postadress.")),
                                      Email(_l("Ange en giltig e-postadress.")), Length(max=254)])
    role = SelectField(_l("Roll"), choices=STAFF_ROLE_CHOICES, default="reviewer")
