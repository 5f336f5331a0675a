"""The English gettext catalogues: complete, not fuzzy, compiled, and placeholder-safe.

Swedish is the source language (msgids are Swedish), so only the English catalogues are checked.
Run `scripts/i18n` (or `scripts/i18n DOMAIN FILES...`) to re-extract, update and compile.
"""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "builder" / "translations" / "en" / "LC_MESSAGES"
PO_FILES = sorted(CATALOGUE_DIR.glob("*.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _read(po_path: Path):
    with po_path.open("rb") as handle:
        return read_po(handle, locale="en", domain=po_path.stem)


def _messages(po_path: Path):
    """Every real message (not the header) of a catalogue."""
    return [m for m in _read(po_path) if m.id]


def _forms(value) -> list[str]:
    """msgid/msgstr as a list: one item for a singular message, one per form for a plural."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _label(message) -> str:
    return repr(_forms(message.id)[0])


def test_there_are_english_catalogues():
    assert PO_FILES, f"no .po files in {CATALOGUE_DIR}"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.name)
def test_every_message_is_translated_and_not_fuzzy(po_path):
    catalogue = _read(po_path)
    assert not catalogue.fuzzy, f"{po_path.name}: the catalogue header is marked fuzzy"
    untranslated = [_label(m) for m in catalogue if m.id and not all(s.strip() for s in _forms(m.string))]
    fuzzy = [_label(m) for m in catalogue if m.id and m.fuzzy]
    assert not untranslated, f"{po_path.name}: {len(untranslated)} untranslated: " + ", ".join(untranslated)
    assert not fuzzy, f"{po_path.name}: {len(fuzzy)} fuzzy: " + ", ".join(fuzzy)


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.name)
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.name} is missing: run scripts/i18n"
    compiled = BytesIO()
    write_mo(compiled, _read(po_path))
    assert mo_path.read_bytes() == compiled.getvalue(), (
        f"{mo_path.name} does not match {po_path.name} (stale compile): run scripts/i18n")


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.name)
def test_translations_keep_the_placeholders(po_path):
    wrong = []
    for message in _messages(po_path):
        expected = set()
        for msgid in _forms(message.id):
            expected |= set(PLACEHOLDER.findall(msgid))
        for msgstr in _forms(message.string):
            if msgstr and set(PLACEHOLDER.findall(msgstr)) != expected:
                wrong.append(f"{_label(message)} -> {msgstr!r}")
    assert not wrong, f"{po_path.name}: placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.name)
def test_python_format_translations_can_be_formatted(po_path):
    """A lone "%" (instead of "%%") in a python-format msgstr would raise when the string is used."""
    broken = []
    for message in _messages(po_path):
        if not message.python_format:
            continue
        for msgstr in _forms(message.string):
            values = {name: "x" for name in PLACEHOLDER.findall(msgstr)}
            try:
                msgstr % values
            except (ValueError, TypeError, KeyError) as exc:
                broken.append(f"{_label(message)} -> {msgstr!r}: {exc}")
    assert not broken, f"{po_path.name}: msgstr cannot be %-formatted:\n" + "\n".join(broken)
