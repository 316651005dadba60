"""ipywidgets front ends of the drills: thin panels over the drill objects.

Each panel is a ``VBox`` subclass holding the widgets a test (or a curious learner) may drive:
``inputs`` ({number: widget with a ``value``}), ``check_button``, ``new_button``,
``review_button``, ``reset_button``, ``verdicts`` ({number: HTML}: ✓ or ✗ beside each answer
after Check, cleared when that answer changes), ``feedback``, ``score`` and ``store_note``
(HTML). Everything they show comes from the drill; no checking happens here. Inputs carry the
CSS class ``legcourse-answer-<number>`` and their marks ``legcourse-verdict-<number>``, so a
browser test can find them.

A panel restores the drill's saved session when it starts and saves it after every Check
(``legcourse.drills.store``). Displayed in a notebook, it comes with a note that shows only
where the live panel does not: in a reopened notebook whose kernel is gone, the note says to
run the cell, instead of JupyterLab's "Error displaying widget: model not found".
"""

from __future__ import annotations

import html

import ipywidgets as w

from legcourse.drills import render

BLANK = ("\u2014 choose \u2014", "")
SMALL = "font-size:90%;line-height:1.4"
"""Style of the lines that say where a muscle sits and what became of the saved session."""
"""The first entry of every drop-down: nothing chosen yet."""


REOPENED_CLASS = "legcourse-reopened"

REOPENED_NOTE = (
    '<div class="legcourse-reopened" style="border-left:4px solid #1a5fb4;padding:4px 10px">'
    "<p><b>This drill is not running.</b> Run this cell (click it, then press Shift+Enter), or "
    "choose <i>Run \u25b8 Run All Cells</i>, to start it. Your score and what you missed are "
    "kept between sessions (see the text above).</p></div>"
)
"""Shown in place of a drill whose live panel is gone (a reopened notebook without its kernel)."""

# The note hides itself wherever the live panel shows in the same output area, and hides
# JupyterLab's "Error displaying widget: model not found" (an output holding only that text).
REOPENED_STYLE = (
    "<style>.jp-OutputArea:has(.legcourse-drill) .legcourse-reopened { display: none; } "
    ".jp-OutputArea:has(.legcourse-reopened) .jp-OutputArea-output:not(:has(*)) "
    "{ display: none; }</style>"
)


class DrillPanel(w.VBox):
    """The common frame: a title, the round's questions, the buttons, feedback and score."""

    def __init__(self, drill, controls=()):
        self.drill = drill
        self.inputs: dict[int, w.ValueWidget] = {}
        self.verdicts: dict[int, w.HTML] = {}
        self.status = w.HTML()
        self.questions = w.Box(layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.check_button = w.Button(description="Check", button_style="primary")
        self.new_button = w.Button(description="New round")
        self.review_button = w.Button(description="Review my mistakes")
        self.reset_button = w.Button(description="Reset session")
        for button in (self.review_button, self.reset_button):
            button.layout.width = "auto"
        self.feedback = w.HTML()
        self.score = w.HTML()
        self.store_note = w.HTML()
        for button, css in [
            (self.check_button, "check"),
            (self.new_button, "new-round"),
            (self.review_button, "review"),
            (self.reset_button, "reset"),
        ]:
            button.add_class(f"legcourse-{css}")
        self.feedback.add_class("legcourse-feedback")
        self.score.add_class("legcourse-score-line")
        self.store_note.add_class("legcourse-store")
        self.check_button.on_click(lambda _: self.on_check())
        self.new_button.on_click(lambda _: self.start(self.drill.new_round()))
        self.review_button.on_click(lambda _: self.start(self.drill.review_round()))
        self.reset_button.on_click(lambda _: self.on_reset())
        buttons = w.HBox(
            [self.check_button, self.new_button, self.review_button, self.reset_button],
            layout=w.Layout(flex_flow="row wrap"),
        )
        drill.remember()
        super().__init__(
            [
                w.HTML(f"<h3>{html.escape(drill.title)}</h3>"),
                *controls,
                self.status,
                self.questions,
                buttons,
                self.score,
                self.store_note,
                self.feedback,
            ]
        )
        self.add_class("legcourse-drill")
        self.start(drill.message)
        self.show_store_note()

    def __repr__(self) -> str:
        # The plain-text copy a notebook keeps of the panel: what an untrusted reopened
        # notebook shows in its place, instead of a dump of the widget tree.
        return f"{self.drill.title}: not running. Run this cell to start the drill."

    def _ipython_display_(self) -> None:
        """Display the panel after a note meant for a reopened notebook (hidden while the
        panel shows)."""
        from IPython.display import HTML, display

        display(HTML(REOPENED_STYLE + REOPENED_NOTE))
        display(self._repr_mimebundle_(), raw=True)

    # --- what subclasses fill in ----------------------------------------------------------------

    def build_questions(self) -> list:
        """The widgets of this round's questions; fills ``self.inputs``."""
        raise NotImplementedError

    # --- actions --------------------------------------------------------------------------------

    def answer_row(self, number: int, control: w.ValueWidget, where: str = "") -> w.VBox:
        """An answer control with its ✓/✗ mark beside it and, if given, the line saying where
        its muscle sits in the drawing under it; fills ``inputs`` and ``verdicts``."""
        self.inputs[number] = control
        # The mark takes what room is left beside the control and wraps its words there.
        verdict = w.HTML(layout=w.Layout(margin="2px 0 2px 8px", flex="1 1 0", min_width="6em"))
        verdict.add_class(f"legcourse-verdict-{number}")
        self.verdicts[number] = verdict
        control.observe(lambda _: setattr(verdict, "value", ""), names="value")
        control.layout.flex = "0 0 auto"
        line = w.HBox([control, verdict], layout=w.Layout(align_items="center"))
        parts: list[w.Widget] = [line]
        if where:
            # Widgets set a line height of one control; a wrapped line needs less.
            note = w.HTML(f'<div style="{SMALL}">{html.escape(where)}</div>')
            note.add_class(f"legcourse-where-{number}")
            parts.append(note)
        return w.VBox(parts, layout=w.Layout(margin="0 0 6px 0"))

    def start(self, message: str) -> None:
        """Show the drill's current round (after a new round, a review, or nothing to review)."""
        self.inputs, self.verdicts = {}, {}
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
        if result.counted:
            for number, verdict in result.feedback.items():
                self.verdicts[number].value = render.verdict_html(verdict)
        self.show_score()
        self.show_store_note()

    def on_reset(self) -> None:
        self.drill.reset_session()
        self.show_score()
        self.show_store_note()

    def show_score(self) -> None:
        self.score.value = render.score_html(
            self.drill.result, self.drill.session, self.drill.confused_as
        )

    def show_store_note(self) -> None:
        self.store_note.value = (
            f'<div style="{SMALL}">{html.escape(self.drill.store_message)}</div>'
            if self.drill.store_message
            else ""
        )


def _dropdown(names: list[str], description: str = "", label_width: str = "initial") -> w.Dropdown:
    return w.Dropdown(
        options=[BLANK, *((n, n) for n in names)],
        value="",
        description=description,
        layout=w.Layout(width="auto"),
        style={"description_width": label_width},
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
        rows = [
            self.answer_row(pin, _dropdown(names, f"Pin {pin}"), self.drill.where(pin))
            for pin in sorted(self.drill.pins)
        ]
        return [self.diagram, w.VBox(rows, layout=w.Layout(padding="0 0 0 8px"))]


class IdentifyPanel(DrillPanel):
    """One small diagram per question with a muscle highlighted, and a drop-down of names."""

    def build_questions(self) -> list:
        cards = []
        for number in self.drill.questions:
            menu = _dropdown(self.drill.choices(number), f"{number}.")
            png = self.drill.diagram_png(number, dpi=72)
            row = self.answer_row(number, menu, self.drill.where(number))
            card = w.VBox([_image(png, "380px"), row], layout=w.Layout(max_width="380px"))
            card.layout.margin = "0 24px 16px 0"
            cards.append(card)
        return cards


class CluePanel(DrillPanel):
    """One clue per line with a name box that suggests names as you type."""

    def build_questions(self) -> list:
        rows = []
        for number, item in self.drill.questions.items():
            box = w.Combobox(
                options=self.drill.names,
                ensure_option=False,
                placeholder="type a muscle name",
                layout=w.Layout(width="260px"),
            )
            # No width of 100%: with the widgets' own margins it would overflow its row and
            # put a horizontal scrollbar under every box.
            clue = w.HTML(f"<b>{number}.</b> {html.escape(item.text)}")
            rows.append(w.VBox([clue, self.answer_row(number, box)]))
        return [w.VBox(rows)]


class SortPanel(DrillPanel):
    """One drop-down of compartments per muscle."""

    def build_questions(self) -> list:
        labels = list(self.drill.compartments.values())
        longest = max(len(self.drill.name(i.muscle_id)) for i in self.drill.items)
        width = f"{longest * 0.55 + 2.5:.1f}em"
        rows = []
        for number, item in self.drill.questions.items():
            # One width for every muscle's name, so the menus line up in a column.
            menu = _dropdown(labels, f"{number}. {self.drill.name(item.muscle_id)}", width)
            rows.append(self.answer_row(number, menu))
        return [w.VBox(rows)]
