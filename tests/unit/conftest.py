"""Fixtures for the unit tests: the shared Hela Familjen example and the format spec.

The repository lives at <root>; the shared spec and examples sit beside it at <root>/../shared
(here /work/shared, in CI a fresh clone with shared/ next to it).
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from builder.appformat import Application, loads

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "hela-familjen-utokning.json"
SPEC = SHARED / "spec" / "application-format.md"


def _shared_file(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"shared file missing: {path} (expected shared/ beside the repository)")
    return path


@pytest.fixture(scope="session")
def example_path() -> Path:
    """Path of the Hela Familjen extension application (finsam-application JSON)."""
    return _shared_file(EXAMPLE)


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
    """The JSON block under "Computed table" in the format spec."""
    text = _shared_file(SPEC).read_text(encoding="utf-8")
    section = text.split("## Computed table", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block, "no ```json block under 'Computed table' in the spec"
    return json.loads(block.group(1))
