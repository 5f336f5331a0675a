"""The överenskommelse DOCX: parties, huvudman, amounts per year and party, clauses, a signature block per party."""
from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document

from builder.cases.documents import figures
from builder.docx.agreement import render_agreement_docx
from builder.formatting import kr

from .case_docs import agreement
from .test_case_documents import text_of

SAMPLE = Path(__file__).resolve().parents[2] / "builder" / "sample" / "hela-familjen.json"


def _k(amount: int) -> str:
    return kr(amount).replace("\xa0", " ")


def test_agreement_names_the_forbund_each_party_the_huvudman_and_the_case():
    body, tables, footer = text_of(render_agreement_docx(agreement()))
    assert "Överenskommelse om finansiering: Hela Familjen – utökning" in body
    roles = [tuple(row) for row in tables[0][1:]]
    assert roles[0] == ("Samordningsförbund", "Samordningsförbundet Skåne Nordost")
    assert [name for role, name in roles if role == "Part"] == ["Kristianstads kommun", "Vårdcentralen Vilan",
                                                                "Vårdcentralen Östermalm"]
    assert ("Huvudman", "Kristianstads kommun") in roles
    assert ("Period", "1 juni 2017 – 31 maj 2019") in roles and ("Diarienummer", "SFSN 2017/4") in roles
    assert "Förbundsstyrelsen beslutade den 15 maj 2017 (§ 12)" in body
    assert "Huvudman för insatsen är Kristianstads kommun." in body
    assert "Diarienummer: SFSN 2017/4" in body and "Diarienummer: SFSN 2017/4" in footer


def test_amounts_per_year_and_party_are_the_engines_figures():
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    _validated, table = figures(doc)
    assert table is not None
    _body, tables, _footer = text_of(render_agreement_docx(agreement()))
    yearly = {row[0]: row[1] for row in tables[1][1:]}
    for year, amount in table.yearly_totals.items():
        assert yearly[year] == _k(amount)
    assert yearly["Summa"] == _k(table.total)
    parties = {row[0]: row[1:] for row in tables[2][1:]}
    assert tables[2][0] == ["Part", *table.years, "Totalt"]
    for row in table.rows:
        assert parties[row.label] == [*(_k(row.yearly[y]) for y in table.years), _k(row.total)]
    assert parties["Summa"][-1] == _k(table.total)


def test_conditions_reports_and_the_unused_funds_clause():
    body, tables, _footer = text_of(render_agreement_docx(agreement()))
    assert "– Projektet redovisar deltagarantal varje månad." in body
    assert "– Styrgruppen möts varje kvartal." in body
    assert tables[3][1:] == [["Delårsrapport till och med 30 april 2018", "31 maj 2018"],
                             ["Årsrapport 2018", "31 januari 2019"],
                             ["Slutrapport med utvärdering", "31 juli 2019"]]
    assert "självkostnadsprincipen" in body and "betalas inte ut" in body
    assert "återbetalas till förbundet" in body
    assert "Beviljat belopp avviker" not in body
    plain, _t, _f = text_of(render_agreement_docx(agreement(conditions="")))
    assert "Beslutet har inga särskilda villkor" in plain


def test_a_different_approved_amount_says_the_split_is_set_in_an_annex():
    body, tables, _footer = text_of(render_agreement_docx(agreement(approved=(("2017", 1000000),))))
    assert "Beviljat belopp avviker från ansökans budget" in body
    assert tables[1][1:] == [["2017", _k(1000000)], ["Summa", _k(1000000)]]


def test_a_signature_block_for_the_forbund_and_each_party_in_rows_that_never_split():
    data = render_agreement_docx(agreement())
    document = Document(io.BytesIO(data))
    signatures = document.tables[-1]
    cells = [" | ".join(p.text for p in cell.paragraphs) for row in signatures.rows for cell in row.cells]
    assert [c.split(" | ")[0] for c in cells] == ["För Samordningsförbundet Skåne Nordost",
                                                  "För Kristianstads kommun", "För Vårdcentralen Vilan",
                                                  "För Vårdcentralen Östermalm"]
    assert "Fia Förbundschef | Förbundschef" in cells[0] and "Eva Sandberg | Förvaltningschef" in cells[1]
    assert "Namnförtydligande" in cells[3] and all("Ort och datum" in c for c in cells)
    for table in document.tables:
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
    body, _t, _f = text_of(data)
    assert "upprättad i 4 likalydande exemplar" in body


def test_without_an_association_name_the_forbund_still_signs():
    document = Document(io.BytesIO(render_agreement_docx(agreement(association="", signatory_name=""))))
    first = document.tables[-1].rows[0].cells[0].paragraphs
    assert [p.text for p in first[:1]] == ["För samordningsförbundet"]
    assert "Namnförtydligande" in [p.text for p in first]


def test_english_agreement():
    body, tables, _footer = text_of(render_agreement_docx(agreement(), "en"))
    assert "Agreement on funding: Hela Familjen – utökning" in body
    assert "cost price" in body
    assert tables[2][0][0] == "Party"


def test_the_associations_organisation_number_follows_its_name():
    _body, tables, _footer = text_of(render_agreement_docx(agreement(association_orgnr="222000-1234")))
    roles = [tuple(row) for row in tables[0][1:]]
    assert roles[:2] == [("Samordningsförbund", "Samordningsförbundet Skåne Nordost"),
                         ("Organisationsnummer", "222000-1234")]
    assert "Organisationsnummer" not in [role for role, _ in
                                         (tuple(r) for r in text_of(render_agreement_docx(agreement()))[1][0][1:])]
