"""The development secret key in the instance folder: one key for every worker, even when gunicorn's
workers create it at the same moment, and never an empty key after a kill in the middle of writing it."""
from __future__ import annotations

import multiprocessing
import time

from builder.config import _instance_secret

PROCESSES = 6
TRIALS = 5


def _read_at(folder: str, start: float, results) -> None:
    while time.time() < start:  # all processes reach the file together, like workers booting at once
        pass
    results.put(_instance_secret(folder))


def test_workers_starting_together_share_one_complete_key(tmp_path):
    context = multiprocessing.get_context("fork")
    for trial in range(TRIALS):
        folder = str(tmp_path / f"instance{trial}")
        results = context.Queue()
        start = time.time() + 1.0
        processes = [context.Process(target=_read_at, args=(folder, start, results)) for _ in range(PROCESSES)]
        for process in processes:
            process.start()
        keys = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(60)
        assert len(set(keys)) == 1 and len(keys[0]) == 64, (trial, [k[:8] for k in keys])
        assert (tmp_path / f"instance{trial}" / "secret_key").read_text().strip() == keys[0]


def test_empty_key_file_left_by_a_kill_is_replaced(tmp_path):
    (tmp_path / "secret_key").write_text("")
    key = _instance_secret(str(tmp_path))
    assert len(key) == 64
    assert (tmp_path / "secret_key").read_text().strip() == key
    assert _instance_secret(str(tmp_path)) == key  # and kept from then on


def test_app_without_secret_key_gets_the_instance_key(tmp_path, monkeypatch):
    from builder import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("FINSAM_INSTANCE", str(tmp_path))
    (tmp_path / "secret_key").write_text("\n")
    app = create_app({"SECRET_KEY": None, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}"})
    assert app.config["SECRET_KEY"] == (tmp_path / "secret_key").read_text().strip() != ""
