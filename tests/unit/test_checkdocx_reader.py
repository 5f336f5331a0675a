"""Reading a DOCX safely: Word tables, tab-separated paragraphs, and every unsafe file refused."""
import os
import struct
import zipfile

import pytest

from builder.checkdocx import DocxError, DocxTooLargeError, NotDocxError, UnsafeDocxError, check_docx, reader
from builder.checkdocx.reader import Paragraph, RawTable, read_docx

from .checkdocx_docs import docx_bytes, replace_document_xml, zip_bytes

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(inner: str, prologue: str = "") -> bytes:
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prologue}'
           f"<w:document {W_NS}><w:body>{inner}</w:body></w:document>")
    return xml.encode("utf-8")


def test_paragraphs_and_a_word_table_in_document_order():
    data = docx_bytes("Före", [["", "2017", "Summa"], ["A", "1 000", "1 000"]], "Efter")
    blocks = read_docx(data).blocks
    assert blocks == (Paragraph("Före"), RawTable((("", "2017", "Summa"), ("A", "1 000", "1 000"))),
                      Paragraph("Efter"))


def test_tab_separated_paragraphs_become_one_table_and_empty_lines_inside_are_skipped():
    data = docx_bytes("Budget", "\t2017\t2018", "A\t1\t2", "", "Totalt\t1\t2", "Slut")
    blocks = read_docx(data).blocks
    assert blocks[0] == Paragraph("Budget")
    assert blocks[1].source == "tabs"
    assert blocks[1].rows == (("", "2017", "2018"), ("A", "1", "2"), ("Totalt", "1", "2"))
    assert blocks[2:] == (Paragraph("Slut"),)


def test_rows_typed_with_line_breaks_in_one_paragraph_are_rows_too():
    blocks = read_docx(docx_bytes("\t2017\nA\t1\nTotalt\t1")).blocks
    assert blocks[0].rows == (("", "2017"), ("A", "1"), ("Totalt", "1"))


def test_a_single_tabbed_line_stays_a_paragraph():
    assert read_docx(docx_bytes("Namn\tTitel")).blocks == (Paragraph("Namn\tTitel"),)


def test_several_tabs_in_a_row_separate_one_cell():
    blocks = read_docx(docx_bytes("\t\t2017\t\t2018", "Kommunen\t\t1 000\t\t2 000")).blocks
    assert blocks[0].rows == (("", "2017", "2018"), ("Kommunen", "1 000", "2 000"))


def test_tab_stop_definitions_deletions_and_fallbacks_are_not_text():
    inner = ('<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
             '<w:r><w:t>A</w:t></w:r><w:del><w:r><w:delText>gammalt</w:delText></w:r></w:del>'
             '<w:ins><w:r><w:t>B</w:t></w:r></w:ins><w:r><w:tab/><w:t>1 000</w:t></w:r></w:p>')
    data = replace_document_xml(docx_bytes("x"), _body(inner))
    assert read_docx(data).blocks == (Paragraph("AB\t1 000"),)


def test_merged_cells_keep_their_grid_positions():
    inner = ('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Rubrik</w:t>'
             '</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2017</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    data = replace_document_xml(docx_bytes("x"), _body(inner))
    assert read_docx(data).blocks == (RawTable((("Rubrik", "", "2017"),)),)


def test_content_controls_are_looked_through():
    inner = ('<w:sdt><w:sdtContent><w:p><w:r><w:t>I en kontroll</w:t></w:r></w:p>'
             '</w:sdtContent></w:sdt>')
    data = replace_document_xml(docx_bytes("x"), _body(inner))
    assert read_docx(data).blocks == (Paragraph("I en kontroll"),)


# Unsafe and broken files: each one a DocxError with a clear message, never a traceback.

def test_not_a_zip():
    with pytest.raises(NotDocxError, match="inte ett zip-arkiv"):
        check_docx("Det här är text, inte ett Word-dokument.".encode())


def test_empty_file():
    with pytest.raises(NotDocxError, match="tom"):
        check_docx(b"")


def test_an_old_doc_or_encrypted_file():
    with pytest.raises(NotDocxError, match=r"\.doc"):
        check_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


def test_a_zip_without_word_document_xml():
    with pytest.raises(NotDocxError, match="word/document.xml saknas"):
        check_docx(zip_bytes({"word/other.xml": b"<x/>"}))


def test_a_truncated_docx():
    data = docx_bytes("Budget")
    with pytest.raises(NotDocxError):
        check_docx(data[: len(data) // 2])


def test_broken_xml():
    with pytest.raises(NotDocxError, match="XML"):
        check_docx(replace_document_xml(docx_bytes("x"), b"<w:document><w:body>"))


def test_too_big_is_refused_before_unpacking():
    with pytest.raises(DocxTooLargeError, match="för stor") as caught:
        check_docx(b"PK\x03\x04" + b"\0" * reader.MAX_DOCX_BYTES)
    assert "20 MB" in caught.value.message("en")


def test_zip_bomb_is_refused_by_its_compression_ratio():
    bomb = zip_bytes({"word/document.xml": b" " * (8 * reader.MB)})
    assert len(bomb) < 100_000
    with pytest.raises(DocxTooLargeError, match="zip-bomb"):
        check_docx(bomb)


def test_too_much_unpacked_data_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", reader.MB)
    incompressible = {f"word/media/image{i}.bin": os.urandom(400_000) for i in range(3)}
    data = zip_bytes({**incompressible, "word/document.xml": _body("")}, zipfile.ZIP_STORED)
    with pytest.raises(DocxTooLargeError, match="för mycket data"):
        check_docx(data)


def test_a_too_big_document_part_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_DOCUMENT_XML_BYTES", 1000)
    data = zip_bytes({"word/document.xml": os.urandom(1001)}, zipfile.ZIP_STORED)
    with pytest.raises(DocxTooLargeError, match="för mycket data"):
        check_docx(data)


def test_too_many_members_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_MEMBERS", 10)
    with pytest.raises(DocxTooLargeError, match="över 10 delar"):
        check_docx(zip_bytes({f"part{i}.xml": b"<x/>" for i in range(11)}))


def test_a_member_bigger_than_its_declared_size_is_not_read_past_it():
    data = bytearray(zip_bytes({"word/document.xml": _body("<w:p><w:r><w:t>" + "A" * 5000 + "</w:t></w:r></w:p>")}))
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 100)  # declared uncompressed size: 100 bytes
    with pytest.raises(NotDocxError, match="skadad|XML"):
        check_docx(bytes(data))


def test_xxe_external_entity_is_refused_and_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT")
    dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    data = replace_document_xml(docx_bytes("x"), _body("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", dtd))
    with pytest.raises(UnsafeDocxError, match="DTD") as caught:
        check_docx(data)
    assert "HEMLIGT" not in str(caught.value)


def test_a_dtd_hidden_behind_a_long_comment_is_still_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT")
    prologue = "<!--" + "x" * 10_000 + f'--><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    data = replace_document_xml(docx_bytes("x"), _body("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prologue))
    with pytest.raises(UnsafeDocxError):
        check_docx(data)


def test_billion_laughs_is_refused():
    laughs = '<!DOCTYPE w:document [<!ENTITY a "haha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    data = replace_document_xml(docx_bytes("x"), _body("<w:p><w:r><w:t>&j;</w:t></w:r></w:p>", laughs))
    with pytest.raises(UnsafeDocxError):
        check_docx(data)


def test_every_error_has_a_message_in_both_languages():
    error = NotDocxError("no_document")
    assert isinstance(error, DocxError)
    assert str(error) == error.message("sv") != error.message("en")
    assert "word/document.xml" in error.message("en")


def test_the_reader_never_follows_a_dtd_even_if_the_prescan_is_skipped(monkeypatch, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("HEMLIGT")
    monkeypatch.setattr(reader, "_DTD_MARKS", ())
    xml = _body("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>')
    with pytest.raises(UnsafeDocxError):
        reader.parse_document_xml(xml)
