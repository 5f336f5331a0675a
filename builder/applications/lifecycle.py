"""Safe actions on one's applications: withdraw (after a confirmation page), delete a never-submitted
draft (after a confirmation page), and copy any of one's applications into a new draft.

Every confirmation is a page of its own with a POST form, so it works without JavaScript.
"""
from __future__ import annotations

import copy

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from builder.auth.decorators import role_required
from builder.extensions import db
from forms.base import BaseForm
from forms.review import TransitionForm

from . import service
from .access import can_delete, can_withdraw, get_visible, refuse_over_quota

bp = Blueprint("lifecycle", __name__, url_prefix="/applications")
@bp.get("/<int:app_id>/withdraw")
@login_required
def confirm_withdraw(app_id: int):
    application = get_visible(app_id)
    if not application.is_member(current_user.id):
        abort(403)
    if not can_withdraw(application):
        abort(409, description=_("Bara en inskickad ansökan kan återkallas. Ett utkast som aldrig har skickats in "
                                 "kan du ta bort i stället."))
    from builder.review.service import latest_version_number

    form = TransitionForm(formdata=None, data={"version": latest_version_number(application)})
    return render_template("applications/confirm_withdraw.html", application=application, form=form)


@bp.route("/<int:app_id>/delete", methods=["GET", "POST"])
@login_required
def delete(app_id: int):
    application = get_visible(app_id)
    if application.owner_id != current_user.id:
        abort(403)
    if not can_delete(application, current_user):
        abort(409, description=_("Bara ett utkast som aldrig har skickats in kan tas bort."))
    form = BaseForm()
    if not form.validate_on_submit():
        return render_template("applications/confirm_delete.html", application=application, form=form)
    title = application.title or _("(namn saknas)")
    db.session.delete(application)
    db.session.commit()
    flash(_("Utkastet ”%(title)s” är borttaget.", title=title), "success")
    return redirect(url_for("applications.index"), code=303)


@bp.post("/<int:app_id>/copy")
@role_required("applicant", "admin")
def copy_application(app_id: int):
    application = get_visible(app_id)
    if not application.is_member(current_user.id):
        abort(403)
    if not BaseForm().validate_on_submit():
        abort(400)
    refuse_over_quota()  # a copy is a new application like any other
    doc = copy.deepcopy(application.doc)
    title = (doc.get("title") or "").strip()
    doc["title"] = _("%(title)s (kopia)", title=title)[:500] if title else ""
    draft = service.create_application(current_user, doc, association=application.association_ref)
    flash(_("En kopia är skapad som nytt utkast. Originalet är oförändrat."), "success")
    return redirect(url_for("applications.show", app_id=draft.id), code=303)
