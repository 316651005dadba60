"""Identify the highlighted muscle: one muscle lit up on a view, a few names to choose from."""

from __future__ import annotations

from legcourse import items as bank
from legcourse.drills.base import Drill, DrillError
from legcourse.drills.naming import judge_name


class IdentifyDrill(Drill):
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
        self.new_round()

    def choices(self, number: int) -> list[str]:
        """The names offered for question ``number``."""
        return [self.name(m) for m in self.questions[number].choices]

    def _make_items(self) -> list:
        return bank.identify_items(self._rng, self.mode, self.n, catalog=self.catalog)

    def _judge(self, number, item, answer):
        return judge_name(self, number, f"Question {number}", answer, item.muscle_id)

    def diagram_png(self, number: int, dpi: int = 100) -> bytes:
        """The view of question ``number`` with its muscle highlighted, as PNG bytes."""
        from legcourse.drills.render import diagram_png

        item = self.questions[number]
        return diagram_png(item.view, highlight=(item.muscle_id,), dpi=dpi)

    def widget(self):
        from legcourse.drills.widgets import identify_widget

        return identify_widget(self)
