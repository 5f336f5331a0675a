"""Portfolio and national-export routes: thin — check membership, fetch the figures, render or send."""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from builder.cases.national import FOCUS_LABELS_SV
from builder.i18n import gettext_for
from builder.models import Association
from builder.national.figures import national_rows
from builder.web.downloads import attachment, safe_filename
from builder.web.locale import current_language
from builder.xlsx import CSV_MIMETYPE, XLSX_MIMETYPE
from builder.xlsx.national import national_csv, national_xlsx, portfolio_xlsx

from . import bp, service


def _association(association_id: int, year: int) -> Association:
    """The association when the current user works for it and the year is one we keep, else 404."""
    if not service.FIRST_YEAR <= year <= service.LAST_YEAR:
        abort(404)
    return service.visible_association(current_user, association_id) or abort(404)


@bp.get("/portfolio")
@login_required
def home():
    """The nav's link: the portfolio of the user's first association in the current year."""
    from builder.cases.service import today

    association = service.default_association(current_user)
    if association is None:
        abort(404)
    return redirect(url_for("portfolio.page", association_id=association.id, year=today().year))


@bp.get("/associations/<int:association_id>/portfolio/<int:year>")
@login_required
def page(association_id: int, year: int):
    association = _association(association_id, year)
    value = service.portfolio_of(association.id, year)
    years = sorted({*service.frame_years(association.id), year - 1, year, year + 1})
    return render_template("portfolio/page.html", association=association, portfolio=value, year=year,
                           years=years, associations=service.associations_of(current_user))


@bp.get("/associations/<int:association_id>/portfolio/<int:year>.xlsx")
@login_required
def page_xlsx(association_id: int, year: int):
    association = _association(association_id, year)
    body = portfolio_xlsx(service.portfolio_of(association.id, year), association.name,
                          gettext_for(current_language(), "xlsx"))
    return attachment(body, XLSX_MIMETYPE, safe_filename(f"Portfolj-{association.name}-{year}", ".xlsx"))


def _national_rows(association: Association, year: int):
    return national_rows(service.insats_facts(association.id, year), FOCUS_LABELS_SV)


@bp.get("/associations/<int:association_id>/national/<int:year>.csv")
@login_required
def national_csv_download(association_id: int, year: int):
    association = _association(association_id, year)
    body = national_csv(_national_rows(association, year))
    return attachment(body, CSV_MIMETYPE, safe_filename(f"Uppfoljning-Finsam-{association.name}-{year}", ".csv"))


@bp.get("/associations/<int:association_id>/national/<int:year>.xlsx")
@login_required
def national_xlsx_download(association_id: int, year: int):
    association = _association(association_id, year)
    body = national_xlsx(_national_rows(association, year))
    return attachment(body, XLSX_MIMETYPE, safe_filename(f"Uppfoljning-Finsam-{association.name}-{year}", ".xlsx"))
