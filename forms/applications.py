"""Forms around applications (import, presets)."""
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from .base import BaseForm
from .fields import RateField


class ImportForm(BaseForm):
    file = FileField(_l("JSON-fil"), [FileRequired(_l("Välj en fil att ladda upp."))],
                     render_kw={"accept": ".json,application/json"})


class PresetForm(BaseForm):
    label = StringField(_l("Benämning"), [DataRequired(_l("Ange en benämning.")), Length(max=200)])
    rate = RateField(_l("Procentsats"), minimum=Decimal(0), maximum=Decimal("1.5"), required=True)
    source = StringField(_l("Källa"), [Optional(), Length(max=500)])


class CheckDocxForm(BaseForm):
    file = FileField(_l("Word-fil (DOCX)"), [FileRequired(_l("Välj en fil att ladda upp."))],
                     render_kw={"accept": ".docx,"
                                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
