"""Fixtures for the unit tests: the Hela Familjen example (tests/data) and the format's documentation."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from builder.appformat import Application, loads
from tests.helpers import HELA_FAMILJEN, REPO

REPO_ROOT = REPO
EXAMPLE = HELA_FAMILJEN
SPEC = REPO / "docs" / "application-format.md"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """Path of the Hela Familjen extension application (finsam-application JSON)."""
    return EXAMPLE


@pytest.fixture(scope="session")
def _example_data(example_path) -> dict:
    return json.loads(example_path.read_text(encoding="utf-8"))


@pytest.fixture
def example_dict(_example_data) -> dict:
    """A fresh, mutable copy of the example's JSON object."""
    return copy.deepcopy(_example_data)


@pytest.fixture(scope="session")
def example_app(example_path) -> Application:
    return loads(example_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def spec_example_output() -> dict:
    """The JSON block under "Computed table" in docs/application-format.md."""
    text = SPEC.read_text(encoding="utf-8")
    section = text.split("## Computed table", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block, "no ```json block under 'Computed table' in docs/application-format.md"
    return json.loads(block.group(1))
