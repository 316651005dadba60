"""Identify the highlighted muscle: one muscle lit up on a view, a few names to choose from."""

from __future__ import annotations

import html
from dataclasses import replace

from legcourse import diagrams
from legcourse.core import links
from legcourse.core.words import join_words
from legcourse.drills import bank
from legcourse.drills.base import Drill, DrillError
from legcourse.drills.judging import judge_name


class IdentifyDrill(Drill[bank.IdentifyItem]):
    """Name the highlighted muscle, choosing among muscles of the same region (or, in the
    harder ``mode="compartment"``, of the same compartment).

    Args:
        seed: makes the rounds reproducible.
        mode: ``"region"`` or ``"compartment"``.
        n: questions per round.

    Raises:
        DrillError: an unknown mode (the message lists the modes).
    """

    def __init__(self, seed=None, *, mode: str = "region", n: int = 4, **options):
        super().__init__(seed, **options)
        if mode not in bank.IDENTIFY_MODES:
            raise DrillError(
                f"There is no mode {mode!r}. Choose one of: {', '.join(bank.IDENTIFY_MODES)}."
            )
        self.mode, self.n = mode, n
        self.kind = "identify" if mode == "region" else f"identify-{mode}"
        harder = " (same compartment)" if mode == "compartment" else ""
        self.title = f"Identify the highlighted muscle{harder}"
        self.new_round()

    def choices(self, number: int) -> list[str]:
        """The names offered for question ``number``."""
        return [self.name(m) for m in self.questions[number].choices]

    def where(self, number: int) -> str:
        """The line under question ``number``'s menu: the view, and where the outlined muscle
        sits in it (``landmarks.outlined_hint``, as the page words it)."""
        from legcourse.drills.landmarks import outlined_hint

        item = self.questions[number]
        return outlined_hint(number, item.view, item.muscle_id)

    def _make_items(self) -> list:
        return bank.identify_items(self._rng, self.mode, self.n)

    def _review_items(self, missed: list) -> list:
        # The choices come in a new order, so a review round does not teach positions.
        items = []
        for item in super()._review_items(missed):
            choices = list(item.choices)
            while len(choices) > 1 and tuple(choices) == item.choices:
                self._rng.shuffle(choices)
            items.append(replace(item, choices=tuple(choices)))
        return items

    def _judge(self, number, item, answer):
        return judge_name(self, number, f"Question {number}", answer, item.muscle_id)

    def diagram_png(self, number: int, dpi: int = 100) -> bytes:
        """The view of question ``number`` with its muscle highlighted, as PNG bytes."""
        from legcourse.drills.render import diagram_png

        item = self.questions[number]
        return diagram_png(item.view, highlight=(item.muscle_id,), dpi=dpi)

    def widget(self):
        from legcourse.drills.widgets import IdentifyPanel

        return IdentifyPanel(self)

    def preview_body(self) -> str:
        from legcourse.drills.preview import image_html

        item = self.questions[1]
        alt = f"{diagrams.VIEW_TITLES[item.view]}, with one muscle outlined in black and hatched"
        return image_html(self.diagram_png(1), alt) + (
            "<p>Question 1: which muscle is outlined and hatched? "
            f"{html.escape(join_words(self.choices(1), 'or'))}?</p>"
        )

    def in_page(self, *, id_prefix: str = "identify-", **options):
        """The kernel-free identify drill (``legcourse.drills.inpage``): this mode first, rounds
        drawn in the browser from this seed, as an ``IPython.display.HTML``."""
        from IPython.display import HTML

        from legcourse.drills.inpage import identify_html

        fresh = IdentifyDrill(self.seed, mode=self.mode, n=self.n, book_base=links.IN_BOOK_BASE)
        return HTML(identify_html(fresh, id_prefix=id_prefix, **options))
