"""check_docx in a child process with a CPU-time and memory limit, for the web page.

The checker is bounded by design (see bench/checkdocx_worst.py), but it runs on uploads from
the public: a slow path found later must not stop a web worker, whose threads share one
interpreter lock. The child comes from a fork server (started once per worker, with the
checker already imported), so a check costs a fork, not a Python start. A child that passes
its limit is killed by the kernel (SIGXCPU) and the caller gets a CheckTimeoutError.
"""
from __future__ import annotations

import multiprocessing
import resource
import threading
from typing import Any

from .errors import DocxError
from .report import CheckReport, check_docx

CPU_SECONDS = 3  # the worst file under the upload limit takes 1.5 s (bench/checkdocx_worst.py)
MEMORY_BYTES = 2 * 1024**3  # address space of the child: a 20 MB document.xml needs a few hundred MB
WALL_FACTOR = 5  # a loaded machine may give the child a fraction of a core: wait this × the CPU limit


class CheckTimeoutError(DocxError):
    """The check passed its CPU-time or memory limit and was stopped."""


_lock = threading.Lock()
_context = None


def _forkserver():
    """The fork-server context, its server preloading the checker (made once per process)."""
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["builder.checkdocx"])
            _context = context
        return _context


def check_docx_isolated(data: bytes, cpu_seconds: int = CPU_SECONDS, memory_bytes: int = MEMORY_BYTES,
                        check=check_docx) -> CheckReport:
    """check(data) in a limited child; raises DocxError (CheckTimeoutError past the limits).

    `check` is check_docx; a test passes a module-level function of its own to reach the limits.
    """
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_check_in_child, args=(sender, check, data, cpu_seconds, memory_bytes),
                            daemon=True, name="check-docx")
    child.start()
    sender.close()
    try:
        outcome = receiver.recv() if receiver.poll(cpu_seconds * WALL_FACTOR + 5) else None
    except (EOFError, OSError):
        outcome = None  # the child died (killed at its CPU limit) before answering
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if outcome is None:
        raise CheckTimeoutError("timeout")
    kind, *payload = outcome
    if kind == "report":
        return payload[0]
    if kind == "docx_error":
        cls, reason, values = payload
        raise _ERRORS.get(cls, DocxError)(reason, **values)
    raise CheckTimeoutError("timeout")  # "memory": the child ran out of its address space


def _check_in_child(sender, check, data: bytes, cpu_seconds: int, memory_bytes: int) -> None:
    """The child's work: set the limits, check, send back the report or the reason it failed."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    outcome: tuple[Any, ...]
    try:
        outcome = ("report", check(data))
    except DocxError as exc:
        outcome = ("docx_error", type(exc).__name__, exc.reason, exc.values)
    except MemoryError:
        outcome = ("memory",)
    sender.send(outcome)
    sender.close()


def _error_classes() -> dict[str, type[DocxError]]:
    from . import errors

    return {cls.__name__: cls for cls in (errors.DocxError, errors.NotDocxError, errors.DocxTooLargeError,
                                          errors.UnsafeDocxError, CheckTimeoutError)}


_ERRORS = _error_classes()
