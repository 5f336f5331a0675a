"""Admin pages: create reviewer/finance/admin accounts, edit the social-fee presets."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from builder.auth.decorators import role_required
from builder.auth.service import create_user, email_taken, normalize_email
from builder.extensions import db
from builder.models import Association, AssociationMember, FeePreset, User
from forms.applications import PresetForm
from forms.auth import CreateUserForm
from forms.base import select_choices
from forms.wizard import PARTY_KIND_CHOICES

from . import bp


def _accounts(managed: set[int] | None) -> list[tuple[User, list[str]]]:
    """The accounts the admin manages with the names of their associations: every account for a platform
    administrator, else the members of the admin's associations (no one else's staff)."""
    query = db.select(User).order_by(User.role, User.email)
    if managed is not None:
        members = db.select(AssociationMember.user_id).where(AssociationMember.association_id.in_(managed))
        query = query.where(User.id.in_(members))
    accounts = db.session.scalars(query).all()
    names: dict[int, list[str]] = {}
    rows = db.session.execute(db.select(AssociationMember.user_id, AssociationMember.association_id, Association.name)
                              .join(Association).order_by(Association.name))
    for user_id, association_id, name in rows:
        if managed is None or association_id in managed:
            names.setdefault(user_id, []).append(name)
    return [(u, names.get(u.id, [])) for u in accounts]


@bp.route("/users", methods=["GET", "POST"])
@role_required("admin")
def users():
    from builder.associations.service import add_member, listed_for, managed_ids

    managed = managed_ids(current_user)
    choices = [a for a in listed_for(current_user) if managed is None or a.id in managed]
    form = CreateUserForm()
    form.association.choices = select_choices((str(a.id), a.name) for a in choices)
    if not form.association.data and len(choices) == 1:
        form.association.data = str(choices[0].id)  # the admin's only association
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        if email_taken(email):
            form.email.errors.append(_("Det finns redan ett konto med den e-postadressen."))
        else:
            user = create_user(email, form.password.data, form.role.data, form.name.data)
            if form.role.data != "applicant":  # validated: one of the choices (an applicant's is ignored)
                chosen = db.session.get(Association, int(form.association.data))
                if chosen is not None:
                    add_member(chosen, user)
            flash(_("Kontot %(email)s är skapat.", email=email), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/users.html", form=form, accounts=_accounts(managed)), 422 if form.errors else 200


def _platform_only() -> None:
    """The social-fee presets are the installation's, for every association: its platform administrators' to edit."""
    from builder.associations.service import is_platform_admin

    if not is_platform_admin(current_user):
        abort(404)


@bp.route("/presets", methods=["GET", "POST"])
@role_required("admin")
def presets():
    _platform_only()
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
    _platform_only()
    preset = db.get_or_404(FeePreset, preset_id)
    db.session.delete(preset)
    db.session.commit()
    flash(_("Förvalet är borttaget."), "success")
    return redirect(url_for("admin.presets"))
