"""The frame check's warnings as text, for the decision forms (shown before, and flashed after, a decision)."""
from __future__ import annotations

from flask_babel import gettext as _

from builder.formatting import kr
from builder.models import Application
from builder.national.figures import FrameWarning
from builder.web.locale import current_language

from .service import frame_check, proposed_by_year


def warning_text(warning: FrameWarning) -> str:
    language = current_language()
    if warning.no_frame:
        return _("Ingen ram är satt för %(year)s: beviljade %(amount)s kan inte jämföras med förbundets ram.",
                 year=warning.year, amount=kr(warning.proposed, language))
    assert warning.remaining is not None
    return _("Ramen för %(year)s räcker inte: kvar av ramen är %(remaining)s, förslaget är %(amount)s, "
             "%(excess)s över ramen.", year=warning.year, remaining=kr(warning.remaining, language),
             amount=kr(warning.proposed, language), excess=kr(warning.excess, language))


def frame_warning_texts(application: Application, proposed: dict[int, int]) -> list[str]:
    """The warnings for approving `proposed` (kronor per year) on this application."""
    return [warning_text(w) for w in frame_check(application, proposed)]


def approve_form_warnings(application: Application, approved_total: int | None = None) -> list[str]:
    """The direct approve form's warnings: the newest version's budget per year (or `approved_total` shared
    over its years) against the frames."""
    return frame_warning_texts(application, proposed_by_year(application, approved_total))
