"""The finance workbook: Budget, Personal and (with a baseline) Jämförelse, as XLSX bytes."""
from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook

from builder.appformat import Application, fingerprint
from builder.budget import compute_budget
from builder.i18n import gettext_for

from .budget_sheet import write_budget_sheet
from .cells import excel_text
from .comparison_sheet import write_comparison_sheet
from .cover_sheet import write_cover_sheet
from .staff_sheet import write_staff_sheet

CREATOR = "FINSAM Ansökningsbyggaren"


def budget_workbook(application: Application, *, approved_total: int | None = None,
                    status_label: str = "", version_label: str = "", decision_date: date | None = None,
                    case_number: str = "") -> bytes:
    """The application's budget as an XLSX workbook: a cover sheet, then the budget whose staff costs
    are formulas of the staff lines' inputs (equal to the engine's cells), with sums as formulas."""
    _ = gettext_for(application.language, "xlsx")
    table = compute_budget(application.budget)
    workbook = Workbook()
    cover = workbook.worksheets[0]
    cover.title = _("Försättsblad")
    write_cover_sheet(cover, application, _, fingerprint=fingerprint(application), version_label=version_label,
                      status_label=status_label, decision_date=decision_date, approved_total=approved_total,
                      total=table.delta if table.has_baseline else table.total,
                      revised_total=table.revised_total if table.has_baseline else None)
    budget = workbook.create_sheet(_("Budget"))
    staff_name = _("Personal")
    staff = write_staff_sheet(workbook.create_sheet(staff_name), application, table, _)
    write_budget_sheet(budget, application, table, _, approved_total, status_label, staff, staff_name)
    if table.has_baseline:
        write_comparison_sheet(workbook.create_sheet(_("Jämförelse")), application, table, _, _("Budget"))
    if case_number:  # the diarienummer in every sheet's printed footer
        footer = excel_text(_("Diarienummer: %(number)s", number=case_number)).replace("&", "&&")  # "&": a code
        for sheet in workbook.worksheets:
            if sheet.oddFooter is not None:
                sheet.oddFooter.left.text = footer
    workbook.properties.title = excel_text(application.title)
    workbook.properties.creator = CREATOR
    workbook.properties.language = {"en": "en-GB"}.get(application.language, "sv-SE")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
