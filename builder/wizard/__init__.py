"""The application wizard: one page per step, saved as you go."""
from flask import Blueprint

bp = Blueprint("wizard", __name__, url_prefix="/applications/<int:app_id>")

from . import routes  # noqa: E402,F401
