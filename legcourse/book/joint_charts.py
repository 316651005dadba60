"""Charts for the page on how muscles move the joints, drawn from the musculoskeletal model.

Moment arms come from ``legcourse.moment_arm``; lengths and the force a muscle can make at a
length from the model (:mod:`legcourse.model.joint_motion`). Each function takes ``ax=None``
(a new figure is made when none is given) and returns the Axes; every line carries a gid
naming what it shows, so tests can read back what was drawn.

The figures are 4.8 inches wide with text of at least 11 points, so that on a 390 px phone,
where the figure is shrunk to the column (about 360 px), no text is smaller than 11 px.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np

from legcourse.core.catalog import get_catalog
from legcourse.diagrams.style import OKABE_ITO
from legcourse.model import joint_motion as motion

WIDTH_IN = 4.8
"""Figure width (inches). At 390 px wide the figure is about 360 px: 11 pt stays >= 11 px."""

FONT_PT = 11.5
"""The smallest text in these charts (points)."""

COLOURS = [OKABE_ITO[i] for i in (4, 5, 2, 0, 6, 1, 7)]
"""Line colours in the order muscles are listed (the yellow is too pale for thin lines)."""

DASHES = ["-", "--", "-.", ":"]
"""Line styles: a second cue besides colour."""

__all__ = [
    "Series",
    "crossing_chart",
    "force_chart",
    "length_chart",
    "moment_arm_chart",
    "motion",
    "muscle_name",
    "pose_words",
]


@dataclass(frozen=True)
class Series:
    """One line of a length or force chart: a muscle, with other joints held at angles."""

    muscle_id: str
    fixed: Mapping[str, float] = field(default_factory=dict)

    @property
    def gid(self) -> str:
        held = "-".join(f"{j}{a:g}" for j, a in self.fixed.items())
        return f"{self.muscle_id}-{held}" if held else self.muscle_id

    @property
    def label(self) -> str:
        words = pose_words(self.fixed)
        return f"{muscle_name(self.muscle_id)}, {words}" if words else muscle_name(self.muscle_id)


def muscle_name(muscle_id: str) -> str:
    """The course's name for a muscle."""
    return get_catalog().muscles[muscle_id].name


def pose_words(fixed: Mapping[str, float]) -> str:
    """Joints held at angles, in words: "hip straight", "knee bent 90°"."""
    words = []
    for joint, angle in fixed.items():
        if angle == 0:
            words.append(f"{joint} straight")
        elif angle > 0:
            words.append(f"{joint} bent {angle:g}°")
        else:
            words.append(f"{joint} {-angle:g}° behind straight")
    return ", ".join(words)


def _axes(ax, height: float = 3.6):
    if ax is None:
        _, ax = plt.subplots(figsize=(WIDTH_IN, height), layout="constrained")
    return ax


def _finish(ax, joint: str, ylabel: str, ncols: int = 1) -> None:
    ax.set_xlabel(motion.ANGLE_WORDS[joint], fontsize=FONT_PT)
    ax.set_ylabel(ylabel, fontsize=FONT_PT)
    ax.tick_params(labelsize=FONT_PT)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(alpha=0.3)
    ax.legend(
        fontsize=FONT_PT,
        frameon=False,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncols=ncols,
        handlelength=2.6,
    )


def _style(i: int, j: int = 0) -> dict:
    return {"color": COLOURS[i % len(COLOURS)], "linestyle": DASHES[j % len(DASHES)], "lw": 2.2}


def moment_arm_chart(joint: str, pairs: Sequence[tuple[str, str]], ax=None):
    """Moment arm against the joint's angle for (muscle id, action id) pairs.

    Each line is that muscle's moment arm for its action (positive: the muscle makes that
    movement), gid ``arm-<muscle_id>-<action_id>``.
    """
    cat = get_catalog()
    ax = _axes(ax, 3.4 + 0.3 * len(pairs))
    grid = motion.angles(joint)
    for i, (muscle_id, action_id) in enumerate(pairs):
        arms = motion.moment_arms(muscle_id, action_id, grid)
        verb = cat.actions[action_id].label.split(" (")[0]
        (line,) = ax.plot(grid, arms, label=f"{muscle_name(muscle_id)}: {verb}", **_style(i, i))
        line.set_gid(f"arm-{muscle_id}-{action_id}")
    ax.set_ylim(bottom=0)
    _finish(ax, joint, "moment arm (cm)")
    return ax


def crossing_chart(
    joint: str, action_id: str, opposite_id: str, muscle_ids: Iterable[str], ax=None
):
    """Moment arms for one action that change sign over the joint's range, with the zero line
    and each crossing marked (gid ``crossing-<muscle_id>``) and labelled with its angle; the
    areas above and below zero are named by the action and its opposite."""
    cat = get_catalog()
    muscle_ids = list(muscle_ids)
    ax = _axes(ax, 3.6 + 0.3 * len(muscle_ids))
    grid = motion.angles(joint)
    ax.axhline(0, color="#333333", lw=1)
    for i, muscle_id in enumerate(muscle_ids):
        arms = motion.moment_arms(muscle_id, action_id, grid)
        (line,) = ax.plot(grid, arms, label=muscle_name(muscle_id), **_style(i, i))
        line.set_gid(f"arm-{muscle_id}-{action_id}")
        cross = motion.crossing(muscle_id, action_id, joint)
        if cross is not None:
            (dot,) = ax.plot(cross.angle, 0, "o", ms=8, mfc="white", mec=line.get_color(), mew=2)
            dot.set_gid(f"crossing-{muscle_id}")
            # Alternate sides, so that close crossings keep readable labels.
            ax.annotate(
                f"{cross.angle:.0f}°",
                (cross.angle, 0),
                xytext=(10, 8) if i % 2 == 0 else (-10, -10),
                textcoords="offset points",
                ha="left" if i % 2 == 0 else "right",
                va="bottom" if i % 2 == 0 else "top",
                fontsize=FONT_PT,
                color="#222222",
            )
    low, high = ax.get_ylim()
    for y, key, va in ((high, action_id, "top"), (low, opposite_id, "bottom")):
        verb = cat.actions[key].label.split(" (")[0]
        side = "above" if key == action_id else "below"
        ax.text(grid[0], y * 0.92, f"{side} 0: {verb}", fontsize=FONT_PT, va=va)
    _finish(ax, joint, "moment arm (cm)", ncols=min(3, len(muscle_ids)))
    return ax


def length_chart(joint: str, series: Sequence[Series], ax=None):
    """Each muscle's change in length (cm) from the anatomical position against the joint's
    angle, the other joints held as each series says; gid ``length-<series gid>``."""
    ax = _axes(ax, 3.4 + 0.3 * len(series))
    grid = motion.angles(joint)
    order = list(dict.fromkeys(s.muscle_id for s in series))
    for s in series:
        rest = motion.length(s.muscle_id)
        change = motion.length_curve(s.muscle_id, joint, grid, s.fixed) - rest
        bent = int(any(a != 0 for a in s.fixed.values()))
        (line,) = ax.plot(grid, change, label=s.label, **_style(order.index(s.muscle_id), bent))
        line.set_gid(f"length-{s.gid}")
    ax.axhline(0, color="#333333", lw=0.8)
    _finish(ax, joint, "longer (+) or shorter (−)\nthan standing (cm)")
    return ax


def force_chart(joint: str, series: Sequence[Series], ax=None):
    """The share of its greatest force (%) each muscle can make at its length, against the
    joint's angle, from the model's force-length curves; gid ``force-<series gid>``."""
    ax = _axes(ax, 3.4 + 0.3 * len(series))
    grid = motion.angles(joint, step=2)
    order = list(dict.fromkeys(s.muscle_id for s in series))
    for s in series:
        share = [100 * motion.force_fraction(s.muscle_id, {**s.fixed, joint: a}) for a in grid]
        bent = int(any(a != 0 for a in s.fixed.values()))
        (line,) = ax.plot(grid, share, label=s.label, **_style(order.index(s.muscle_id), bent))
        line.set_gid(f"force-{s.gid}")
    ax.set_ylim(0, 105)
    ax.set_yticks(np.arange(0, 101, 25))
    _finish(ax, joint, "force it can make\n(% of its best)")
    return ax
