"""Forms around applications (import, presets)."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from builder.appformat import limits

from .base import BaseForm
from .fields import RateField


class ImportForm(BaseForm):
    file = FileField(_l("JSON-fil"), [FileRequired(_l("Välj en fil att ladda upp."))],
                     render_kw={"accept": ".json,application/json"})


class PresetForm(BaseForm):
    label = StringField(_l("Benämning"), [DataRequired(_l("Ange en benämning.")), Length(max=200)])
    rate = RateField(_l("Procentsats"), minimum=limits.SOCIAL_FEE_RATE.low, maximum=limits.SOCIAL_FEE_RATE.high,
                     required=True)
    source = StringField(_l("Källa"), [Optional(), Length(max=limits.MAX_SHORT_TEXT)])


class CheckDocxForm(BaseForm):
    file = FileField(_l("Word-fil (DOCX)"), [FileRequired(_l("Välj en fil att ladda upp."))],
                     render_kw={"accept": ".docx,"
                                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
