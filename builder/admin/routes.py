"""Admin pages: create reviewer/finance/admin accounts, edit the social-fee presets."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from builder.auth.decorators import role_required
from builder.auth.service import create_user, email_taken, normalize_email
from builder.extensions import db
from builder.models import FeePreset, User
from forms.applications import PresetForm
from forms.auth import CreateUserForm
from forms.wizard import PARTY_KIND_CHOICES

from . import bp


@bp.route("/users", methods=["GET", "POST"])
@role_required("admin")
def users():
    form = CreateUserForm()
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        if email_taken(email):
            form.email.errors.append(_("Det finns redan ett konto med den e-postadressen."))
        else:
            create_user(email, form.password.data, form.role.data, form.name.data)
            flash(_("Kontot %(email)s är skapat.", email=email), "success")
            return redirect(url_for("admin.users"))
    accounts = db.session.scalars(db.select(User).order_by(User.role, User.email)).all()
    return render_template("admin/users.html", form=form, accounts=accounts), 422 if form.errors else 200


@bp.route("/presets", methods=["GET", "POST"])
@role_required("admin")
def presets():
    form = PresetForm()
    if form.validate_on_submit():
        position = len(db.session.scalars(db.select(FeePreset)).all())
        year = form.year.year()
        db.session.add(FeePreset(label=form.label.data.strip(), rate=form.rate.value_text(),
                                 source=(form.source.data or "").strip(), position=position,
                                 party_kind=form.party_kind.data or None, year=year))
        db.session.commit()
        flash(_("Förvalet är sparat."), "success")
        return redirect(url_for("admin.presets"))
    items = db.session.scalars(db.select(FeePreset).order_by(FeePreset.position)).all()
    kind_labels = {choice.value: choice.label for choice in PARTY_KIND_CHOICES}
    return render_template("admin/presets.html", form=form, presets=items, kind_labels=kind_labels), \
        422 if form.errors else 200


@bp.post("/presets/<int:preset_id>/delete")
@role_required("admin")
def delete_preset(preset_id: int):
    preset = db.get_or_404(FeePreset, preset_id)
    db.session.delete(preset)
    db.session.commit()
    flash(_("Förvalet är borttaget."), "success")
    return redirect(url_for("admin.presets"))
