"""Cell formats and the small writers every sheet shares.

Number formats are stored as Excel's locale-neutral codes. `#,##0` means "group the
thousands": a Swedish Excel or LibreOffice shows it as `1 242 640` (its own thousands
separator, a space), an English one as `1,242,640`. Writing `# ##0` literally would instead
print a fixed space in every locale and break on systems that group differently, so the file
keeps `#,##0` and leaves the separator to the reader's locale.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from builder.appformat import Application
from builder.textclean import without_control_characters

KR = "#,##0"  # whole kronor, shown "1 242 640" by a Swedish Excel
KR_DECIMALS = "#,##0.00"  # an input amount that is not whole kronor
KR_SIGNED = "+#,##0;-#,##0;0"  # a change: "+1 135 680", "-20 000", "0"
PERCENT = "0.00%"
DATE = "yyyy-mm-dd"
FTE = "0.00"

# A font without a name makes LibreOffice fall back to a serif face: name the workbook's default.
BOLD = Font(name="Calibri", size=11, bold=True)
TITLE = Font(name="Calibri", size=14, bold=True)
RIGHT = Alignment(horizontal="right")

HEADER_ROW = 4  # rows 1–3 hold the title, the association and the period
FIRST_ROW = HEADER_ROW + 1

Gettext = Callable[..., str]


def col(column: int) -> str:
    """The column letter of a 1-based column number."""
    return get_column_letter(column)


def excel_number(value: Decimal | int) -> int | float:
    """An integral amount as int; anything else as the nearest float (Excel stores doubles)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def money_format(value: Decimal | int) -> str:
    """`#,##0` for whole kronor, `#,##0.00` when the amount has öre."""
    return KR if isinstance(excel_number(value), int) else KR_DECIMALS


def put_number(ws: Worksheet, row: int, column: int, value, number_format: str = KR,
               bold: bool = False):
    """A right-aligned number or formula cell with its number format."""
    cell = ws.cell(row=row, column=column, value=value)
    cell.number_format = number_format
    cell.alignment = RIGHT
    if bold:
        cell.font = BOLD
    return cell


def excel_text(text: str | None) -> str:
    """User text a worksheet can hold: no control characters (tab and newline kept), no U+FFFE/U+FFFF."""
    return without_control_characters(str(text)) if text else ""


def put_text(ws: Worksheet, row: int, column: int, text: str, font: Font | None = None):
    """A text cell (bold or title font when given); empty text leaves the cell empty."""
    text = excel_text(text)
    cell = ws.cell(row=row, column=column, value=text or None)
    if text and text.startswith("="):
        cell.data_type = "s"  # typed text, never a formula that Excel would run
    if font is not None:
        cell.font = font
    return cell


def put_header(ws: Worksheet, row: int, labels: Iterable[str],
               text_columns: Iterable[int] = (1,)) -> None:
    """A bold header row; headers over number columns are right aligned like their cells."""
    text_columns = set(text_columns)
    for column, label in enumerate(labels, 1):
        cell = put_text(ws, row, column, label, BOLD)
        if column not in text_columns:
            cell.alignment = RIGHT


def sum_formula(first: str, last: str):
    """`=SUM(first:last)`, or 0 when the range is empty (a formula over no cells is wrong)."""
    return f"=SUM({first}:{last})" if first and last else 0


def column_sum(column: int, first_row: int, last_row: int):
    """The SUM of one column's cells from first_row to last_row."""
    if last_row < first_row:
        return 0
    return sum_formula(f"{col(column)}{first_row}", f"{col(column)}{last_row}")


def row_sum(row: int, first_column: int, last_column: int):
    """The SUM of one row's cells from first_column to last_column."""
    if last_column < first_column:
        return 0
    return sum_formula(f"{col(first_column)}{row}", f"{col(last_column)}{row}")


def write_heading(ws: Worksheet, application: Application, _: Gettext) -> None:
    """Rows 1–3: the title, the association and the period (ISO dates)."""
    put_text(ws, 1, 1, application.title, TITLE)
    put_text(ws, 2, 1, _("Samordningsförbund"), BOLD)
    put_text(ws, 2, 2, application.association)
    put_text(ws, 3, 1, _("Period"), BOLD)
    period = application.period
    put_text(ws, 3, 2, _("%(start)s – %(end)s", start=period.start.isoformat(),
                         end=period.end.isoformat()))


def text_width(texts: Iterable[str], minimum: int = 12, maximum: int = 60) -> int:
    """A column width (in characters) that fits the longest text, within bounds."""
    longest = max((len(text) for text in texts if text), default=0)
    return max(minimum, min(maximum, longest + 2))


def amount_width(header: str, amounts: Iterable[int], minimum: int = 13) -> int:
    """A number column's width: its header or its widest signed, grouped amount, in bold."""
    widest = text_width([header, *(f"{amount:+,}" for amount in amounts)], minimum=minimum)
    return widest + 2  # bold totals are wider than the character count says


def set_widths(ws: Worksheet, widths: dict[int, int]) -> None:
    """Set column widths by 1-based column number."""
    for column, width in widths.items():
        ws.column_dimensions[col(column)].width = width


def fit_to_page_width(ws: Worksheet) -> None:
    """Print landscape, all columns on one page wide, as many pages tall as needed."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
