"""Export → check round trip: the app's own DOCX of any generated application passes check_docx."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from builder.appformat import from_dict
from builder.checkdocx import check_docx, report_text
from tests.unit.docx_factories import export
from tests.unit.figure_strategies import figure_applications


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure_applications())
def test_exported_docx_has_no_findings(data):
    report = check_docx(export(from_dict(data)))
    assert report.tables, "the exported budget tables were not recognised"
    assert not report.findings, report_text(report)
