"""Locator figures: nearest-search time on generated points, and the app's time to first render.

    .venv/bin/python bench/locator_bench.py [--points 10000] [--queries 200] [--no-render]

Search: N random places inside the city's box (a fixed seed), nearest 10 to random points, by the
same `nearest()` the app uses. Render: `kaikille app` on a free loopback port, a real Chromium at a
phone's and a desktop's width, from navigation start until the heading, the postcode box and the map
with its markers are on screen; then from a postcode typed until the nearest places are listed.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace

from locator.places import load_city, load_places
from locator.search import nearest


def bench_search(points: int, queries: int) -> None:
    city = load_city()
    template = load_places(city)[0][0]
    rng = random.Random(2026)
    south, west, north, east = city.bbox
    places = [replace(template, id=str(i), lat=rng.uniform(south, north), lon=rng.uniform(west, east)) for i in range(points)]
    timings = []
    for _ in range(queries):
        lat, lon = rng.uniform(south, north), rng.uniform(west, east)
        t0 = time.perf_counter()
        nearest(places, lat, lon, limit=10)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    print(f"nearest 10 of {points} places: median {statistics.median(timings):.1f} ms, "
          f"p95 {timings[int(0.95 * len(timings)) - 1]:.1f} ms, max {timings[-1]:.1f} ms ({queries} queries)")


def bench_render(runs: int) -> None:
    from playwright.sync_api import sync_playwright

    from audit.browser import find_chromium, launch_args

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t_start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "audit", "app", "--port", str(port), "--tiles", "none"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                urllib.request.urlopen(url + "_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        print(f"app server ready after {time.perf_counter() - t_start:.1f} s")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium()[0], args=launch_args())
            for run in range(1, runs + 1):
                for width in (390, 1280):
                    page = browser.new_page(locale="fi-FI", viewport={"width": width, "height": 900})
                    t0 = time.perf_counter()
                    page.goto(url)
                    page.wait_for_selector("h1", state="visible", timeout=60000)
                    t_heading = time.perf_counter() - t0
                    page.get_by_role("textbox", name="Postinumerosi").wait_for(timeout=60000)
                    t_form = time.perf_counter() - t0
                    page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(".leaflet-marker-icon").first.wait_for(timeout=60000)
                    t_map = time.perf_counter() - t0
                    t1 = time.perf_counter()
                    page.get_by_role("textbox", name="Postinumerosi").fill("00840")
                    page.keyboard.press("Enter")
                    page.wait_for_selector("ol.kaikille-places li", state="attached", timeout=60000)
                    t_answer = time.perf_counter() - t1
                    print(f"render {run} at {width} px: heading {t_heading:.2f} s, postcode box {t_form:.2f} s, "
                          f"map with markers {t_map:.2f} s; postcode 00840 -> nearest list {t_answer:.2f} s")
                    page.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--renders", type=int, default=3)
    parser.add_argument("--no-render", action="store_true")
    args = parser.parse_args()
    bench_search(args.points, args.queries)
    if not args.no_render:
        bench_render(args.renders)


if __name__ == "__main__":
    main()
