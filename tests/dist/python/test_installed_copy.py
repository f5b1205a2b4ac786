"""Guard for the consumer test (tests/dist/python.sh): the suite must exercise the wsclose that
pip installed from dist/ into this venv, never a source tree."""

from __future__ import annotations

import importlib.metadata as metadata
import os
import sys
from pathlib import Path

import wsclose
from wsclose import _wsclose


def test_wsclose_is_the_installed_wheel() -> None:
    site = Path(sys.prefix).resolve()
    for module in (wsclose, _wsclose):
        where = Path(str(module.__file__)).resolve()
        assert site in where.parents, f"{module.__name__} imported from {where}, not from {site}"
    assert metadata.version("wsclose") == os.environ["WSCLOSE_DIST_VERSION"]
    assert Path(str(_wsclose.__file__)).name == "_wsclose.abi3.so"
