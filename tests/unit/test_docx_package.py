"""Document quality: A4, margins, footer fields, fingerprint, core properties, language, draft marker."""
from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import date

import pytest
from docx.shared import Mm

from builder.appformat import fingerprint
from builder.docx import DOCX_MIME, docx_filename
from tests.unit.docx_factories import application, export, hela_dict, open_docx


@pytest.fixture(scope="module")
def hela():
    return application()


@pytest.fixture(scope="module")
def data(hela):
    return export(hela, version_label="Version 3 till styrelsen")


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def footer_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [n for n in package.namelist() if re.match(r"word/footer\d*\.xml$", n)]
        return "".join(package.read(n).decode("utf-8") for n in names)


def test_mime_type_constant():
    assert DOCX_MIME == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_every_section_is_a4_portrait_with_margins(data):
    document = open_docx(data)
    assert len(document.sections) >= 1
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
        assert '<w:pgSz w:w="11906" w:h="16838"/>' in section._sectPr.xml  # Word's own A4 in twips
        for margin in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin):
            assert Mm(15) <= margin <= Mm(30)


def test_footer_has_title_version_page_fields_and_fingerprint(data, hela):
    footer = open_docx(data).sections[0].footer
    text = "\n".join(p.text for p in footer.paragraphs)
    assert "Hela Familjen – utökning av försöksverksamhet" in text
    assert "Version 3 till styrelsen ·" in text
    assert f"Kontrollsumma: {fingerprint(hela)}" in text
    assert re.fullmatch(r"[0-9a-f]{12}", fingerprint(hela))
    xml = footer_xml(data)
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", xml)
    assert xml.count('w:fldCharType="begin"') == 2 and xml.count('w:fldCharType="end"') == 2
    assert "Sida" in text and " av " in text


def test_no_version_label_means_no_version_line(hela):
    text = "\n".join(p.text for p in open_docx(export(hela)).sections[0].footer.paragraphs)
    assert "Version:" not in text and "Kontrollsumma:" in text


def test_fingerprint_changes_with_the_application():
    data = hela_dict()
    data["sections"]["other"] = "Ändrad text."
    assert fingerprint(application(data)) != fingerprint(application())


def test_core_properties(data, hela):
    props = open_docx(data).core_properties
    assert props.title == "Ansökan om medel för Hela Familjen – utökning av försöksverksamhet"
    assert props.subject == "Ansökan om medel från Samordningsförbundet Skåne Nordost"
    assert props.author == "Kristianstads kommun"
    assert props.language == "sv-SE"
    assert props.identifier == fingerprint(hela)
    assert props.version == "Version 3 till styrelsen"
    assert props.created.date() == date(2017, 5, 15)


def test_swedish_text_is_marked_sv_se_in_the_styles(data):
    styles = part(data, "word/styles.xml")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert 'w:lang w:val="sv-SE"' in defaults
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    assert 'w:lang w:val="sv-SE"' in normal
    assert "en-US" not in styles
    settings = part(data, "word/settings.xml")
    assert "w:proofState" not in settings  # Word spell-checks the text anew
    assert 'w:themeFontLang w:val="sv-SE"' in settings


def test_english_text_is_marked_en_gb():
    data = export(application(language="en"))
    styles = part(data, "word/styles.xml")
    assert 'w:lang w:val="en-GB"' in styles and "sv-SE" not in styles
    assert open_docx(data).core_properties.language == "en-GB"


def test_headings_use_word_heading_styles_with_outline_levels(data):
    styles = part(data, "word/styles.xml")
    for level, style_id in enumerate(("Heading1", "Heading2")):
        style = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S).group(0)
        assert f'<w:outlineLvl w:val="{level}"/>' in style


def test_base_document_leaves_out_unused_template_parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
    assert "word/stylesWithEffects.xml" not in names
    assert not any(name.startswith("customXml/") for name in names)
    assert "docProps/thumbnail.jpeg" not in names
    assert len(part(data, "word/styles.xml")) < 80_000


@pytest.mark.parametrize("language, marker, title_start", [
    ("sv", "UTKAST – inte för underskrift", "UTKAST – Ansökan om medel"),
    ("en", "DRAFT – not for signing", "DRAFT – Application for funding"),
])
def test_draft_is_marked_in_header_and_title(language, marker, title_start):
    data = export(application(language=language), draft=True)
    document = open_docx(data)
    assert document.sections[0].header.paragraphs[0].text == marker
    assert document.paragraphs[0].text.startswith(title_start)
    assert document.core_properties.title.startswith(title_start)


def test_signed_ready_export_has_no_draft_marker(data):
    document = open_docx(data)
    assert all("UTKAST" not in p.text for p in document.sections[0].header.paragraphs)
    assert all("UTKAST" not in p.text for p in document.paragraphs)


@pytest.mark.parametrize("title, expected", [
    ("Hela Familjen", "Ansokan-Hela-Familjen-2017-05-15.docx"),
    ("Hela Familjen – utökning av försöksverksamhet",
     "Ansokan-Hela-Familjen-utokning-av-forsoksverksamhet-2017-05-15.docx"),
    ("ÅÄÖ åäö", "Ansokan-AAO-aao-2017-05-15.docx"),
    ("a//b  ??c", "Ansokan-a-b-c-2017-05-15.docx"),
    ("  -Start- ", "Ansokan-Start-2017-05-15.docx"),
    ("", "Ansokan-2017-05-15.docx"),
    ("🎉 تجربة", "Ansokan-2017-05-15.docx"),
    ("x\x00y/../../etc", "Ansokan-xy-etc-2017-05-15.docx"),
])
def test_docx_filename_is_safe_ascii(title, expected):
    name = docx_filename(title, date(2017, 5, 15))
    assert name == expected
    assert re.fullmatch(r"[A-Za-z0-9-]+\.docx", name)
    assert "--" not in name


def test_docx_filename_is_bounded_and_has_an_english_prefix():
    assert len(docx_filename("x" * 500, date(2017, 5, 15))) < 110
    assert docx_filename("Hela Familjen", date(2017, 5, 15), "en") == "Application-Hela-Familjen-2017-05-15.docx"


def test_english_docx_catalogue_is_complete_and_up_to_date():
    from babel.messages.extract import extract_from_dir, extract_from_file
    from babel.messages.pofile import read_po

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "builder/translations/en/LC_MESSAGES/docx.po"), "rb") as fh:
        catalogue = {m.id: m.string for m in read_po(fh, locale="en") if m.id}
    in_code = {message for _file, _line, message, _comments, _context
               in extract_from_dir(os.path.join(root, "builder/docx"))}
    # the section titles are the application format's (one list), translated in this domain too
    in_code |= {message for _line, message, _comments, _context
                in extract_from_file("python", os.path.join(root, "builder/appformat/model.py"))}
    assert in_code == set(catalogue), "run scripts/i18n docx builder/docx"
    placeholder = re.compile(r"%\((\w+)\)s")
    for msgid, msgstr in catalogue.items():
        assert msgstr, msgid
        assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(msgstr)), msgid
