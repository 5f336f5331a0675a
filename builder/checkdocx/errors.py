"""Why a file cannot be checked: one exception family, with a message for people."""
from __future__ import annotations

from builder.i18n import gettext_for


class DocxError(Exception):
    """A file that cannot be read as a Word document; `message(language)` says why."""

    def __init__(self, reason: str, **values):
        self.reason = reason
        self.values = values
        super().__init__(self.message("sv"))

    def message(self, language: str = "sv") -> str:
        """The reason, in Swedish or English, for a person."""
        _ = gettext_for(language, "checkdocx")
        text = _messages(_, self.values).get(self.reason)
        return text() if text else _("Filen kan inte läsas som ett Word-dokument.")


class NotDocxError(DocxError):
    """Not a zip archive, no word/document.xml, or XML that does not parse."""


class DocxTooLargeError(DocxError):
    """Too big packed or unpacked, or compressed like a zip bomb."""


class UnsafeDocxError(DocxError):
    """Declares a DTD or entities (an XXE attempt): refused, never resolved."""


def _messages(_, values: dict) -> dict:
    """Every reason's text, made when asked; `values` fills the named placeholders."""
    return {
        "empty": lambda: _("Filen är tom."),
        "not_zip": lambda: _("Filen är inte ett Word-dokument (.docx): den är inte ett zip-arkiv."),
        "corrupt_zip": lambda: _("Filen är skadad: zip-arkivet kan inte packas upp."),
        "ole": lambda: _("Filen är ett äldre Word-dokument (.doc) eller lösenordsskyddad: "
                         "spara den som .docx utan lösenord."),
        "no_document": lambda: _("Filen är inte ett Word-dokument (.docx): word/document.xml saknas."),
        "bad_xml": lambda: _("Dokumentets XML är skadad och kan inte läsas."),
        "dtd": lambda: _("Filen avvisas: dokumentet deklarerar en DTD eller entiteter, "
                         "vilket ett Word-dokument aldrig gör."),
        "too_big": lambda: _("Filen är för stor (högst %(limit)s MB).", **values),
        "unpacked_too_big": lambda: _("Filen packas upp till för mycket data (över %(limit)s MB).",
                                      **values),
        "too_many_members": lambda: _("Filen avvisas: zip-arkivet har över %(limit)s delar.", **values),
        "too_many_paragraphs": lambda: _("Filen avvisas: dokumentet har över %(limit)s stycken, rader "
                                          "eller tabellceller, långt mer än en ansökan.", **values),
        "too_many_tables": lambda: _("Filen avvisas: dokumentet har över %(limit)s tabeller, långt mer "
                                     "än en ansökan.", **values),
        "timeout": lambda: _("Kontrollen av filen tog för lång tid och avbröts. Dokumentet är inte "
                             "en vanlig ansökan; försök med en fil som bara innehåller ansökan."),
        "zip_bomb": lambda: _("Filen avvisas: %(member)s är orimligt hårt komprimerad "
                              "(en så kallad zip-bomb).", **values),
    }
