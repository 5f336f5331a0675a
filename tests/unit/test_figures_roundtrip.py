"""Export → check round trip: the app's own DOCX of any generated application passes check_docx."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings

from builder.appformat import from_dict
from builder.budget import compute_budget
from builder.budget_text import line_text
from builder.checkdocx import check_docx, report_text
from tests.unit.docx_factories import export, open_docx, section_paragraphs
from tests.unit.figure_strategies import figure_applications


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure_applications())
def test_exported_docx_has_no_findings(data):
    report = check_docx(export(from_dict(data)))
    assert report.tables, "the exported budget tables were not recognised"
    assert not report.findings, report_text(report)


YEAR_SENTENCE = re.compile(r"(\d{4}): ((?:[\d,]+ (?:månader|månad) x [\d ,]+ kr/mån(?: \+ )?)+) = ([\d ]+) kr")
CLI_YEAR = re.compile(r"(\d{4}): ((?:[\d,]+ mån x [\d ,]+ kr/mån(?: \+ )?)+) = ([\d ]+) kr")


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure_applications())
def test_docx_cli_and_engine_state_the_same_figures_per_line(data):
    """Each staff line's months, monthly costs and year cells read the same in the DOCX and the CLI,
    and are the engine's cells."""
    app = from_dict(data)
    table = compute_budget(app.budget)
    paragraphs = section_paragraphs(open_docx(export(app)), "Personal")
    assert len(paragraphs) == len(table.lines)
    for paragraph, detail in zip(paragraphs, table.lines, strict=True):
        docx_years = [(y, terms.replace("månader", "mån").replace("månad", "mån"), cell)
                      for y, terms, cell in YEAR_SENTENCE.findall(_plain(paragraph))]
        cli_years = CLI_YEAR.findall(_plain("\n".join(line_text(detail))))
        assert docx_years == cli_years
        assert {y: int(cell.replace(" ", "")) for y, _, cell in docx_years} == \
            {y: amount for y, amount in detail.cells.items() if y in detail.months_by_year}
        assert all(amount == 0 for y, amount in detail.cells.items() if y not in detail.months_by_year)
