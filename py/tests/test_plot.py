"""`wsclose stats --plot` with matplotlib installed (extra: plot)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "wsclose"


def test_plot_png_and_svg(tmp_path: Path) -> None:
    log = tmp_path / "codes.log"
    log.write_text("1000\n1006\n4000\n3000\n1000\n")
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        chart = tmp_path / f"chart{suffix}"
        result = subprocess.run(
            [str(SCRIPT), "stats", "--plot", str(chart), str(log)], capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stderr
        assert chart.read_bytes().startswith(magic)
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()
