"""check_docx in a child process with a CPU-time and memory limit, for the web page.

The checker is bounded by design (see bench/checkdocx_worst.py), but it runs on uploads from
the public: a slow path found later must not stop a web worker, whose threads share one
interpreter lock. The child is a fresh Python (`python -m builder.checkdocx.isolated`): it
sets its own limits first, reads the file on standard input and writes the pickled report
on standard output. A fresh process rather than a fork: a web worker has threads (a fork
would copy their held locks), and a fork server would import the caller's main script again
in each child. Starting it costs about 0,3 s of CPU, well inside the limit.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

from .errors import DocxError
from .reader import check_packed

CPU_SECONDS = 3  # the worst file under the upload limit takes 1,5 s, and the start 0,3 s
MEMORY_BYTES = 2 * 1024**3  # address space of the child: a 20 MB document.xml needs a few hundred MB
WALL_FACTOR = 5  # a loaded machine may give the child a fraction of a core: wait this × the CPU limit
CHECK = "builder.checkdocx:check_docx"
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class CheckTimeoutError(DocxError):
    """The check passed its CPU-time or memory limit and was stopped."""


def check_docx_isolated(data: bytes, cpu_seconds: int = CPU_SECONDS, memory_bytes: int = MEMORY_BYTES,
                        check: str = CHECK):
    """check_docx(data) in a limited child; raises DocxError (CheckTimeoutError past the limits).

    `check` names the function ("module:name"); a test names one of its own to reach the limits.
    A file that is empty, too big or no zip archive is refused here, without starting a child.
    """
    if check == CHECK:
        check_packed(data)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "builder.checkdocx.isolated", str(cpu_seconds), str(memory_bytes), check]
    try:
        done = subprocess.run(command, input=data, capture_output=True, env=environment, cwd=_ROOT,
                              timeout=cpu_seconds * WALL_FACTOR + 5, check=False)
    except subprocess.TimeoutExpired:
        raise CheckTimeoutError("timeout") from None
    if done.returncode != 0 or not done.stdout:
        raise CheckTimeoutError("timeout")  # killed at its CPU limit (SIGXCPU), or out of memory
    kind, *payload = pickle.loads(done.stdout)  # written by our own child below
    if kind == "report":
        return payload[0]
    if kind == "docx_error":
        name, reason, values = payload
        raise _error_classes().get(name, DocxError)(reason, **values)
    raise CheckTimeoutError("timeout")


def _error_classes() -> dict[str, type[DocxError]]:
    from . import errors

    return {cls.__name__: cls for cls in (errors.DocxError, errors.NotDocxError, errors.DocxTooLargeError,
                                          errors.UnsafeDocxError, CheckTimeoutError)}


def _child(cpu_seconds: int, memory_bytes: int, check: str) -> None:
    """The child's work: its limits first, then check standard input and pickle the outcome out."""
    import importlib
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    module, name = check.split(":")
    function = getattr(importlib.import_module(module), name)
    data = sys.stdin.buffer.read()
    outcome: tuple
    try:
        outcome = ("report", function(data))
    except DocxError as exc:
        outcome = ("docx_error", type(exc).__name__, exc.reason, exc.values)
    except MemoryError:
        outcome = ("memory",)
    sys.stdout.buffer.write(pickle.dumps(outcome))


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
