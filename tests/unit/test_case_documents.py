"""The kallelse and beslutsbrev DOCX: content, tables, footer; the reporting schedule; case-number patterns."""
from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from builder.cases.numbering import PatternError, check_pattern, format_case_number
from builder.cases.reporting import reporting_schedule
from builder.docx.agenda import render_agenda_docx
from builder.docx.decision_letter import render_decision_letter_docx

from .case_docs import agenda_case, agenda_meeting, letter


def text_of(data: bytes) -> tuple[str, list[list[list[str]]], str]:
    """(body paragraphs, tables as rows of cell texts, footer XML text) with ordinary spaces."""
    document = Document(io.BytesIO(data))
    body = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    tables = [[[c.text.replace("\xa0", " ") for c in row.cells] for row in t.rows] for t in document.tables]
    footer = "\n".join(p.text for p in document.sections[0].footer.paragraphs).replace("\xa0", " ")
    return body, tables, footer


def test_agenda_lists_every_case_with_its_figures_recommendations_and_check():
    second = agenda_case(case_number="SFSN 2017/5", title="Unga vuxna", parties=("Region Skåne",),
                         applied=(("2018", 500000),), officer_recommendation="", recommendation="",
                         budget_findings=(), late=True)
    body, tables, footer = text_of(render_agenda_docx(agenda_meeting([agenda_case(), second])))
    assert "Kallelse – Förbundsstyrelsen 15 maj 2017" in body
    assert "Plats: Stadshuset, Kristianstad" in body
    assert "Handlingarna skickas ut senast 8 maj 2017." in body
    assert "1. SFSN 2017/4 Hela Familjen – utökning" in body and "2. SFSN 2017/5 Unga vuxna" in body
    facts = dict(row for row in tables[0][1:])
    assert facts["Parter"] == "Kristianstads kommun, Vårdcentralen Vilan"
    assert facts["Period"] == "1 juni 2017 – 31 maj 2019"
    assert tables[1] == [["År", "Belopp"], ["2017", "1 242 640 kr"], ["2018", "2 130 240 kr"],
                         ["2019", "887 600 kr"], ["Summa", "4 260 480 kr"]]
    assert "Handläggarens förslag: Bevilja" in body and "Väl förankrat hos parterna." in body
    assert "Beredningsgruppens rekommendation: Komplettera" in body
    assert "Budgetkontroll – antal avvikelser: 1." in body and "parten X finns inte" in body
    assert "Budgetkontroll: inga avvikelser." in body
    assert "Handläggarens förslag: ingen ännu" in body
    assert body.count("kom in efter sista dag för handlingar") == 1
    assert "Diarienummer: SFSN 2017/4, SFSN 2017/5" in footer and "Sida" in footer


def test_agenda_for_a_beredning_without_cases_says_so():
    body, tables, _footer = text_of(render_agenda_docx(agenda_meeting([], kind="beredning")))
    assert "Kallelse – Beredningsgruppen" in body and "Inga ärenden är anmälda till mötet." in body
    assert tables == []


def test_agenda_beredning_leaves_out_an_empty_recommendation_line():
    body, _tables, _footer = text_of(render_agenda_docx(agenda_meeting([agenda_case(recommendation="")],
                                                                       kind="beredning")))
    assert "Beredningsgruppens rekommendation" not in body


def test_decision_letter_grant_has_amounts_parties_conditions_reports_appeal_and_signature():
    body, tables, footer = text_of(render_decision_letter_docx(letter()))
    assert "Beslut om medel: Hela Familjen – utökning" in body
    assert "Diarienummer: SFSN 2017/4" in body and "Till: Petra Projektledare" in body
    assert ("Förbundsstyrelsen beslutade den 15 maj 2017 (§ 12) att bevilja medel till Hela Familjen – utökning "
            "med 4 260 480 kr.") in body
    assert tables[0] == [["År", "Beviljat"], ["2017", "1 242 640 kr"], ["2018", "2 130 240 kr"],
                         ["2019", "887 600 kr"], ["Summa", "4 260 480 kr"]]
    assert tables[1][0] == ["Part", "2017", "2018", "2019", "Totalt"]
    assert tables[1][1] == ["Kristianstads kommun", "1 000 000 kr", "2 000 000 kr", "800 000 kr", "3 800 000 kr"]
    assert tables[1][-1] == ["Summa", "1 242 640 kr", "2 130 240 kr", "887 600 kr", "4 260 480 kr"]
    assert "– Projektet redovisar deltagarantal varje månad." in body and "– Styrgruppen möts varje kvartal." in body
    assert tables[2] == [["Rapport", "Senast"], ["Delårsrapport till och med 30 april 2018", "31 maj 2018"],
                         ["Slutrapport med utvärdering", "31 juli 2019"]]
    assert "laglighetsprövning enligt 13 kap. kommunallagen (2017:725)" in body and "tre veckor" in body
    assert "kontakta handläggaren Hanna Handläggare, handlaggare@demo.se" in body
    assert "Fia Förbundschef" in body and "Förbundschef" in body.split("Fia Förbundschef")[1]
    assert "Diarienummer: SFSN 2017/4" in footer and "Kontrollsumma: abcdef123456" in footer


def test_decision_letter_notes_when_the_grant_differs_from_the_application():
    body, _tables, _footer = text_of(render_decision_letter_docx(letter(approved=(("2017", 100000),))))
    assert "med 100 000 kr" in body
    assert "Fördelningen nedan är den sökta (4 260 480 kr)" in body


def test_decision_letter_rejection_has_no_amounts_but_the_appeal():
    body, tables, _footer = text_of(render_decision_letter_docx(letter(decision="reject", approved=())))
    assert "Beslut om avslag" in body and "att avslå ansökan om medel" in body
    assert tables == [] and "Villkor" not in body and "laglighetsprövning" in body


def test_decision_letter_in_english():
    body, tables, _footer = text_of(render_decision_letter_docx(letter(), "en"))
    assert "Decision" in body and tables[0][0] == ["Year", "Granted"]


def test_hostile_text_is_cleaned_not_fatal():
    nasty = "A\x00B\x1f<&>\u202e" + "x" * 10000
    data = render_decision_letter_docx(letter(title=nasty, conditions=nasty, recipient=nasty))
    body, _tables, _footer = text_of(data)
    assert "AB<&>" in body
    assert render_agenda_docx(agenda_meeting([agenda_case(title=nasty, officer_note=nasty)]))


@pytest.mark.parametrize("start,end,expected", [
    (date(2017, 6, 1), date(2019, 5, 31), [
        ("interim_august", 2017, date(2017, 9, 30)), ("yearly", 2017, date(2018, 1, 31)),
        ("interim_april", 2018, date(2018, 5, 31)), ("interim_august", 2018, date(2018, 9, 30)),
        ("yearly", 2018, date(2019, 1, 31)), ("interim_april", 2019, date(2019, 5, 31)),
        ("final", 2019, date(2019, 7, 31))]),
    (date(2026, 1, 1), date(2026, 3, 31), [("final", 2026, date(2026, 5, 31))]),
    (date(2026, 1, 1), date(2026, 12, 31), [
        ("interim_april", 2026, date(2026, 5, 31)), ("interim_august", 2026, date(2026, 9, 30)),
        ("final", 2026, date(2027, 2, 28))]),
    (date(2026, 5, 1), date(2026, 4, 1), []),
])
def test_reporting_schedule(start, end, expected):
    assert [(r.kind, r.year, r.due) for r in reporting_schedule(start, end)] == expected


@pytest.mark.parametrize("pattern,year,n,expected", [
    ("SFSN {year}/{n}", 2026, 7, "SFSN 2026/7"), ("Dnr {n:03d}-{year}", 2026, 7, "Dnr 007-2026"),
    ("{n}", 2026, 12, "12")])
def test_case_number_patterns(pattern, year, n, expected):
    assert format_case_number(pattern, year, n) == expected


@pytest.mark.parametrize("pattern", ["", "SFSN {year}", "{n.real}", "{n[0]}", "{year}/{n", "{n!r}", "{n:>999999}",
                                     "{0}{n}", "{}"])
def test_unusable_patterns_are_refused(pattern):
    with pytest.raises(PatternError):
        check_pattern(pattern)


def test_reporting_schedule_follows_the_associations_periods():
    schedule = reporting_schedule(date(2026, 1, 1), date(2026, 12, 31), ("04-30", "09-30", "12-31"))
    assert [(r.kind, r.covers_until, r.due) for r in schedule] == [
        ("interim_april", date(2026, 4, 30), date(2026, 5, 31)),
        ("interim_september", date(2026, 9, 30), date(2026, 10, 31)),
        ("final", date(2026, 12, 31), date(2027, 2, 28))]


def test_reporting_schedule_ignores_unusable_period_ends_and_always_closes_the_year():
    schedule = reporting_schedule(date(2026, 1, 1), date(2027, 6, 30), ("02-29", "13-01", "x", "06-15", ""))
    assert [(r.kind, r.covers_until) for r in schedule] == [
        ("interim", date(2026, 6, 15)), ("yearly", date(2026, 12, 31)), ("interim", date(2027, 6, 15)),
        ("final", date(2027, 6, 30))]
