"""Clue to name: facts from the data (an action, a nerve, an attachment); type the muscle.

A clue may fit more than one muscle; every muscle that fits all its facts is accepted and the
feedback names the others (``legcourse.items.clue_for`` adds facts until few muscles fit).
"""

from __future__ import annotations

from dataclasses import replace

from legcourse.drills import bank
from legcourse.drills.base import Drill, DrillError
from legcourse.drills.judging import judge_name


class ClueDrill(Drill[bank.ClueItem]):
    """Type the name of the muscle a clue describes.

    Args:
        seed: makes the rounds reproducible.
        n: clues per round.
        kinds: clue kinds to draw from: "action", "nerve", "attachment".

    Raises:
        DrillError: an unknown clue kind (the message lists the kinds).
    """

    noun = "clue"
    kind = "clue"
    title = "Name the muscle from the clue"

    def __init__(self, seed=None, *, n: int = 5, kinds=bank.CLUE_KINDS, **options):
        super().__init__(seed, **options)
        unknown = [k for k in kinds if k not in bank.CLUE_KINDS]
        if unknown or not kinds:
            raise DrillError(
                f"Unknown clue kind {', '.join(map(repr, unknown)) or '(none given)'}. "
                f"Choose from: {', '.join(bank.CLUE_KINDS)}."
            )
        self.n, self.kinds = n, tuple(kinds)
        self.new_round()

    @property
    def names(self) -> list[str]:
        """Every muscle name, A to Z (what a name box may suggest)."""
        return sorted(m.name for m in self.catalog.muscles.values())

    def _make_items(self) -> list:
        return bank.clue_items(self._rng, self.n, self.kinds)

    def accepted(self, item: bank.ClueItem) -> tuple[str, ...]:
        """The muscles accepted for a clue: every one that fits it, then those that fit once a
        movement sources add to the course's list counts (``bank.also_fitting``)."""
        disputed = bank.also_fitting(item.facts)
        return (*item.answers, *(m for m in disputed if m not in item.answers))

    def judge(self, item: bank.ClueItem, answer, number: int = 1):
        """The feedback Check gives an answer to any clue (as question ``number``), without
        scoring it; what the page's copy of the drill shows is worked out with this."""
        return self._judge(number, item, answer)[0]

    def _judge(self, number, item, answer):
        # Muscles that fit once a movement sources add counts are right too, and explained.
        disputed = bank.also_fitting(item.facts)
        accepted = self.accepted(item)
        verdict, confusion = judge_name(
            self, number, f"Clue {number}", answer, item.muscle_id, accepted=accepted
        )
        why = " ".join(f"{text}." for text in disputed.values())
        if why:
            verdict = replace(verdict, note=" ".join(filter(None, [verdict.note, why])))
        return verdict, confusion

    def in_page(self, **options):
        """The drill as the published book shows it: played in the page, no kernel (its rounds,
        drawn there, are not this drill's; its links are relative, within the book).
        ``options``: ``id_prefix``."""
        from IPython.display import HTML

        from legcourse.core import links
        from legcourse.drills.inpage_text import clue_html

        return HTML(
            clue_html(
                ClueDrill(self.seed, n=self.n, kinds=self.kinds, book_base=links.IN_BOOK_BASE),
                **options,
            )
        )

    def widget(self):
        from legcourse.drills.widgets import CluePanel

        return CluePanel(self)

    def preview_body(self) -> str:
        from legcourse.drills.preview import list_html

        return f"<p>Round {self.round_number}: name the muscle each clue describes.</p>" + (
            list_html(item.text for item in self.items)
        )
