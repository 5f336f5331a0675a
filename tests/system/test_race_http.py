"""Two real browsers (owner and invited co-applicant) race to save the same step of one draft on the
real gunicorn: each round exactly one save wins, the other gets 409 showing both versions, nothing is
overwritten silently, and SQLite never answers "database is locked"."""
from __future__ import annotations

import html
import json
import re
import threading

from tests.system.conftest import Client, base_version, csrf_token, read_rows, seed

ROUNDS = 6


def stored(database_url: str, app_id: int) -> tuple[dict, int]:
    (document, lock_version), = read_rows(
        database_url, "SELECT document, lock_version FROM applications WHERE id = :id", id=app_id)
    return json.loads(document)["sections"], lock_version


def invite(owner: Client, app_id: int, email: str) -> None:
    """The owner invites the co-applicant from the application page, as in the browser."""
    page = owner.get(f"/applications/{app_id}")
    assert page.status == 200
    response = owner.post(f"/applications/{app_id}/invite", {"csrf_token": csrf_token(page.text), "email": email})
    assert response.status == 302
    assert html.escape(email) in owner.get(f"/applications/{app_id}").text


def race(clients: dict[str, Client], path: str, values: dict[str, str]) -> dict[str, tuple]:
    """Both load the step, then both save at the same moment; returns {who: (base, status, page)}."""
    pages = {who: client.get(path) for who, client in clients.items()}
    assert all(p.status == 200 for p in pages.values()), {w: p.status for w, p in pages.items()}
    barrier = threading.Barrier(len(clients))
    results = {}

    def save(who: str) -> None:
        page = pages[who].text
        form = {"csrf_token": csrf_token(page), "base_version": base_version(page),
                "timeline": values[who], "activities": f"aktiviteter enligt {who}", "save": "1"}
        barrier.wait(timeout=60)
        response = clients[who].post(path, form)
        results[who] = (base_version(page), response.status, response.text)

    threads = [threading.Thread(target=save, args=(who,)) for who in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(results) == len(clients), "a save did not come back"
    return results


def test_two_clients_racing_on_one_draft(gunicorn, system_db, tmp_path):
    [(owner_email, app_id)], [co_email] = seed(system_db, owners=1, co_applicants=1)
    server = gunicorn()
    clients = {"owner": Client(server), "co": Client(server)}
    clients["owner"].login(owner_email)
    clients["co"].login(co_email)
    path = f"/applications/{app_id}/steps/timeline"
    assert clients["co"].get(path).status == 404  # not yet a member: the draft is not there for them
    invite(clients["owner"], app_id, co_email)

    for round_no in range(1, ROUNDS + 1):
        _sections, version = stored(system_db, app_id)
        values = {who: f'runda {round_no} – {who}s "plan" & <åtgärder>' for who in clients}
        results = race(clients, path, values)
        assert {base for base, _status, _page in results.values()} == {version}, "both must load the same version"
        statuses = sorted(status for _base, status, _page in results.values())
        assert statuses == [303, 409], (round_no, {who: (s, p[:300]) for who, (_b, s, p) in results.items()})
        winner = next(who for who, (_b, status, _p) in results.items() if status == 303)
        loser = next(who for who in clients if who != winner)
        sections, new_version = stored(system_db, app_id)
        assert sections["timeline"] == values[winner] and sections["activities"] == f"aktiviteter enligt {winner}"
        assert new_version == version + 1
        conflict = results[loser][2]
        shown = html.unescape(conflict)
        assert values[winner] in shown and values[loser] in shown  # both versions shown side by side
        assert "<åtgärder>" not in conflict  # as text, escaped
        assert f'name="base_version" value="{new_version}"' in conflict

        if round_no % 2:  # the loser keeps their own version: the conflict page re-posts it on the new base
            form = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', conflict)
            form = [(name, html.unescape(value)) for name, value in form] + [("save", "1")]
            resolved = clients[loser].post(path, form)
            assert resolved.status == 303, resolved.text[:500]
            sections, final_version = stored(system_db, app_id)
            assert sections["timeline"] == values[loser] and final_version == new_version + 1

    log = server.log()
    assert "database is locked" not in log and "Traceback" not in log
    assert re.search(r'"POST [^"]*steps/timeline[^"]*" 500', log) is None
