"""The överenskommelse between the förbund and the parties running a granted insats: plain values in, DOCX out.

The förbund and each party, the huvudman, the insats and its period, the approved amount per year and
party (the budget engine's figures, formatted by builder.formatting), the decision's conditions, the
reporting schedule, the standard clause on unused funds, and a signature block for the förbund and each
party (the förbund's first). Signature blocks sit two to a borderless table row that may not split across pages.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from builder.i18n import gettext_for

from .base import TEXT_WIDTH_TWIPS
from .casedoc import day, money, party_table, write_document, year_table
from .decision_letter import REPORT_LABELS, PartyAmounts
from .signatures import PARTY_COLOUR, PLACE_RULE, SIGNATURE_RULE
from .tables import Column, TableRow, build_table, fit_columns
from .xmlkit import el, paragraph

BLOCKS_PER_ROW = 2


@dataclass(frozen=True)
class Signatory:
    """One signature block: whom it signs for, and the person's name and title when known."""

    party: str
    name: str = ""
    title: str = ""


@dataclass(frozen=True)
class Agreement:
    """Everything the överenskommelse says, computed beforehand (amounts by the budget engine)."""

    case_number: str
    title: str
    association: str
    decision_body: str
    paragraph: str
    decision_date: date
    agreement_date: date
    process_owner: str
    parties: tuple[str, ...] = ()
    period_start: date | None = None
    period_end: date | None = None
    approved: tuple[tuple[str, int], ...] = ()  # (year, whole kronor) granted
    party_amounts: tuple[PartyAmounts, ...] = ()  # the engine's rows per party and year
    years: tuple[str, ...] = ()
    conditions: str = ""
    reports: tuple[tuple[str, int, date], ...] = ()  # (kind, year, due)
    signatory_name: str = ""  # who signs for the förbund (förbundschef)
    signatories: tuple[Signatory, ...] = ()  # one per party
    version_number: int | None = None
    fingerprint: str = ""
    association_orgnr: str = ""  # organisationsnummer, when the association has one

    @property
    def approved_total(self) -> int:
        return sum(amount for _year, amount in self.approved)

    @property
    def split_matches(self) -> bool:
        """True when the parties' amounts add up to the approved amount in every year."""
        yearly = {y: sum(dict(p.yearly).get(y, 0) for p in self.party_amounts) for y in self.years}
        return bool(self.party_amounts) and yearly == dict(self.approved)


def render_agreement_docx(agreement: Agreement, language: str = "sv") -> bytes:
    """The överenskommelse as DOCX bytes."""
    _ = gettext_for(language, "docx")
    title = _("Överenskommelse om finansiering: %(title)s", title=agreement.title)
    blocks = _heading_blocks(agreement, title, language, _)
    blocks += _parties_blocks(agreement, language, _)
    blocks += _funding_blocks(agreement, language, _)
    blocks += _conditions_blocks(agreement, language, _)
    blocks += _signature_blocks(agreement, _)
    detail = _("Diarienummer: %(number)s", number=agreement.case_number)
    if agreement.version_number:
        detail += " · " + _("Version: %(label)s", label=str(agreement.version_number))
    if agreement.fingerprint:
        detail += " · " + _("Kontrollsumma: %(fingerprint)s", fingerprint=agreement.fingerprint)
    return write_document(language, _, blocks, title=title, footer_title=title, footer_detail=detail,
                          subject=_("Överenskommelse"), today=agreement.agreement_date)


def _association(agreement: Agreement, _) -> str:
    return agreement.association or _("samordningsförbundet")


def _heading_blocks(agreement: Agreement, title: str, language: str, _) -> list[str]:
    blocks = [paragraph(agreement.association, bold=True) if agreement.association else "",
              paragraph(_("Datum: %(date)s", date=day(agreement.agreement_date, language)), align="right",
                        space_after=0),
              paragraph(_("Diarienummer: %(number)s", number=agreement.case_number), align="right"),
              paragraph(title, "Title")]
    return [b for b in blocks if b]


def _parties_blocks(agreement: Agreement, language: str, _) -> list[str]:
    period = (f"{day(agreement.period_start, language)} – {day(agreement.period_end, language)}"
              if agreement.period_start and agreement.period_end else "–")
    rows = [TableRow((_("Samordningsförbund"), _association(agreement, _)))]
    if agreement.association_orgnr:
        rows.append(TableRow((_("Organisationsnummer"), agreement.association_orgnr)))
    rows += [TableRow((_("Part"), party)) for party in agreement.parties]
    rows.append(TableRow((_("Huvudman"), agreement.process_owner or "–")))
    rows.append(TableRow((_("Insats"), agreement.title)))
    rows.append(TableRow((_("Period"), period)))
    rows.append(TableRow((_("Diarienummer"), agreement.case_number)))
    return [paragraph(_("1. Parter och insats"), "Heading1"),
            build_table(fit_columns([Column(3000), Column(0)], flexible_index=1), [_("Roll"), _("Namn")], rows),
            paragraph(_("%(body)s beslutade den %(date)s (%(paragraph)s) att bevilja medel till insatsen "
                        "%(title)s. Denna överenskommelse reglerar hur medlen används och redovisas.",
                        body=agreement.decision_body, date=day(agreement.decision_date, language),
                        paragraph=agreement.paragraph or "–", title=agreement.title), space_before=8),
            paragraph(_("Huvudman för insatsen är %(owner)s. Huvudmannen ansvarar för att insatsen genomförs "
                        "enligt ansökan och beslutet, för insatsens ekonomi och för återrapporteringen till "
                        "förbundet.", owner=agreement.process_owner or "–"))]


def _funding_blocks(agreement: Agreement, language: str, _) -> list[str]:
    blocks = [paragraph(_("2. Finansiering"), "Heading1"),
              paragraph(_("Förbundet finansierar insatsen med högst %(amount)s enligt tabellen nedan.",
                          amount=money(agreement.approved_total, language)), keep_next=True)]
    blocks.append(year_table(agreement.approved, agreement.approved_total, _("Beviljat"), language, _))
    if agreement.party_amounts and agreement.years:
        blocks.append(paragraph(_("Beviljat belopp per år och part"), "Heading2"))
        if not agreement.split_matches:
            blocks.append(paragraph(_("Beviljat belopp avviker från ansökans budget. Tabellen visar den sökta "
                                      "fördelningen per part; parterna fastställer den slutliga fördelningen "
                                      "inom det beviljade beloppet i en bilaga innan insatsen startar.")))
        blocks.append(party_table(agreement.years, agreement.party_amounts, language, _))
    return blocks


def _conditions_blocks(agreement: Agreement, language: str, _) -> list[str]:
    blocks = [paragraph(_("3. Villkor"), "Heading1")]
    conditions = [line.strip() for line in agreement.conditions.split("\n") if line.strip()]
    blocks += [paragraph("– " + line) for line in conditions] or \
        [paragraph(_("Beslutet har inga särskilda villkor utöver denna överenskommelse."))]
    blocks.append(paragraph(_("Medlen får användas endast för insatsen under perioden och enligt den beviljade "
                              "budgeten. Väsentliga ändringar av insatsens inriktning, huvudman, period eller "
                              "budget ska godkännas av förbundet innan de genomförs.")))
    blocks.append(paragraph(_("4. Återrapportering"), "Heading1"))
    blocks.append(paragraph(_("Huvudmannen lämnar följande rapporter till förbundet, med ekonomiskt utfall per "
                              "år och part och antal deltagare:"), keep_next=True))
    if agreement.reports:
        rows = [TableRow((_(REPORT_LABELS.get(kind, kind), year=year), day(due, language)))
                for kind, year, due in agreement.reports]
        blocks.append(build_table(fit_columns([Column(0), Column(3000)]), [_("Rapport"), _("Senast")], rows))
    blocks.append(paragraph(_("5. Medel som inte används"), "Heading1"))
    blocks.append(paragraph(_("Förbundets medel ersätter insatsens faktiska kostnader enligt "
                              "självkostnadsprincipen: ingen part får gå med vinst på insatsen. Medel som inte har "
                              "använts för insatsen under perioden betalas inte ut. Medel som redan har betalats "
                              "ut men inte använts återbetalas till förbundet, senast i samband med "
                              "slutredovisningen. Medel som inte har använts ett år förs inte över till nästa år "
                              "utan förbundets beslut.")))
    return blocks


def _signature_blocks(agreement: Agreement, _) -> list[str]:
    forbund = Signatory(_association(agreement, _), agreement.signatory_name, _("Förbundschef"))
    signatories = (forbund, *agreement.signatories)
    count = len(signatories)
    return [paragraph(_("6. Underskrifter"), "Heading1"),
            paragraph(_("Denna överenskommelse är upprättad i %(count)s likalydande exemplar, av vilka parterna "
                        "har tagit var sitt.", count=count), keep_next=True),
            _signature_table(signatories, _)]


def _block(signatory: Signatory, _) -> str:
    lines: list[tuple[str, dict]] = [
        (_("För %(party)s", party=signatory.party),
         dict(bold=True, colour=PARTY_COLOUR, space_before=12, space_after=0)),
        (SIGNATURE_RULE, dict(space_before=30, space_after=0)),
        (signatory.name or _("Namnförtydligande"), dict(bold=bool(signatory.name), space_after=0))]
    if signatory.title:
        lines.append((signatory.title, dict(space_after=0)))
    lines.append((_("Ort och datum: %(line)s", line=PLACE_RULE), dict(space_before=14, space_after=6)))
    return "".join(paragraph(text, keep_next=i < len(lines) - 1, keep_lines=True, **options)
                   for i, (text, options) in enumerate(lines))


def _signature_table(signatories: tuple[Signatory, ...], _) -> str:
    """A borderless table, two blocks to a row; a row (its blocks) never splits across pages."""
    width = TEXT_WIDTH_TWIPS // BLOCKS_PER_ROW
    margins = el("w:left", w="0", type="dxa") + el("w:right", w="170", type="dxa")
    props = (f'<w:tblPr>{el("w:tblW", w=str(width * BLOCKS_PER_ROW), type="dxa")}'
             f'{el("w:tblLayout", type="fixed")}<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>')
    grid = el("w:gridCol", w=str(width)) * BLOCKS_PER_ROW
    rows = []
    for start in range(0, len(signatories), BLOCKS_PER_ROW):
        chunk = signatories[start:start + BLOCKS_PER_ROW]
        cells = []
        for i in range(BLOCKS_PER_ROW):
            content = _block(chunk[i], _) if i < len(chunk) else paragraph("")
            cells.append(f'<w:tc><w:tcPr>{el("w:tcW", w=str(width), type="dxa")}</w:tcPr>{content}</w:tc>')
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
