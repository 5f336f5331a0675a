"""Helpers for posting wizard steps the way the page does: with the draft's current base_version."""
from __future__ import annotations

import re

_BASE = re.compile(r'name="base_version" value="(\d+)"')


def with_base(client, app_id: int, data: dict) -> dict:
    """`data` plus the base_version the step page shows now (a save without one is refused)."""
    match = _BASE.search(client.get(f"/applications/{app_id}/steps/timeline").text)
    return {**data, "base_version": match.group(1)} if match else dict(data)
