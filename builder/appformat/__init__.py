"""The finsam-application format, version 1: load, validate, dump (pure, standard library)."""
from .dump import canonical_json, dumps, fingerprint, to_dict
from .load import ValidationError, from_dict, loads, parse_decimal, parse_json
from .model import (
    KINDS,
    LANGUAGES,
    PARTY_KINDS,
    SECTION_KEYS,
    Application,
    Party,
    Period,
    Risk,
    Signatory,
)

__all__ = [
    "KINDS", "LANGUAGES", "PARTY_KINDS", "SECTION_KEYS", "Application", "Party", "Period", "Risk",
    "Signatory", "ValidationError", "canonical_json", "dumps", "fingerprint", "from_dict", "loads",
    "parse_decimal", "parse_json", "to_dict",
]
