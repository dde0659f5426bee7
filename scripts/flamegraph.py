#!/usr/bin/env python3
"""A flame graph (SVG) from a JDK Flight Recorder file, with no tool beyond the JDK's `jfr` and Python 3.

Reads one event type's stack traces from `jfr print --json`, folds them (one line per distinct stack, the thread
group as the root frame, as Brendan Gregg's flamegraph.pl reads them) and draws the graph: width is the share of
samples (or of bytes, for allocation samples), each box's tooltip gives its frame and share.

Usage: scripts/flamegraph.py RECORDING.jfr OUT.svg [--event jdk.ExecutionSample] [--title TEXT] [--folded OUT.txt]
       [--jfr PATH_TO_JFR]
Events: jdk.ExecutionSample (CPU in Java code), jdk.CPUTimeSample (JDK 25+: CPU time, native and kernel included),
jdk.ObjectAllocationSample (weighted by the bytes each sample stands for).
Used for docs/perf/ (issue 16); the recordings come from `argus bench record --server-jvm-opt=-XX:StartFlightRecording=…`.
"""
import argparse
import collections
import html
import json
import os
import re
import shutil
import subprocess
import sys

WIDTH = 1200
ROW = 16
FONT = 11
MIN_PX = 0.3


def jfr_tool(explicit):
    if explicit:
        return explicit
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    return shutil.which("jfr") or sys.exit("no jfr tool: set JAVA_HOME to a JDK")


def thread_group(name):
    """rtsp-client-3-1 -> rtsp-client: threads of one pool are one root."""
    return re.sub(r"([-#]?\d+)+$", "", name or "?") or name


def frame_name(f):
    m = f.get("method") or {}
    t = (m.get("type") or {}).get("name", "?")
    t = t.replace("/", ".")
    return t.rsplit(".", 1)[-1] if "$$Lambda" in t else t + "." + m.get("name", "?")


def fold(recording, event, tool):
    out = subprocess.run([tool, "print", "--json", "--events", event, "--stack-depth", "96", recording],
                         check=True, capture_output=True, text=True).stdout
    stacks = collections.Counter()
    for e in json.loads(out)["recording"]["events"]:
        v = e["values"]
        thread = v.get("sampledThread") or v.get("eventThread") or {}
        frames = ((v.get("stackTrace") or {}).get("frames")) or []
        path = [thread_group(thread.get("javaName") or thread.get("osName"))]
        if event.endswith("AllocationSample"):
            path.append("alloc " + ((v.get("objectClass") or {}).get("name") or "?"))
            weight = v.get("weight") or 0
        else:
            weight = 1
        path.extend(frame_name(f) for f in reversed(frames))
        stacks[";".join(path)] += weight
    return stacks


def tree(stacks):
    root = {"n": "all", "v": 0, "c": {}}
    for stack, v in stacks.items():
        root["v"] += v
        node = root
        for name in stack.split(";"):
            node = node["c"].setdefault(name, {"n": name, "v": 0, "c": {}})
            node["v"] += v
    return root


def color(name):
    if name.startswith("io.argus."):
        return "#e8833a"
    if name.startswith("io.netty."):
        return "#d9b24c"
    if name.startswith(("java.", "jdk.", "sun.")):
        return "#6fa8dc"
    if name.startswith("alloc "):
        return "#93c47d"
    return "#c9c9c9"


def render(root, title, unit, depth_max):
    scale = (WIDTH - 20) / max(root["v"], 1)
    height = (depth_max + 1) * ROW + 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'font-family="monospace" font-size="{FONT}">',
             f'<rect width="100%" height="100%" fill="#fdfdf6"/>',
             f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="15">{html.escape(title)}</text>',
             f'<text x="10" y="40">{root["v"]:,} {unit}; width is the share; hover a box for its frame</text>']

    def walk(node, x, depth):
        w = node["v"] * scale
        if w < MIN_PX:
            return
        y = height - (depth + 1) * ROW - 4
        share = 100.0 * node["v"] / root["v"]
        label = html.escape(node["n"])
        parts.append(f'<g><title>{label} ({node["v"]:,} {unit}, {share:.2f} %)</title>'
                     f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 1}" fill="{color(node["n"])}" '
                     f'rx="2"/>')
        chars = int(w / (FONT * 0.6))
        if chars >= 3:
            text = node["n"] if len(node["n"]) <= chars else node["n"][:chars - 2] + ".."
            parts.append(f'<text x="{x + 3:.1f}" y="{y + ROW - 4}">{html.escape(text)}</text>')
        parts.append("</g>")
        cx = x
        for child in sorted(node["c"].values(), key=lambda c: c["n"]):
            walk(child, cx, depth + 1)
            cx += child["v"] * scale

    walk(root, 10, 0)
    parts.append("</svg>")
    return "\n".join(parts)


def depth(node):
    return 1 + max((depth(c) for c in node["c"].values()), default=0)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("recording")
    p.add_argument("svg")
    p.add_argument("--event", default="jdk.ExecutionSample")
    p.add_argument("--title")
    p.add_argument("--folded")
    p.add_argument("--jfr")
    a = p.parse_args()
    stacks = fold(a.recording, a.event, jfr_tool(a.jfr))
    if not stacks:
        sys.exit(f"no {a.event} events in {a.recording}")
    if a.folded:
        with open(a.folded, "w") as f:
            for s, v in sorted(stacks.items(), key=lambda kv: -kv[1]):
                f.write(f"{s} {v}\n")
    root = tree(stacks)
    unit = "bytes" if a.event.endswith("AllocationSample") else "samples"
    with open(a.svg, "w") as f:
        f.write(render(root, a.title or f"{a.event} in {os.path.basename(a.recording)}", unit, depth(root)))


if __name__ == "__main__":
    main()
