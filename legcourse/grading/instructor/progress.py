"""A progress bar: tqdm when it is installed, otherwise a plain one-line counter."""

from __future__ import annotations

import sys


class _PlainBar:
    def __init__(self, total: int, desc: str):
        self.total, self.desc, self.done = total, desc, 0
        self._draw()

    def _draw(self):
        width = 30
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        print(f"\r{self.desc} [{bar}] {self.done}/{self.total}", end="", file=sys.stderr)

    def update(self, n: int = 1):
        self.done += n
        self._draw()

    def close(self):
        print(file=sys.stderr)


def progress_bar(total: int, desc: str):
    """An object with ``update(n)`` and ``close()`` that draws progress on stderr."""
    try:
        from tqdm import tqdm
    except ImportError:
        return _PlainBar(total, desc)
    return tqdm(total=total, desc=desc, unit="student", file=sys.stderr)
