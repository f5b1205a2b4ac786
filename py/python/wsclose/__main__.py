"""``python -m wsclose``: the same as the ``wsclose`` command."""

from wsclose.cli import entry_point

if __name__ == "__main__":
    entry_point()
