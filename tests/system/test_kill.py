"""SIGKILL the real gunicorn in the middle of saves: at most the save in flight is lost, no draft is
corrupted (each save is one transaction), and the app starts again cleanly on the same database."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.client import HTTPException

from builder import appformat
from tests.system.conftest import Client, base_version, csrf_token, db_upgrade, read_rows, seed

WRITERS = 6
ACKS_BEFORE_KILL = 3  # per writer, so the kill lands well inside a stream of saves
RUN_TIMEOUT = 120


@dataclass
class Writer:
    """One person saving the timeline step of their own draft over and over, with recognisable values."""

    index: int
    email: str
    app_id: int
    acked: list[str] = field(default_factory=list)
    in_flight: str | None = None
    unexpected: list[str] = field(default_factory=list)
    stopped_by: str = ""

    def marker(self, n: int) -> str:
        return f"kill-w{self.index}-s{n}"

    def run(self, server, deadline: float) -> None:
        """Save until the server goes away (or, bounded, until the deadline)."""
        client = Client(server)
        try:
            client.login(self.email)
            n = 0
            while time.monotonic() < deadline:
                page = client.get(f"/applications/{self.app_id}/steps/timeline")
                if page.status != 200:
                    self.unexpected.append(f"GET {page.status}")
                    return
                n += 1
                marker = self.marker(n)
                self.in_flight = marker
                response = client.post(f"/applications/{self.app_id}/steps/timeline", {
                    "csrf_token": csrf_token(page.text), "base_version": base_version(page.text),
                    "timeline": f"{marker} tidsplan", "activities": f"{marker} aktiviteter", "save": "1"})
                if response.status not in (302, 303):
                    self.unexpected.append(f"POST {response.status}: {response.text[:300]}")
                    return
                self.acked.append(marker)
                self.in_flight = None
        except (OSError, HTTPException) as exc:  # the server went away: what was being sent stays "in flight"
            self.stopped_by = type(exc).__name__


def stored(database_url: str, app_id: int) -> tuple[dict, int, str, int]:
    (document, lock_version, title, total), = read_rows(
        database_url, "SELECT document, lock_version, title, total FROM applications WHERE id = :id", id=app_id)
    return json.loads(document), lock_version, title, total


def test_sigkill_mid_saves_loses_at_most_the_save_in_flight(gunicorn, system_db, tmp_path):
    drafts, _ = seed(system_db, owners=WRITERS)
    before = {app_id: stored(system_db, app_id) for _email, app_id in drafts}
    server = gunicorn()
    writers = [Writer(i, email, app_id) for i, (email, app_id) in enumerate(drafts)]
    deadline = time.monotonic() + RUN_TIMEOUT
    threads = [threading.Thread(target=w.run, args=(server, deadline + 30), daemon=True) for w in writers]
    for thread in threads:
        thread.start()

    while min(len(w.acked) for w in writers) < ACKS_BEFORE_KILL and time.monotonic() < deadline:
        assert not any(w.unexpected for w in writers), [w.unexpected for w in writers]
        assert all(t.is_alive() for t in threads), [(w.acked, w.stopped_by) for w in writers]
        time.sleep(0.05)
    assert min(len(w.acked) for w in writers) >= ACKS_BEFORE_KILL, "saves too slow to reach the kill point"
    deadline = time.monotonic() + 10
    while sum(w.in_flight is not None for w in writers) < 2 and time.monotonic() < deadline:
        time.sleep(0.002)  # kill while saves are being sent
    in_flight_at_kill = sum(w.in_flight is not None for w in writers)
    assert in_flight_at_kill, "no save was in flight at the kill"
    server.kill()
    for thread in threads:
        thread.join(90)
    assert not any(t.is_alive() for t in threads)
    assert not server.group_members(), "a gunicorn process survived SIGKILL of its group"
    assert not any(w.unexpected for w in writers), [w.unexpected for w in writers]
    assert all(w.stopped_by for w in writers), "every writer must have been cut off by the kill"

    # After the crash: migrating again is a no-op that succeeds, and the server starts cleanly.
    head = read_rows(system_db, "SELECT version_num FROM alembic_version")
    upgrade = db_upgrade(system_db, tmp_path / "instance")
    assert "Running upgrade" not in upgrade.stdout + upgrade.stderr
    assert read_rows(system_db, "SELECT version_num FROM alembic_version") == head
    if system_db.startswith("sqlite"):
        assert read_rows(system_db, "PRAGMA integrity_check") == [("ok",)]
    server = gunicorn(port=server.port)  # same address, as a supervisor would restart it
    landed = 0

    for writer in writers:
        doc, lock_version, title, total = stored(system_db, writer.app_id)
        allowed = {writer.acked[-1]} | ({writer.in_flight} if writer.in_flight else set())
        sections = doc["sections"]
        marker = sections["timeline"].removesuffix(" tidsplan")
        assert marker in allowed, (writer.index, marker, writer.acked[-3:], writer.in_flight)
        # One transaction per save: both fields of the step come from the same save.
        assert sections["activities"] == f"{marker} aktiviteter"
        # Everything outside the step is untouched.
        original = before[writer.app_id][0]
        assert {k: v for k, v in doc.items() if k != "sections"} == \
            {k: v for k, v in original.items() if k != "sections"}
        assert {k: v for k, v in sections.items() if k not in ("timeline", "activities")} == \
            {k: v for k, v in original["sections"].items() if k not in ("timeline", "activities")}
        assert (title, total) == (original["title"], before[writer.app_id][3]) and total is not None
        # lock_version counts exactly the saves that committed.
        committed = len(writer.acked) + (1 if marker == writer.in_flight else 0)
        landed += marker == writer.in_flight
        assert lock_version == before[writer.app_id][1] + committed, (writer.index, lock_version, committed)
        appformat.from_dict(doc)  # the stored draft is a valid application document

        # Over HTTP, on the restarted server: the draft loads, exports as a valid document, takes a save.
        client = Client(server)
        client.login(writer.email)
        page = client.get(f"/applications/{writer.app_id}/steps/timeline")
        assert page.status == 200 and f"{marker} tidsplan" in page.text
        assert base_version(page.text) == lock_version
        exported = client.get(f"/applications/{writer.app_id}/export.json")
        assert exported.status == 200
        assert appformat.from_dict(json.loads(exported.text)).sections["timeline"] == f"{marker} tidsplan"
        saved = client.post(f"/applications/{writer.app_id}/steps/timeline", {
            "csrf_token": csrf_token(page.text), "base_version": lock_version,
            "timeline": "efter omstart", "activities": "efter omstart", "save": "1"})
        assert saved.status == 303, saved.text[:500]
        assert stored(system_db, writer.app_id)[1] == lock_version + 1

    assert "Traceback" not in server.log()
    if system_db.startswith("sqlite"):
        assert read_rows(system_db, "PRAGMA integrity_check") == [("ok",)]
    print(f"\n{system_db.split(':')[0]}: killed with {in_flight_at_kill} of {WRITERS} saves in flight, "
          f"{landed} of them committed; {sum(len(w.acked) for w in writers)} saves acknowledged before")
