"""The finsam-application format, version 1: load, validate, dump (pure, standard library)."""
from . import limits
from .dump import canonical_json, dumps, fingerprint, to_dict
from .errors import FormatError, ValidationError
from .load import from_dict, loads, parse_decimal, parse_json
from .model import (
    KINDS,
    LANGUAGES,
    PARTY_KINDS,
    SECTION_KEYS,
    SECTION_TITLES,
    Application,
    Party,
    Period,
    Risk,
    Signatory,
)

__all__ = [
    "FormatError", "KINDS", "LANGUAGES", "PARTY_KINDS", "SECTION_KEYS", "SECTION_TITLES", "Application", "Party",
    "Period", "Risk", "Signatory", "ValidationError", "canonical_json", "dumps", "fingerprint", "from_dict", "loads",
    "limits", "parse_decimal", "parse_json", "to_dict",
]
