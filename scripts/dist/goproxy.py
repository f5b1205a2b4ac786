#!/usr/bin/env python3
"""Writes the Go module bindings/go as a module proxy serves it (https://go.dev/ref/mod#goproxy-protocol):
<proxy>/<module>/@v/list, vX.Y.Z.info, vX.Y.Z.mod, vX.Y.Z.zip (files under "<module>@vX.Y.Z/", as
`go mod download` expects). The files are the module's tracked files (git ls-files), so nothing a
build left in the directory leaks in. Its requirements are copied from the local module cache
(`go mod download -json`), so `GOPROXY=file://<proxy>` alone serves the whole build list.
Usage: goproxy.py ROOT PROXY_DIR VERSION"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

root, proxy, version = Path(sys.argv[1]), Path(sys.argv[2]), "v" + sys.argv[3]
moddir = root / "bindings" / "go"
gomod = (moddir / "go.mod").read_text(encoding="utf-8")
module = gomod.splitlines()[0].split()[1]
assert module.lower() == module, "module paths with capitals need case-encoding"

files = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=moddir, check=True, capture_output=True).stdout
names = sorted(name for name in files.decode().split("\0") if name)
assert "go.mod" in names and any(name.endswith(".go") for name in names), names

out = proxy / module / "@v"
out.mkdir(parents=True, exist_ok=True)
stamp = subprocess.run(["git", "log", "-1", "--format=%cI"], cwd=root, check=True, capture_output=True, text=True).stdout.strip()
when = datetime.fromisoformat(stamp).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
(out / "list").write_text(version + "\n", encoding="utf-8")
(out / f"{version}.info").write_text(json.dumps({"Version": version, "Time": when}) + "\n", encoding="utf-8")
(out / f"{version}.mod").write_text(gomod, encoding="utf-8")
with zipfile.ZipFile(out / f"{version}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
    for name in names:
        info = zipfile.ZipInfo(f"{module}@{version}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        archive.writestr(info, (moddir / name).read_bytes(), zipfile.ZIP_DEFLATED)
    # The module lives in a subdirectory; its zip carries the repository's licence texts, as a
    # module at the repository root would (pkg.go.dev reads them from the zip).
    for name in ("LICENSE-MIT", "LICENSE-APACHE"):
        assert name not in names, name
        info = zipfile.ZipInfo(f"{module}@{version}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        archive.writestr(info, (root / name).read_bytes(), zipfile.ZIP_DEFLATED)

# The requirements, from the module cache (go mod download fetches them once if missing).
listed = subprocess.run(["go", "mod", "download", "-json", "all"], cwd=moddir, check=True, capture_output=True,
                        text=True, env=None).stdout
decoder, pos, count = json.JSONDecoder(), 0, 0
while pos < len(listed.strip()):
    entry, end = decoder.raw_decode(listed, pos)
    pos = end
    while pos < len(listed) and listed[pos].isspace():
        pos += 1
    if entry.get("Path") == module or "Error" in entry:
        continue
    dep = proxy / entry["Path"] / "@v"
    dep.mkdir(parents=True, exist_ok=True)
    for key, suffix in (("Info", ".info"), ("GoMod", ".mod"), ("Zip", ".zip")):
        if entry.get(key):
            (dep / (entry["Version"] + suffix)).write_bytes(Path(entry[key]).read_bytes())
    with open(dep / "list", "a", encoding="utf-8") as handle:
        handle.write(entry["Version"] + "\n")
    count += 1
print(f"dist (go): {module}@{version} ({len(names)} files) and {count} requirement(s) in {proxy}")
