"""The two views of the RIGHT buttock (gluteal region), seen from behind.

Lateral is on the viewer's RIGHT (x > 0): the sacrum and the cleft between the buttocks are on
the left, the greater trochanter of the femur on the right. y runs from the upper thigh (0) to
the iliac crest (about 30). The superficial view shows gluteus maximus over most of the
buttock, with the part of gluteus medius it does not cover above it. The deep view is the
classic dissection with gluteus maximus removed: gluteus medius above, then piriformis, the
superior gemellus, the tendon of obturator internus, the inferior gemellus and quadratus
femoris in a stack from the sacrum and ischium to the greater trochanter, with the sciatic
nerve leaving below piriformis and running down over them. Gluteus minimus lies under gluteus
medius and is left out rather than drawn in the wrong place.
"""

from __future__ import annotations

from legcourse.diagrams.layout import Solid, ViewLayout, capsule, ellipse, muscle, rounded

# The right buttock from behind: midline (gluteal cleft) on the left, hip on the right.
BUTTOCK_OUTLINE = (
    (-9.6, 29.0),
    (-3.0, 31.2),
    (4.0, 31.0),
    (9.4, 28.6),
    (11.6, 22.0),
    (12.2, 14.0),
    (11.4, 6.0),
    (10.4, -0.4),
    (-3.6, -0.4),
    (-5.8, 2.6),
    (-8.8, 6.2),
    (-10.0, 12.0),
    (-10.2, 20.0),
)


def _buttock_view(name: str, title: str, pin_radius: float, solids, regions) -> ViewLayout:
    """A view of the right buttock from behind: the frame both views share."""
    return ViewLayout(
        name=name,
        title=title,
        extent=(-13.0, 15.0, -2.0, 33.0),
        pixel=0.06,
        pin_radius=pin_radius,
        outline=rounded(BUTTOCK_OUTLINE, passes=2),
        solids=solids,
        regions=regions,
        cutoff=1.6,
        lateral="right",
        directions=(("lateral \u2192", (8.0, -1.2)), ("\u2190 medial", (-7.0, -1.2))),
    )


BUTTOCK = _buttock_view(
    "buttock",
    "Muscles of the right buttock, seen from behind",
    0.55,
    solids=(
        Solid(
            "bone",
            "sacrum",
            rounded(
                ((-10.0, 26.0), (-7.6, 25.4), (-7.0, 14.0), (-8.4, 9.6), (-10.0, 10.0)), passes=2
            ),
        ),
        Solid("bone", "femur", ellipse((10.0, 12.0), 1.2, 1.9)),
    ),
    regions=(
        muscle(
            "gluteus_medius",
            [(-2.0, 28.0), (3.0, 27.6), (8.4, 24.6)],
            [(2.0, 25.0), (6.0, 21.0)],
            reach=2.2,
            pin=(3.0, 27.6),
        ),
        muscle(
            "gluteus_maximus",
            [(-6.2, 22.0), (-1.0, 17.0), (5.0, 11.0)],
            [(-6.4, 13.0), (-1.4, 9.0), (4.6, 5.0)],
            reach=3.2,
            pin=(-1.0, 13.5),
        ),
        muscle(
            "iliotibial_tract", [(9.8, 20.0), (10.0, 8.0), (9.6, 0.4)], reach=0.7, kind="tendon"
        ),
        muscle("gluteal_fold", [(-4.0, 1.6), (2.0, 1.4)], reach=1.0, kind="fat"),
    ),
)

BUTTOCK_DEEP = _buttock_view(
    "buttock_deep",
    "Deep muscles of the right buttock, seen from behind with gluteus maximus removed",
    0.45,
    solids=(
        Solid(
            "bone",
            "sacrum",
            rounded(
                ((-10.0, 26.0), (-7.0, 25.4), (-6.4, 14.0), (-8.0, 9.2), (-10.0, 9.6)), passes=2
            ),
        ),
        Solid("bone", "ischium", ellipse((-2.2, 5.0), 1.5, 1.1, angle_deg=-20)),
        Solid(
            "bone",
            "femur",
            rounded(((8.2, 15.2), (10.6, 14.6), (10.8, 0.4), (7.6, 0.4), (7.0, 8.0)), passes=2),
        ),
        Solid("nerve", "sciatic", capsule([(2.2, 15.4), (2.6, 9.0), (2.8, 0.6)], 0.65)),
    ),
    regions=(
        muscle(
            "gluteus_medius",
            [(-5.6, 25.0), (-3.0, 27.0), (2.0, 25.2), (7.6, 20.0)],
            [(-4.0, 21.6), (2.0, 21.0)],
            reach=2.6,
            pin=(1.0, 25.0),
        ),
        muscle("piriformis", [(-6.0, 18.0), (0.0, 17.2), (7.4, 15.4)], reach=1.3, pin=(-3.0, 17.7)),
        muscle("superior_gemellus", [(-3.8, 13.4), (6.8, 13.0)], reach=0.5, pin=(-1.6, 13.4)),
        muscle("obturator_internus", [(-4.8, 11.6), (6.8, 11.6)], reach=0.55, pin=(-3.4, 11.6)),
        muscle("inferior_gemellus", [(-3.4, 9.8), (6.8, 10.0)], reach=0.5, pin=(-1.4, 9.8)),
        muscle("quadratus_femoris", [(-0.4, 6.8), (6.6, 6.8)], reach=1.6, pin=(5.2, 6.8)),
        muscle(
            "hamstring_origin", [(-1.8, 3.4), (-0.6, 0.4)], [(-4.6, 2.0)], reach=1.5, kind="tendon"
        ),
    ),
)
