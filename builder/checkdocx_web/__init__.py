"""The Kontrollera Word-budget pages: upload any Word application, see its budget arithmetic checked."""
from flask import Blueprint

bp = Blueprint("checkdocx", __name__)

from . import routes  # noqa: E402,F401
