"""One kept entry as the history file holds it: shared by the store (which reads and writes
rows) and the record (which makes entries of them), so that neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Row:
    """One kept entry as the database holds it; `id` is None until it is stored."""

    taken_at: datetime  # with its UTC offset
    kind: str
    tool_version: str
    bank_fingerprint: str
    document: str
    id: int | None = None
