"""The exported Hela Familjen application, read back with python-docx: the real content."""
from __future__ import annotations

import pytest

from builder.budget import compute_budget
from builder.formatting import kr, number
from tests.unit.docx_factories import (
    application,
    export,
    find_table,
    headings,
    hela_dict,
    open_docx,
    section_paragraphs,
    table_texts,
)

NBSP = "\u00a0"


def n(text: str) -> str:
    """An amount as the document writes it: no-break spaces inside ("1 242 640 kr")."""
    return text.replace(" ", NBSP)


def plain(text: str) -> str:
    """Text with its no-break spaces as ordinary spaces, to compare whole sentences."""
    return text.replace(NBSP, " ")


@pytest.fixture(scope="module")
def hela():
    return application()


@pytest.fixture(scope="module")
def document(hela):
    return open_docx(export(hela, version_label="v1"))


def test_headings_follow_the_spec_order_with_budget_after_steering_group(document):
    assert headings(document) == [
        ("Heading 1", "Bakgrund/problembeskrivning"),
        ("Heading 1", "Hur har processen tagits fram"),
        ("Heading 1", "Målgrupp"),
        ("Heading 1", "Resultat och effektmål"),
        ("Heading 1", "Barnrättsperspektiv"),
        ("Heading 1", "Tidsplan"),
        ("Heading 1", "Aktiviteter"),
        ("Heading 1", "Processägare"),
        ("Heading 1", "Styrgrupp"),
        ("Heading 1", "Budget"),
        ("Heading 2", "Ursprunglig budget"),
        ("Heading 2", "Personal"),
        ("Heading 2", "Sammanställning"),
        ("Heading 2", "Förändring mot den ursprungliga budgeten"),
        ("Heading 1", "Riskanalys"),
        ("Heading 1", "Metoder för uppföljning"),
        ("Heading 1", "Implementering i ordinarie verksamhet"),
        ("Heading 1", "Övrigt"),
        ("Heading 1", "Underskrifter"),
    ]


def test_front_names_the_kind_the_association_the_parties_and_the_date(document):
    texts = [p.text for p in document.paragraphs[:8]]
    assert document.paragraphs[0].style.name == "Title"
    assert texts[0] == "Ansökan om medel för Hela Familjen – utökning av försöksverksamhet"
    assert "Till Samordningsförbundet Skåne Nordost" in texts
    assert ("Bakom ansökan står Kristianstads kommun, Vårdcentralen Vilan och Vårdcentralen Östermalm."
            in texts)
    assert "Datum: 15 maj 2017" in texts
    assert "Period: 1 juni 2017 – 31 maj 2019" in texts


@pytest.mark.parametrize("kind, title", [
    ("new", "Ansökan om medel för Hela Familjen"),
    ("extension", "Ansökan om medel för utökning av Hela Familjen"),
    ("continuation", "Ansökan om medel för fortsättning av Hela Familjen"),
])
def test_title_by_kind(kind, title):
    document = open_docx(export(application(kind=kind, title="Hela Familjen")))
    assert document.paragraphs[0].text == title


def test_section_text_is_split_into_paragraphs_on_newlines_and_blank_lines():
    data = hela_dict()
    data["sections"]["background"] = "Första stycket.\n\nAndra stycket.\nTredje raden.\n\n\n  \nSista."
    document = open_docx(export(application(data)))
    assert section_paragraphs(document, "Bakgrund/problembeskrivning") == [
        "Första stycket.", "Andra stycket.", "Tredje raden.", "Sista."]


def test_staff_line_paragraph_reads_like_the_reference_application(document):
    texts = section_paragraphs(document, "Personal")
    vilan = [t for t in texts if t.startswith("Vårdcentralen Vilan:")]
    assert [plain(t) for t in vilan] == [
        "Vårdcentralen Vilan: 0,2 tjänst Sjuksköterska/distriktssköterska fr.o.m. den 14 augusti 2017. "
        "Månadslönen 39 350 kr x sociala avgifter 40 % = 55 090 kr/mån för en heltidstjänst. "
        "För 0,2 tjänst blir kostnaden 11 018 kr/mån. "
        "Start den 14 augusti 2017 räknas som en halv månad. "
        "2017: 4,5 månader x 11 018 kr/mån = 49 581 kr. "
        "2018: 12 månader x 11 018 kr/mån = 132 216 kr. "
        "2019: 5 månader x 11 018 kr/mån = 55 090 kr. "
        "Kostnad under perioden: 236 887 kr."]
    for amount in ("39 350 kr", "55 090 kr", "11 018 kr", "49 581 kr", "132 216 kr", "40 %"):
        assert n(amount) in vilan[0]


def test_staff_line_party_is_bold(document):
    first = [p for p in document.paragraphs if p.text.startswith("Vårdcentralen Vilan:")][0]
    assert first.runs[0].text == "Vårdcentralen Vilan:" and first.runs[0].bold


def test_staff_line_with_several_posts_and_the_period_start(document):
    first = section_paragraphs(document, "Personal")[0]
    assert first.startswith("Kristianstads kommun: 2,0 tjänster Socialpedagog/socionom (tillkommande tjänster). ")
    assert "fr.o.m." not in first  # starts with the period
    assert "För 2,0 tjänster blir kostnaden 86 800 kr/mån." in plain(first)
    assert "2018: 12 månader x 86 800 kr/mån = 1 041 600 kr." in plain(first)


def test_one_paragraph_per_staff_line(document, hela):
    assert len(section_paragraphs(document, "Personal")) == len(hela.budget.staff)


def test_summary_table_is_exactly_the_engine_output(document, hela):
    table = compute_budget(hela.budget)
    rows = table_texts(find_table(document, "Budget (kr)", with_header="Förändring"))
    assert rows[0] == ["Budget (kr)", "2017", "2018", "2019", "Summa", "Förändring"]
    expected = [[row.label, *(number(row.yearly[y]) for y in table.years), number(row.total),
                 f"ökning med {kr(row.delta)}"] for row in table.rows]
    expected.append(["Totalt", *(number(v) for v in table.yearly_totals.values()), number(table.total),
                     f"ökning med {kr(table.delta)}"])
    assert rows[1:] == expected


def test_summary_table_holds_the_figures_printed_in_the_application(document):
    rows = table_texts(find_table(document, "Budget (kr)", with_header="Förändring"))
    assert rows[1] == ["Kristianstads kommun", n("1 242 640"), n("2 130 240"), n("887 600"), n("4 260 480"),
                       "ökning med " + n("1 135 680 kr")]
    assert rows[2][:5] == ["Vårdcentralen Vilan", n("49 581"), n("132 216"), n("55 090"), n("236 887")]
    assert rows[3][:5] == ["Vårdcentralen Östermalm", n("47 880"), n("127 680"), n("53 200"), n("228 760")]
    assert rows[4][:5] == ["Totalt", n("1 340 101"), n("2 390 136"), n("995 890"), n("4 726 127")]
    assert rows[4][5] == "ökning med " + n("1 601 327 kr")


def test_baseline_table_and_the_change_sentence(document):
    rows = table_texts(find_table(document, "Budget (kr)", with_header="2015"))
    assert rows[0] == ["Budget (kr)", "2015", "2016", "2017", "2018", "Summa"]
    assert rows[2] == ["Näsby vårdcentral", n("31 920"), n("127 680"), n("127 680"), n("95 760"), n("383 040")]
    assert rows[-1] == ["Totalt", n("327 320"), n("1 269 280"), n("1 269 280"), n("951 960"), n("3 817 840")]
    texts = section_paragraphs(document, "Förändring mot den ursprungliga budgeten")
    assert ("Budgeten ökar med " + n("1 601 327 kr") + " jämfört med Ursprunglig budget (" + n("3 817 840 kr")
            + "). Reviderad total budget: " + n("5 419 167 kr") + ".") in texts  # builder/budget_text.py
    carried = [t for t in texts if t.startswith("Oförändrat från")]  # builder/budget_text.py
    assert carried == ["Oförändrat från Ursprunglig budget: Näsby vårdcentral ("
                       + n("383 040 kr") + "), Workshops + kompetensutveckling (" + n("60 000 kr")
                       + ") och Utvärdering (" + n("250 000 kr") + ")."]


def test_amount_cells_are_right_aligned_and_header_repeats(document):
    table = find_table(document, "Budget (kr)", with_header="Förändring")
    xml = table._tbl.xml
    assert xml.count("<w:tblHeader/>") == 1
    assert xml.count("<w:cantSplit/>") == len(table.rows)
    for row in table.rows[1:]:
        assert row.cells[1].paragraphs[0].alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT
        assert row.cells[0].paragraphs[0].alignment is None


def test_decrease_is_worded_as_minskning():
    data = hela_dict()
    data["budget"]["baseline"]["rows"][0]["yearly"]["2017"] = "9000000"
    document = open_docx(export(application(data)))
    rows = table_texts(find_table(document, "Budget (kr)", with_header="Förändring"))
    assert rows[1][-1].startswith("minskning med ")
    assert any(p.text.startswith("Budgeten minskar med ") for p in document.paragraphs)


def test_risk_register_is_grouped_by_area():
    data = hela_dict()
    data["risks"] = [
        {"area": "Bemanning", "party": "A", "description": "d1", "likelihood": "2", "consequence": "3"},
        {"area": "Samverkan", "party": "B", "description": "d2", "likelihood": "1", "consequence": "4",
         "mitigation": "m2"},
        {"area": "Bemanning", "party": "C", "description": "d3", "likelihood": "4", "consequence": "1",
         "mitigation": "m3"},
    ]
    document = open_docx(export(application(data)))
    assert table_texts(find_table(document, "Område")) == [
        ["Område", "Part", "Beskrivning", "S", "K", "Åtgärd"],
        ["Bemanning", "A", "d1", "2", "3", ""],
        ["", "C", "d3", "4", "1", "m3"],
        ["Samverkan", "B", "d2", "1", "4", "m2"],
    ]


def test_effects_table_shows_the_calculation_total_cost_and_net():
    data = hela_dict()
    data["effects"] = [{"label": "Undvikna placeringar", "items": [
        {"label": "HVB-placering", "persons": "9", "cost_per_day": "3749", "months": "6"}]}]
    document = open_docx(export(application(data)))
    assert ("Heading 2", "Undvikna placeringar") in headings(document)
    rows = table_texts(find_table(document, "Post"))
    assert rows[0] == ["Post", "Beräkning", "Belopp (kr)"]
    assert rows[1][0] == "HVB-placering"
    assert plain(rows[1][1]) == "3 749 kr/dygn x 30,5 dgr/mån x 6 mån x 9 pers = 6 174 603 kr"
    assert rows[1][2] == n("6 174 603")
    assert rows[2] == ["Summa", "", n("6 174 603")]
    assert rows[3] == ["Kostnad", "", n("4 726 127")]
    assert rows[4] == ["Netto", "", n("1 448 476")]


def test_signature_blocks_name_every_signatory_under_their_party(document, hela):
    table = document.tables[-1]
    blocks = [cell.text for row in table.rows for cell in row.cells if cell.text.strip()]
    assert len(blocks) == 3
    for block, signatory in zip(blocks, hela.signatories, strict=False):
        lines = block.split("\n")
        assert lines[0] == signatory.party
        assert lines[1].startswith("____")
        assert lines[2:5] == [signatory.name, signatory.title, signatory.organisation]
        assert lines[5].startswith("Ort och datum: ____")


def test_signature_blocks_keep_together(document):
    table = document.tables[-1]
    assert all("<w:cantSplit/>" in row._tr.xml for row in table.rows)
    for cell in table.rows[0].cells:
        paragraphs = cell.paragraphs
        assert all(p.paragraph_format.keep_with_next for p in paragraphs[:-1])
        assert all(p.paragraph_format.keep_together for p in paragraphs)


def test_empty_optional_sections_are_left_out_without_a_heading():
    data = hela_dict()
    for key in ("process", "child_rights", "timeline", "owner", "steering_group", "follow_up",
                "implementation"):
        data["sections"][key] = "  \n\n "
    del data["sections"]["other"]
    data["risks"] = []
    document = open_docx(export(application(data)))
    names = [text for _, text in headings(document)]
    for gone in ("Hur har processen tagits fram", "Barnrättsperspektiv", "Tidsplan", "Processägare",
                 "Styrgrupp", "Metoder för uppföljning", "Implementering i ordinarie verksamhet", "Övrigt",
                 "Riskanalys"):
        assert gone not in names
    assert names[:5] == ["Bakgrund/problembeskrivning", "Målgrupp", "Resultat och effektmål", "Aktiviteter",
                         "Budget"]


def test_english_document_uses_the_english_catalogue():
    document = open_docx(export(application(language="en")))
    names = [text for _, text in headings(document)]
    assert names[:3] == ["Background and problem description", "How the project was developed", "Target group"]
    assert document.paragraphs[0].text.startswith("Application for funding for the extension of Hela Familjen")
    texts = [p.text for p in document.paragraphs]
    assert ("This application is made by Kristianstads kommun, Vårdcentralen Vilan and Vårdcentralen Östermalm."
            in texts)
    rows = table_texts(find_table(document, "Budget (SEK)", with_header="Change"))
    assert rows[1][1] == "1,242,640"
    assert rows[-1][-1] == "increase of 1,601,327\u00a0SEK"


def test_other_costs_and_overhead_paragraphs_and_rows_come_from_the_engine():
    data = hela_dict()
    del data["budget"]["baseline"]
    data["budget"]["other_costs"] = [
        {"label": "Utvärdering", "party": "Kristianstads kommun", "yearly": {"2017": "30000", "2018": "80000"}},
        {"label": "Workshops", "yearly": {"2019": "12500.50"}},
    ]
    data["budget"]["overhead"] = {"label": "Indirekta kostnader", "rate": "0.05"}
    app = application(data)
    table = compute_budget(app.budget)
    document = open_docx(export(app))
    texts = [plain(t) for t in section_paragraphs(document, "Övriga kostnader")]
    overhead = next(row for row in table.rows if row.kind == "overhead")
    assert texts == [
        "Utvärdering (Kristianstads kommun): 30 000 kr år 2017 och 80 000 kr år 2018, totalt 110 000 kr.",
        "Workshops: 12 501 kr år 2019, totalt 12 501 kr.",
        f"Indirekta kostnader: 5 % av personalkostnaderna varje år, totalt {plain(kr(overhead.total))}.",
    ]
    rows = table_texts(find_table(document, "Budget (kr)"))
    assert rows[0] == ["Budget (kr)", "2017", "2018", "2019", "Summa"]
    assert [r[0] for r in rows[1:]] == [row.label for row in table.rows] + ["Totalt"]
    for cells, row in zip(rows[1:], table.rows, strict=False):
        assert cells[1:] == [number(row.yearly[y]) for y in table.years] + [number(row.total)]
    assert rows[-1][-1] == number(table.total)
