"""`python -m builder.checkdocx FILE.docx… [--json] [--language en]`: the check-docx command alone."""
from builder.cli.check_cmd import check_docx_command

check_docx_command(prog_name="python -m builder.checkdocx")
