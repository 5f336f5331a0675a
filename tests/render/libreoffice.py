"""What the render tests need from LibreOffice."""
from __future__ import annotations

import shutil
from pathlib import Path


def calc_missing() -> str | None:
    """Why LibreOffice cannot recalculate a workbook here, or None when it can."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return "soffice (LibreOffice) is not installed"
    program = Path(soffice).resolve().parent
    if any(program.glob("lib*lo.so")) and not any(program.glob("libsclo.so")):
        return "LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)"
    return None
