#!/usr/bin/env python3
"""What analytics cost: N simulated cameras (`argus sim --people P`: P see people walking, the others the same
square standing still) pulled by a server with analytics on and NanoDet looking for people, once with adaptive
sampling and once per fixed rate (analytics.fixedFps). For each run, over a measured window: the CPU of the
analytics threads (decoding, motion, the NanoDet thread and the ONNX Runtime threads it starts, read per thread
from /proc), so cameras analysed per core; decoded pictures/s and inferences/s (the cameras' analytics stats); and
capture -> event on the SSE stream (the event's start, the picture's capture time, against the time its event
arrived over /api/v1/events/stream), p50 and p99.

Usage: scripts/bench-analytics.py CAMERAS PEOPLE [WARMUP_S] [WINDOW_S] [MODES]
  MODES: comma-separated adaptive, fixed1, fixed5 ... (default adaptive,fixed1,fixed5)
Build first (./argus --help builds when needed). Prints the CPU model and load average: on a shared machine the
figures are indicative. Python 3 standard library only.
"""
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
TARGET = os.path.join(ROOT, "argus-server", "target")
PASSWORD = "bench-analytics-1"
# /proc comm names are cut to 15 characters: the analytics threads, and the detector's thread with the ONNX
# Runtime threads it starts (native threads inherit their creator's name).
ANALYTICS_THREADS = ("argus-analytics", "argus-detect-on")


def java():
    home = os.environ.get("JAVA_HOME") or subprocess.run(
        ["bash", "-c", f". {ROOT}/scripts/find-jdk.sh && find_jdk"], capture_output=True, text=True,
        check=True).stdout.strip()
    jar = [j for j in glob.glob(os.path.join(TARGET, "argus-server-*.jar")) if "-sources" not in j and "-tests" not in j]
    if not jar:
        sys.exit("no argus-server jar: build first (./argus --help)")
    return [os.path.join(home, "bin", "java"), "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-cp", jar[0] + ":" + os.path.join(TARGET, "lib", "*"),
            "io.argus.server.cli.ArgusCli"]


def ticks(pid, names=None):
    """utime + stime (clock ticks) of the process, or of its threads whose name starts with one of names."""
    total = 0
    for stat in glob.glob(f"/proc/{pid}/task/*/stat"):
        try:
            with open(stat) as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        if names is None or comm.startswith(names):
            fields = s[s.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
    return total


class Api:
    def __init__(self, base):
        self.base = base
        self.token = None

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, timeout=60) as r:
            data = r.read()
            return json.loads(data) if data else None


def await_line(path, text, proc, timeout=180):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"{path}: process ended:\n" + open(path).read()[-3000:])
        if os.path.exists(path) and text in open(path).read():
            return
        time.sleep(0.5)
    sys.exit(f"{path}: no '{text}' in {timeout} s")


def listen(api, latencies, stop):
    """Capture -> SSE for every object event's start (to is null), in milliseconds."""
    req = urllib.request.Request(api.base + "/api/v1/events/stream?type=object&maxSeconds=3600")
    req.add_header("Authorization", "Bearer " + api.token)
    req.add_header("Accept", "text/event-stream")
    with urllib.request.urlopen(req, timeout=3600) as r:
        for raw in r:
            if stop.is_set():
                return
            line = raw.decode().strip()
            if not line.startswith("data:"):
                continue
            now = time.time()
            e = json.loads(line[5:])
            if e.get("to") is None:
                t = datetime.fromisoformat(e["from"].replace("Z", "+00:00")).timestamp()
                latencies.append((now - t) * 1000)


def pct(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def run(mode, cameras, people, warmup, window, work):
    sim_port, http_port, rtsp_port = (random.randint(20000, 40000) for _ in range(3))
    fixed = "0" if mode == "adaptive" else mode.removeprefix("fixed")
    logs = os.path.join(work, mode)
    os.makedirs(logs)
    sim_log, server_log = os.path.join(logs, "sim.log"), os.path.join(logs, "server.log")
    sim = subprocess.Popen(java() + ["sim", "--cameras", str(cameras), "--people", str(people), "--port",
                                     str(sim_port), "--no-udp"], stdout=open(sim_log, "w"), stderr=subprocess.STDOUT)
    env = dict(os.environ, ARGUS_ADMIN_PASSWORD=PASSWORD, ARGUS_CAMERA_ALLOWED_ADDRESSES="127.0.0.1/32")
    server = subprocess.Popen(java()[:1] + ["-Xmx2g"] + java()[1:] + [
        "server", "--data-dir", os.path.join(work, mode, "data"), "--http-port", str(http_port), "--rtsp-port",
        str(rtsp_port), "--set", "rtmp.enabled=false", "--set", "srt.enabled=false", "--set", "webrtc.enabled=false",
        "--set", "analytics.enabled=true", "--set", "analytics.fixedFps=" + fixed],
        stdout=open(server_log, "w"), stderr=subprocess.STDOUT, env=env)
    stop = threading.Event()
    try:
        await_line(sim_log, "simulator ready", sim)
        api = Api(f"http://127.0.0.1:{http_port}")
        end = time.time() + 180
        while True:
            try:
                api.token = api.call("POST", "/api/v1/auth/login",
                                     {"username": "admin", "password": PASSWORD})["token"]
                break
            except OSError:
                if time.time() > end or server.poll() is not None:
                    sys.exit("server did not start: see " + server_log)
                time.sleep(1)
        ids = []
        for i in range(1, cameras + 1):
            c = api.call("POST", "/api/v1/cameras", {"name": f"cam{i}", "url": f"rtsp://127.0.0.1:{sim_port}/cam{i}"})
            ids.append(c["id"])
            api.call("PUT", f"/api/v1/cameras/{c['id']}/recording", {"mode": "off"})
            api.call("PUT", f"/api/v1/cameras/{c['id']}/analytics", {"motion": True, "objects": ["person"]})
        latencies = []
        threading.Thread(target=listen, args=(api, latencies, stop), daemon=True).start()
        time.sleep(warmup)

        def stats():
            return [api.call("GET", f"/api/v1/cameras/{i}/analytics")["stats"] for i in ids]

        s0, a0, p0, t0, n0 = stats(), ticks(server.pid, ANALYTICS_THREADS), ticks(server.pid), time.time(), \
            len(latencies)
        time.sleep(window)
        s1, a1, p1, t1 = stats(), ticks(server.pid, ANALYTICS_THREADS), ticks(server.pid), time.time()
        lat = latencies[n0:]
        hz = os.sysconf("SC_CLK_TCK")
        secs = t1 - t0

        def rate(key):
            return sum(b[key] - a[key] for a, b in zip(s0, s1)) / secs

        cores = (a1 - a0) / hz / secs
        return {
            "mode": mode, "analytics_cores": cores, "server_cores": (p1 - p0) / hz / secs,
            "cameras_per_core": cameras / cores if cores > 0 else float("inf"),
            "received_per_s": rate("received"), "decoded_per_s": rate("decoded"), "analysed_per_s": rate("analysed"),
            "inferences_per_s": rate("detectionSent"), "events": len(lat),
            "sse_p50_ms": pct(lat, 50), "sse_p99_ms": pct(lat, 99), "last_stats": s1[0],
        }
    finally:
        stop.set()
        for p in (server, sim):
            p.terminate()
        for p in (server, sim):
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cameras, people = int(sys.argv[1]), int(sys.argv[2])
    warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    window = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    modes = (sys.argv[5] if len(sys.argv) > 5 else "adaptive,fixed1,fixed5").split(",")
    work = tempfile.mkdtemp(prefix="argus-bench-analytics-")
    try:
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        print(f"cpu: {cpu}, {os.cpu_count()} cores; load average: {open('/proc/loadavg').read().split()[:3]}")
        print(f"{cameras} cameras, {people} with people walking; warm-up {warmup} s, window {window} s")
        for mode in modes:
            r = run(mode, cameras, people, warmup, window, work)
            print(f"{r['mode']:9s} analytics {r['analytics_cores']:.2f} cores ({r['cameras_per_core']:.1f} cameras a"
                  f" core), server {r['server_cores']:.2f} cores; received {r['received_per_s']:.0f}/s, decoded"
                  f" {r['decoded_per_s']:.0f}/s, analysed {r['analysed_per_s']:.1f}/s, inferences"
                  f" {r['inferences_per_s']:.1f}/s; {r['events']} object events, capture -> SSE p50"
                  f" {r['sse_p50_ms']:.0f} ms, p99 {r['sse_p99_ms']:.0f} ms", flush=True)
            print(f"          camera 1's stats: {json.dumps(r['last_stats'])}", flush=True)
    finally:
        if "--keep" not in sys.argv:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
