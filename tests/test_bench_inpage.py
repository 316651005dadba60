"""The in-page speed benchmark (bench/inpage.py) runs on the built book and measures every
piece at every viewport. No timing is asserted here: the machine running the tests is shared."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # bench/ is a folder of the repository, not an installed package
    sys.path.insert(0, str(REPO))

from bench import inpage  # noqa: E402


@pytest.mark.slow
@pytest.mark.browser
def test_the_inpage_benchmark_measures_every_piece(book_html, browser):
    # The session's browser: a second Playwright in the same process would find its loop.
    result = inpage.run(book_html, repeat=1, browser=browser)
    assert set(result["results"]) == set(inpage.VIEWPORTS)
    assert result["pages"] == {name: piece.page for name, piece in inpage.PIECES.items()}
    for piece in inpage.PIECES.values():
        assert (book_html / piece.page).is_file(), piece.page
    for viewport, pieces in result["results"].items():
        assert set(pieces) == set(inpage.PIECES), viewport
        for name, steps in pieces.items():
            assert set(steps) == set(inpage.PIECES[name].steps), (viewport, name)
            for step, figures in steps.items():
                where = (viewport, name, step, figures)
                assert len(figures["samples"]) == 1, where
                assert 0 < figures["min"] <= figures["median"] <= figures["max"], where
                assert figures["script_median"] >= 0 and figures["work_median"] > 0, where
    verdict = result["verdict"]
    assert set(verdict["slowest"]) == set(inpage.VIEWPORTS)
    assert verdict["met"] == (not verdict["over_target"])
    assert inpage.table(result).count("\n") == sum(len(p.steps) for p in inpage.PIECES.values())
