"""Plain values for the kallelse and beslutsbrev tests (no app needed)."""
from __future__ import annotations

from datetime import date

from builder.docx.agenda import AgendaCase, AgendaMeeting
from builder.docx.decision_letter import DecisionLetter, PartyAmounts

APPLIED = (("2017", 1242640), ("2018", 2130240), ("2019", 887600))


def agenda_case(**overrides) -> AgendaCase:
    values = dict(case_number="SFSN 2017/4", title="Hela Familjen – utökning",
                  parties=("Kristianstads kommun", "Vårdcentralen Vilan"), period_start=date(2017, 6, 1),
                  period_end=date(2019, 5, 31), applied=APPLIED, version_number=2, officer="Hanna Handläggare",
                  officer_recommendation="grant", officer_note="Väl förankrat hos parterna.",
                  recommendation="complete", recommendation_note="Komplettera med tidsplan.",
                  budget_findings=("Personalrad 2: parten X finns inte bland de sökande parterna.",))
    values.update(overrides)
    return AgendaCase(**values)


def agenda_meeting(cases=None, **overrides) -> AgendaMeeting:
    values = dict(kind="styrelse", date=date(2017, 5, 15), place="Stadshuset, Kristianstad",
                  papers_deadline=date(2017, 5, 8), association="Samordningsförbundet Skåne Nordost",
                  cases=tuple(cases) if cases is not None else (agenda_case(),))
    values.update(overrides)
    return AgendaMeeting(**values)


def letter(**overrides) -> DecisionLetter:
    values = dict(case_number="SFSN 2017/4", title="Hela Familjen – utökning",
                  association="Samordningsförbundet Skåne Nordost", decision="approve",
                  decision_body="Förbundsstyrelsen", paragraph="§ 12", decision_date=date(2017, 5, 15),
                  letter_date=date(2017, 5, 17), recipient="Petra Projektledare",
                  recipient_email="projektledare@demo.se", parties=("Kristianstads kommun", "Vårdcentralen Vilan"),
                  period_start=date(2017, 6, 1), period_end=date(2019, 5, 31), approved=APPLIED,
                  applied_total=sum(a for _y, a in APPLIED),
                  party_amounts=(PartyAmounts("Kristianstads kommun", (("2017", 1000000), ("2018", 2000000),
                                                                       ("2019", 800000))),
                                 PartyAmounts("Vårdcentralen Vilan", (("2017", 242640), ("2018", 130240),
                                                                      ("2019", 87600)))),
                  conditions="Projektet redovisar deltagarantal varje månad.\nStyrgruppen möts varje kvartal.",
                  reports=(("interim_april", 2018, date(2018, 5, 31)), ("final", 2019, date(2019, 7, 31))),
                  officer_name="Hanna Handläggare", officer_email="handlaggare@demo.se",
                  signatory_name="Fia Förbundschef", version_number=2, fingerprint="abcdef123456",
                  years=("2017", "2018", "2019"))
    values.update(overrides)
    return DecisionLetter(**values)


def agreement(**overrides):
    from builder.docx.agreement import Agreement, Signatory

    values = dict(case_number="SFSN 2017/4", title="Hela Familjen – utökning",
                  association="Samordningsförbundet Skåne Nordost", decision_body="Förbundsstyrelsen",
                  paragraph="§ 12", decision_date=date(2017, 5, 15), agreement_date=date(2017, 5, 20),
                  process_owner="Kristianstads kommun",
                  parties=("Kristianstads kommun", "Vårdcentralen Vilan", "Vårdcentralen Östermalm"),
                  period_start=date(2017, 6, 1), period_end=date(2019, 5, 31),
                  approved=(("2017", 1340101), ("2018", 2390136), ("2019", 995890)),
                  party_amounts=(PartyAmounts("Kristianstads kommun", (("2017", 1242640), ("2018", 2130240),
                                                                       ("2019", 887600))),
                                 PartyAmounts("Vårdcentralen Vilan", (("2017", 49581), ("2018", 132216),
                                                                      ("2019", 55090))),
                                 PartyAmounts("Vårdcentralen Östermalm", (("2017", 47880), ("2018", 127680),
                                                                          ("2019", 53200)))),
                  years=("2017", "2018", "2019"),
                  conditions="Projektet redovisar deltagarantal varje månad.\nStyrgruppen möts varje kvartal.",
                  reports=(("interim_april", 2018, date(2018, 5, 31)), ("yearly", 2018, date(2019, 1, 31)),
                           ("final", 2019, date(2019, 7, 31))),
                  signatory_name="Fia Förbundschef",
                  signatories=(Signatory("Kristianstads kommun", "Eva Sandberg", "Förvaltningschef"),
                               Signatory("Vårdcentralen Vilan", "Johan Ek", "Verksamhetschef"),
                               Signatory("Vårdcentralen Östermalm")),
                  version_number=2, fingerprint="abcdef123456")
    values.update(overrides)
    return Agreement(**values)
