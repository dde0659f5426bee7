#!/usr/bin/env python3
"""The site-size table and plot of issue 16, from the `sites-N.txt` reports scripts/bench-sites.sh leaves in DIR.

Writes DIR/sites.md (a Markdown table), DIR/sites.csv, DIR/sites.svg (CPU per camera against cameras: Argus, its
ingest and recorder threads, the floor and ffmpeg) and DIR/sites.png rasterised from the SVG by ffmpeg (its librsvg
decoder) when it has one. No plotting library: the SVG is drawn here.
Usage: scripts/bench-sites-plot.py DIR
"""
import glob
import html
import math
import os
import re
import shutil
import subprocess
import sys

PATTERNS = {
    "server": r"server CPU +([\d.]+) % of the machine .*, ([\d.]+) % of a core per camera",
    "threads": r"server threads +ingest ([\d.]+) %, recorder ([\d.]+) %, GC ([\d.]+) %, JIT ([\d.]+) %",
    "live": r"cameras +\d+ \((\d+) live\)",
    "rss": r"RSS (\d+) KB",
    "latency": r"p50 ([\d.]+) ms, p99 ([\d.]+) ms",
    "notrec": r"([\d,]+) frames not recorded",
    "floor": r"floor \(Java NIO\) +\d+ cameras: ([\d.]+) %",
    "ffmpeg": r"ffmpeg -c copy +\d+ recorders: ([\d.]+) %",
    "sim": r"simulator CPU +([\d.]+) cores",
    "load": r"load average (?:before|after): ([\d.]+)",
}


def parse(path):
    text = open(path, encoding="utf-8").read()
    row = {"cameras": int(re.search(r"sites-(\d+)\.txt$", path).group(1))}
    for key, pattern in PATTERNS.items():
        found = re.findall(pattern, text)
        row[key] = found if key == "load" else (found[0] if found else None)
    if row["server"] is None:
        return None
    cpu = re.search(r"^cpu: (.*?);", text, re.M)
    row["cpu"] = cpu.group(1) if cpu else "?"
    return row


def num(v, i=None):
    if v is None:
        return None
    return float((v[i] if i is not None else v).replace(",", ""))


def fmt(v, digits=3):
    return "n/a" if v is None else f"{v:.{digits}f}"


def table(rows):
    out = ["| cameras | Argus per camera (% of a core) | ingest / recorder / JIT | floor | ffmpeg | Argus/floor "
           "| Argus/ffmpeg | server (% of machine) | RSS per camera | not recorded | p99 source→hub | simulator "
           "| load average |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        argus, floor, ff = num(r["server"], 1), num(r["floor"]), num(r["ffmpeg"])
        t = r["threads"] or (None,) * 4
        load = "–".join(r["load"]) if r["load"] else "?"
        out.append(f"| {r['cameras']:,} ({r['live']} live) | {fmt(argus)} | {t[0]} / {t[1]} / {t[3]} "
                   f"| {fmt(floor)} | {fmt(ff)} | {fmt(argus / floor if floor else None, 2)} "
                   f"| {fmt(argus / ff if ff else None, 2)} | {fmt(num(r['server'], 0), 1)} % "
                   f"| {fmt(num(r['rss']) / 1024 if r['rss'] else None, 2)} MB | {r['notrec'] or 'n/a'} "
                   f"| {r['latency'][1] if r['latency'] else 'n/a'} ms | {r['sim'] or 'n/a'} cores | {load} |")
    return "\n".join(out) + "\n"


def svg(rows):
    w, h, left, right, top, bottom = 760, 440, 70, 170, 40, 50
    series = [
        ("Argus", "#d9480f", lambda r: num(r["server"], 1)),
        ("Argus ingest", "#f08c00", lambda r: num(r["threads"], 0) if r["threads"] else None),
        ("Argus recorder", "#fab005", lambda r: num(r["threads"], 1) if r["threads"] else None),
        ("floor", "#2b8a3e", lambda r: num(r["floor"])),
        ("ffmpeg -c copy", "#1c7ed6", lambda r: num(r["ffmpeg"])),
    ]
    xs = [r["cameras"] for r in rows]
    ymax = max((f(r) or 0) for _, _, f in series for r in rows) * 1.1 or 1
    lx0, lx1 = math.log10(min(xs)), math.log10(max(xs)) if max(xs) > min(xs) else math.log10(min(xs)) + 1

    def px(x):
        return left + (math.log10(x) - lx0) / (lx1 - lx0) * (w - left - right)

    def py(y):
        return h - bottom - y / ymax * (h - top - bottom)

    p = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
         f'<rect width="{w}" height="{h}" fill="white"/>',
         f'<text x="{w / 2}" y="22" text-anchor="middle" font-size="15">CPU per recorded camera by site size '
         f'({html.escape(rows[0]["cpu"])})</text>',
         f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="black"/>',
         f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="black"/>',
         f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">cameras (log scale)</text>',
         f'<text x="16" y="{(top + h - bottom) / 2}" text-anchor="middle" '
         f'transform="rotate(-90 16 {(top + h - bottom) / 2})">% of one core per camera</text>']
    for x in xs:
        p.append(f'<line x1="{px(x):.1f}" y1="{h - bottom}" x2="{px(x):.1f}" y2="{h - bottom + 5}" stroke="black"/>'
                 f'<text x="{px(x):.1f}" y="{h - bottom + 18}" text-anchor="middle">{x:,}</text>')
    step = 10 ** math.floor(math.log10(ymax / 5))
    step *= 2 if ymax / step > 10 else 1
    y = 0.0
    while y <= ymax:
        p.append(f'<line x1="{left}" y1="{py(y):.1f}" x2="{w - right}" y2="{py(y):.1f}" stroke="#e0e0e0"/>'
                 f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:g}</text>')
        y = round(y + step, 10)
    for i, (name, colour, f) in enumerate(series):
        pts = [(px(r["cameras"]), py(f(r))) for r in rows if f(r) is not None]
        if pts:
            p.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
            p.extend(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>' for a, b in pts)
        ly = top + 10 + i * 20
        p.append(f'<line x1="{w - right + 15}" y1="{ly}" x2="{w - right + 40}" y2="{ly}" stroke="{colour}" '
                 f'stroke-width="2"/><text x="{w - right + 46}" y="{ly + 4}">{html.escape(name)}</text>')
    p.append("</svg>")
    return "\n".join(p) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    rows = sorted(filter(None, (parse(f) for f in glob.glob(os.path.join(out, "sites-*.txt")))),
                  key=lambda r: r["cameras"])
    if not rows:
        sys.exit(f"no reports (sites-N.txt) in {out}")
    with open(os.path.join(out, "sites.md"), "w") as f:
        f.write(table(rows))
    with open(os.path.join(out, "sites.csv"), "w") as f:
        f.write("cameras,argus,ingest,recorder,jit,floor,ffmpeg,server_machine_percent,rss_kb,not_recorded,p99_ms\n")
        for r in rows:
            t = r["threads"] or ("",) * 4
            f.write(",".join(str(v) for v in (r["cameras"], num(r["server"], 1), t[0], t[1], t[3],
                                              r["floor"] or "", r["ffmpeg"] or "", num(r["server"], 0),
                                              r["rss"] or "", (r["notrec"] or "").replace(",", ""),
                                              r["latency"][1] if r["latency"] else "")) + "\n")
    svg_path = os.path.join(out, "sites.svg")
    with open(svg_path, "w") as f:
        f.write(svg(rows))
    if shutil.which("ffmpeg"):
        subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", svg_path, os.path.join(out, "sites.png")],
                       check=False)
    print(table(rows))


if __name__ == "__main__":
    main()
