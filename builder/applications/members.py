"""Co-applicants: the owner invites by e-mail, the invitee accepts (or declines), the owner removes.

An invitation is e-mailed whether or not the address has an account, and the owner is told the same
in both cases, so inviting never reveals who is registered. The link in the message is signed and lets
a new person create an account and then accept. Only applicant accounts can accept; the invitation
must be accepted while signed in with the invited address.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from itsdangerous import BadSignature, URLSafeTimedSerializer

from builder.extensions import db, limiter
from builder.mail import external_url, send
from builder.models import Application, Collaborator, Invitation, User
from builder.web.locale import current_language
from forms.auth import InviteForm
from forms.base import BaseForm

from .access import get_visible

bp = Blueprint("members", __name__)
SALT = "finsam-invitation"
MAX_AGE_DAYS = 14
MAX_PENDING = 20  # pending invitations per application


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def invitation_token(invitation: Invitation) -> str:
    return _serializer().dumps([invitation.id, invitation.email])


def invitation_for_token(token: str) -> Invitation | None:
    """The pending invitation a link stands for, or None (forged, expired, withdrawn or already answered)."""
    try:
        invitation_id, email = _serializer().loads(token[:500], max_age=MAX_AGE_DAYS * 86400)
    except (BadSignature, ValueError, TypeError):
        return None
    invitation = db.session.get(Invitation, invitation_id) if isinstance(invitation_id, int) else None
    if invitation is None or invitation.email != email:
        return None
    return invitation


def _owned(app_id: int) -> Application:
    application = get_visible(app_id)
    if application.owner_id != current_user.id:
        abort(403)
    return application


def _owner_key() -> str:
    return f"invite:{current_user.get_id()}" if current_user.is_authenticated else "invite:anonymous"


def send_invitation(application: Application, invitation: Invitation, inviter: User) -> bool:
    """E-mail the link; in the invitee's language when the address has an account, else the inviter's."""
    account = db.session.scalar(db.select(User).filter_by(email=invitation.email))
    language = account.language if account is not None else current_language()
    return send(invitation.email, "invitation", language, background=True, inviter=inviter.display_name,
                title=application.title or "–", days=MAX_AGE_DAYS,
                accept_url=external_url("members.invitation", token=invitation_token(invitation)))


@bp.post("/applications/<int:app_id>/invite")
@login_required
@limiter.limit("30 per hour", key_func=_owner_key)
def invite(app_id: int):
    application = _owned(app_id)
    form = InviteForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.email.errors) or _("Försök igen."), "error")
        return redirect(url_for("applications.show", app_id=app_id), code=303)
    email = form.email.data.strip().lower()
    already_member = any(c.user.email == email for c in application.collaborators) or \
        application.owner.email == email
    invitation = next((i for i in application.invitations if i.email == email), None)
    if invitation is None and not already_member:
        if len(application.invitations) >= MAX_PENDING:
            flash(_("Det finns redan %(n)s obesvarade inbjudningar. Återkalla någon först.", n=MAX_PENDING), "error")
            return redirect(url_for("applications.show", app_id=app_id), code=303)
        invitation = Invitation(application_id=application.id, email=email, invited_by_id=current_user.id)
        application.invitations.append(invitation)
        db.session.commit()
    if invitation is not None:
        send_invitation(application, invitation, current_user)
    flash(_("En inbjudan är skickad till %(email)s. Personen blir medsökande när hen har tackat ja via länken "
            "i e-postmeddelandet.", email=email), "success")
    return redirect(url_for("applications.show", app_id=app_id), code=303)


@bp.post("/applications/<int:app_id>/invitations/<int:invitation_id>/cancel")
@login_required
def cancel(app_id: int, invitation_id: int):
    application = _owned(app_id)
    invitation = next((i for i in application.invitations if i.id == invitation_id), None) or abort(404)
    application.invitations.remove(invitation)
    db.session.commit()
    flash(_("Inbjudan till %(email)s är återkallad.", email=invitation.email), "success")
    return redirect(url_for("applications.show", app_id=app_id), code=303)


@bp.post("/applications/<int:app_id>/collaborators/<int:user_id>/remove")
@login_required
def remove(app_id: int, user_id: int):
    application = _owned(app_id)
    collaborator = next((c for c in application.collaborators if c.user_id == user_id), None) or abort(404)
    name = collaborator.user.display_name
    application.collaborators.remove(collaborator)
    db.session.commit()
    flash(_("%(name)s är inte längre medsökande.", name=name), "success")
    return redirect(url_for("applications.show", app_id=app_id), code=303)


def _answer_problem(invitation: Invitation) -> str | None:
    """Why the signed-in person cannot accept this invitation, or None."""
    if current_user.email != invitation.email:
        return _("Inbjudan skickades till en annan e-postadress än den du är inloggad med. Logga ut och logga in "
                 "(eller skapa ett konto) med den adress inbjudan skickades till.")
    if current_user.role != "applicant":
        return _("Bara konton för projektledare (sökande) kan vara medsökande. Ditt konto har en annan roll.")
    return None


@bp.get("/invitations/<token>")
def invitation(token: str):
    found = invitation_for_token(token)
    if found is None:
        return render_template("applications/invitation.html", invitation=None), 410
    problem = _answer_problem(found) if current_user.is_authenticated else None
    return render_template("applications/invitation.html", invitation=found, token=token, problem=problem,
                           form=BaseForm())


@bp.post("/invitations/<token>/<any(accept, decline):answer>")
@login_required
def answer(token: str, answer: str):
    found = invitation_for_token(token)
    if found is None:
        return render_template("applications/invitation.html", invitation=None), 410
    form = BaseForm()
    problem = _answer_problem(found)
    if problem or not form.validate_on_submit():
        return render_template("applications/invitation.html", invitation=found, token=token, form=form,
                               problem=problem), 403 if problem else 400
    application = found.application
    db.session.delete(found)
    if answer == "decline":
        db.session.commit()
        flash(_("Du har tackat nej till inbjudan."), "info")
        return redirect(url_for("applications.index"), code=303)
    if not application.is_member(current_user.id):
        db.session.add(Collaborator(application_id=application.id, user_id=current_user.id))
    db.session.commit()
    flash(_("Du är nu medsökande i %(title)s.", title=application.title or _("(namn saknas)")), "success")
    return redirect(url_for("applications.show", app_id=application.id), code=303)
