"""Whatever a user can type exports and opens: control characters, surrogates, right-to-left text,
emoji, very long sections, 200 staff lines, 10 parties, a 15-year period."""
from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from builder.appformat import Party, Risk, Signatory
from builder.budget import compute_budget
from builder.docx.base import TEXT_WIDTH_TWIPS
from builder.docx.text import clean_text, is_rtl
from builder.formatting import number
from tests.unit.docx_factories import (
    application,
    big_dict,
    export,
    find_table,
    headings,
    minimal_dict,
    open_docx,
    section_paragraphs,
    table_texts,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def with_background(text: str, **changes):
    """A signable application whose background section is `text`.

    The text is put in after loading: the writer must cope with any str, whatever the loader
    lets through (it may refuse lone surrogates, a form may not).
    """
    app = application(minimal_dict(**changes))
    return dataclasses.replace(app, sections={**app.sections, "background": text})


def expected_lines(text: str) -> list[str]:
    return [line.strip() for line in clean_text(text).split("\n") if line.strip()]


def assert_well_formed(data: bytes) -> None:
    """Every XML part parses; the package opens with python-docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    open_docx(data)


@pytest.mark.parametrize("text, lines", [
    ("A & B < C > D \"E\" 'F' ]]> &amp; <w:p/>", ["A & B < C > D \"E\" 'F' ]]> &amp; <w:p/>"]),
    ("noll\x00byte\x01\x02\x1fslut", ["nollbyteslut"]),
    ("rad ett\x0brad två\x0cnästa sida", ["rad ett", "rad två", "nästa sida"]),
    ("Windows\r\nrader\rgamla Mac", ["Windows", "rader", "gamla Mac"]),
    ("ensam \ud800 surrogat", ["ensam \ufffd surrogat"]),
    ("par \ud83d\ude00 blir emoji", ["par \U0001F600 blir emoji"]),
    ("icke-tecken \ufffe\uffff borta", ["icke-tecken  borta"]),
    ("tab\there", ["tab\there"]),
    ("familj 👨‍👩‍👧 🎉 och flaggor 🇸🇪", ["familj 👨‍👩‍👧 🎉 och flaggor 🇸🇪"]),
])
def test_user_text_reaches_the_document_intact_or_cleaned(text, lines):
    data = export(with_background(text))
    assert_well_formed(data)
    assert section_paragraphs(open_docx(data), "Bakgrund/problembeskrivning") == lines


def test_right_to_left_paragraphs_are_marked_bidi():
    arabic, hebrew = "مرحبا بالعالم، هذا نص عربي.", "שלום עולם"
    data = export(with_background(f"{arabic}\nSvensk rad\n{hebrew} 🙂"))
    document = open_docx(data)
    paragraphs = [p for p in document.paragraphs if p.text in (arabic, "Svensk rad", f"{hebrew} 🙂")]
    assert [p.text for p in paragraphs] == [arabic, "Svensk rad", f"{hebrew} 🙂"]
    assert [p._p.pPr is not None and p._p.pPr.find(f"{W}bidi") is not None for p in paragraphs] == [
        True, False, True]
    assert is_rtl(arabic) and not is_rtl("123 " + "abc") and not is_rtl("")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_exports_and_reads_back(text):
    data = export(with_background(text), draft=True)
    document = open_docx(data)
    lines = expected_lines(text)
    if lines:
        assert section_paragraphs(document, "Bakgrund/problembeskrivning") == lines
    else:
        assert "Bakgrund/problembeskrivning" not in [t for _, t in headings(document)]


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=60))
def test_any_names_export(title, party, person):
    app = application(minimal_dict())
    app = dataclasses.replace(
        app, title=title, association=party, process_owner=person,
        signatories=(Signatory("Testkommun", person, party, title),),
        risks=(Risk(party, person, title, 1, 1, person),))
    assert_well_formed(export(app, draft=True, version_label=person))


def test_lone_surrogates_everywhere_do_not_crash():
    bad = "x\ud800y\udfff"
    app = application(minimal_dict())
    staff = dataclasses.replace(app.budget.staff[0], party=bad, role=bad)
    app = dataclasses.replace(
        app, title=bad, association=bad, process_owner=bad, parties=(Party(bad, "municipality"),),
        budget=dataclasses.replace(app.budget, staff=(staff,)), signatories=(Signatory(bad, bad, bad, bad),),
        risks=(Risk(bad, bad, bad, 1, 2, bad),))
    data = export(app, version_label=bad)
    assert_well_formed(data)
    document = open_docx(data)
    assert document.paragraphs[0].text == "Ansökan om medel för x\ufffdy\ufffd"


@pytest.fixture(scope="module")
def big():
    return application(big_dict(lines=200, parties=10, section_chars=60_000))


@pytest.fixture(scope="module")
def big_document(big):
    data = export(big, version_label="v9")
    assert_well_formed(data)
    return open_docx(data)


def test_200_staff_lines_10_parties_and_long_sections_export(big, big_document):
    assert len(section_paragraphs(big_document, "Personal")) == 200
    table = compute_budget(big.budget)
    rows = table_texts(find_table(big_document, "Budget (kr)"))
    assert [r[0] for r in rows[1:-1]] == [row.label for row in table.rows]
    assert len(table.rows) == 12  # 10 parties, one other cost, overhead
    assert rows[-1] == ["Totalt", *(number(v) for v in table.yearly_totals.values()), number(table.total)]
    assert len(section_paragraphs(big_document, "Bakgrund/problembeskrivning")) > 50


def test_ten_parties_each_get_their_signature_block(big, big_document):
    blocks = [cell.text for row in big_document.tables[-1].rows for cell in row.cells if cell.text.strip()]
    assert [block.split("\n")[0] for block in blocks] == [p.name for p in big.parties]


def test_long_period_splits_the_table_and_never_overflows_the_page():
    data = minimal_dict(period={"start": "2020-01-01", "end": "2034-12-31"})
    data["budget"]["staff"][0].update(start="2020-01-01", end="2034-12-31", monthly_salary="9999999")
    data["budget"]["baseline"] = {"label": "Tidigare", "rows": [
        {"label": "Testkommun", "yearly": {str(y): "1" for y in range(2020, 2035)}}]}
    document = open_docx(export(application(data)))
    summaries = [t for t in document.tables if t.rows[0].cells[0].text == "Budget (kr)"]
    assert len(summaries) > 2
    years = [cell.text for t in summaries[:-1] for cell in t.rows[0].cells[1:] if cell.text.isdigit()]
    assert years[:15] == [str(y) for y in range(2020, 2035)]
    for table in document.tables:
        widths = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
        assert sum(widths) <= TEXT_WIDTH_TWIPS
        assert min(widths) > 400


def test_a_very_long_title_and_version_label_are_bounded_where_they_must_be():
    data = export(application(minimal_dict(title="Lång titel " * 45)), version_label="v" * 400)
    document = open_docx(data)
    assert len(document.core_properties.title) <= 255
    assert document.paragraphs[0].text.endswith("Lång titel")
