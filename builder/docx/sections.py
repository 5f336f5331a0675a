"""The front of the application, its narrative sections, expected effects and risk register."""
from __future__ import annotations

from .context import Context
from .export_refusal import applying_parties
from .labels import KIND_WORDS, SECTION_TITLES, TITLE_BY_KIND
from .tables import Column, TableRow, fit_columns
from .text import clean_text, paragraphs_of

DRAFT_COLOUR = "C00000"


def document_title(app, gettext, draft: bool = False) -> str:
    """"Ansökan om medel för utökning av Hela Familjen", with "UTKAST – " in front of a draft; a project
    name that already says "utökning av" is not told so twice."""
    name = clean_text(app.title).strip()
    template = TITLE_BY_KIND[app.kind]
    kind_words = gettext(KIND_WORDS.get(app.kind, "")) if KIND_WORDS.get(app.kind) else ""
    if kind_words and kind_words.lower() in name.lower():
        template = TITLE_BY_KIND["new"]
    title = gettext(template, title=name)
    return gettext("UTKAST – %(title)s", title=title) if draft else title


def write_front(ctx: Context, draft: bool) -> None:
    """Title, the association, who stands behind the application, the period and the date."""
    _ = ctx.gettext
    ctx.para(document_title(ctx.app, _, draft), style="Title")
    if draft:
        ctx.para(_("Utkast – inte för underskrift."), bold=True, colour=DRAFT_COLOUR)
    app = ctx.app
    if clean_text(app.association).strip():
        ctx.para(_("Till %(association)s", association=app.association.strip()), space_after=2)
    parties = applying_parties(app)
    if parties:
        ctx.para(_("Bakom ansökan står %(parties)s.", parties=ctx.join(parties)), bold=True, space_after=2)
    ctx.para(_("Period: %(start)s – %(end)s", start=ctx.date(app.period.start), end=ctx.date(app.period.end)),
             space_after=2)
    if clean_text(app.process_owner).strip():
        ctx.para(_("Processägare: %(owner)s", owner=app.process_owner.strip()), space_after=2)
    ctx.para(amount_text(ctx), bold=True, space_after=2)
    ctx.para(_("Datum: %(date)s", date=ctx.date(ctx.today)))


def amount_text(ctx: Context) -> str:
    """"Sökt belopp: 4 726 127 kr." (an extension: the increase and the revised total)."""
    _ = ctx.gettext
    table = ctx.table
    if not table.has_baseline:
        return _("Sökt belopp: %(amount)s.", amount=ctx.kr(table.total))
    return _("Sökt belopp: %(amount)s (förändring mot den ursprungliga budgeten), reviderad total %(total)s.",
             amount=ctx.kr(table.delta), total=ctx.kr(table.revised_total))


def write_sections(ctx: Context, keys: tuple[str, ...]) -> None:
    """Each non-empty section: a Heading 1 and one paragraph per line of its text."""
    for key in keys:
        texts = paragraphs_of(ctx.app.sections.get(key))
        if not texts:
            continue  # an empty optional section is left out, never a heading with nothing under it
        ctx.heading(ctx.gettext(SECTION_TITLES[key]))
        for text in texts:
            ctx.para(text)


def calculation(ctx: Context, item, amount: int) -> str:
    """"3 749 kr/dygn x 30,5 dgr/mån x 6 mån x 9 pers = 6 174 603 kr"."""
    return ctx.gettext(
        "%(per_day)s kr/dygn x %(days)s dgr/mån x %(months)s mån x %(persons)s pers = %(amount)s",
        per_day=ctx.amount(item.cost_per_day), days=ctx.decimal(item.days_per_month),
        months=ctx.decimal(item.months), persons=ctx.decimal(item.persons), amount=ctx.kr(amount))


def write_effects(ctx: Context) -> None:
    """Expected savings: per scenario a table of items, their calculation, total, cost and net."""
    if not ctx.effects:
        return
    _ = ctx.gettext
    ctx.heading(_("Förväntade effekter"))
    columns = fit_columns([Column(2600), Column(0), Column(1400, "right")], flexible_index=1)
    for scenario in ctx.effects:
        if clean_text(scenario.label).strip():
            ctx.heading(scenario.label, 2)
        rows = [TableRow((item.label, calculation(ctx, item, amount), ctx.number(amount)))
                for item, amount in scenario.items]
        rows += [TableRow((_("Summa"), "", ctx.number(scenario.total)), "total"),
                 TableRow((_("Kostnad"), "", ctx.number(scenario.cost))),
                 TableRow((_("Netto"), "", ctx.number(scenario.net)), "total")]
        ctx.add_table(columns, [_("Post"), _("Beräkning"), _("Belopp (kr)")], rows)


def write_risks(ctx: Context) -> None:
    """The risk register, grouped by area in the order the areas first appear."""
    if not ctx.app.risks:
        return
    _ = ctx.gettext
    ctx.heading(_("Riskanalys"))
    groups: dict[str, list] = {}
    for risk in ctx.app.risks:
        groups.setdefault(clean_text(risk.area).strip(), []).append(risk)
    rows = []
    for area, risks in groups.items():
        for i, risk in enumerate(risks):
            rows.append(TableRow((area if i == 0 else "", risk.party, risk.description,
                                  str(risk.likelihood), str(risk.consequence), risk.mitigation)))
    # Likelihood and consequence are one digit each: short headers leave the text columns room.
    columns = fit_columns([Column(1400), Column(1450), Column(0), Column(520, "right"),
                           Column(520, "right"), Column(2700)], flexible_index=2)
    header = [_("Område"), _("Part"), _("Beskrivning"), _("S"), _("K"), _("Åtgärd")]
    ctx.add_table(columns, header, rows)
    ctx.para(_("S = sannolikhet, K = konsekvens, bedömda på en skala från 1 (låg) till 4 (hög)."), size_pt=9)
