"""Geometry on the model's bone meshes, for the tests that place points on them."""

from __future__ import annotations

import numpy as np

from legcourse.model import myoleg

BONE_GEOMS = {
    "pelvis": ("pelvis_r",),
    "femur_r": ("femur_r",),
    "patella_r": ("patella_r",),
    "tibia_r": ("tibia_r", "fibula_r"),
    "talus_r": ("talus_r",),
    "calcn_r": ("foot_r",),
    "toes_r": ("bofoot_r",),
}
"""The bone meshes each body carries (the tibia body has the fibula too)."""

ON_BONE_MM = 5.0
"""An origin or insertion lies this close to its bone's mesh surface at most."""


def distance_mm(d, body: str, point) -> float:
    """Distance (mm) from a world point to the surface of the body's bone meshes."""
    best = np.inf
    for geom in BONE_GEOMS[body]:
        verts, faces = myoleg.bone_mesh(d, geom)
        best = min(best, point_to_triangles(np.asarray(point), verts[faces]) * 1000)
    return best


def point_to_triangles(p: np.ndarray, tri: np.ndarray) -> float:
    """The exact distance from a point to the nearest of many triangles (k x 3 x 3)."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    normal = np.cross(b - a, c - a)
    normal /= np.linalg.norm(normal, axis=1, keepdims=True) + 1e-15
    foot = p - ((p - a) * normal).sum(axis=1, keepdims=True) * normal
    inside = np.ones(len(tri), dtype=bool)
    for u, v in ((a, b), (b, c), (c, a)):
        inside &= (np.cross(v - u, foot - u) * normal).sum(axis=1) >= 0
    best = np.linalg.norm(p - foot[inside], axis=1).min(initial=np.inf)
    for u, v in ((a, b), (b, c), (c, a)):  # otherwise the nearest point is on an edge
        t = np.clip(((p - u) * (v - u)).sum(axis=1) / ((v - u) ** 2).sum(axis=1), 0, 1)
        best = min(best, np.linalg.norm(p - (u + t[:, None] * (v - u)), axis=1).min())
    return float(best)
