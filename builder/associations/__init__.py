"""Associations (samordningsförbund) as tenants: who works for which, and which association a case is in."""
from flask import Blueprint

bp = Blueprint("associations", __name__, url_prefix="/associations")

from . import routes  # noqa: E402,F401
