"""Signed-ready Word export of an application (python-docx).

    from builder.docx import render_application_docx, docx_filename, signing_problems, DOCX_MIME

`render_application_docx(app, draft=False, version_label="", today=None) -> bytes` raises
ExportRefused (its `problems` list) unless the application is ready for signing or `draft`.
"""
from .export_refusal import ExportRefused, signing_problems
from .text import docx_filename
from .writer import DOCX_MIME, render_application_docx

__all__ = ["DOCX_MIME", "ExportRefused", "docx_filename", "render_application_docx", "signing_problems"]
