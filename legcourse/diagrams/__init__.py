"""Diagrams of the leg muscles, drawn from the course data: cross-sections and the buttock as
schematic layouts, the whole limb on the bones of a musculoskeletal model.

>>> from legcourse import diagrams
>>> diagrams.VIEWS
('thigh_section', 'leg_section', 'front', 'back', 'outer', 'inner', 'buttock', 'buttock_deep')
>>> ax = diagrams.draw("leg_section", pins={1: "soleus"}, highlight=["tibialis_posterior"])
>>> svg = diagrams.to_svg("leg_section", id_prefix="drill1-", pins={1: "soleus"})

Every view shows a RIGHT limb (``LATERAL_SIDE`` says which side of each drawing is lateral).
Each muscle shape carries the gid ``{id_prefix}muscle-{muscle_id}``; a muscle drawn as two
shapes (the heads of gastrocnemius) gives its extra shape ``{id_prefix}muscle-{id}-{part}``.
Pins are ``{id_prefix}pin-{n}``, bones ``{id_prefix}bone-{bone_id}``, other context shapes
``{id_prefix}{kind}-{name}`` (nerve, vessel, membrane, tendon, ligament, fat). Names, colours
(by compartment) and ids all come from the catalog.

The front, back, outer and inner views are drawn on the bones of a musculoskeletal model
(``model_views``: MyoLeg, loaded on first use), each muscle a band along its path;
``spotlight`` draws one muscle whole on them with its attachments named.

Modules: ``layout`` (the vocabulary of a layout), ``sections`` and ``gluteal``
(where each muscle sits in each schematic view), ``geometry`` (layout to shapes),
``model_views`` and ``model_drawing`` (the views on the model), ``spotlight``, ``views``
(names, cache, anchors), ``style``, ``drawing`` (matplotlib) and ``svg`` (inline-able export).
"""

from legcourse.diagrams.drawing import draw, muscle_gid
from legcourse.diagrams.svg import to_svg
from legcourse.diagrams.views import (
    LATERAL_SIDE,
    NOT_SHOWN,
    SIDES,
    VIEW_TITLES,
    VIEWS,
    anchor,
    check_view,
    muscles_in_view,
)

__all__ = [
    "LATERAL_SIDE",
    "NOT_SHOWN",
    "SIDES",
    "VIEWS",
    "VIEW_TITLES",
    "anchor",
    "check_view",
    "draw",
    "muscle_gid",
    "muscles_in_view",
    "to_svg",
]
