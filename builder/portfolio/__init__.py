"""The association's portfolio (frame, commitments, outcomes per year) and the export to Uppföljning Finsam."""
from flask import Blueprint

bp = Blueprint("portfolio", __name__)

from . import routes  # noqa: E402,F401
