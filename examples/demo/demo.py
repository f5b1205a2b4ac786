"""make demo (examples/demo/run.sh): the same line as ``wsclose-demo line CODE...``, through the
Python package: per code its category, reconnect advice and Discord Gateway advice."""

from __future__ import annotations

import sys

import wsclose


def main(argv: list[str]) -> int:
    profile = wsclose.Profile.by_name("discord-gateway")
    if profile is None or not argv:
        print("usage: demo.py CODE...", file=sys.stderr)
        return 2
    fields = []
    for arg in argv:
        code = int(arg)
        facts = wsclose.info(code)
        fields.append(f"{code} {facts.category.label}/{facts.reconnect.label}/{profile.advice(code).label}")
    print("; ".join(fields))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
