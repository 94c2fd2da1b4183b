"""Where Mantlet keeps its local state: `$MANTLET_HOME`, or `~/.mantlet`."""

from __future__ import annotations

import os
from pathlib import Path


def mantlet_home() -> Path:
    """The state directory (SQLite stores, keys), created owner-only (0700) if missing."""
    configured = os.environ.get("MANTLET_HOME", "").strip()
    home = Path(configured).expanduser() if configured else Path.home() / ".mantlet"
    if not home.is_dir():
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        home.chmod(0o700)
    return home
