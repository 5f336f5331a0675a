"""Case handling the way a samordningsförbund works: diarienummer, officer, meetings, recommendations,
the styrelse decision and the decision letter."""
from flask import Blueprint

bp = Blueprint("cases", __name__)

from . import models, panel, routes  # noqa: E402,F401
