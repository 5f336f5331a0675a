"""The web page's check runs in a child with a CPU-time limit: a slow check cannot stop a worker."""
import time

import pytest

from builder.checkdocx import NotDocxError
from builder.checkdocx.isolated import CheckTimeoutError, check_docx_isolated

from .checkdocx_docs import BUDGET, docx_bytes


def spin_forever(data: bytes):
    """A check that never ends (module level, so the child can import it)."""
    while True:
        pass


def test_the_report_comes_back_from_the_child():
    report = check_docx_isolated(docx_bytes("Budget", BUDGET))
    assert len(report.tables) == 1 and report.findings == []
    assert report.tables[0].table.rows[0].total == 350_000


def test_an_unreadable_file_gives_its_own_reason():
    with pytest.raises(NotDocxError) as caught:
        check_docx_isolated(b"PK\x03\x04 not a zip")
    assert caught.value.reason == "not_zip"
    assert "zip" in caught.value.message("en")


def test_a_check_past_its_cpu_limit_is_stopped_with_a_message():
    start = time.monotonic()
    with pytest.raises(CheckTimeoutError) as caught:
        check_docx_isolated(b"x", cpu_seconds=1, check="tests.unit.test_checkdocx_isolated:spin_forever")
    assert time.monotonic() - start < 10
    assert "för lång tid" in caught.value.message("sv")
    assert "too long" in caught.value.message("en")


def eat_memory(data: bytes):
    """A check that asks for more memory than the child may have."""
    return bytearray(8 * 1024**3)


def test_a_check_past_its_memory_limit_is_stopped_with_the_same_message():
    with pytest.raises(CheckTimeoutError):
        check_docx_isolated(b"x", memory_bytes=1024**3, check="tests.unit.test_checkdocx_isolated:eat_memory")


def test_junk_is_refused_without_starting_a_child(monkeypatch):
    import subprocess

    def no_child(*args, **kwargs):
        raise AssertionError("a child was started")

    monkeypatch.setattr(subprocess, "run", no_child)
    for data in (b"", b"\x00" * 100, b"\xd0\xcf\x11\xe0 an old .doc"):
        with pytest.raises(NotDocxError):
            check_docx_isolated(data)
