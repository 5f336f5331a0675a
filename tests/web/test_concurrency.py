"""Two people on one draft: a stale save is refused with 409 and both versions; nothing is lost."""
from __future__ import annotations

import re
import threading

import pytest

from builder.extensions import db
from builder.models import Application
from tests.helpers import login


def version_of(app, app_id):
    with app.app_context():
        return db.session.get(Application, app_id).lock_version


def timeline(app, app_id):
    with app.app_context():
        return db.session.get(Application, app_id).doc["sections"].get("timeline")


@pytest.fixture
def two_editors(app, make_user, make_application, hela_doc):
    from builder.applications.service import invite

    owner = make_user("applicant")
    co = make_user("applicant")
    app_id = make_application(owner[0], hela_doc)
    with app.app_context():
        invite(db.session.get(Application, app_id), co[1])
    clients = []
    for person in (owner, co):
        client = app.test_client()
        login(client, person[1], person[2])
        clients.append(client)
    return app_id, clients


def test_stale_save_gets_409_with_both_versions(app, two_editors):
    app_id, (alice, bob) = two_editors
    base = version_of(app, app_id)
    page = alice.get(f"/applications/{app_id}/steps/timeline").text
    assert f'name="base_version" value="{base}"' in page
    first = alice.post(f"/applications/{app_id}/steps/timeline",
                       data={"base_version": base, "timeline": "Alice tidsplan", "activities": "A", "save": "1"})
    assert first.status_code == 303
    stale = bob.post(f"/applications/{app_id}/steps/timeline",
                     data={"base_version": base, "timeline": "Bobs tidsplan", "activities": "A", "save": "1"})
    assert stale.status_code == 409
    assert "Alice tidsplan" in stale.text and "Bobs tidsplan" in stale.text
    assert timeline(app, app_id) == "Alice tidsplan"  # nothing overwritten
    # Bob chooses his version: the page re-posts it based on the current version.
    new_base = re.search(r'name="base_version" value="(\d+)"', stale.text).group(1)
    resolved = bob.post(f"/applications/{app_id}/steps/timeline",
                        data={"base_version": new_base, "timeline": "Bobs tidsplan", "activities": "A", "save": "1"})
    assert resolved.status_code == 303
    assert timeline(app, app_id) == "Bobs tidsplan"


def test_racing_saves_never_lose_silently(app, two_editors):
    """Both clients save at once from the same base: exactly one wins, the other gets 409."""
    app_id, clients = two_editors
    base = version_of(app, app_id)
    barrier = threading.Barrier(2)
    codes = {}

    def save(i, client):
        barrier.wait()
        response = client.post(f"/applications/{app_id}/steps/timeline",
                               data={"base_version": base, "timeline": f"version {i}", "activities": "A",
                                     "save": "1"})
        codes[i] = response.status_code

    threads = [threading.Thread(target=save, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(codes.values()) == [303, 409], codes
    winner = [i for i, code in codes.items() if code == 303][0]
    assert timeline(app, app_id) == f"version {winner}"
    assert version_of(app, app_id) == base + 1
