"""Password reset and co-applicant invitation forms (the password rules are the registration form's)."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField
from wtforms.validators import Email, InputRequired, Length

from .auth import RegisterForm
from .base import BaseForm


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("E-post"), [InputRequired(_l("Ange din e-postadress.")),
                                      Email(_l("Ange en giltig e-postadress.")), Length(max=254)],
                       render_kw={"autocomplete": "email"})


class ResetPasswordForm(BaseForm):
    password = RegisterForm.password  # the same rules as at registration
    confirm = RegisterForm.confirm
