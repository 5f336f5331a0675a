"""Helpers for the case-handling tests: the sample application, people, a submitted case, a meeting."""
from __future__ import annotations

import json
from pathlib import Path

from builder.extensions import db
from builder.models import Application
from tests.helpers import login

SAMPLE = Path(__file__).resolve().parents[2] / "builder" / "sample" / "hela-familjen.json"


def sample_doc() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def as_(client, person) -> None:
    client.post("/logout")
    login(client, person[1], person[2])


def act(client, app_id: int, action: str, follow_redirects: bool = False, **data):
    """Post a workflow action naming the newest version, as the page's form does."""
    with client.application.app_context():
        versions = db.session.get(Application, app_id).versions
        version = versions[-1].number if versions else 0
    return client.post(f"/applications/{app_id}/actions/{action}", data={"version": str(version), **data},
                       follow_redirects=follow_redirects)


def base_version(client, app_id: int) -> str:
    """The draft's lock version a wizard save must name."""
    with client.application.app_context():
        return str(db.session.get(Application, app_id).lock_version)


def submit(client, person, app_id: int) -> None:
    as_(client, person)
    response = act(client, app_id, "submit", comment="")
    assert response.status_code == 302 and f"/applications/{app_id}" in response.location, response.location


def new_meeting(client, kind: str, day: str, place: str = "Kansliet") -> int:
    response = client.post("/meetings", data={"kind": kind, "date": day, "place": place})
    assert response.status_code == 302, response.text[:800]
    return int(response.location.rstrip("/").split("/")[-1])


def add_to_agenda(client, meeting_id: int, app_id: int):
    return client.post(f"/meetings/{meeting_id}/agenda", data={"application_id": str(app_id)})


def application(app, app_id: int) -> Application:
    return db.session.get(Application, app_id)
