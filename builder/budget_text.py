"""The computed budget as plain text for a terminal (Swedish by default)."""
from __future__ import annotations

from collections.abc import Callable

from babel.lists import format_list

from builder.budget.model import BudgetTable, EffectResult, LineDetail
from builder.formatting import babel_locale, decimal, long_date, money, months, number, plain_spaces
from builder.i18n import gettext_for


def _n(amount: int, language: str) -> str:
    return plain_spaces(number(amount, language))


def _signed(amount: int, language: str) -> str:
    return ("+" if amount > 0 else "") + _n(amount, language)


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = []
    for r in [header, *rows]:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=False)]
        out.append("  ".join(cells).rstrip())
    return out


def change_sentence(table: BudgetTable, language: str = "sv", kr: Callable[[int], str] | None = None) -> str:
    """The one sentence on the change against the baseline, said the same way in the terminal, on the web
    page and in the DOCX: "Budgeten ökar med 1 601 327 kr jämfört med Ursprunglig budget (3 817 840 kr).
    Reviderad total budget: 5 419 167 kr." `kr` formats an amount (default: for a terminal)."""
    _ = gettext_for(language)
    kr = kr or (lambda amount: _n(amount, language) + " kr")
    values = dict(amount=kr(abs(table.delta)), baseline=table.baseline_label or _("den beviljade budgeten"),
                  before=kr(table.baseline_total), revised=kr(table.revised_total))
    if table.delta > 0:
        text = _("Budgeten ökar med %(amount)s jämfört med %(baseline)s (%(before)s).", **values)
    elif table.delta < 0:
        text = _("Budgeten minskar med %(amount)s jämfört med %(baseline)s (%(before)s).", **values)
    else:
        text = _("Budgeten är oförändrad jämfört med %(baseline)s (%(before)s).", **values)
    return text + " " + _("Reviderad total budget: %(revised)s.", **values)


def carried_over_sentence(table: BudgetTable, language: str = "sv", kr: Callable[[int], str] | None = None) -> str:
    """The one sentence on the baseline rows that stay as they were (terminal, web page and DOCX alike):
    "Oförändrat från Ursprunglig budget: Kommunen (1 000 kr) och Regionen (2 000 kr)." Empty without such rows."""
    if not table.carried_over:
        return ""
    _ = gettext_for(language)
    kr = kr or (lambda amount: _n(amount, language) + " kr")
    rows = format_list([_("%(label)s (%(total)s)", label=row.label.strip(), total=kr(row.total))
                        for row in table.carried_over], locale=babel_locale(language))
    return _("Oförändrat från %(baseline)s: %(rows)s.",
             baseline=table.baseline_label or _("den beviljade budgeten"), rows=rows)


def render_table(title: str, table: BudgetTable, language: str = "sv",
                 effects: list[EffectResult] | None = None) -> str:
    """The summary table with Summa, Totalt and (with a baseline) the change per row."""
    _ = gettext_for(language)
    header = [_("Budget (kr)"), *table.years, _("Summa")]
    if table.has_baseline:
        header.append(_("Förändring"))
    rows = []
    for row in table.rows:
        cells = [row.label, *(_n(row.yearly[y], language) for y in table.years), _n(row.total, language)]
        if table.has_baseline:
            cells.append(_signed(row.delta or 0, language))
        rows.append(cells)
    totals = [_("Totalt"), *(_n(v, language) for v in table.yearly_totals.values()), _n(table.total, language)]
    if table.has_baseline:
        totals.append(_signed(table.delta, language))
    rows.append(totals)
    lines = [title, "", *_grid(header, rows)]
    if table.has_baseline:
        lines += ["", change_sentence(table, language)]
        if table.carried_over:
            lines.append(carried_over_sentence(table, language))
    for effect in effects or []:
        lines += ["", _("Effekter: %(label)s", label=effect.label)]
        item_rows = [[item.label, _n(amount, language)] for item, amount in effect.items]
        item_rows += [[_("Summa"), _n(effect.total, language)], [_("Kostnad"), _n(effect.cost, language)],
                      [_("Netto"), _n(effect.net, language)]]
        lines += _grid(["", "kr"], item_rows)
    return "\n".join(lines) + "\n"


def line_text(detail: LineDetail, language: str = "sv") -> list[str]:
    """One staff line as the DOCX states it: the exact monthly cost, each raise, months and cost per year."""
    _ = gettext_for(language)
    line = detail.line

    def m(amount) -> str:
        return plain_spaces(money(amount, language))

    out = [_("%(party)s: %(fte)s %(role)s, %(start)s – %(end)s", party=line.party, fte=decimal(line.fte, language),
             role=line.role, start=long_date(line.start, language), end=long_date(line.end, language)),
           "  " + _("%(full)s/mån heltid, %(monthly)s/mån för raden", full=m(detail.monthly_cost_full_time),
                    monthly=m(detail.monthly_cost))]
    for revision in detail.revisions[1:]:
        out.append("  " + _("från %(date)s: %(amount)s/mån", date=long_date(revision.start, language),
                            amount=m(revision.monthly_cost)))
    for year in detail.years:
        if not year.parts:
            continue
        terms = " + ".join(
            _("%(months)s mån x %(monthly)s/mån", monthly=m(part.monthly_cost),
              months=plain_spaces(months(part.months, language, monthly_cost=part.monthly_cost)))
            for part in year.parts)
        out.append("  " + _("%(year)s: %(terms)s = %(amount)s kr", year=year.year, terms=terms,
                            amount=_n(year.amount, language)))
    return out


def render_lines(table: BudgetTable, language: str = "sv") -> str:
    """Every staff line's figures, one block per line (`budget --lines`)."""
    blocks = ["\n".join(line_text(detail, language)) for detail in table.lines]
    return "\n\n".join(blocks) + ("\n" if blocks else "")
