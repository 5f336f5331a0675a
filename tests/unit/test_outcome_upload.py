"""Reading an uploaded outcome workbook (builder/xlsx/outcomes.py): the template round-trips; every bad cell
is named; hostile files (zip bombs, a member longer than it says, too many cells or rows, not a zip) are
refused before openpyxl parses them, or bounded while it does."""
from __future__ import annotations

import io
import random
import zipfile
from datetime import date

from openpyxl import Workbook, load_workbook

from builder.followup.figures import ReportDocument, budget_rows, report_figures
from builder.xlsx.outcomes import (
    MAX_CELLS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    outcome_template,
    read_outcomes,
    report_workbook,
)

HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
HEADER = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Radnyckel</t></is></c>'
          b'<c r="E1" t="inlineStr"><is><t>Utfall perioden</t></is></c></row>')
TAIL = b"</sheetData></worksheet>"


def _document(example_app, outcome=None) -> ReportDocument:
    rows = budget_rows(example_app.budget)
    return ReportDocument("delar", "Hela Familjen", "Förbundet", "FINSAM 2017/1", date(2018, 1, 1),
                          date(2018, 4, 30), report_figures(rows, 2018, outcome or {}))


def _keys(example_app) -> frozenset[str]:
    return frozenset(row.key for row in budget_rows(example_app.budget))


def _members() -> dict[str, bytes]:
    workbook = Workbook()
    workbook.active.append(["Radnyckel", "Utfall perioden"])
    out = io.BytesIO()
    workbook.save(out)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _xlsx(sheet_xml: bytes, **extra: bytes) -> bytes:
    members = _members() | {"xl/worksheets/sheet1.xml": sheet_xml} | extra
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _codes(result) -> list[str]:
    return [p.code for p in result.problems]


def test_the_template_round_trips(example_app):
    document = _document(example_app, {"staff:0": 1234, "staff:1": 0})
    workbook = load_workbook(io.BytesIO(outcome_template(document)))
    sheet = workbook["Personal"]
    sheet["E7"] = "1 500"  # typed as Swedish text
    sheet["F5"] = 700000
    out = io.BytesIO()
    workbook.save(out)
    result = read_outcomes(out.getvalue(), _keys(example_app))
    assert result.problems == []
    assert result.amounts == {"staff:0": 1234, "staff:1": 0, "staff:2": 1500}
    assert result.forecasts == {"staff:0": 700000}


def test_the_report_workbook_reads_back_too(example_app):
    result = read_outcomes(report_workbook(_document(example_app, {"staff:3": 99})), _keys(example_app))
    assert result.problems == [] and result.amounts["staff:3"] == 99


def test_bad_cells_are_named_and_nothing_is_kept(example_app):
    rows = b"".join([
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>staff:0</t></is></c><c r="E2"><v>10.25</v></c></row>',
        b'<row r="3"><c r="A3" t="inlineStr"><is><t>staff:1</t></is></c><c r="E3" t="b"><v>1</v></c></row>',
        b'<row r="4"><c r="A4" t="inlineStr"><is><t>staff:2</t></is></c><c r="E4"><v>1E+11</v></c></row>',
        b'<row r="5"><c r="A5" t="inlineStr"><is><t>staff:3</t></is></c><c r="E5"><v>500</v></c></row>',
        b'<row r="6"><c r="A6" t="inlineStr"><is><t>' + b"x" * 5000 + b'</t></is></c></row>',
    ])
    result = read_outcomes(_xlsx(HEAD + HEADER + rows + TAIL), _keys(example_app))
    assert [(p.where, p.code) for p in result.problems] == [
        ("Sheet!E2", "not_whole"), ("Sheet!E3", "not_a_number"), ("Sheet!E4", "out_of_range"),
        ("Sheet!A6", "unknown_key")]
    assert len(result.problems[-1].values["key"]) == 40
    assert result.amounts == {} and result.forecasts == {}


def test_files_that_are_no_workbook(example_app):
    keys = _keys(example_app)
    assert _codes(read_outcomes(b"", keys)) == ["not_xlsx"]
    assert _codes(read_outcomes(b"PK\x03\x04rubbish", keys)) == ["not_xlsx"]
    assert _codes(read_outcomes(b"x" * (MAX_UPLOAD_BYTES + 1), keys)) == ["too_large"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert _codes(read_outcomes(out.getvalue(), keys)) == ["not_xlsx"]
    assert _codes(read_outcomes(_xlsx(HEAD + TAIL), keys)) == ["no_sheet"]
    assert _codes(read_outcomes(_xlsx(b"<worksheet><sheetData><row>"), keys)) == ["not_xlsx"]


def test_a_zip_bomb_is_refused_by_its_directory(example_app):
    bomb = HEAD + HEADER + b" " * (50 * 1024 * 1024) + TAIL  # 50 MB of spaces, about 50 kB packed
    data = _xlsx(bomb)
    assert len(data) < MAX_UPLOAD_BYTES
    assert _codes(read_outcomes(data, _keys(example_app))) == ["zip_bomb"]
    many = {f"xl/media/{i}.txt": b"x" for i in range(200)}
    assert _codes(read_outcomes(_xlsx(HEAD + HEADER + TAIL, **many), _keys(example_app))) == ["zip_bomb"]
    styles = b"<styleSheet>" + b"<!-- -->" * 400_000 + b"</styleSheet>"  # 3 MB, compresses well
    assert _codes(read_outcomes(_xlsx(HEAD + HEADER + TAIL, **{"xl/styles.xml": styles}),
                                _keys(example_app))) == ["zip_bomb"]


def test_a_member_longer_than_its_stated_size_is_not_read_past_it(example_app):
    """The directory says 200 bytes; the data inflates to 30 MB. zipfile stops at the stated size, the
    checksum fails, and the file is refused."""
    big = HEAD + HEADER + b" " * (30 * 1024 * 1024) + TAIL
    data = bytearray(_xlsx(big))
    info = next(i for i in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()
                if i.filename == "xl/worksheets/sheet1.xml")
    central = data.rfind(b"PK\x01\x02", 0, len(data))
    while central != -1:  # patch the sheet's uncompressed size in the central directory and local header
        name_length = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            data[central + 24:central + 28] = (200).to_bytes(4, "little")
            break
        central = data.rfind(b"PK\x01\x02", 0, central)
    data[info.header_offset + 22:info.header_offset + 26] = (200).to_bytes(4, "little")
    assert _codes(read_outcomes(bytes(data), _keys(example_app))) == ["not_xlsx"]


def test_the_worst_workbook_within_the_bounds(example_app):
    """One row with as many cells as allowed (numbers that do not compress away): read, and the key found;
    one cell more is refused before openpyxl parses anything."""
    rnd = random.Random(7)
    key = b'<c r="A2" t="inlineStr"><is><t>staff:0</t></is></c><c r="E2"><v>42</v></c>'
    cells = b"".join(b'<c t="n"><v>%d</v></c>' % rnd.randrange(10**6) for _ in range(MAX_CELLS - 4))
    data = _xlsx(HEAD + HEADER + b'<row r="2">' + key + cells + b"</row>" + TAIL)
    assert len(data) < MAX_UPLOAD_BYTES
    result = read_outcomes(data, _keys(example_app))
    assert result.problems == [] and result.amounts == {"staff:0": 42}
    data = _xlsx(HEAD + HEADER + b'<row r="2">' + key + cells + b'<c t="n"><v>1</v></c>' * 2 + b"</row>" + TAIL)
    assert _codes(read_outcomes(data, _keys(example_app))) == ["too_many_cells"]


def test_rows_past_the_bound_are_refused_and_errors_stop_at_fifty(example_app):
    rows = b"".join(b'<row r="%d"><c r="E%d"><v>1</v></c></row>' % (i, i) for i in range(2, MAX_ROWS + 3))
    assert _codes(read_outcomes(_xlsx(HEAD + HEADER + rows + TAIL), _keys(example_app))) == ["too_many_rows"]
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>nope</t></is></c></row>' % (i, i)
                    for i in range(2, 500))
    codes = _codes(read_outcomes(_xlsx(HEAD + HEADER + rows + TAIL), _keys(example_app)))
    assert codes == ["unknown_key"] * 50 + ["too_many_errors"]


def test_staff_lines_and_other_rows_are_on_the_finance_workbooks_sheets():
    from decimal import Decimal

    from builder.budget import Budget, OtherCost, Overhead, StaffLine

    budget = Budget(default_social_fee_rate=Decimal("0.3"),
                    staff=(StaffLine("A", "Coach", Decimal(1), Decimal(30000), date(2025, 1, 1),
                                     date(2025, 12, 31)),),
                    other_costs=(OtherCost("Lokaler", {"2025": Decimal("12000")}),),
                    overhead=Overhead("OH", Decimal("0.05")))
    rows = budget_rows(budget)
    document = ReportDocument("delar", "T", "F", "1", date(2025, 1, 1), date(2025, 4, 30),
                              report_figures(rows, 2025, {}))
    workbook = load_workbook(io.BytesIO(outcome_template(document)))
    assert workbook.sheetnames == ["Personal", "Budget"]
    assert [workbook["Budget"].cell(row=r, column=1).value for r in (5, 6)] == ["other:0", "overhead"]
    workbook["Personal"]["E5"] = 9000
    workbook["Budget"]["E5"] = 3000
    workbook["Budget"]["E6"] = 450
    out = io.BytesIO()
    workbook.save(out)
    keys = frozenset(r.key for r in rows)
    assert read_outcomes(out.getvalue(), keys).amounts == {"staff:0": 9000, "other:0": 3000, "overhead": 450}
    workbook["Budget"]["A6"] = "staff:0"  # the same row on two sheets
    out = io.BytesIO()
    workbook.save(out)
    assert [(p.where, p.code) for p in read_outcomes(out.getvalue(), keys).problems] == \
        [("Budget!A6", "duplicate_key")]
