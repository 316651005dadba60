"""Label the diagram: numbered pins on a view; name the muscle under each pin."""

from __future__ import annotations

import html

from legcourse import diagrams
from legcourse.core import links
from legcourse.core.words import join_words
from legcourse.drills import bank
from legcourse.drills.base import Drill, DrillError
from legcourse.drills.judging import judge_name


class LabelingDrill(Drill[bank.LabelItem]):
    """Name the muscle under each numbered pin of a diagram view.

    Args:
        view: one of ``legcourse.diagrams.VIEWS``.
        seed: makes the rounds reproducible.
        max_pins: the most pins on one round.

    Raises:
        DrillError: the view does not exist (the message lists the views).

    >>> drill = LabelingDrill("back", seed=1)
    >>> names = {pin: drill.name(muscle) for pin, muscle in drill.pins.items()}
    >>> drill.check(names).score_text == f"{len(names)}/{len(names)}"
    True
    """

    noun = "pin"
    kind = "label"
    title = "Label the diagram"

    def __init__(self, view: str, seed=None, *, max_pins: int = bank.MAX_PINS, **options):
        super().__init__(seed, **options)
        self.max_pins = max_pins
        self.view = _valid_view(view)
        self.new_round()

    @property
    def pins(self) -> dict[int, str]:
        """Pin number -> muscle id, for this round."""
        return {item.pin: item.muscle_id for item in self.items}

    @property
    def questions(self) -> dict[int, bank.LabelItem]:
        return {item.pin: item for item in self.items}

    @property
    def choices(self) -> list[str]:
        """The names a learner picks from: every muscle drawn in the view, A to Z."""
        return sorted(self.name(m) for m in diagrams.muscles_in_view(self.view))

    def where(self, pin: int) -> str:
        """The line under pin ``pin``'s menu: where the pin sits in the drawing, its nearest
        landmark, and which pin it is when two read alike (``landmarks.pin_hints``, as the
        page words it)."""
        from legcourse.drills.landmarks import pin_hints

        return pin_hints(self.view, self.pins)[pin]

    def change_view(self, view: str) -> str:
        """Move to another view and start a round there (the session carries on).

        Raises:
            DrillError: the view does not exist.
        """
        self.view = _valid_view(view)
        return self.new_round()

    def _make_items(self) -> list:
        return bank.label_items(self.view, self._rng, max_pins=self.max_pins)

    def _missed_items(self) -> list:
        # Only what was missed on the view shown can be pinned again.
        return [item for item in super()._missed_items() if item.view == self.view]

    def _review_items(self, missed: list) -> list:
        muscles = [item.muscle_id for item in missed]
        return bank.label_items(self.view, self._rng, muscles=muscles)

    def _judge(self, number, item, answer):
        return judge_name(self, number, f"Pin {number}", answer, item.muscle_id)

    def diagram_png(self, dpi: int = 100) -> bytes:
        """The view with this round's pins, as PNG bytes."""
        from legcourse.drills.render import diagram_png

        return diagram_png(self.view, pins=self.pins, dpi=dpi)

    def widget(self):
        from legcourse.drills.widgets import LabelingPanel

        return LabelingPanel(self)

    def preview_body(self) -> str:
        from legcourse.drills.preview import image_html

        title = diagrams.VIEW_TITLES[self.view]
        alt = f"{title}, with {len(self.pins)} numbered pins on muscles to name"
        return image_html(self.diagram_png(), alt) + (
            f"<p>{html.escape(title)}. Round {self.round_number}: name the muscle under each "
            f"pin, choosing from {html.escape(join_words(self.choices))}.</p>"
        )

    def in_page(self, *, id_prefix: str = "label-", **options):
        """The kernel-free labeling drill (``legcourse.drills.inpage``): this view first, rounds
        drawn in the browser from this seed, as an ``IPython.display.HTML``."""
        from IPython.display import HTML

        from legcourse.drills.inpage import labeling_html

        fresh = LabelingDrill(
            self.view, self.seed, max_pins=self.max_pins, book_base=links.IN_BOOK_BASE
        )
        return HTML(labeling_html(fresh, id_prefix=id_prefix, **options))


def _valid_view(view: str) -> str:
    try:
        diagrams.check_view(view)
    except ValueError as err:
        raise DrillError(str(err)) from None
    return view
