"""A period report (delårsrapport, årsrapport or slutrapport) of an approved insats: plain values in, DOCX out.

The insats, its diarienummer and the period; the economic part per budget row and party (the year's budget
from the budget engine, the outcome in the period and year to date, the difference between forecast and
budget, what remains, the forecast), whose sums add up because every sum is a sum of the rows printed; the
participants against the planned number; the short text answers; and a signature line for the huvudman.
"""
from __future__ import annotations

from builder.followup.figures import COMMON_PARTY, SEXES, STAGES, Figure, ReportDocument
from builder.formatting import number
from builder.i18n import gettext_for

from .casedoc import day, write_document
from .labels import N_
from .signatures import PARTY_COLOUR, PLACE_RULE, SIGNATURE_RULE
from .tables import Column, TableRow, build_table, fit_columns
from .xmlkit import paragraph

TITLES = {"delar": N_("Delårsrapport"), "ar": N_("Årsrapport"), "slut": N_("Slutrapport")}
QUESTIONS = {"progress": N_("Hur har arbetet gått under perioden?"),
             "deviations": N_("Avvikelser mot plan och budget"),
             "changes": N_("Förändringar framåt")}
STAGE_LABELS = {"started": N_("Påbörjat under perioden"), "ongoing": N_("Pågående vid periodens slut"),
                "finished": N_("Avslutat under perioden")}
AMOUNT_WIDTH = 1230


def report_title(kind: str, _) -> str:
    return _(TITLES.get(kind, TITLES["delar"]))


def render_period_report_docx(document: ReportDocument, language: str = "sv") -> bytes:
    """The period report as DOCX bytes."""
    _ = gettext_for(language, "docx")
    kind_title = report_title(document.kind, _)
    if document.kind != "slut":  # "Delårsrapport 2018"; the final report covers the whole insats
        kind_title += f" {document.figures.year}"
    title = f"{kind_title}: {document.title}"
    period = f"{day(document.period_start, language)} – {day(document.period_end, language)}"
    blocks = [paragraph(document.association, bold=True) if document.association else "",
              paragraph(_("Diarienummer: %(number)s", number=document.case_number), align="right"),
              paragraph(kind_title, "Title"),
              _facts(document, period, _)]
    blocks += _economy(document, language, _)
    blocks += _participants(document, language, _)
    blocks += _answers(document, _)
    blocks += _signature(_)
    detail = _("Diarienummer: %(number)s", number=document.case_number) + " · " + period
    if document.version_number:
        detail += " · " + _("Version: %(label)s", label=str(document.version_number))
    return write_document(language, _, [b for b in blocks if b], title=title, footer_title=title,
                          footer_detail=detail, subject=kind_title, today=document.report_date)


def _facts(document: ReportDocument, period: str, _) -> str:
    rows = [TableRow((_("Insats"), document.title)),
            TableRow((_("Diarienummer"), document.case_number)),
            TableRow((_("Samordningsförbund"), document.association or "–")),
            TableRow((_("Rapportperiod"), period))]
    if document.version_number:
        rows.append(TableRow((_("Beviljad version"), str(document.version_number))))
    return build_table(fit_columns([Column(3000), Column(0)], flexible_index=1), [_("Uppgift"), ""], rows)


def _party_name(party: str, _) -> str:
    return party if party != COMMON_PARTY else _("Gemensamma kostnader")


def _cells(figure: Figure, language: str) -> tuple[str, ...]:
    return tuple(number(value, language) for value in (figure.budget, figure.outcome, figure.ytd,
                                                       figure.difference, figure.remaining, figure.forecast))


def _economy(document: ReportDocument, language: str, _) -> list[str]:
    figures = document.figures
    columns = fit_columns([Column(0)] + [Column(AMOUNT_WIDTH, "right") for _i in range(6)])
    header = [_("Rad"), _("Budget %(year)s", year=figures.year), _("Utfall perioden"), _("Utfall i år"),
              _("Avvikelse"), _("Kvar"), _("Prognos")]
    rows: list[TableRow] = []
    for party in figures.parties:
        rows.append(TableRow((_party_name(party.party, _), *[""] * 6), kind="total"))
        rows += [TableRow((item.row.label, *_cells(item.figure, language))) for item in party.rows]
        rows.append(TableRow((_("Summa %(party)s", party=_party_name(party.party, _)),
                              *_cells(party.figure, language)), kind="total"))
    rows.append(TableRow((_("Totalt"), *_cells(figures.total, language)), kind="total"))
    return [paragraph(_("1. Ekonomiskt utfall"), "Heading1"),
            paragraph(_("Belopp i kronor för %(year)s. Utfall i år är utfallet från årets början till periodens "
                        "slut; avvikelse är prognosen för året minus budgeten; kvar är budgeten minus utfallet "
                        "i år.", year=figures.year), keep_next=True),
            build_table(columns, header, rows)]


def _participants(document: ReportDocument, language: str, _) -> list[str]:
    people = document.participants
    columns = fit_columns([Column(0)] + [Column(1500, "right") for _i in range(4)])
    rows = [TableRow((_(STAGE_LABELS[stage]), *[number(people.get(stage, sex), language) for sex in SEXES],
                      number(people.stage_total(stage), language))) for stage in STAGES]
    planned = "–" if document.planned is None else number(document.planned, language)
    return [paragraph(_("2. Deltagare"), "Heading1"),
            build_table(columns, ["", _("Kvinnor"), _("Män"), _("Annat/ej angivet"), _("Summa")], rows),
            paragraph(_("Planerat antal deltagare %(year)s: %(planned)s", year=document.figures.year,
                        planned=planned), space_before=8)]


def _answers(document: ReportDocument, _) -> list[str]:
    blocks = [paragraph(_("3. Verksamheten"), "Heading1")]
    answers = dict(document.answers)
    for key, question in QUESTIONS.items():
        blocks.append(paragraph(_(question), "Heading2"))
        lines = [line.strip() for line in (answers.get(key) or "").split("\n") if line.strip()]
        blocks += [paragraph(line) for line in lines] or [paragraph("–")]
    return blocks


def _signature(_) -> list[str]:
    lines: list[tuple[str, dict]] = [
        (_("Underskrift för huvudmannen"), dict(bold=True, colour=PARTY_COLOUR, space_before=12, space_after=0)),
        (SIGNATURE_RULE, dict(space_before=30, space_after=0)),
        (_("Namnförtydligande"), dict(space_after=0)),
        (_("Ort och datum: %(line)s", line=PLACE_RULE), dict(space_before=14, space_after=6))]
    return [paragraph(_("4. Underskrift"), "Heading1", keep_next=True)] + [
        paragraph(text, keep_next=i < len(lines) - 1, keep_lines=True, **options)
        for i, (text, options) in enumerate(lines)]
