"""The findings as text for a person, in Swedish (or English)."""
from __future__ import annotations

from decimal import Decimal

from builder.formatting import decimal, money, number, plain_spaces
from builder.i18n import gettext_for

from . import findings as kinds
from .findings import Finding
from .report import CheckReport, TableReport


def _messages(_) -> dict:
    """What each kind of finding says; stated, expected and difference fill the placeholders."""
    return {
        kinds.CELL: lambda v: _("står %(stated)s men både radsumman och kolumnsumman ger "
                                "%(expected)s (skillnad %(difference)s).", **v),
        kinds.ROW_SUM: lambda v: _("summan står %(stated)s men årsbeloppen ger %(expected)s "
                                   "(skillnad %(difference)s).", **v),
        kinds.COLUMN_SUM: lambda v: _("står %(stated)s men raderna ovanför ger %(expected)s "
                                      "(skillnad %(difference)s).", **v),
        kinds.GRAND_TOTAL_BY_YEARS: lambda v: _("totalsumman står %(stated)s men årens totaler ger "
                                                "%(expected)s (skillnad %(difference)s).", **v),
        kinds.GRAND_TOTAL_BY_ROWS: lambda v: _("totalsumman står %(stated)s men radernas summor ger "
                                               "%(expected)s (skillnad %(difference)s).", **v),
        kinds.DELTA: lambda v: _("förändringen står %(stated)s men summan minus samma rad i den "
                                 "tidigare tabellen ger %(expected)s (skillnad %(difference)s).", **v),
        kinds.BUDGET_CHANGE: lambda v: _("texten anger en förändring av budgeten med %(stated)s men "
                                         "raderna ger %(expected)s (skillnad %(difference)s).", **v),
        kinds.SOCIAL_FEES: lambda v: _("lönen med sociala avgifter står %(stated)s men avgiftsnivån "
                                       "i dokumentet ger %(expected)s (skillnad %(difference)s).", **v),
        kinds.FTE_SHARE: lambda v: _("tjänstgöringsgraden gånger heltidskostnaden ger %(expected)s, "
                                     "inte %(stated)s (skillnad %(difference)s).", **v),
        kinds.YEARLY: lambda v: _("månadsbeloppet gånger tolv ger %(expected)s, inte %(stated)s "
                                  "(skillnad %(difference)s).", **v),
        kinds.ARITHMETIC: lambda v: _("uträkningen ger %(expected)s, inte %(stated)s "
                                      "(skillnad %(difference)s).", **v),
        kinds.MONTHS: lambda v: _("texten räknar %(stated)s månader men datumen i texten ger %(expected)s "
                                  "månader det året.", **v),
        kinds.PERIOD: lambda v: _("står %(stated)s men månadskostnaden i texten gånger periodens "
                                  "månader det året ger %(expected)s (skillnad %(difference)s).", **v),
    }


def _amount(value: Decimal, language: str, signed: bool = False, unit: str = "kr") -> str:
    # öre shown when a figure has them; a table of counts shows plain numbers
    text = plain_spaces(money(value, language) if unit == "kr" else number(value, language))
    return "+" + text if signed and value > 0 else text


def finding_text(finding: Finding, language: str = "sv") -> str:
    """One finding as a sentence: where, what is stated, what the arithmetic gives."""
    _ = gettext_for(language, "checkdocx")
    if finding.kind == kinds.MONTHS:  # a number of months, not an amount
        values = {"stated": decimal(finding.stated, language), "expected": decimal(finding.expected, language)}
    else:
        values = {"stated": _amount(finding.stated, language, unit=finding.unit),
                  "expected": _amount(finding.expected, language, unit=finding.unit),
                  "difference": _amount(finding.difference, language, signed=True, unit=finding.unit)}
    if finding.kind == kinds.DELTA and finding.basis == "years":
        body = _("förändringen står %(stated)s men det andra året minus det första ger %(expected)s "
                 "(skillnad %(difference)s).", **values)
    else:
        body = _messages(_)[finding.kind](values)
    where = ", ".join(part for part in (finding.row, finding.column) if part)
    text = f"{where}: {body}" if where else body[:1].upper() + body[1:]
    if finding.context:
        text += " " + _("Ur texten: ”%(text)s”", text=finding.context)
    return text


def table_heading(report: TableReport, language: str = "sv") -> str:
    """"Tabell 1 (år 2015–2018, 5 rader, tabbavgränsad text)"."""
    _ = gettext_for(language, "checkdocx")
    table = report.table
    source = _("Word-tabell") if table.source == "word" else _("tabbavgränsad text")
    return _("Tabell %(index)s (år %(first)s–%(last)s, %(rows)s rader, %(source)s)",
             index=table.index, first=table.years[0], last=table.years[-1], rows=len(table.rows),
             source=source)


def report_text(report: CheckReport, language: str = "sv") -> str:
    """The whole report: each table with its findings, then a summary line."""
    _ = gettext_for(language, "checkdocx")
    if not report.tables:
        return _("Inga budgettabeller hittades i dokumentet.") + "\n"
    lines = []
    for table in report.tables:
        lines.append(table_heading(table, language))
        lines += [" - " + finding_text(f, language) for f in table.findings] or ["   " + _("Inga avvikelser.")]
        lines.append("")
    count = len(report.findings)
    lines.append(_("Avvikelser: %(count)s i %(tables)s budgettabeller.", count=count,
                   tables=len(report.tables)) if count else _("Inga avvikelser hittades."))
    return "\n".join(lines) + "\n"
