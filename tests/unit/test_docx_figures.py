"""Issue 13 in the DOCX: the narrative agrees with the table to the krona, the title, the cover's
amount, the footer's version label, the draft marks and the bidi controls."""
from __future__ import annotations

import io
import json
import os
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from builder.appformat import from_dict
from builder.checkdocx import check_docx, report_text
from builder.textclean import without_control_characters
from tests.unit.docx_factories import application, export, minimal_dict, open_docx, section_paragraphs

NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def raise_app(**line_changes):
    """0,5 × 32 500 kr × 1,4015 (22 774,375 kr/mån) from 14 August 2024, raised 3 % every April."""
    line = {"party": "Testkommun", "role": "Socialpedagog", "fte": "0.5", "monthly_salary": "32500",
            "social_fee_rate": "0.4015", "start": "2024-08-14", "end": "2026-12-31",
            "annual_raise": {"rate": "0.03", "month": 4}, **line_changes}
    data = minimal_dict(period={"start": "2024-08-14", "end": "2026-12-31"})
    data["budget"]["staff"] = [line]
    return from_dict(data)


def staff_paragraph(app) -> str:
    return plain(section_paragraphs(open_docx(export(app)), "Personal")[0])


def test_the_monthly_cost_is_exact_and_rounded_once():
    text = staff_paragraph(raise_app())
    assert "Månadslönen 32 500 kr x sociala avgifter 40,15 % = 45 548,75 kr/mån för en heltidstjänst." in text
    assert "För 0,5 tjänst blir kostnaden 22 774,38 kr/mån." in text
    assert "22 775" not in text and "273 300" not in text  # the double rounding the issue found


def test_months_counted_raises_and_the_cost_per_year_multiply_out_to_the_cells():
    text = staff_paragraph(raise_app())
    assert "Start den 14 augusti 2024 räknas som en halv månad." in text
    assert ("Lönen räknas upp med 3 % per år i april: kostnaden blir 23 457,61 kr/mån den 1 april 2025 och "
            "24 161,33 kr/mån den 1 april 2026.") in text
    assert "2024: 4,5 månader x 22 774,38 kr/mån = 102 485 kr." in text
    assert "2025: 3 månader x 22 774,38 kr/mån + 9 månader x 23 457,61 kr/mån = 279 442 kr." in text
    # Every "months x monthly (+ …) = cell" adds up to the table's cell within a krona.
    for year, terms, cell in re.findall(r"(\d{4}): ((?:[\d,]+ månader x [\d ,]+ kr/mån(?: \+ )?)+) = ([\d ]+) kr",
                                        text):
        total = sum(float(m.replace(",", ".")) * float(k.replace(" ", "").replace(",", "."))
                    for m, k in re.findall(r"([\d,]+) månader x ([\d ,]+) kr/mån", terms))
        assert abs(total - int(cell.replace(" ", ""))) < 1, (year, terms, cell)


def test_the_issue_example_18_752_25():
    text = staff_paragraph(raise_app(monthly_salary="25003", social_fee_rate="0.5", annual_raise=None))
    assert "För 0,5 tjänst blir kostnaden 18 752,25 kr/mån." in text and "18 753" not in text


def test_the_raised_docx_passes_its_own_checker():
    report = check_docx(export(raise_app()))
    assert report.tables and not report.findings, report_text(report)


def test_hela_familjen_passes_its_own_checker():
    report = check_docx(export(application()))
    assert len(report.tables) == 2 and not report.findings, report_text(report)


def test_a_wrong_revised_cost_is_found():
    data = export(raise_app())
    tampered = _replace_in_docx(data, "23\u00a0457,61", "23\u00a0957,61")
    assert any(f.kind == "arithmetic" for f in check_docx(tampered).findings)


def _replace_in_docx(data: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.decode().replace(old, new).encode()
            target.writestr(item, content)
    return out.getvalue()


def test_title_does_not_repeat_utokning_av():
    assert open_docx(export(application())).paragraphs[0].text == \
        "Ansökan om medel för Hela Familjen – utökning av försöksverksamhet"
    other = application(title="Steg framåt")
    assert open_docx(export(other)).paragraphs[0].text == "Ansökan om medel för utökning av Steg framåt"


def test_cover_states_the_amount_applied_for():
    texts = [plain(p.text) for p in open_docx(export(application())).paragraphs[:8]]
    assert ("Sökt belopp: 1 601 327 kr (förändring mot den ursprungliga budgeten), reviderad total "
            "5 419 167 kr.") in texts
    texts = [plain(p.text) for p in open_docx(export(from_dict(minimal_dict()))).paragraphs[:8]]
    assert "Sökt belopp: 504 000 kr." in texts


def footer_lines(data: bytes) -> list[str]:
    return [p.text for p in open_docx(data).sections[0].footer.paragraphs]


def test_footer_version_label_by_default_and_from_the_version():
    assert footer_lines(export(application()))[1].startswith("Utkast · Kontrollsumma: ")
    submitted = footer_lines(export(application(), version_number=2, submitted=date(2026, 11, 30)))
    assert submitted[1].startswith("Version 2, inskickad 2026-11-30 · Kontrollsumma: ")


def test_page_numbers_stay_on_a_short_line_with_a_long_title():
    long_title = "Ett mycket långt projektnamn " * 12
    data = export(application(title=long_title))
    title_line, page_line = open_docx(data).sections[0].footer.paragraphs
    assert "PAGE" in page_line._p.xml and "NUMPAGES" in page_line._p.xml and "PAGE" not in title_line._p.xml
    assert len(page_line.text) < 80  # label, fingerprint, tabs and "Sida 1 av 1": never wider than the page
    assert title_line.text.endswith("…") and len(title_line.text) <= 90


def test_a_draft_has_a_watermark_and_unsignable_signature_lines():
    data = export(application(), draft=True)
    header = open_docx(data).sections[0].header._element.xml
    assert "PowerPlusWaterMarkObject" in header and 'string="UTKAST"' in header
    texts = [c.text for t in open_docx(data).tables for row in t.rows for c in row.cells]
    assert sum(text.count("ej för underskrift") for text in texts) == 3
    final = export(application())
    assert "PowerPlusWaterMarkObject" not in open_docx(final).sections[0].header._element.xml
    assert "ej för underskrift" not in " ".join(c.text for t in open_docx(final).tables for r in t.rows
                                                for c in r.cells)


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_removed_on_arrival_and_in_the_docx():
    assert without_control_characters(f"Kom{BIDI}munen") == "Kommunen"
    data = export(application(title="Hela \u202eFamiljen\u202c"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert not any(char in xml for char in BIDI)
    assert "Hela Familjen" in xml


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_cli_writes_files_with_the_umask(tmp_path, mask, mode):
    from builder import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app.instance_path = str(tmp_path / "instance")
    source = tmp_path / "app.json"
    source.write_text(json.dumps(minimal_dict(), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    old = os.umask(mask)
    try:
        result = app.test_cli_runner().invoke(args=["export-docx", str(source), "-o", str(out)])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert os.stat(out).st_mode & 0o777 == mode


def _number(text: str) -> int:
    return int(text.replace(NBSP, "").replace(" ", "").replace("+", ""))


def test_the_summary_reconciles_on_paper():
    document = open_docx(export(application()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Post (kr)")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Post (kr)", "Ursprunglig budget", "Ny budget", "Förändring"]
    body, total = rows[1:-1], rows[-1]
    assert [r[0] for r in body] == ["Kristianstads kommun", "Vårdcentralen Vilan", "Vårdcentralen Östermalm",
                                    "Näsby vårdcentral (oförändrad)",
                                    "Workshops + kompetensutveckling (oförändrad)", "Utvärdering (oförändrad)"]
    assert total[0] == "Reviderad total"
    assert [_number(x) for x in total[1:]] == [3817840, 5419167, 1601327]
    for column in (1, 2, 3):  # every column adds up to its total
        assert sum(_number(r[column]) for r in body) == _number(total[column])
    for row in body:  # and every row: new − original = change
        assert _number(row[2]) - _number(row[1]) == _number(row[3])


def test_the_checker_reads_the_months_per_year_sentence():
    """A year whose months do not follow from the stated start is found, even when its product adds up."""
    data = _replace_in_docx(export(raise_app()), "2024: 4,5 månader x 22\u00a0774,38\u00a0kr/mån\u00a0= 102\u00a0485",
                            "2024: 5 månader x 22\u00a0774,38\u00a0kr/mån\u00a0= 113\u00a0872")
    findings = check_docx(data).findings
    assert [(f.kind, f.column, f.stated, f.expected) for f in findings] == [("months", "2024", 5, Decimal("4.5"))]
    assert "texten räknar 5 månader men datumen i texten ger 4,5 månader det året" in report_text(check_docx(data))


def test_the_checker_applies_the_stated_raise_to_the_period():
    """Without the raise sentence the cells after a raise look wrong; with it they are right."""
    data = export(raise_app())
    assert not check_docx(data).findings
    stripped = _replace_in_docx(data, "Lönen räknas upp med 3\u00a0% per år i april", "Lönen ändras i april")
    assert any(f.kind == "period" and f.column == "2025" for f in check_docx(stripped).findings)


def test_budget_command_prints_the_line_figures(tmp_path):
    from builder import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    app.instance_path = str(tmp_path / "instance")
    data = minimal_dict(period={"start": "2024-08-14", "end": "2026-12-31"})
    data["budget"]["staff"] = [{"party": "Testkommun", "role": "Socialpedagog", "fte": "0.5",
                                "monthly_salary": "32500", "social_fee_rate": "0.4015", "start": "2024-08-14",
                                "end": "2026-12-31", "annual_raise": {"rate": "0.03", "month": 4}}]
    source = tmp_path / "app.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["budget", str(source), "--lines"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  45 548,75 kr/mån heltid, 22 774,38 kr/mån för raden" in lines
    assert "  från 1 april 2025: 23 457,61 kr/mån" in lines
    assert "  2024: 4,5 mån x 22 774,38 kr/mån = 102 485 kr" in lines
    assert "  2025: 3 mån x 22 774,38 kr/mån + 9 mån x 23 457,61 kr/mån = 279 442 kr" in lines
    plain_output = app.test_cli_runner().invoke(args=["budget", str(source)]).output
    assert "kr/mån" not in plain_output  # the table alone unless --lines


def test_the_case_number_joins_the_title_line_not_the_page_line():
    data = export(application(title="Ett mycket långt projektnamn " * 12), case_number="SFSN 2026/0012",
                  version_number=2, submitted=date(2026, 11, 30))
    title_line, page_line = open_docx(data).sections[0].footer.paragraphs
    assert title_line.text.endswith(" · Diarienummer: SFSN 2026/0012") and len(title_line.text) <= 90
    assert page_line.text.startswith("Version 2, inskickad 2026-11-30 · Kontrollsumma: ") and len(page_line.text) < 80
