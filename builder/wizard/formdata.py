"""Adding and removing list rows by submit buttons (works without JavaScript)."""
from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

_PATH = re.compile(r"^[a-z_]+(-[0-9]+-[a-z_]+)*$")
_ENTRY = re.compile(r"^(?P<prefix>[a-z_]+(?:-[0-9]+-[a-z_]+)*)-(?P<index>[0-9]+)$")


def remove_entry(formdata: MultiDict, target: str) -> MultiDict:
    """Drop the row `target` ("staff-3", "scenarios-0-items-2") and renumber the rows after it."""
    match = _ENTRY.match(target or "")
    if not match:
        return formdata
    prefix, index = match["prefix"], int(match["index"])
    row = re.compile(rf"^{re.escape(prefix)}-([0-9]+)(-.*)?$")
    out: MultiDict = MultiDict()
    for key, value in formdata.items(multi=True):
        m = row.match(key)
        if not m:
            out.add(key, value)
            continue
        n = int(m.group(1))
        if n == index:
            continue
        rest = m.group(2) or ""
        out.add(f"{prefix}-{n - 1 if n > index else n}{rest}", value)
    return out


def find_list(form, path: str):
    """The FieldList at `path` ("staff", "scenarios-0-items"), or None."""
    if not _PATH.match(path or ""):
        return None
    parts = path.split("-")
    field = form._fields.get(parts[0])
    for i in range(1, len(parts), 2):
        index, name = int(parts[i]), parts[i + 1]
        if field is None or not hasattr(field, "entries") or index >= len(field.entries):
            return None
        field = field.entries[index].form._fields.get(name)
    return field if hasattr(field, "append_entry") else None
