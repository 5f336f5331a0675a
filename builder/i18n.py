"""Translations outside a request (command line, DOCX): the same catalogues as the web app."""
from __future__ import annotations

import os
from functools import lru_cache

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = os.path.join(os.path.dirname(__file__), "translations")


@lru_cache(maxsize=8)
def translations(language: str) -> NullTranslations:
    """Catalogue for a language; Swedish is the source language, so "sv" needs none."""
    if language == "sv":
        return NullTranslations()
    return Translations.load(TRANSLATIONS_DIR, [language])


def gettext_for(language: str):
    """A gettext function for one language: `_ = gettext_for("en")`."""
    catalogue = translations(language)

    def _(message: str, **values) -> str:
        text = catalogue.gettext(message)
        return text % values if values else text

    return _
