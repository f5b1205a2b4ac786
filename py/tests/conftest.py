"""pytest configuration: Hypothesis runs the same examples every time and keeps no database in
the source tree, and has no deadline (CI machines are shared and slow)."""

from hypothesis import settings

settings.register_profile("wsclose", database=None, derandomize=True, deadline=None, max_examples=300)
settings.load_profile("wsclose")
