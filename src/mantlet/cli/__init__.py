"""The `mantlet` command. Every module in this package adds its commands to `cli.app`."""

from __future__ import annotations

import importlib
import pkgutil

from mantlet.cli.app import app


def main() -> None:
    for info in pkgutil.iter_modules(__path__, __name__ + "."):
        importlib.import_module(info.name)
    app()
