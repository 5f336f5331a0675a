"""Any text, any table: the checker answers with a report or a DocxError, never another exception."""
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.checkdocx import DocxError, check_docx, report_text

from .checkdocx_docs import BUDGET, docx_bytes, replace_document_xml

PIECES = ["2017", "2018", "Summa", "Totalt", "\t", "\t\t", "1 000", "\u22125 000", "(ökning med 1 000 kr)",
          "kr/mån", " x sociala avgifter = ", "0,2 tjänst", " blir ", "fr.o.m. den 14 augusti 2017",
          "t.o.m. den 30 februari 2019", "=", " x ", "%", "varav", " ökar med ", "budget", "12", "0",
          "\n", "Kommunen: ", " ", "1.041.600", "5000:-", "ca ", " tkr", "(", ")", "40 %",
          "höjning av budgeten med ", "3 000 kr"]
text = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
table = st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), min_size=1, max_size=6)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(paragraphs=st.lists(text, min_size=1, max_size=10), rows=st.none() | table)
def test_any_text_and_table_gives_a_report(paragraphs, rows):
    report = check_docx(docx_bytes(*paragraphs, *([rows] if rows else [])))
    report.to_json()
    report_text(report, "sv")
    report_text(report, "en")


XML = zipfile.ZipFile(io.BytesIO(docx_bytes(BUDGET))).read("word/document.xml")


@SLOW
@given(cuts=st.lists(st.tuples(st.integers(0, len(XML)), st.integers(1, 200)), min_size=1, max_size=5),
       insert=st.sampled_from([b"", b'<w:gridSpan w:val="99999"/>', b"<w:tc>", b"</w:tr>", b"<w:br/>",
                               b'<w:gridBefore w:val="-3"/>']))
def test_damaged_document_xml_gives_a_report_or_a_docx_error(cuts, insert):
    xml = bytearray(XML)
    for start, length in cuts:
        xml[start:start + length] = insert
    try:
        check_docx(replace_document_xml(docx_bytes("x"), bytes(xml)))
    except DocxError:
        pass
