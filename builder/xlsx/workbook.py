"""The finance workbook: Budget, Personal and (with a baseline) Jämförelse, as XLSX bytes."""
from __future__ import annotations

import io

from openpyxl import Workbook

from builder.appformat import Application
from builder.budget import compute_budget
from builder.i18n import gettext_for

from .budget_sheet import write_budget_sheet
from .cells import excel_text
from .comparison_sheet import write_comparison_sheet
from .staff_sheet import write_staff_sheet

CREATOR = "FINSAM Ansökningsbyggaren"


def budget_workbook(application: Application, *, approved_total: int | None = None,
                    status_label: str = "") -> bytes:
    """The application's budget as an XLSX workbook (values from the engine, sums as formulas)."""
    _ = gettext_for(application.language, "xlsx")
    table = compute_budget(application.budget)
    workbook = Workbook()
    budget = workbook.worksheets[0]
    budget.title = _("Budget")
    write_budget_sheet(budget, application, table, _, approved_total, status_label)
    write_staff_sheet(workbook.create_sheet(_("Personal")), application, table, _)
    if table.has_baseline:
        write_comparison_sheet(workbook.create_sheet(_("Jämförelse")), application, table, _)
    workbook.properties.title = excel_text(application.title)
    workbook.properties.creator = CREATOR
    workbook.properties.language = {"en": "en-GB"}.get(application.language, "sv-SE")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
