"""A still picture of a drill's first round, for the published book where no kernel runs.

The widgets need a live Python kernel to check answers; a reader of the static pages sees
this preview (a diagram with alt text, or the questions as a list) and is sent to the launch
button.
"""

from __future__ import annotations

import base64
import html

from IPython.display import HTML

from legcourse.drills.clues import ClueDrill
from legcourse.drills.identify import IdentifyDrill
from legcourse.drills.labeling import LabelingDrill
from legcourse.drills.sorting import SortDrill
from legcourse.items import view_title
from legcourse.prose import join_words

LAUNCH_HINT = (
    "Checking answers needs a running Python kernel. In the published book, press the launch "
    "button (the rocket at the top of the page) to open this drill live in Binder; in "
    "JupyterLab, run the notebook."
)


# In JupyterLab (and Notebook 7) the live drill sits just above: hide the still copy there.
# Output areas of the static book have no "jp-OutputArea" class, so the book still shows it.
HIDE_IN_JUPYTER = "<style>.jp-OutputArea .legcourse-preview { display: none; }</style>"


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode()
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" width="360">'


def _list(lines) -> str:
    return "<ol>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ol>"


def preview_html(drill) -> str:
    """The first round of a drill as static HTML, ending with how to play it live."""
    if isinstance(drill, LabelingDrill):
        title = view_title(drill.view)
        alt = f"{title}, with {len(drill.pins)} numbered pins on muscles to name"
        body = _img(drill.diagram_png(), alt) + (
            f"<p>{html.escape(title)}. Round 1: name the muscle under each pin, choosing from "
            f"{html.escape(join_words(drill.choices))}.</p>"
        )
    elif isinstance(drill, IdentifyDrill):
        item = drill.questions[1]
        alt = f"{view_title(item.view)}, with one muscle outlined in black and hatched"
        body = _img(drill.diagram_png(1), alt) + (
            "<p>Question 1: which muscle is outlined and hatched? "
            f"{html.escape(join_words(drill.choices(1), 'or'))}?</p>"
        )
    elif isinstance(drill, ClueDrill):
        body = "<p>Round 1: name the muscle each clue describes.</p>" + _list(
            item.text for item in drill.items
        )
    elif isinstance(drill, SortDrill):
        body = (
            "<p>Round 1: put each muscle in its compartment "
            f"({html.escape(join_words(drill.compartments.values(), 'or'))}).</p>"
            + _list(drill.name(item.muscle_id) for item in drill.items)
        )
    else:
        raise TypeError(f"no preview for {type(drill).__name__}")
    return (
        HIDE_IN_JUPYTER + f'<div class="legcourse-preview">{body}<p><i>{LAUNCH_HINT}</i></p></div>'
    )


def preview(drill) -> HTML:
    """``preview_html`` ready to display in a notebook."""
    return HTML(preview_html(drill))
