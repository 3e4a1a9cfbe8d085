"""The map's outlines (corpus/reference/sco_map.geojson), read and checked like every other corpus file.

A map that validates is a map that draws: every feature has an ISO code, a name, a role and
polygons of numeric coordinates, and every state of reference/states.csv has an outline.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from helpers.errors import Problem
from helpers.loading import read_text

MAP_FILE = "reference/sco_map.geojson"
ROLES = ("sco", "context")


def _is_point(value: Any) -> bool:
    return (isinstance(value, list) and len(value) >= 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in value[:2]))


def _polygon_problem(polygon: Any) -> str | None:
    """Why a GeoJSON polygon (a list of rings) cannot be drawn, or None."""
    if not isinstance(polygon, list) or not polygon:
        return "a polygon must be a list of rings"
    outer = polygon[0]
    if not isinstance(outer, list) or len(outer) < 4 or not all(_is_point(p) for p in outer):
        return "a polygon's outer ring must be a list of at least 4 [longitude, latitude] points"
    return None


def geometry_problem(geometry: Any) -> str | None:
    """Why a feature's geometry cannot be drawn, or None.

    >>> square = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    >>> geometry_problem({"type": "Polygon", "coordinates": square}) is None
    True
    >>> geometry_problem({"type": "Point", "coordinates": [0, 0]})
    "the geometry type must be 'Polygon' or 'MultiPolygon', not 'Point'"
    """
    if not isinstance(geometry, dict):
        return "the feature has no geometry"
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return _polygon_problem(coordinates)
    if kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            return "a MultiPolygon needs at least one polygon"
        return next((p for p in map(_polygon_problem, coordinates) if p), None)
    return f"the geometry type must be 'Polygon' or 'MultiPolygon', not {kind!r}"


def read_map(root: Path, state_codes: set[str]) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The map's features, checked; every state code given must have an outline."""
    text, problems = read_text(root / MAP_FILE, MAP_FILE)
    if text is None:
        return [], problems
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Problem(MAP_FILE, "", "", f"the file is not valid GeoJSON (JSON error at line {exc.lineno}: {exc.msg}); restore it from the project")]
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        return [], [Problem(MAP_FILE, "", "", "expected a GeoJSON FeatureCollection with at least one feature")]
    problems = []
    good: list[dict[str, Any]] = []
    for position, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            problems.append(Problem(MAP_FILE, f"feature #{position + 1}", "properties", "a feature needs properties iso3, name and role"))
            continue
        entry = f"feature '{properties.get('iso3', '')}'" if properties.get("iso3") else f"feature #{position + 1}"
        for key in ("iso3", "name"):
            if not isinstance(properties.get(key), str) or not properties[key].strip():
                problems.append(Problem(MAP_FILE, entry, f"properties.{key}", "this required property is missing or empty"))
        if properties.get("role") not in ROLES:
            problems.append(Problem(MAP_FILE, entry, "properties.role", f"{properties.get('role')!r} is not allowed; expected 'sco' or 'context'"))
        reason = geometry_problem(feature.get("geometry"))
        if reason:
            problems.append(Problem(MAP_FILE, entry, "geometry", reason))
        if not reason and isinstance(properties.get("iso3"), str):
            good.append(feature)
    drawn = {f["properties"]["iso3"] for f in good}
    for code in sorted(state_codes - drawn):
        problems.append(Problem(MAP_FILE, "", "", f"the state {code} of reference/states.csv has no outline in the map"))
    return (good, []) if not problems else ([], problems)
