"""Colours and line styles of the diagrams.

Muscles are coloured by compartment with the Okabe-Ito palette (safe for the common forms of
colour blindness); a highlight never relies on colour alone: it adds a thick outline and a hatch.
"""

from __future__ import annotations

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
"""The Okabe-Ito palette: distinguishable with the common forms of colour blindness. The
charts and the instructor's report use it too."""
COMPARTMENT_COLOURS = {
    "gluteal": OKABE_ITO[4],  # blue
    "thigh_anterior": OKABE_ITO[1],  # sky blue
    "thigh_medial": OKABE_ITO[2],  # bluish green
    "thigh_posterior": OKABE_ITO[6],  # reddish purple
    "leg_anterior": OKABE_ITO[0],  # orange
    "leg_lateral": OKABE_ITO[3],  # yellow
    "leg_posterior": OKABE_ITO[5],  # vermillion
}

MUSCLE_EDGE = {"edgecolor": "#3a3a3a", "linewidth": 0.6}
HIGHLIGHT_EDGE = {"edgecolor": "#000000", "linewidth": 3.0, "hatch": "///"}
DARKENED = {"facecolor": "#3a3a3a", "edgecolor": "#000000", "linewidth": 1.0}
"""A muscle that has lost its nerve supply: dark, whatever its compartment colour."""
SKIN = {"facecolor": "#f6efe6", "edgecolor": "#5a4a3a", "linewidth": 1.2}

CONTEXT_STYLES = {
    "bone": {"facecolor": "#fbfaf3", "edgecolor": "#6b6b6b", "linewidth": 1.0, "hatch": ".."},
    "nerve": {"facecolor": "#ffffff", "edgecolor": "#000000", "linewidth": 1.0, "hatch": "||"},
    "vessel": {"facecolor": "#ffffff", "edgecolor": "#7a0000", "linewidth": 1.0},
    "membrane": {"facecolor": "#4d4d4d", "edgecolor": "#4d4d4d", "linewidth": 0.5},
    "ligament": {"facecolor": "#d9d4c7", "edgecolor": "#6b6b6b", "linewidth": 0.6},
    "tendon": {"facecolor": "#e9e4d6", "edgecolor": "#6b6b6b", "linewidth": 0.6},
    "fat": {"facecolor": "#fff7d6", "edgecolor": "#9a8f6a", "linewidth": 0.6},
}

PIN = {"facecolor": "#ffffff", "edgecolor": "#000000", "linewidth": 1.4}
