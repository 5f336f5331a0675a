"""Forms around applications (import, presets)."""
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from builder.appformat import limits

from .base import BaseForm, select_choices
from .fields import RateField, YearField
from .wizard import AssociationField


class NewApplicationForm(BaseForm):
    """"Ny ansökan": the association it goes to (choices set by the route: the active associations)."""

    association = AssociationField(_l("Samordningsförbund"))


class ImportForm(BaseForm):
    file = FileField(_l("JSON-fil"), [FileRequired(_l("Välj en fil att ladda upp."))],
                     render_kw={"accept": ".json,application/json"})


class PresetForm(BaseForm):
    label = StringField(_l("Benämning"), [DataRequired(_l("Ange en benämning.")), Length(max=200)])
    rate = RateField(_l("Procentsats"), minimum=limits.SOCIAL_FEE_RATE.low, maximum=limits.SOCIAL_FEE_RATE.high,
                     required=True)
    source = StringField(_l("Källa"), [Optional(), Length(max=limits.MAX_SHORT_TEXT)])
    party_kind = SelectField(_l("Standard för typ av part"), default="")
    year = YearField(_l("År"), minimum=Decimal(limits.FIRST_YEAR), maximum=Decimal(limits.LAST_YEAR))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .wizard import PARTY_KIND_CHOICES

        self.party_kind.choices = select_choices([("", _l("– ingen –"))]) + list(PARTY_KIND_CHOICES)


class CheckDocxForm(BaseForm):
    file = FileField(_l("Word-fil (DOCX)"), [FileRequired(_l("Välj en fil att ladda upp."))],
                     render_kw={"accept": ".docx,"
                                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
