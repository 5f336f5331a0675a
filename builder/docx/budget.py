"""The budget chapter: a paragraph per staff line in the reference application's style, other
costs and overhead, the summary table and, for a baseline, the original budget and the change.
Every number comes from the budget engine (builder.budget); this module only formats them.
"""
from __future__ import annotations

from decimal import Decimal

from babel.dates import get_month_names

from builder.budget import EdgeMonth, LineDetail, LineYear, Row, YearPart
from builder.budget_text import carried_over_sentence, change_sentence
from builder.formatting import babel_locale

from .budget_tables import write_baseline_table, write_reconciliation_table, write_summary_tables
from .context import Context
from .labels import BUDGET_INTRO_BY_KIND, KIND_WORDS
from .text import clean_text
from .xmlkit import paragraph, run


def write_budget(ctx: Context) -> None:
    """The whole budget chapter, in the reference application's order: the earlier approved
    budget first, then the new staff and costs, the summary and what the change amounts to."""
    _ = ctx.gettext
    app = ctx.app
    ctx.heading(_("Budget"))
    name = clean_text(app.title).strip()
    kind = "new" if KIND_WORDS.get(app.kind) and _(KIND_WORDS[app.kind]).lower() in name.lower() else app.kind
    ctx.para(_(BUDGET_INTRO_BY_KIND[kind], title=name,
               start=ctx.date(app.period.start), end=ctx.date(app.period.end)))
    if ctx.table.has_baseline:
        ctx.heading(clean_text(ctx.table.baseline_label).strip() or _("Ursprunglig budget"), 2)
        write_baseline_table(ctx)
    if ctx.table.lines:
        ctx.heading(_("Personal"), 2)
        for detail in ctx.table.lines:
            party, details = staff_line_parts(ctx, detail)
            ctx.add(paragraph(runs=[run(party + ":", bold=True), run(" " + details)]))
    cost_rows = [row for row in ctx.table.rows if row.kind in ("other", "overhead")]
    if cost_rows:
        ctx.heading(_("Övriga kostnader"), 2)
        for row in cost_rows:
            ctx.para(overhead_text(ctx, row) if row.kind == "overhead" else other_cost_text(ctx, row))
    if ctx.table.rows:
        ctx.heading(_("Sammanställning"), 2)
        write_summary_tables(ctx)
    if ctx.table.has_baseline:
        ctx.heading(_("Förändring mot den ursprungliga budgeten"), 2)
        write_reconciliation_table(ctx)
        if ctx.table.carried_over:
            ctx.para(carried_over_text(ctx))
        ctx.para(change_text(ctx))


def posts(ctx: Context, fte: Decimal) -> str:
    """"0,2 tjänst", "2,0 tjänster"."""
    if fte > 1:
        return ctx.gettext("%(fte)s tjänster", fte=ctx.fte(fte))
    return ctx.gettext("%(fte)s tjänst", fte=ctx.fte(fte))


def staff_line_parts(ctx: Context, detail: LineDetail) -> tuple[str, str]:
    """(party, the rest of the staff line's paragraph): the party is printed in bold.

    Every figure is the engine's (builder.budget.LineDetail): the exact monthly cost to the öre,
    the months counted in each year, the monthly cost after each raise and the year's cell, so a
    reader with a calculator (or check-docx) multiplies the printed figures and gets the table.
    """
    _ = ctx.gettext
    line, period = detail.line, ctx.app.period
    what = _("%(posts)s %(role)s", posts=posts(ctx, line.fte), role=line.role.strip())
    if line.start != period.start:
        what += " " + _("fr.o.m. den %(date)s", date=ctx.date(line.start))
    if line.end != period.end:
        what += " " + _("t.o.m. den %(date)s", date=ctx.date(line.end))
    sentences = [what + ".", _(
        "Månadslönen %(salary)s x sociala avgifter %(rate)s = %(monthly)s/mån för en heltidstjänst.",
        salary=ctx.money(line.monthly_salary), rate=ctx.percent(detail.social_fee_rate),
        monthly=ctx.money(detail.monthly_cost_full_time))]
    if line.fte != 1:
        sentences.append(_("För %(posts)s blir kostnaden %(monthly)s/mån.",
                           posts=posts(ctx, line.fte), monthly=ctx.money(detail.monthly_cost)))
    sentences += [edge_text(ctx, edge, line) for edge in detail.edges]
    if line.annual_raise is not None:
        sentences.append(raise_text(ctx, detail))
    sentences += [year_text(ctx, year) for year in detail.years if year.parts]
    sentences.append(_("Kostnad under perioden: %(total)s.", total=ctx.kr(detail.total)))
    return line.party.strip(), " ".join(sentences)


def edge_text(ctx: Context, edge: EdgeMonth, line) -> str:
    """"14 augusti 2017 räknas som en halv månad" (or the days counted, by the day rule)."""
    _ = ctx.gettext
    day = ctx.date(line.start if edge.first else line.end)
    if ctx.app.budget.proration == "day":
        text = (_("Start den %(date)s: %(days)s av %(in_month)s dagar räknas.", date=day, days=edge.days,
                  in_month=edge.days_in_month) if edge.first else
                _("Slut den %(date)s: %(days)s av %(in_month)s dagar räknas.", date=day, days=edge.days,
                  in_month=edge.days_in_month))
        return text
    if edge.share == 0:
        share = _("räknas inte")
    elif edge.share == 1:
        share = _("räknas som en hel månad")
    else:
        share = _("räknas som en halv månad")
    if edge.first:
        return _("Start den %(date)s %(share)s.", date=day, share=share)
    return _("Slut den %(date)s %(share)s.", date=day, share=share)


def raise_text(ctx: Context, detail: LineDetail) -> str:
    """"Lönen räknas upp med 3 % per år i april: kostnaden blir 23 457,61 kr/mån den 1 april 2025 …"."""
    _ = ctx.gettext
    revision = detail.line.annual_raise
    if revision is None:
        return ""
    month = get_month_names("wide", locale=babel_locale(ctx.language))[revision.month]
    text = _("Lönen räknas upp med %(rate)s per år i %(month)s", rate=ctx.percent(revision.rate), month=month)
    later = [_("%(monthly)s/mån den %(date)s", monthly=ctx.money(r.monthly_cost), date=ctx.date(r.start))
             for r in detail.revisions[1:]]
    if not later:
        return text + "."
    return text + ": " + _("kostnaden blir %(amounts)s.", amounts=ctx.join(later))


def term_text(ctx: Context, part: YearPart) -> str:
    """"4,5 månader x 22 774,38 kr/mån" ("1 månad x …")."""
    values = dict(months=ctx.months(part.months, part.monthly_cost), monthly=ctx.money(part.monthly_cost))
    if part.months == 1:
        return ctx.gettext("%(months)s månad x %(monthly)s/mån", **values)
    return ctx.gettext("%(months)s månader x %(monthly)s/mån", **values)


def year_text(ctx: Context, year: LineYear) -> str:
    """"2017: 4,5 månader x 22 774,38 kr/mån = 102 485 kr." (a term per salary level in the year)."""
    _ = ctx.gettext
    terms = [term_text(ctx, part) for part in year.parts]
    text = _("%(year)s: %(terms)s = %(amount)s.", year=year.year, terms=" + ".join(terms), amount=ctx.kr(year.amount))
    return text.replace(" = ", "\u00a0= ").replace(" + ", "\u00a0+ ")  # a line never starts with = or +


def _by_year(ctx: Context, row: Row) -> str:
    """"80 000 kr år 2017 och 80 000 kr år 2018" (years with an amount only)."""
    parts = [ctx.gettext("%(amount)s år %(year)s", amount=ctx.kr(amount), year=year)
             for year, amount in row.yearly.items() if amount]
    return ctx.join(parts)


def other_cost_text(ctx: Context, row: Row) -> str:
    """"Utvärdering (Kristianstads kommun): 80 000 kr år 2017 …, totalt 160 000 kr."."""
    _ = ctx.gettext
    parties = []
    for cost in ctx.app.budget.other_costs:
        party = clean_text(cost.party or "").strip()
        if cost.label == row.label and party and party not in parties:
            parties.append(party)
    label = row.label.strip()
    if parties:
        label = _("%(label)s (%(parties)s)", label=label, parties=ctx.join(parties))
    if not row.total:
        return _("%(label)s: 0 kr.", label=label)
    return _("%(label)s: %(amounts)s, totalt %(total)s.", label=label, amounts=_by_year(ctx, row),
             total=ctx.kr(row.total))


def overhead_text(ctx: Context, row: Row) -> str:
    """"Indirekta kostnader: 10 % av personalkostnaderna varje år, totalt 472 613 kr."."""
    overhead = ctx.app.budget.overhead
    return ctx.gettext("%(label)s: %(rate)s av personalkostnaderna varje år, totalt %(total)s.",
                       label=row.label.strip(), rate=ctx.percent(overhead.rate if overhead else Decimal(0)),
                       total=ctx.kr(row.total))


def carried_over_text(ctx: Context) -> str:
    """The baseline rows that stay as they were: the one sentence of builder/budget_text.carried_over_sentence."""
    return carried_over_sentence(ctx.table, ctx.language, kr=ctx.kr)


def change_text(ctx: Context) -> str:
    """The change against the baseline: the one sentence of builder/budget_text.change_sentence."""
    return change_sentence(ctx.table, ctx.language, kr=ctx.kr)

