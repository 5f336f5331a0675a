"""Association settings: the list (/associations) and one association's page (/associations/<id>).

A platform administrator sees and changes every association and creates new ones with their first admin;
an association's admin changes their own; other staff read their own; everyone else gets 404.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from builder.extensions import db
from builder.models import Association, User
from forms.associations import AssociationForm, FrameForm, MemberForm, NewAssociationForm, put_setting_error

from . import bp, service
from .rules import SettingError


def _visible(association_id: int) -> Association:
    association = db.session.get(Association, association_id)
    if association is None or not service.may_view(current_user, association):
        abort(404)
    return association


def _managed(association_id: int) -> Association:
    association = _visible(association_id)
    if not service.may_manage(current_user, association):
        abort(403)  # staff of the association read its settings; only its admins change them
    return association


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    listed = service.listed_for(current_user)
    platform = service.is_platform_admin(current_user)
    if not listed and not platform:
        abort(404)
    form = NewAssociationForm(formdata=None) if not platform else NewAssociationForm()
    if platform and form.validate_on_submit():
        try:
            association = service.create_association(form.name.data, form.orgnr.data,
                                                     form.case_number_pattern.data or "",
                                                     form.reporting_periods.data)
        except SettingError as exc:
            put_setting_error(form, exc.code)
        else:
            user, created = service.first_admin(association, form.admin_email.data, form.admin_name.data or "")
            flash(_("Förbundet %(name)s är skapat med %(email)s som administratör.", name=association.name,
                    email=user.email), "success")
            if created:
                flash(_("Skicka den här länken till administratören, som väljer sitt lösenord med den (giltig "
                        "i en timme, en gång): %(link)s", link=service.reset_link(user)), "info")
            return redirect(url_for("associations.show", association_id=association.id))
    return render_template("associations/index.html", associations=listed, form=form, platform=platform,
                           manage={a.id for a in listed if service.may_manage(current_user, a)}), \
        422 if form.errors else 200


def _settings_form(association: Association, formdata=None) -> AssociationForm:
    if formdata is None:
        return AssociationForm(formdata=None, obj=association)
    return AssociationForm()


def _render(association: Association, form=None, frame_form=None, member_form=None, status: int = 200):
    return render_template("associations/show.html", association=association,
                           form=form or _settings_form(association),
                           frame_form=frame_form or FrameForm(formdata=None),
                           member_form=member_form or MemberForm(formdata=None),
                           members=service.members(association),
                           may_manage=service.may_manage(current_user, association)), status


@bp.get("/<int:association_id>")
@login_required
def show(association_id: int):
    return _render(_visible(association_id))


@bp.post("/<int:association_id>")
@login_required
def update(association_id: int):
    association = _managed(association_id)
    form = AssociationForm()
    if form.validate_on_submit():
        try:
            service.update_association(association, form.name.data, form.orgnr.data,
                                       form.case_number_pattern.data or "", form.reporting_periods.data,
                                       bool(form.active.data))
        except SettingError as exc:
            db.session.rollback()
            put_setting_error(form, exc.code)
        else:
            flash(_("Inställningarna är sparade."), "success")
            return redirect(url_for("associations.show", association_id=association.id))
    return _render(association, form=form, status=422)


@bp.post("/<int:association_id>/frames")
@login_required
def set_frame(association_id: int):
    """Add a year's budget frame, or change the amount of a year that has one."""
    association = _managed(association_id)
    form = FrameForm()
    if form.validate_on_submit():
        try:
            service.set_frame(association, form.year.data, form.amount.data)
        except SettingError as exc:
            put_setting_error(form, exc.code)
        else:
            flash(_("Budgetramen är sparad."), "success")
            return redirect(url_for("associations.show", association_id=association.id) + "#frames")
    return _render(association, frame_form=form, status=422)


@bp.post("/<int:association_id>/frames/<int:year>/delete")
@login_required
def remove_frame(association_id: int, year: int):
    association = _managed(association_id)
    if not _csrf_ok():
        abort(400)
    service.remove_frame(association, year)
    flash(_("Budgetramen för %(year)s är borttagen.", year=year), "success")
    return redirect(url_for("associations.show", association_id=association.id) + "#frames")


def _csrf_ok() -> bool:
    from forms.base import BaseForm

    return BaseForm().validate_on_submit()


@bp.post("/<int:association_id>/members")
@login_required
def add_member(association_id: int):
    """An existing account starts working for the association, with the chosen role."""
    from builder.auth.service import find_user

    association = _managed(association_id)
    form = MemberForm()
    if form.validate_on_submit():
        user = find_user(form.email.data)
        if user is None:
            form.email.errors = [_("Inget konto har den adressen. Skapa kontot under Administration först.")]
        elif user.role != form.role.data and not _may_change_role(user):
            form.role.errors = [_("Kontot arbetar också för ett annat förbund; dess roll kan bara ändras där "
                                  "eller av en plattformsadministratör.")]
        else:
            service.add_member(association, user, form.role.data)
            flash(_("%(email)s arbetar nu för förbundet.", email=user.email), "success")
            return redirect(url_for("associations.show", association_id=association.id) + "#members")
    return _render(association, member_form=form, status=422)


def _may_change_role(user: User) -> bool:
    """An account's role is the same in every association: only someone who manages all of them changes it."""
    managed = service.managed_ids(current_user)
    if managed is None:
        return True
    # A platform administrator's account is the installation's: only another platform administrator changes it.
    return not service.is_platform_admin(user) and set(service.association_ids(user)) <= managed


@bp.post("/<int:association_id>/members/<int:user_id>/remove")
@login_required
def remove_member(association_id: int, user_id: int):
    association = _managed(association_id)
    if not _csrf_ok():
        abort(400)
    user = db.session.get(User, user_id)
    if user is None or association.id not in service.association_ids(user):
        abort(404)
    service.remove_member(association, user)
    flash(_("%(email)s arbetar inte längre för förbundet.", email=user.email), "success")
    return redirect(url_for("associations.show", association_id=association.id) + "#members")
