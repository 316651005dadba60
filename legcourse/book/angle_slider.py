"""The joint-angle slider: the limb seen from its outer side, with the lines of pull of a few
muscles and their moment arms, at any angle of one joint.

Two front ends share the same frames:

- ``AngleSlider(...)``: an ipywidgets slider for Jupyter, redrawing the frame as it moves;
- ``slider_html(...)``: a kernel-free fragment for the published book. Python draws one frame
  every ``step`` degrees as inline SVG and writes every readout;
  ``legcourse/book/assets/angle_slider.js``
  only shows the frame and the readouts that match the slider.

The moment arms in the readouts are ``legcourse.moment_arm``; the drawing (bone outlines,
lines of pull and levers) is :mod:`legcourse.model.frames`.

>>> fragment = slider_html("hip", "hip_flexion", "hip_extension", ["adductor_longus"], step=30)
>>> fragment.count('class="lc-frame'), 'type="range"' in fragment
(6, True)
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ipywidgets as w
import numpy as np

from legcourse.core.catalog import get_catalog
from legcourse.core.htmlids import check_id_prefix
from legcourse.diagrams.style import OKABE_ITO
from legcourse.model import frames, joint_motion, myoleg

COLOURS = [OKABE_ITO[i] for i in (4, 5, 2, 6, 0, 1)]
"""One colour per muscle, in the order given (Okabe-Ito, without the pale yellow)."""

DASHES = ["", "18 7", "7 5", "22 6 5 6", "3 5", "12 12"]
"""One dash pattern per muscle (millimetres of the drawing): a cue besides colour."""

MARGIN_MM = 20.0
"""Room left around what the view is fitted to."""

FRAMED = {
    "hip": ("pelvis_r", "femur_r"),
    "knee": ("femur_r", "patella_r", "tibia_r", "fibula_r"),
    "ankle": ("tibia_r", "fibula_r", "talus_r", "foot_r", "bofoot_r"),
}
"""The bones the view is fitted around, per joint."""

REACH_MM = {"hip": 260.0, "knee": 300.0, "ankle": 220.0}
"""Only the parts of those bones this close to the joint's centre count: the view stays on
the joint, and the long bones run out of it."""

BONE_STYLE = 'fill="#f4efe4" stroke="#5a5046" stroke-width="2" stroke-linejoin="round"'


def _asset(name: str) -> str:
    return resources.files("legcourse.book").joinpath("assets", name).read_text("utf-8")


# --- the frames ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """One angle of the slider: its drawing (SVG elements) and the muscles' moment arms."""

    angle: int
    bones: dict[str, str]
    """Each bone's outline as SVG path data."""
    muscles: str
    """The muscles' paths, lines of pull and levers, and the joint's centre, as SVG elements."""
    arms: dict[str, float]
    """Each muscle's moment arm for the slider's action (cm, from ``legcourse.moment_arm``)."""
    centre: tuple[float, float]
    """The joint's centre in SVG millimetres."""


def _d(loops: Sequence[np.ndarray]) -> str:
    """Closed loops as SVG path data, in whole millimetres, y pointing down."""
    parts = []
    for loop in loops:
        points = [f"{x:.0f} {-y:.0f}" for x, y in loop]
        parts.append("M" + " L".join(points) + "Z")
    return "".join(parts)


def _xy(point) -> tuple[str, str]:
    return f"{point[0]:.0f}", f"{-point[1]:.0f}"


def _muscle_svg(d, joint: str, muscle_id: str, index: int) -> str:
    """A muscle's paths, thick lines of pull across the joint, and dotted levers."""
    from legcourse.model import biomech

    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<g class="lc-muscle" data-muscle="{muscle_id}" stroke="{colour}" fill="none">']
    centre = frames.joint_centre(d, joint_motion.coordinate(joint))
    cx, cy = _xy(centre)
    for part in biomech.model_muscles()[muscle_id]:
        path = frames.to_picture(myoleg.muscle_path(d, part))
        points = " ".join(",".join(_xy(p)) for p in path)
        out.append(f'<polyline points="{points}" stroke-width="3"{dashed}/>')
        lever = frames.lever(d, part, joint_motion.coordinate(joint))
        (x1, y1), (x2, y2) = _xy(lever.start), _xy(lever.end)
        out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="7"{dashed}/>')
        fx, fy = _xy(lever.foot)
        out.append(
            f'<line x1="{cx}" y1="{cy}" x2="{fx}" y2="{fy}" stroke="#fff" stroke-width="8"/>'
            f'<line class="lc-lever" x1="{cx}" y1="{cy}" x2="{fx}" y2="{fy}" stroke-width="3.5"/>'
        )
        out.append(f'<circle cx="{fx}" cy="{fy}" r="5.5" fill="{colour}" stroke="none"/>')
    out.append("</g>")
    return "".join(out)


@cache
def frame(joint: str, action_id: str, muscle_ids: tuple[str, ...], angle: int) -> Frame:
    """The drawing and the moment arms at one angle (cached: both front ends reuse it)."""
    coordinate = joint_motion.coordinate(joint)
    d = myoleg.pose({coordinate: angle})
    bones = {bone: _d(loops) for bone, loops in frames.bone_outlines(d).items()}
    muscles = "".join(_muscle_svg(d, joint, m, i) for i, m in enumerate(muscle_ids))
    centre = frames.joint_centre(d, coordinate)
    cx, cy = _xy(centre)
    muscles += (
        f'<circle class="lc-centre" cx="{cx}" cy="{cy}" r="8" fill="#000" stroke="#fff" '
        'stroke-width="3"/>'
    )
    arms = {m: joint_motion.moment_arm(m, action_id, angle) for m in muscle_ids}
    return Frame(angle, bones, muscles, arms, (float(centre[0]), -float(centre[1])))


def _view_box(joint: str, shown: Sequence[Frame]) -> tuple[float, float, float, float]:
    """(x, y, width, height) in SVG millimetres: the framed bones near the joint's centre, in
    every frame, with a margin."""
    near = []
    for f in shown:
        centre = np.array(f.centre)
        for bone in FRAMED[joint]:
            numbers = np.array([float(n) for n in re.findall(r"-?\d+", f.bones[bone])])
            points = numbers.reshape(-1, 2)
            close = np.hypot(*(points - centre).T) <= REACH_MM[joint]
            near.append(points[close])
    every = np.vstack(near)
    (x0, y0), (x1, y1) = every.min(axis=0) - MARGIN_MM, every.max(axis=0) + MARGIN_MM
    return float(x0), float(y0), float(x1 - x0), float(y1 - y0)


def _overlaps(d: str, box: tuple[float, float, float, float]) -> bool:
    """Whether an outline's bounding box meets the view (a bone out of view is left out)."""
    numbers = [float(n) for n in re.findall(r"-?\d+", d)]
    if not numbers:
        return False
    xs, ys = numbers[0::2], numbers[1::2]
    x, y, w, h = box
    return max(xs) >= x and min(xs) <= x + w and max(ys) >= y and min(ys) <= y + h


def _check_prefix(id_prefix: str) -> str:
    return check_id_prefix(id_prefix)


def _check(joint: str, action_id: str, opposite_id: str, muscle_ids: Sequence[str]) -> None:
    cat = get_catalog()
    joint_motion.coordinate(joint)
    for action in (action_id, opposite_id):
        if action not in cat.actions:
            raise ValueError(f"unknown action {action!r}")
    unknown = [m for m in muscle_ids if m not in cat.muscles]
    if unknown:
        raise ValueError(f"unknown muscle ids: {', '.join(unknown)}")


def slider_angles(joint: str, step: int) -> list[int]:
    """The angles the slider stops at: every ``step`` degrees over the joint's range in the
    model, with 0 (the anatomical position) always among them."""
    low, high = joint_motion.angle_range(joint)
    first = low + (-low) % step  # a multiple of step, so that 0 is a stop
    return list(range(first, high + 1, step))


# --- words -----------------------------------------------------------------------------------


def arm_words(cm: float, action_id: str, opposite_id: str) -> str:
    """A moment arm as a reader sees it: "4.7 cm: flexes the hip"."""
    cat = get_catalog()
    if round(cm, 1) == 0:
        return "0.0 cm: neither"
    action = action_id if cm > 0 else opposite_id
    return f"{abs(cm):.1f} cm: {cat.actions[action].label.split(' (')[0]}"


def angle_words(joint: str, angle: int) -> str:
    """An angle of the slider in words: "40° of hip flexion", "10° of hip extension"."""
    if joint == "ankle":
        move = "dorsiflexion" if angle >= 0 else "plantarflexion"
    else:
        move = "flexion" if angle >= 0 else "extension"
    return f"{abs(angle)}° of {joint} {move}"


# --- the kernel-free fragment ----------------------------------------------------------------

NO_SCRIPT = (
    "<noscript><p>Moving the slider needs JavaScript; without it the figure stays at its first "
    "angle. The charts on this page show the same moment arms at every angle.</p></noscript>"
)

HIDE_IN_JUPYTER = (
    "<style>.jp-OutputArea .lc-angle, .jp-RenderedHTMLCommon .lc-angle { display: none; }</style>"
)
"""In Jupyter the live ipywidgets slider is used instead: hide the page's copy there."""


def _swatch(index: int) -> str:
    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg class="lc-swatch" viewBox="0 0 60 12" aria-hidden="true" focusable="false">'
        f'<line x1="2" y1="6" x2="58" y2="6" stroke="{colour}" stroke-width="5"{dashed}/></svg>'
    )


def slider_html(
    joint: str,
    action_id: str,
    opposite_id: str,
    muscle_ids: Sequence[str],
    *,
    step: int = 10,
    start: int = 0,
    id_prefix: str = "angle-",
) -> str:
    """The kernel-free slider as an HTML fragment (styles, frames, readouts, data, script).

    Args:
        joint: ``"hip"``, ``"knee"`` or ``"ankle"``.
        action_id: the action whose moment arm the readouts give (positive: it makes it).
        opposite_id: the opposite action, named when a moment arm is negative.
        muscle_ids: the muscles drawn, in the order of the readouts.
        step: degrees between frames.
        start: the angle shown first (one of the stops).
        id_prefix: starts every id of the slider on the page.

    Raises:
        ValueError: an unknown joint, action or muscle, a start that is not a stop, or an id
            prefix unfit for HTML.
    """
    p = _check_prefix(id_prefix)
    _check(joint, action_id, opposite_id, muscle_ids)
    stops = slider_angles(joint, step)
    if start not in stops:
        raise ValueError(f"start {start} is not one of the slider's angles {stops}")
    muscles = tuple(muscle_ids)
    shown = [frame(joint, action_id, muscles, a) for a in stops]
    x, y, w, h = _view_box(joint, shown)
    # A bone that never moves is drawn once, under every frame.
    still = [b for b in myoleg.BONES if len({f.bones[b] for f in shown}) == 1]
    back = "".join(f'<path d="{shown[0].bones[b]}"/>' for b in still)
    layers = []
    for f in shown:
        moving = "".join(
            f'<path d="{f.bones[b]}"/>'
            for b in myoleg.BONES
            if b not in still and _overlaps(f.bones[b], (x, y, w, h))
        )
        on = " lc-on" if f.angle == start else ""
        layers.append(
            f'<g class="lc-frame{on}" id="{p}frame-{f.angle}" data-angle="{f.angle}">'
            f"<g {BONE_STYLE}>{moving}</g>{f.muscles}</g>"
        )
    cat = get_catalog()
    rows = "".join(
        f"<tr><th scope='row'>{_swatch(i)} {html.escape(cat.muscles[m].name)}</th>"
        f'<td id="{p}arm-{m}">'
        f"{html.escape(arm_words(shown[stops.index(start)].arms[m], action_id, opposite_id))}"
        "</td></tr>"
        for i, m in enumerate(muscles)
    )
    data = {
        "angles": stops,
        "words": {str(a): angle_words(joint, a) for a in stops},
        "arms": {
            str(f.angle): {m: arm_words(f.arms[m], action_id, opposite_id) for m in muscles}
            for f in shown
        },
        "muscles": list(muscles),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    names = ", ".join(cat.muscles[m].name for m in muscles)
    label = f"{joint.capitalize()} angle"
    low, high = stops[0], stops[-1]
    return f"""{HIDE_IN_JUPYTER}<style>{_asset("angle_slider.css")}</style>
<figure class="lc-angle" id="{p}slider" data-prefix="{p}" aria-labelledby="{p}caption">
{NO_SCRIPT}
<div class="lc-control">
<label for="{p}input">{label}</label>
<input type="range" id="{p}input" min="{low}" max="{high}" step="{step}" value="{start}"
 aria-valuetext="{angle_words(joint, start)}" aria-describedby="{p}caption">
<output id="{p}value" for="{p}input" aria-live="polite">{angle_words(joint, start)}</output>
</div>
<div class="lc-drawing">
<svg viewBox="{x:.0f} {y:.0f} {w:.0f} {h:.0f}" role="img" aria-labelledby="{p}caption"
 focusable="false" preserveAspectRatio="xMidYMid meet">
<g {BONE_STYLE}>{back}</g>{"".join(layers)}</svg>
</div>
<table class="lc-readout" aria-describedby="{p}caption">
<thead><tr><th scope="col">Muscle</th><th scope="col">Moment arm, and what it does</th>
</tr></thead><tbody>{rows}</tbody></table>
<figcaption id="{p}caption">The right {joint} seen from the outer side (the front of the body
is to the right), bones from the MyoLeg model, at the angle the slider sets
({low}° to {high}°, every {step}°). Each muscle ({html.escape(names)}) is drawn along its path;
the thick piece is its line of pull across the {joint}. The thin line of the same colour from
the black dot (the centre of the joint) meets the line of pull, or its continuation, at a right
angle: its length is the moment arm.</figcaption>
<script type="application/json" class="lc-data">{payload}</script>
</figure>
<script>{_asset("angle_slider.js")}</script>"""


def in_page(*args, **kwargs):
    """``slider_html(...)`` as an HTML display object, for a page's code cell."""
    from IPython.display import HTML

    return HTML(slider_html(*args, **kwargs))


# --- the Jupyter widget ----------------------------------------------------------------------


def frame_html(
    joint: str, action_id: str, opposite_id: str, muscle_ids: Sequence[str], angle: int
) -> str:
    """One angle as a standalone figure (drawing and readouts), for the widget."""
    muscles = tuple(muscle_ids)
    f = frame(joint, action_id, muscles, angle)
    x, y, w, h = _view_box(joint, [f])
    bones = "".join(f'<path d="{d}"/>' for d in f.bones.values())
    cat = get_catalog()
    rows = "".join(
        f"<tr><th style='text-align:left'>{_swatch(i)} {html.escape(cat.muscles[m].name)}</th>"
        f"<td>{html.escape(arm_words(f.arms[m], action_id, opposite_id))}</td></tr>"
        for i, m in enumerate(muscles)
    )
    return (
        "<style>.lc-swatch{width:3em;height:.8em;vertical-align:middle}</style>"
        f"<div style='max-width:26rem;background:#fff'><svg viewBox='{x:.0f} {y:.0f} {w:.0f} "
        f"{h:.0f}' style='width:100%;height:auto;max-height:70vh' role='img' "
        f"aria-label='{angle_words(joint, angle)}'><g {BONE_STYLE}>{bones}</g>{f.muscles}</svg>"
        f"</div><table>{rows}</table>"
    )


class AngleSlider(w.VBox):
    """The slider as an ipywidgets panel for Jupyter: moving ``slider`` (an IntSlider)
    redraws ``figure`` (an HTML widget) with the frame at that angle.

    Raises:
        ValueError: as ``slider_html``.
    """

    def __init__(
        self,
        joint: str,
        action_id: str,
        opposite_id: str,
        muscle_ids: Sequence[str],
        *,
        step: int = 10,
        start: int = 0,
    ):
        _check(joint, action_id, opposite_id, muscle_ids)
        stops = slider_angles(joint, step)
        if start not in stops:
            raise ValueError(f"start {start} is not one of the slider's angles {stops}")
        self._drawn = (joint, action_id, opposite_id, tuple(muscle_ids))
        self.slider = w.IntSlider(
            value=start,
            min=stops[0],
            max=stops[-1],
            step=step,
            description=f"{joint.capitalize()} angle",
            style={"description_width": "6rem"},
            continuous_update=False,
        )
        self.figure = w.HTML()
        self.slider.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.slider, self.figure])
        self.show(start)

    def show(self, angle: int) -> None:
        """Draw the frame at ``angle``."""
        self.figure.value = frame_html(*self._drawn, angle)
