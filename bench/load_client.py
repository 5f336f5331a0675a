"""A browser-like HTTP client (stdlib, keep-alive, cookies, CSRF from the page) and one user's journey.

Used by bench/load.py. Every request is timed and recorded under a kind ("wizard_post", "docx", ...).
"""
from __future__ import annotations

import http.client
import json
import os
import random
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = Path(os.environ.get("FINSAM_LOAD_EXAMPLE")
               or REPO / "tests" / "data" / "hela-familjen-utokning.json")
FALLBACK_EXAMPLE = REPO / "builder" / "sample" / "hela-familjen.json"
PASSWORD = "belastning-losen-1"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
BASE_VERSION_RE = re.compile(r'name="base_version"[^>]*value="(\d+)"')
APP_ID_RE = re.compile(r"/applications/(\d+)/steps/project$")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WIZARD_STEPS = ("project", "parties", "background", "goals", "timeline", "organisation", "risks", "budget",
                "signatories")
RETRYABLE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def example_document() -> dict:
    path = EXAMPLE if EXAMPLE.exists() else FALLBACK_EXAMPLE
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Sample:
    kind: str
    seconds: float
    status: int
    error: str = ""
    started: float = 0.0


@dataclass
class Recorder:
    """Thread-safe list of samples; `enabled` off during warm-up."""
    samples: list = field(default_factory=list)
    enabled: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        if self.enabled:
            with self.lock:
                self.samples.append(sample)


class Stop(Exception):
    """The run's bound (time or request count) is reached."""


@dataclass
class Bounds:
    deadline: float
    max_requests: int
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> None:
        with self.lock:
            if time.monotonic() > self.deadline or self.count >= self.max_requests:
                raise Stop()
            self.count += 1


class Browser:
    """One user's keep-alive connection and cookie jar."""

    def __init__(self, host: str, port: int, recorder: Recorder, bounds: Bounds, think: float = 0.0):
        self.host, self.port, self.recorder, self.bounds, self.think = host, port, recorder, bounds, think
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None
        self.used = False

    def _connect(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.used = False
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def pause(self) -> None:
        """Think time between clicks (paced mode): uniformly 0.5×–1.5× the mean."""
        if self.think:
            time.sleep(self.think * random.uniform(0.5, 1.5))

    def request(self, kind: str, method: str, path: str, form: list | dict | None = None,
                expect: tuple[int, ...] = (200,)) -> tuple[int, dict, bytes]:
        self.bounds.take()
        body = urlencode(form).encode() if form is not None else None
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "finsam-load/1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.perf_counter()
        try:
            status, head, data = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            self.recorder.add(Sample(kind, time.perf_counter() - started, 0, type(exc).__name__, started))
            raise
        elapsed = time.perf_counter() - started
        error = "" if status in expect else f"HTTP {status}"
        self.recorder.add(Sample(kind, elapsed, status, error, started))
        if error:
            raise RuntimeError(f"{kind} {method} {path}: {error}: {data[:300]!r}")
        return status, head, data

    def _send(self, method, path, body, headers):
        for attempt in (1, 2):
            conn = self._connect()
            reused = self.used
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
            except RETRYABLE:
                self.close()
                if attempt == 2 or not reused:  # only a stale keep-alive connection is retried (as browsers do)
                    raise
                continue
            self.used = True
            self._store_cookies(response.headers.get_all("Set-Cookie") or [])
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        raise AssertionError("unreachable")

    def _store_cookies(self, headers: list[str]) -> None:
        for header in headers:
            pair = header.split(";", 1)[0]
            name, _, value = pair.partition("=")
            if "max-age=0" in header.lower() or "expires=thu, 01 jan 1970" in header.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip()


def csrf_of(page: bytes) -> str:
    match = CSRF_RE.search(page.decode("utf-8", "replace"))
    if not match:
        raise RuntimeError("no csrf_token on the page")
    return match.group(1)


def hidden_of(page: bytes) -> list[tuple[str, str]]:
    """The hidden inputs a browser would send back: csrf_token and base_version."""
    text = page.decode("utf-8", "replace")
    fields = [("csrf_token", csrf_of(page))]
    version = BASE_VERSION_RE.search(text)
    if version:
        fields.append(("base_version", version.group(1)))
    return fields
