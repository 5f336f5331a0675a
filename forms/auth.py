"""Login, registration and account forms."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from .base import BaseForm, select_choices

ROLE_CHOICES = select_choices([("applicant", _l("Projektledare (sökande)")),
                               ("reviewer", _l("Handläggare (förbundet)")),
                               ("finance", _l("Ekonom")), ("admin", _l("Administratör"))])


class LoginForm(BaseForm):
    email = EmailField(_l("E-post"), [InputRequired(_l("Ange din e-postadress.")), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Lösenord"), [InputRequired(_l("Ange ditt lösenord.")), Length(max=500)],
                             render_kw={"autocomplete": "current-password"})


class RegisterForm(BaseForm):
    name = StringField(_l("Namn"), [DataRequired(_l("Ange ditt namn.")), Length(max=200)],
                       render_kw={"autocomplete": "name"})
    email = EmailField(_l("E-post"), [InputRequired(_l("Ange din e-postadress.")),
                                      Email(_l("Ange en giltig e-postadress.")), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = PasswordField(_l("Lösenord"), [InputRequired(_l("Välj ett lösenord.")),
                                              Length(min=10, max=500, message=_l("Minst 10 tecken."))],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Upprepa lösenordet"),
                            [EqualTo("password", _l("Lösenorden är inte lika."))],
                            render_kw={"autocomplete": "new-password"})

    def validate_password(self, field):
        from builder.auth.policy import password_problem

        problem = password_problem(field.data or "", self.email.data or "")
        if problem and not field.errors:
            raise ValidationError(problem)


class CreateUserForm(RegisterForm):
    role = SelectField(_l("Roll"), choices=ROLE_CHOICES, default="reviewer")
    # The association a staff account works for: one the admin manages (choices set by the page).
    association = SelectField(_l("Samordningsförbund"), choices=[], validate_choice=False)

    def validate_association(self, field):
        if self.role.data != "applicant" and str(field.data or "") not in {str(c.value) for c in field.choices}:
            raise ValidationError(_l("Välj ett samordningsförbund i listan."))


class InviteForm(BaseForm):
    email = EmailField(_l("Bjud in medsökande"), [InputRequired(_l("Ange en e-postadress.")),
                                                  Email(_l("Ange en giltig e-postadress."))])
