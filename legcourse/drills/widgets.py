"""ipywidgets front ends of the drills: thin panels over the drill objects.

Each panel is a ``VBox`` subclass holding the widgets a test (or a curious learner) may drive:
``inputs`` ({number: widget with a ``value``}), ``check_button``, ``new_button``,
``review_button``, ``feedback`` and ``score`` (HTML). Everything they show comes from the drill;
no checking happens here. Inputs carry the CSS class ``legcourse-answer-<number>``, so a
browser test can find them.
"""

from __future__ import annotations

import html

import ipywidgets as w

from legcourse.drills import render

BLANK = ("\u2014 choose \u2014", "")
"""The first entry of every drop-down: nothing chosen yet."""


class DrillPanel(w.VBox):
    """The common frame: a title, the round's questions, the buttons, feedback and score."""

    def __init__(self, drill, controls=()):
        self.drill = drill
        self.inputs: dict[int, w.ValueWidget] = {}
        self.status = w.HTML()
        self.questions = w.Box(layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.check_button = w.Button(description="Check", button_style="primary")
        self.new_button = w.Button(description="New round")
        self.review_button = w.Button(description="Review my mistakes")
        self.review_button.layout.width = "auto"
        self.feedback = w.HTML()
        self.score = w.HTML()
        for button, css in [
            (self.check_button, "check"),
            (self.new_button, "new-round"),
            (self.review_button, "review"),
        ]:
            button.add_class(f"legcourse-{css}")
        self.feedback.add_class("legcourse-feedback")
        self.score.add_class("legcourse-score-line")
        self.check_button.on_click(lambda _: self.on_check())
        self.new_button.on_click(lambda _: self.start(self.drill.new_round()))
        self.review_button.on_click(lambda _: self.start(self.drill.review_round()))
        buttons = w.HBox([self.check_button, self.new_button, self.review_button])
        super().__init__(
            [
                w.HTML(f"<h3>{html.escape(drill.title)}</h3>"),
                *controls,
                self.status,
                self.questions,
                buttons,
                self.score,
                self.feedback,
            ]
        )
        self.add_class("legcourse-drill")
        self.start(drill.message)

    # --- what subclasses fill in ----------------------------------------------------------------

    def build_questions(self) -> list:
        """The widgets of this round's questions; fills ``self.inputs``."""
        raise NotImplementedError

    # --- actions --------------------------------------------------------------------------------

    def start(self, message: str) -> None:
        """Show the drill's current round (after a new round, a review, or nothing to review)."""
        self.inputs = {}
        self.questions.children = self.build_questions()
        for number, widget in self.inputs.items():
            widget.add_class(f"legcourse-answer-{number}")
        self.status.value = f"<p>{html.escape(message)}</p>"
        self.feedback.value = ""
        self.show_score()

    def answers(self) -> dict[int, str]:
        return {number: widget.value for number, widget in self.inputs.items()}

    def on_check(self) -> None:
        result = self.drill.check(self.answers())
        self.feedback.value = render.result_html(result)
        self.show_score()

    def show_score(self) -> None:
        self.score.value = render.score_html(self.drill.result, self.drill.session)


def _dropdown(names: list[str], description: str = "") -> w.Dropdown:
    return w.Dropdown(
        options=[BLANK, *((n, n) for n in names)],
        value="",
        description=description,
        layout=w.Layout(width="auto"),
        style={"description_width": "initial"},
    )


def _image(png: bytes, height: str) -> w.Image:
    # A fixed height (width follows) keeps tall surface views and round sections comparable.
    return w.Image(value=png, format="png", layout=w.Layout(height=height, width="auto"))


class LabelingPanel(DrillPanel):
    """The diagram with numbered pins; one drop-down of names per pin; a view chooser."""

    def __init__(self, drill):
        from legcourse import diagrams

        self.view_chooser = w.Dropdown(
            options=[(diagrams.VIEW_TITLES[v], v) for v in diagrams.VIEWS],
            value=drill.view,
            description="View:",
            layout=w.Layout(width="560px"),
        )
        self.view_chooser.add_class("legcourse-view")
        self.diagram = w.Image(format="png")
        super().__init__(drill, controls=[self.view_chooser])
        self.view_chooser.observe(self.on_view, names="value")

    def on_view(self, change) -> None:
        self.start(self.drill.change_view(change["new"]))

    def build_questions(self) -> list:
        self.diagram = _image(self.drill.diagram_png(), "560px")
        names = self.drill.choices
        for pin in sorted(self.drill.pins):
            self.inputs[pin] = _dropdown(names, f"Pin {pin}")
        return [self.diagram, w.VBox(list(self.inputs.values()))]


class IdentifyPanel(DrillPanel):
    """One small diagram per question with a muscle highlighted, and a drop-down of names."""

    def build_questions(self) -> list:
        cards = []
        for number in self.drill.questions:
            self.inputs[number] = _dropdown(self.drill.choices(number), f"{number}.")
            png = self.drill.diagram_png(number, dpi=72)
            card = w.VBox([_image(png, "380px"), self.inputs[number]])
            card.layout.margin = "0 24px 16px 0"
            cards.append(card)
        return cards


class CluePanel(DrillPanel):
    """One clue per line with a name box that suggests names as you type."""

    def build_questions(self) -> list:
        rows = []
        for number, item in self.drill.questions.items():
            self.inputs[number] = w.Combobox(
                options=self.drill.names,
                ensure_option=False,
                placeholder="type a muscle name",
                layout=w.Layout(width="260px"),
            )
            clue = w.HTML(f"<b>{number}.</b> {html.escape(item.text)}")
            clue.layout.width = "100%"
            rows.append(w.VBox([clue, self.inputs[number]], layout=w.Layout(width="100%")))
        return [w.VBox(rows, layout=w.Layout(width="100%"))]


class SortPanel(DrillPanel):
    """One drop-down of compartments per muscle."""

    def build_questions(self) -> list:
        labels = list(self.drill.compartments.values())
        rows = []
        for number, item in self.drill.questions.items():
            self.inputs[number] = _dropdown(labels, f"{number}. {self.drill.name(item.muscle_id)}")
            rows.append(self.inputs[number])
        return [w.VBox(rows)]
