"""Sort muscles into their compartments."""

from __future__ import annotations

import html

from legcourse.core.answers import blank, read_compartment
from legcourse.core.words import capitalise, join_words
from legcourse.drills import bank
from legcourse.drills.base import Drill, DrillError
from legcourse.drills.results import Feedback


class SortDrill(Drill[bank.SortItem]):
    """Put each muscle of a round into its compartment.

    Answers are compartment ids or labels, e.g. ``{1: "lateral compartment of the leg"}``.

    Args:
        seed: makes the rounds reproducible.
        n: muscles per round.
        region: only muscles and compartments of this region ("thigh" or "leg"); None: all.

    Raises:
        DrillError: an unknown region (the message lists the regions).
    """

    noun = "muscle"
    title = "Sort the muscles into their compartments"
    confused_as = "put in the"

    def __init__(self, seed=None, *, n: int = 8, region: str | None = None, **options):
        super().__init__(seed, **options)
        regions = self.catalog.vocabulary("regions")
        if region is not None and region not in regions:
            raise DrillError(f"There is no region {region!r}. Choose one of: {', '.join(regions)}.")
        self.n, self.region = n, region
        self.kind = "sort" if region is None else f"sort-{region}"
        self.new_round()

    @property
    def compartments(self) -> dict[str, str]:
        """Compartment id -> label, for the compartments offered."""
        ids = self.items[0].compartments if self.items else ()
        return {c: self.catalog.label("compartments", c) for c in ids}

    def _make_items(self) -> list:
        return bank.sort_items(self._rng, self.n, self.region)

    def disputes(self, muscle_id: str) -> dict[str, str]:
        """Other compartments that books give this muscle, among those offered: {id: why}
        (``placement_disputes.yaml``). They are accepted too, and explained."""
        offered = self.items[0].compartments if self.items else ()
        return {
            d.compartment: d.why
            for d in self.catalog.placement_disputes
            if d.muscle == muscle_id and d.compartment in offered
        }

    def judge(self, item: bank.SortItem, answer, number: int = 1) -> Feedback:
        """The feedback Check gives an answer for any muscle (as question ``number``), without
        scoring it; what the page's copy of the drill shows is worked out with this."""
        return self._judge(number, item, answer)[0]

    def _judge(self, number, item, answer):
        reading = read_compartment(answer, item.compartments)
        disputed = self.disputes(item.muscle_id)
        correct = reading.id == item.compartment or reading.id in disputed
        label = self.catalog.label
        right = join_words([label("compartments", c) for c in (item.compartment, *disputed)], "or")
        confusion = None
        if reading.id is not None and not correct:
            # The muscle and where it was put: what the learner should look at again.
            confusion = (self.name(item.muscle_id), label("compartments", reading.id))
        note = reading.note
        if disputed:
            # Explain the disagreement whatever the answer: the course's placement and the
            # other ones books give are all right.
            accepted = [item.compartment, *disputed]
            others = [label("compartments", c) for c in accepted if c != reading.id]
            why = " ".join(f"{text}." for text in disputed.values())
            also = f"Also right: {join_words(others, 'and')}. " if correct else ""
            note = " ".join(filter(None, [note, also + why]))
        verdict = Feedback(
            number,
            capitalise(self.name(item.muscle_id)),
            "" if blank(answer) else str(answer).strip(),
            correct,
            right,
            self.reason(item.muscle_id),
            self.link(item.muscle_id),
            note,
        )
        return verdict, confusion

    def in_page(self, **options):
        """The drill as the published book shows it: played in the page, no kernel (its rounds,
        drawn there, are not this drill's; its links are relative, within the book).
        ``options``: ``id_prefix``."""
        from IPython.display import HTML

        from legcourse.core import links
        from legcourse.drills.inpage_text import sort_html

        return HTML(
            sort_html(
                SortDrill(self.seed, n=self.n, region=self.region, book_base=links.IN_BOOK_BASE),
                **options,
            )
        )

    def widget(self):
        from legcourse.drills.widgets import SortPanel

        return SortPanel(self)

    def preview_body(self) -> str:
        from legcourse.drills.preview import list_html

        choices = join_words(self.compartments.values(), "or")
        return (
            f"<p>Round {self.round_number}: put each muscle in its compartment "
            f"({html.escape(choices)}).</p>" + list_html(self.name(i.muscle_id) for i in self.items)
        )
