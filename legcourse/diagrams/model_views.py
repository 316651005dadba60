"""The right lower limb on real bones, from the MyoLeg model: front, back, outer and inner views.

The model (``legcourse.model``) gives the bone meshes and each muscle's path (origin, via points,
insertion) at the anatomical pose. A view projects them onto a plane:

* bones: the mesh's triangles are projected and united (shapely) into a simplified outline;
* muscles: each model muscle is a band (a tapered tube) along its path, half as wide at its ends
  as in its belly, its width growing with the square root of the muscle's maximal isometric force
  (force scales with the physiological cross-section, so the square root scales with a width),
  held within readable limits;
* what is seen: a depth buffer over a fine raster keeps, at each point, whatever is nearest to
  the viewer (a bone or a band). A muscle's visible part is its shape: shapes never overlap, a
  deep muscle shows only where nothing covers it, and one that shows too little is left out of
  the view (``MIN_DEPTH``, ``MIN_AREA``).

Data coordinates are centimetres: the vertical axis is the model's height, the horizontal axis
runs across the view (``PROJECTIONS``). A view is computed only on first use (``build``) and kept
for the process, and on disk (``model_cache``): a page kernel that finds it there never loads the
model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.path import Path

from legcourse.diagrams import model_cache
from legcourse.diagrams.geometry import Grid, Traced, deepest_pixel, depth_from_border, trace
from legcourse.diagrams.layout import Region, ViewLayout

MODEL_VIEWS: tuple[str, ...] = ("front", "back", "outer", "inner")
"""The views of the limb on the model's bones."""


@dataclass(frozen=True)
class Projection:
    """How a view looks at the model.

    Attributes:
        title: a reader-facing title.
        across: the model direction that runs to the right of the drawing.
        away: the model direction pointing away from the viewer (larger is deeper).
        sides: what the left and the right edge of the drawing are ("lateral", "anterior"...).
    """

    title: str
    across: tuple[float, float, float]
    away: tuple[float, float, float]
    sides: tuple[str, str]


# Model axes at the anatomical pose: x towards the subject's left, y backwards, z up. Seen from
# the front, the subject's right is on the viewer's left, so +x runs to the right of the drawing.
PROJECTIONS: dict[str, Projection] = {
    "front": Projection(
        "The right lower limb from the front, on the bones of a musculoskeletal model",
        (1, 0, 0),
        (0, 1, 0),
        ("lateral", "medial"),
    ),
    "back": Projection(
        "The right lower limb from behind, on the bones of a musculoskeletal model",
        (-1, 0, 0),
        (0, -1, 0),
        ("medial", "lateral"),
    ),
    "outer": Projection(
        "The right lower limb from its outer (lateral) side, on the bones of a "
        "musculoskeletal model",
        (0, -1, 0),
        (1, 0, 0),
        ("posterior", "anterior"),
    ),
    "inner": Projection(
        "The right lower limb from its inner (medial) side, on the bones of a "
        "musculoskeletal model",
        (0, 1, 0),
        (-1, 0, 0),
        ("anterior", "posterior"),
    ),
}

BONE_PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sacrum", ("sacrum_geom_1",)),
    ("hip_bone", ("pelvis_r",)),
    ("femur", ("femur_r",)),
    ("patella", ("patella_r",)),
    ("tibia", ("tibia_r",)),
    ("fibula", ("fibula_r",)),
    ("foot", ("talus_r", "foot_r")),
    ("phalanges", ("bofoot_r",)),
)
"""Bone outlines drawn, each from one or more of the model's meshes. Keys are the course's bone
vocabulary ids where one bone is meant; ``BONE_NAMES`` names the two that group several."""

BONE_NAMES: dict[str, str] = {
    "hip_bone": "hip bone (ilium, ischium, pubis)",
    "foot": "tarsal bones and metatarsals",
}
"""Reader-facing names of the outlines that group several bones of the vocabulary."""

PART_NAMES: dict[str, tuple[str, str]] = {"gaslat_r": ("lateral_head", "lateral head")}
"""Model muscles drawn as their own shape (gid part, label note); the other parts of a muscle
join its main shape. The first head named in the mapping is the main shape's note."""
MAIN_NOTES: dict[str, str] = {"gastrocnemius": "medial head"}

BONE = "#bone"
"""The kind of a bone's layer in the depth buffer (a muscle layer is keyed by its muscle id)."""
PIXEL = 0.2
"""Raster pixel, in cm."""
CM = 100.0
HALF_WIDTH_PER_ROOT_NEWTON = 0.032
"""Band half-width (cm) per square root of the maximal isometric force (N)."""
HALF_WIDTH_LIMITS = (0.45, 2.6)
"""Narrowest and widest band half-width (cm): thin straps stay visible, none hides the bones."""
BULGE = 0.6
"""How far (cm) a band's rounded front stands before its centre line."""
END_FRACTION = 0.45
"""A band's half-width at its ends, as a fraction of its belly's."""
SHEET_PARTS = 3
"""A muscle the model splits into this many parts or more, drawn as one shape, is a broad sheet:
it is filled between its parts (``_sheet_depth``)."""
SHEET_STEP = 1.0
"""Spacing (cm) of the points a sheet is triangulated from."""
MIN_DEPTH = 2
"""A muscle is in a view only if its shape holds a pixel this many pixels from its border..."""
MIN_AREA = 4.0
"""...and shows at least this many square centimetres."""
PIN_RADIUS = 1.2
"""Radius of a drill's numbered pin, in cm; pins are placed at least ``PIN_GAP`` radii apart."""
PIN_GAP = 1.7
MARGIN = 1.5
"""Blank border around the limb, in cm."""
CRUMB = 1.0
"""A separate piece of a muscle's shape smaller than this (cm²) is dropped: a speck where the
muscle peeks out between others, which a thick highlight outline turns into a black blob."""


@dataclass(frozen=True)
class BoneOutline:
    """A bone's outline in a view, and its mean depth (bones are painted far to near)."""

    key: str
    path: Path
    depth: float


@dataclass(frozen=True)
class ModelView:
    """Everything a model view draws: bones, muscle shapes (visible parts), anchors, paths."""

    name: str
    layout: ViewLayout
    bones: tuple[BoneOutline, ...]
    shapes: tuple[Traced, ...]
    anchors: dict[str, tuple[float, float]]
    areas: dict[str, float]
    paths: dict[str, tuple[np.ndarray, ...]]
    """Each course muscle's projected paths (one per model muscle), in data units (cm)."""
    widths: dict[str, tuple[float, ...]]
    """The band half-width (cm) along each of those paths (``half_width``)."""
    bone_spots: dict[str, tuple[float, float]]
    """A point on each bone where it shows (for its label); a bone hidden by muscles has none."""
    grid: Grid
    """The raster the shapes were traced on."""


def projector(view: str):
    """A function from model points (n × 3, metres) to (across, up, depth) in cm."""
    p = PROJECTIONS[view]
    across, away = np.asarray(p.across, float), np.asarray(p.away, float)

    def project(points: np.ndarray) -> np.ndarray:
        pts = np.asarray(points, dtype=float) * CM
        return np.column_stack([pts @ across, pts[:, 2], pts @ away])

    return project


# --- the model's content, at the anatomical pose ----------------------------------------------


@cache
def _model_paths() -> dict[str, tuple[tuple[str, np.ndarray], ...]]:
    """Each drawable course muscle with its model muscles' names and paths (metres)."""
    from legcourse.core.catalog import get_catalog
    from legcourse.model import biomech, myoleg

    d = myoleg.pose()
    mapping = biomech.model_muscles()
    out = {}
    for muscle_id in get_catalog().muscles:
        try:
            paths = biomech.muscle_paths(muscle_id, d)
        except LookupError:
            continue  # not in the model (and no attachments of our own yet)
        names = mapping.get(muscle_id) or tuple(f"{muscle_id}_{i}" for i in range(len(paths)))
        out[muscle_id] = tuple(zip(names, paths, strict=True))
    return out


@cache
def _max_forces() -> dict[str, float]:
    """Each right-limb model muscle's maximal isometric force, in newtons."""
    from legcourse.model import myoleg

    m = myoleg.model()
    # MuJoCo muscle actuators hold the peak active force in gainprm[2].
    return {name: float(m.actuator_gainprm[m.actuator(name).id][2]) for name in myoleg.muscles()}


def half_width(model_muscle: str) -> float:
    """A model muscle's band half-width (cm), from its maximal isometric force."""
    force = _max_forces().get(model_muscle)
    if force is None:  # a muscle the model lacks, drawn from our own attachments: a thin strap
        return HALF_WIDTH_LIMITS[0] * 1.5
    low, high = HALF_WIDTH_LIMITS
    return float(np.clip(HALF_WIDTH_PER_ROOT_NEWTON * np.sqrt(force), low, high))


@cache
def _bone_meshes() -> tuple[tuple[str, np.ndarray, np.ndarray], ...]:
    from legcourse.model import myoleg

    d = myoleg.pose()
    out = []
    for key, meshes in BONE_PARTS:
        for mesh in meshes:
            vertices, faces = myoleg.bone_mesh(d, mesh)
            if key == "sacrum":  # the right half: the left limb is not drawn
                faces = faces[vertices[faces][:, :, 0].mean(axis=1) <= 0.0]
            out.append((key, vertices, faces))
    return tuple(out)


# --- bones -------------------------------------------------------------------------------------


def _outline(triangles: np.ndarray) -> Path:
    """The union of projected triangles (k × 3 × 2, cm) as a simplified Path with holes."""
    from shapely import MultiPolygon, Polygon, polygons, unary_union

    t = np.asarray(triangles, dtype=float)
    area = 0.5 * (
        (t[:, 1, 0] - t[:, 0, 0]) * (t[:, 2, 1] - t[:, 0, 1])
        - (t[:, 2, 0] - t[:, 0, 0]) * (t[:, 1, 1] - t[:, 0, 1])
    )
    shapes = polygons(t[np.abs(area) > 1e-6])
    # a hair of buffer closes the slits between triangles that only touch at a corner
    shape = unary_union(shapes).buffer(0.05).buffer(-0.05).simplify(0.08)
    parts = list(shape.geoms) if isinstance(shape, MultiPolygon) else [shape]
    vertices, codes = [], []
    for part in parts:
        if part.area < 0.3:  # crumbs of a thin edge seen side on
            continue
        for ring in [part.exterior, *part.interiors]:
            if Polygon(ring).area < 0.3:
                continue
            pts = np.asarray(ring.coords)
            ring_codes = np.full(len(pts), Path.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = Path.MOVETO, Path.CLOSEPOLY
            vertices.append(pts)
            codes.append(ring_codes)
    return Path(np.concatenate(vertices).round(2), np.concatenate(codes))


def shape_polygon(path: Path):
    """A traced Path (outlines and holes) as a shapely geometry, filled even-odd."""
    from shapely import Polygon, make_valid

    shape = None
    for ring in map(np.asarray, path.to_polygons(closed_only=False)):
        if len(ring) < 3:
            continue
        piece = make_valid(Polygon(ring))
        shape = piece if shape is None else shape.symmetric_difference(piece)
    return Polygon() if shape is None else make_valid(shape)


def _without_crumbs(path: Path, anchor: tuple[float, float]) -> Path:
    """The shape without its pieces smaller than ``CRUMB``; its largest piece and the one
    holding its anchor (where a pin goes) always stay."""
    from shapely import Point
    from shapely.geometry.polygon import orient

    shape = shape_polygon(path)
    pieces = [g for g in getattr(shape, "geoms", [shape]) if g.geom_type == "Polygon"]
    largest = max(pieces, key=lambda g: g.area, default=None)
    pin = Point(anchor)
    kept = [g for g in pieces if g.area >= CRUMB or g is largest or g.intersects(pin)]
    if len(kept) == len(pieces):
        return path
    vertices, codes = [], []
    for piece in kept:
        piece = orient(piece, sign=1.0)  # outlines anticlockwise, holes clockwise
        for ring in [piece.exterior, *piece.interiors]:
            pts = np.asarray(ring.coords)
            ring_codes = np.full(len(pts), Path.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = Path.MOVETO, Path.CLOSEPOLY
            vertices.append(pts)
            codes.append(ring_codes)
    return Path(np.concatenate(vertices).round(3), np.concatenate(codes))


def _signed_area(t: np.ndarray) -> float:
    return 0.5 * float(
        (t[1, 0] - t[0, 0]) * (t[2, 1] - t[0, 1]) - (t[2, 0] - t[0, 0]) * (t[1, 1] - t[0, 1])
    )


def _rasterise_bone(grid: Grid, tris: np.ndarray, depth: np.ndarray) -> None:
    """Write the nearest depth of projected triangles (k × 3 × 3: across, up, depth) into
    ``depth`` (the grid's shape), in place."""
    x0, y0 = grid.xs[0], grid.ys[0]
    rows, cols = grid.shape
    for t in tris:
        xy = t[:, :2]
        area = _signed_area(xy)
        if abs(area) < 1e-9:
            continue
        c0 = max(int(np.floor((xy[:, 0].min() - x0) / PIXEL)), 0)
        c1 = min(int(np.ceil((xy[:, 0].max() - x0) / PIXEL)) + 1, cols)
        r0 = max(int(np.floor((xy[:, 1].min() - y0) / PIXEL)), 0)
        r1 = min(int(np.ceil((xy[:, 1].max() - y0) / PIXEL)) + 1, rows)
        if c0 >= c1 or r0 >= r1:
            continue
        gx, gy = grid.xs[None, c0:c1], grid.ys[r0:r1, None]
        # barycentric weights of each pixel centre
        a, b, c = xy
        w0 = ((b[0] - gx) * (c[1] - gy) - (c[0] - gx) * (b[1] - gy)) / (2 * area)
        w1 = ((c[0] - gx) * (a[1] - gy) - (a[0] - gx) * (c[1] - gy)) / (2 * area)
        w2 = 1.0 - w0 - w1
        inside = (w0 >= -1e-6) & (w1 >= -1e-6) & (w2 >= -1e-6)
        if not inside.any():
            continue
        z = w0 * t[0, 2] + w1 * t[1, 2] + w2 * t[2, 2]
        window = depth[r0:r1, c0:c1]
        inside = np.broadcast_to(inside, window.shape)
        z = np.broadcast_to(z, window.shape)
        np.minimum(window, np.where(inside, z, np.inf), out=window)


# --- muscles -------------------------------------------------------------------------------------


def _band_depth(grid: Grid, path: np.ndarray, radius: float) -> np.ndarray:
    """The nearest depth of a tapered tube along ``path`` (n × 3: across, up, depth, cm) at each
    pixel (inf where the tube does not reach)."""
    out = np.full(grid.shape, np.inf)
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    total = max(float(steps.sum()), 1e-9)
    start = np.concatenate([[0.0], np.cumsum(steps)])[:-1] / total
    x0, y0 = grid.xs[0], grid.ys[0]
    rows, cols = grid.shape
    for (a, b), s0, step in zip(zip(path[:-1], path[1:], strict=True), start, steps, strict=True):
        lo = np.minimum(a[:2], b[:2]) - radius
        hi = np.maximum(a[:2], b[:2]) + radius
        c0, c1 = max(int((lo[0] - x0) / PIXEL), 0), min(int((hi[0] - x0) / PIXEL) + 2, cols)
        r0, r1 = max(int((lo[1] - y0) / PIXEL), 0), min(int((hi[1] - y0) / PIXEL) + 2, rows)
        if c0 >= c1 or r0 >= r1:
            continue
        gx, gy = np.meshgrid(grid.xs[c0:c1], grid.ys[r0:r1])
        ab = b[:2] - a[:2]
        length2 = float(ab @ ab)
        t = np.zeros_like(gx) if length2 == 0 else ((gx - a[0]) * ab[0] + (gy - a[1]) * ab[1])
        t = np.clip(t / length2, 0.0, 1.0) if length2 else t
        dist = np.hypot(gx - (a[0] + t * ab[0]), gy - (a[1] + t * ab[1]))
        # position along the whole path: the band is widest in the middle (its belly)
        s = s0 + t * step / total
        r = radius * (END_FRACTION + (1 - END_FRACTION) * np.sin(np.pi * s))
        centre = a[2] + t * (b[2] - a[2])
        # a rounded front, but no deeper than BULGE: a thick muscle's centre line lies deeper
        # than a strap's, and a full tube would let its bulk cover superficial straps
        bulge = BULGE * np.sqrt(np.maximum(1 - (dist / r) ** 2, 0.0))
        z = np.where(dist < r, centre - bulge, np.inf)
        window = out[r0:r1, c0:c1]
        np.minimum(window, z, out=window)
    return out


def _sheet_depth(grid: Grid, paths: list[np.ndarray]) -> np.ndarray:
    """The nearest depth of the sheet spanned by a muscle's parts (each n × 3: across, up, depth):
    the triangulated hull of their points, densely resampled, depths interpolated between them.
    A broad muscle (gluteus maximus, adductor magnus) is then one sheet, not separate strips."""
    from matplotlib.tri import Triangulation

    points = np.vstack([_resample(p, SHEET_STEP) for p in paths])
    points = np.unique(points.round(3), axis=0)
    depth = np.full(grid.shape, np.inf)
    triangles = Triangulation(points[:, 0], points[:, 1]).triangles
    _rasterise_bone(grid, points[triangles], depth)
    return depth


def _resample(path: np.ndarray, step: float) -> np.ndarray:
    """Points along a polyline at most ``step`` apart (its corners kept)."""
    out = [path[:1]]
    for a, b in zip(path[:-1], path[1:], strict=True):
        n = max(int(np.ceil(np.linalg.norm(b[:2] - a[:2]) / step)), 1)
        out.append(a + (b - a) * np.linspace(0, 1, n + 1)[1:, None])
    return np.vstack(out)


def _place_anchors(grid: Grid, masks: dict[str, np.ndarray]) -> dict[str, tuple[float, float]]:
    """One point per muscle, deep inside its shape, with pins at least ``PIN_GAP`` radii apart.

    Narrow muscles choose first (they have the fewest good places); each picks its deepest pixel
    that is far enough from the pins already placed, the middle of the deepest run winning ties.
    A muscle with no such pixel gets none (and is left out of the view)."""
    depths = {m: depth_from_border(mask) for m, mask in masks.items()}
    order = sorted(masks, key=lambda m: (int(depths[m].max()), int(masks[m].sum())))
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    placed: dict[str, tuple[float, float]] = {}
    for muscle_id in order:
        score = depths[muscle_id].astype(float)
        score[score < MIN_DEPTH] = 0
        for x, y in placed.values():
            score[np.hypot(gx - x, gy - y) < PIN_GAP * PIN_RADIUS] = 0
        if score.max() <= 0:
            continue
        best = score == score.max()
        rows, cols = np.nonzero(best)
        middle = np.array([rows.mean(), cols.mean()])
        i = int(np.argmin(np.hypot(rows - middle[0], cols - middle[1])))
        placed[muscle_id] = (
            round(float(grid.xs[cols[i]]), 3),
            round(float(grid.ys[rows[i]]), 3),
        )
    return placed


# --- the view -------------------------------------------------------------------------------------


@cache
def build(view: str) -> ModelView:
    """A model view: from the disk cache when it holds one for the same inputs, else computed
    (about a second, after loading the model) and stored there; then kept for the process."""
    if view not in PROJECTIONS:
        raise ValueError(f"unknown model view {view!r}; the model views are {MODEL_VIEWS}")
    return model_cache.load_or_build(view, compute)


def compute(view: str) -> ModelView:
    """Compute a model view from the model (``build`` caches it)."""
    from legcourse.core.catalog import get_catalog

    project = projector(view)
    bones_3d = [(key, project(v)[f]) for key, v, f in _bone_meshes()]
    muscles_3d = {
        m: tuple((name, project(path)) for name, path in parts)
        for m, parts in _model_paths().items()
    }
    everything = np.vstack([t.reshape(-1, 3) for _, t in bones_3d])
    lo = everything[:, :2].min(axis=0) - MARGIN
    hi = everything[:, :2].max(axis=0) + MARGIN
    for parts in muscles_3d.values():
        for _, p in parts:
            lo = np.minimum(lo, p[:, :2].min(axis=0) - MARGIN)
            hi = np.maximum(hi, p[:, :2].max(axis=0) + MARGIN)
    grid = Grid(np.arange(lo[0], hi[0], PIXEL), np.arange(lo[1], hi[1], PIXEL))

    # the depth buffer: one layer per bone, then one per muscle shape (a muscle or a head)
    layers: list[np.ndarray] = []
    keys: list[tuple[str, str]] = []
    for bone, _ in BONE_PARTS:
        depth = np.full(grid.shape, np.inf)
        for key, tris in bones_3d:
            if key == bone:
                _rasterise_bone(grid, tris, depth)
        layers.append(depth)
        keys.append((BONE, bone))
    for muscle_id, parts in muscles_3d.items():
        by_part: dict[str, np.ndarray] = {}
        for name, path in parts:
            part = PART_NAMES.get(name, ("", ""))[0]
            depth = _band_depth(grid, path, half_width(name))
            by_part[part] = np.minimum(by_part[part], depth) if part in by_part else depth
        sheets = {part: [p for n, p in parts if PART_NAMES.get(n, ("", ""))[0] == part]
                  for part in by_part}  # fmt: skip
        for part, depth in by_part.items():
            if len(sheets[part]) >= SHEET_PARTS:
                np.minimum(depth, _sheet_depth(grid, sheets[part]), out=depth)
            layers.append(depth)
            keys.append((muscle_id, part))
    stack = np.stack(layers)
    nearest = np.argmin(stack, axis=0)
    nearest[~np.isfinite(stack.min(axis=0))] = -1
    bone_spots = {}
    for i, (kind, bone) in enumerate(keys):
        if kind == BONE and (nearest == i).sum() * PIXEL**2 >= MIN_AREA:
            rows, cols = deepest_pixel(nearest == i)
            bone_spots[bone] = (round(float(grid.xs[cols]), 3), round(float(grid.ys[rows]), 3))

    # the visible part of each shape; a muscle too hidden is left out
    masks = {k: nearest == i for i, k in enumerate(keys) if k[0] != BONE}
    main = {m: masks[(m, "")] for m, part in masks if not part}
    visible = {
        m: mask
        for m, mask in main.items()
        if mask.sum() * PIXEL**2 >= MIN_AREA and depth_from_border(mask).max() >= MIN_DEPTH
    }
    anchors = _place_anchors(grid, visible)
    catalog = get_catalog()
    order = [m for m in catalog.muscles if m in anchors]
    labels = np.full(grid.shape, -1)
    regions: list[Region] = []
    shapes: list[Traced] = []
    for muscle_id in order:
        for (m, part), mask in masks.items():
            if m != muscle_id or not mask.any():
                continue
            note = PART_NAMES_BY_PART.get(part, MAIN_NOTES.get(m, "") if not part else "")
            pin = anchors[m] if not part else None
            region = Region(key=m, lines=(), reach=1.0, part=part, note=note, pin=pin)
            labels[mask] = len(regions)
            regions.append(region)
    for i, region in enumerate(regions):
        traced = trace(grid, labels, i, region, level=0.55)
        shapes.append(Traced(region, _without_crumbs(traced.path, traced.anchor), traced.anchor))
    # a head too small to show on its own is not drawn (its muscle keeps its main shape)
    shapes = [s for s in shapes if np.shape(s.path.vertices)[0] >= 4]

    bones = []
    for key, _ in BONE_PARTS:
        tris = np.concatenate([t for k, t in bones_3d if k == key])
        bones.append(BoneOutline(key, _outline(tris[:, :, :2]), float(tris[:, :, 2].mean())))
    bones.sort(key=lambda b: -b.depth)  # far to near

    projection = PROJECTIONS[view]
    extent = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
    layout = ViewLayout(
        name=view,
        title=projection.title,
        extent=extent,
        pixel=PIXEL,
        pin_radius=PIN_RADIUS,
        outline=(),
        solids=(),
        regions=tuple(regions),
        cutoff=1.0,
        lateral=_lateral(projection),
        directions=_directions(projection, extent),
    )
    areas = {m: float(main[m].sum() * PIXEL**2) for m in order}
    paths = {m: tuple(p[:, :2] for _, p in parts) for m, parts in muscles_3d.items()}
    widths = {m: tuple(half_width(name) for name, _ in parts) for m, parts in muscles_3d.items()}
    return ModelView(
        view, layout, tuple(bones), tuple(shapes), anchors, areas, paths, widths, bone_spots, grid
    )


@cache
def whole_band(view: str, muscle_id: str) -> Path:
    """The outline of a muscle's whole band in a view, whatever lies in front of it (from the
    view's paths and widths: no model needed)."""
    built = build(view)
    depth = np.full(built.grid.shape, np.inf)
    for path, width in zip(built.paths[muscle_id], built.widths[muscle_id], strict=True):
        flat = np.column_stack([path, np.zeros(len(path))])  # only the band's reach matters
        depth = np.minimum(depth, _band_depth(built.grid, flat, width))
    labels = np.where(np.isfinite(depth), 0, -1)
    return trace(built.grid, labels, 0, Region(muscle_id, (), 1.0), level=0.5).path


CARRIED_PAST = "patella"
"""The bone the model carries muscles past: it runs the quadriceps on along the patellar ligament
to the tibia, while the muscles themselves insert on the patella."""


def attachments(view: str, muscle_id: str) -> tuple[np.ndarray, np.ndarray]:
    """A muscle's origin and insertion points in a view (k × 2 each: one per model part): the
    first and the last point of each of its paths, except that a muscle whose insertion the data
    puts first on the patella (``CARRIED_PAST``) inserts where its path first reaches it."""
    from legcourse.core.catalog import get_catalog

    built = build(view)
    paths = built.paths[muscle_id]
    ends = [p[-1] for p in paths]
    if get_catalog().muscles[muscle_id].insertion_bones[0] == CARRIED_PAST:
        outline = next(b.path for b in built.bones if b.key == CARRIED_PAST)
        ends = [next((q for q in p if outline.contains_point(q)), p[-1]) for p in paths]
    return np.array([p[0] for p in paths]), np.array(ends)


def in_model(muscle_id: str) -> bool:
    """Whether the model (or our own attachments) gives the muscle a path."""
    return muscle_id in build(MODEL_VIEWS[0]).paths


PART_NAMES_BY_PART = {part: note for part, note in PART_NAMES.values()}


def _lateral(projection: Projection) -> str:
    """ "left" or "right" when a side of the drawing is lateral, "" for the side views."""
    if "lateral" not in projection.sides:
        return ""
    return "left" if projection.sides[0] == "lateral" else "right"


def _directions(projection: Projection, extent) -> tuple[tuple[str, tuple[float, float]], ...]:
    """The two side words under the foot, arrows pointing to their side."""
    xmin, xmax, ymin, _ = extent
    y = ymin - 0.3
    left, right = projection.sides
    return ((f"\u2190 {left}", (xmin + 0.18 * (xmax - xmin), y)),
            (f"{right} \u2192", (xmax - 0.18 * (xmax - xmin), y)))  # fmt: skip


def sides(view: str) -> tuple[str, str]:
    """What the left and the right edge of a model view's drawing are."""
    return PROJECTIONS[view].sides
