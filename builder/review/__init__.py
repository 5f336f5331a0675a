"""Review and decision: workflow transitions, versions, comparisons, comments, reviewer list."""
from flask import Blueprint

bp = Blueprint("review", __name__)

from . import routes  # noqa: E402,F401
