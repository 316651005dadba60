"""A still picture of a drill's round, for the published book where no kernel runs.

Each drill writes its own body (``Drill.preview_body``); this module frames it, hides it in
Jupyter (where the live drill sits just above) and tells the reader how to play it live.
"""

from __future__ import annotations

import base64
import html

from IPython.display import HTML

LAUNCH_HINT = (
    "Checking answers needs a running Python kernel. In the published book, press the launch "
    "button (the rocket at the top of the page) to open this drill live in Binder; in "
    "JupyterLab, run the notebook."
)

# In JupyterLab (and Notebook 7) the live drill sits just above: hide the still copy there.
# Output areas of the static book have no "jp-OutputArea" class, so the book still shows it.
HIDE_IN_JUPYTER = "<style>.jp-OutputArea .legcourse-preview { display: none; }</style>"


def image_html(png: bytes, alt: str) -> str:
    """A PNG as an inline ``<img>`` with alt text."""
    data = base64.b64encode(png).decode()
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" width="360">'


def list_html(lines) -> str:
    """Lines of text as a numbered list."""
    return "<ol>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ol>"


def preview_html(drill) -> str:
    """The drill's round as static HTML, ending with how to play it live."""
    body = drill.preview_body()
    return (
        HIDE_IN_JUPYTER + f'<div class="legcourse-preview">{body}<p><i>{LAUNCH_HINT}</i></p></div>'
    )


def preview(drill) -> HTML:
    """``preview_html`` ready to display in a notebook."""
    return HTML(preview_html(drill))
