"""Forms of the review workflow: transitions, decisions, comments."""
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .base import BaseForm
from .fields import SwedishDateField, SwedishDecimalField


class TransitionForm(BaseForm):
    version = HiddenField()  # the newest version's number when the page was made (0 before the first)
    comment = TextAreaField(_l("Kommentar (syns i historiken)"), [Optional(), Length(max=10_000)],
                            render_kw={"rows": 3})


class DecisionForm(TransitionForm):
    decision_date = SwedishDateField(_l("Beslutsdatum"), required=True, not_future=True)
    decision_body = StringField(_l("Beslutande organ"), [DataRequired(_l("Ange vem som fattade beslutet.")),
                                                         Length(max=300)], default="Förbundsstyrelsen")
    approved_total = SwedishDecimalField(_l("Beviljat belopp (kr)"), minimum=Decimal(0),
                                         maximum=Decimal(10_000_000_000))


class CommentForm(BaseForm):
    target = SelectField(_l("Gäller"), choices=[], validate_choice=False)
    body = TextAreaField(_l("Kommentar"), [DataRequired(_l("Skriv en kommentar.")), Length(max=10_000)],
                         render_kw={"rows": 3})
    parent_id = HiddenField()
    internal = BooleanField(_l("Intern anteckning (syns inte för sökande)"))
