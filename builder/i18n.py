"""Translations outside a request (command line, DOCX): the same catalogues as the web app.

Swedish is the source language (msgids are Swedish), so "sv" needs no catalogue. Each area
keeps its own gettext domain (`messages` for the web app and CLI, `docx`, `checkdocx`).
"""
from __future__ import annotations

import os
from functools import lru_cache
from gettext import NullTranslations

TRANSLATIONS_DIR = os.path.join(os.path.dirname(__file__), "translations")


@lru_cache(maxsize=32)
def translations(language: str, domain: str = "messages") -> NullTranslations:
    """Catalogue for a language and domain."""
    if language == "sv":
        return NullTranslations()
    from babel.support import Translations  # here: a command in Swedish needs no Babel import

    return Translations.load(TRANSLATIONS_DIR, [language], domain=domain)


def gettext_for(language: str, domain: str = "messages"):
    """A gettext function for one language: `_ = gettext_for("en", "docx")`."""
    catalogue = translations(language, domain)

    def _(message: str, **values) -> str:
        text = catalogue.gettext(message)
        return text % values if values else text

    return _
