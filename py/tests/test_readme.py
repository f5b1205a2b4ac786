"""The Python snippets in the README's python section run, so the README cannot go stale."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from _support import ROOT

SECTION = re.compile(r"<!-- section:python -->(.*?)<!-- /section:python -->", re.S)
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.S)


def blocks(language: str) -> list[str]:
    match = SECTION.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match is not None, "README.md has no python section"
    return [body for lang, body in FENCE.findall(match.group(1)) if lang == language]


def test_python_snippet_runs(tmp_path: Path) -> None:
    snippets = blocks("python")
    assert len(snippets) == 1
    script = tmp_path / "readme_snippet.py"
    script.write_text(snippets[0], encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    # Type-check it as a user would.
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_shell_snippet_commands_run(tmp_path: Path) -> None:
    (shell,) = blocks("sh")
    commands = [line.split("#")[0].strip() for line in shell.splitlines() if line.strip()]
    assert commands == ["wsclose 1006", "wsclose stats codes.log"]
    (tmp_path / "codes.log").write_text("1000\n1006\n")
    script = Path(sys.executable).parent / "wsclose"
    for command in commands:
        result = subprocess.run(
            [str(script), *command.split()[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout
