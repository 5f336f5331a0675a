"""What the case documents (kallelse, beslutsbrev) share: the styled base, a footer and the saved bytes."""
from __future__ import annotations

import io
from datetime import date, datetime, time

from docx.document import Document as DocumentObject

from builder.formatting import kr, long_date

from .base import new_document
from .footer import RULE_COLOUR, _one_line, _replace_content, page_runs
from .tables import Column, TableRow, build_table, fit_columns
from .xmlkit import paragraph, parse_blocks


def money(amount: int, language: str) -> str:
    """Whole kronor through builder.formatting: "1 041 600 kr"."""
    return kr(amount, language)


def day(value: date | None, language: str) -> str:
    return long_date(value, language) if value else "–"


def year_table(amounts: tuple[tuple[str, int], ...], total: int, amount_header: str, language: str, _) -> str:
    """Year | amount, with a Summa row: the amounts as the engine gave them (the kallelse, letter, agreement)."""
    rows = [TableRow((year, money(amount, language))) for year, amount in amounts]
    rows.append(TableRow((_("Summa"), money(total, language)), kind="total"))
    return build_table([Column(2600), Column(2600, "right")], [_("År"), amount_header], rows)


def party_table(years: tuple[str, ...], party_amounts, language: str, _) -> str:
    """One row per party (name, its amount per year, its total) and a Summa row (the letter and the agreement)."""
    width = 1500 if len(years) <= 4 else 1150
    columns = fit_columns([Column(0)] + [Column(width, "right") for _y in years] + [Column(width, "right")])
    rows = []
    for party in party_amounts:
        yearly = dict(party.yearly)
        rows.append(TableRow((party.name, *[money(yearly.get(y, 0), language) for y in years],
                              money(sum(yearly.values()), language))))
    totals = [sum(dict(p.yearly).get(y, 0) for p in party_amounts) for y in years]
    rows.append(TableRow((_("Summa"), *[money(t, language) for t in totals], money(sum(totals), language)),
                         kind="total"))
    return build_table(columns, [_("Part"), *years, _("Totalt")], rows)


def write_document(language: str, gettext, blocks: list[str], *, title: str, footer_title: str,
                   footer_detail: str, subject: str = "", today: date | None = None) -> bytes:
    """The blocks in the styled base document, with "Sida X av Y" and a detail line in the footer."""
    document = new_document(language)
    body = document.element.body
    section_properties = body.sectPr
    for element in parse_blocks(blocks):
        section_properties.addprevious(element)
    footer = [paragraph(_one_line(footer_title), "Footer", runs=page_runs(gettext), border_top=RULE_COLOUR)]
    if footer_detail:
        footer.append(paragraph(_one_line(footer_detail, 140), "Footer"))
    for section in document.sections:
        section.footer.is_linked_to_previous = False
        _replace_content(section.footer, footer)
    _properties(document, title, subject, today or date.today())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _properties(document: DocumentObject, title: str, subject: str, today: date) -> None:
    props = document.core_properties
    props.title = _one_line(title, 250)
    props.subject = _one_line(subject, 250)
    props.author = ""
    props.last_modified_by = ""
    props.keywords = "FINSAM"
    props.revision = 1
    moment = datetime.combine(today, time(0, 0))
    props.created = moment
    props.modified = moment
