#!/usr/bin/env python3
"""Builds the documentation site into site/: mdBook over docs/ (docs/book.toml), the explainer
page next to it, then checks every link of every page.

    python3 tools/site/build.py --mdbook MDBOOK --explainer build/explainer/explainer.html [--out site]

Links are checked after the build, on the HTML mdBook wrote:
- a link to another page of the site must name a file that exists, and its #fragment an element
  id in that page;
- a link that leaves the site into the repository (`../include/wsclose.h` from docs/c-abi.md) must
  name a file or folder that exists in the repository, and is rewritten to the repository on
  GitHub, where a reader of the published site can follow it;
- http(s) and mailto links are left alone (the build runs offline).
Exit status 1 lists every broken link.
"""

from __future__ import annotations

import argparse
import html.parser
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPO_URL = "https://github.com/wsclose/wsclose"
# Files mdBook writes for itself (theme, search index, fonts): not pages to check.
MDBOOK_OWN = {"print.html", "404.html", "toc.html"}


class Links(html.parser.HTMLParser):
    """Collects the href/src attributes and the element ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name == "name" and tag == "a":
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "iframe", "script")):
                self.links.append((name, value))


def page_ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        parser = Links()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser.ids
    return cache[path]


# Two accessibility fixes to mdBook's theme, found by axe-core in tests/site: its sidebar toggle is
# a <label> carrying aria-expanded and aria-label, which only a role allows; and a wide table
# (or a long code block) scrolls inside an element that a keyboard user must be able to focus to scroll.
THEME_FIXES = [
    ('<label id="sidebar-toggle" class="icon-button"', '<label id="sidebar-toggle" role="button" class="icon-button"'),
    # docs/book.toml's src is ".", which mdBook writes into the edit links.
    ("/edit/main/docs/./", "/edit/main/docs/"),
    ('<div class="table-wrapper">', '<div class="table-wrapper" tabindex="0" role="region" aria-label="table">'),
    # A code block wider than the page scrolls too.
    ("<pre><code ", '<pre><code tabindex="0" '),
]


def fix_theme(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = text
        for old, new in THEME_FIXES:
            fixed = fixed.replace(old, new)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def check_and_rewrite(site: Path) -> list[str]:
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if page.name in MDBOOK_OWN or rel.startswith(("FontAwesome/", "fonts/")):
            continue
        text = page.read_text(encoding="utf-8")
        parser = Links()
        parser.feed(text)
        rewrites: dict[str, str] = {}
        for attr, link in parser.links:
            parsed = urllib.parse.urlsplit(link)
            if parsed.scheme or link.startswith("//"):
                continue  # http(s), mailto, data: not checked offline
            checked += 1
            target_path = urllib.parse.unquote(parsed.path)
            if target_path == "":
                target = page
            else:
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target_path))
                if joined.startswith("../") or joined == "..":
                    # Out of the site: a file of the repository, relative to docs/.
                    repo_rel = posixpath.normpath(posixpath.join("docs", posixpath.dirname(rel), target_path))
                    if repo_rel.endswith(".html") and (ROOT / (repo_rel[:-5] + ".md")).exists():
                        repo_rel = repo_rel[:-5] + ".md"  # mdBook turned a link to a .md file into .html
                    if repo_rel.startswith("../") or not (ROOT / repo_rel).exists():
                        broken.append(f"{rel}: {attr}={link!r} names {repo_rel}, which the repository does not have")
                        continue
                    kind = "tree" if (ROOT / repo_rel).is_dir() else "blob"
                    rewrites[link] = f"{REPO_URL}/{kind}/main/{repo_rel}" + (f"#{parsed.fragment}" if parsed.fragment else "")
                    continue
                target = site / joined
                if target.is_dir():
                    target = target / "index.html"
                if not target.exists():
                    broken.append(f"{rel}: {attr}={link!r}: no {joined} in the site")
                    continue
            if parsed.fragment and target.suffix == ".html" and target.name != "explainer.html":
                fragment = urllib.parse.unquote(parsed.fragment)
                if fragment not in page_ids(target, ids):
                    broken.append(f"{rel}: {attr}={link!r}: {target.relative_to(site)} has no id {fragment!r}")
        for old, new in rewrites.items():
            text = text.replace(f'href="{old}"', f'href="{new}"')
        if rewrites:
            page.write_text(text, encoding="utf-8")
    if checked == 0:
        broken.append("no links were checked: the site is empty?")
    print(f"site: checked {checked} links in {site}")
    return broken


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mdbook", default="mdbook")
    ap.add_argument("--explainer", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "site")
    args = ap.parse_args()
    t0 = time.monotonic()
    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    subprocess.run([args.mdbook, "build", str(ROOT / "docs"), "--dest-dir", str(out)], check=True)
    # mdBook copies every file of docs/ that is not Markdown; book.toml is the book's own.
    (out / "book.toml").unlink(missing_ok=True)
    shutil.copyfile(args.explainer, out / "explainer.html")
    fix_theme(out)
    if '<label id="sidebar-toggle" role="button"' not in (out / "index.html").read_text(encoding="utf-8"):
        print("site: mdBook's theme changed; review THEME_FIXES", file=sys.stderr)
        return 1
    broken = check_and_rewrite(out)
    if broken:
        print(f"site: {len(broken)} broken links:", file=sys.stderr)
        for line in broken:
            print(f"  {line}", file=sys.stderr)
        return 1
    pages = sum(1 for _ in out.rglob("*.html"))
    print(f"site: {out} ({pages} HTML files) in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
