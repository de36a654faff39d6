"""The floor: the least work that audits each page — load it, inject axe-core into its frames, run
axe — with N pages in parallel in one browser. No crawl, no reports. Prints one JSON object:
{url: {rule: failing elements}}.

    python bench/floor.py URLS.txt AXE.min.js --concurrency N --tags a,b,c
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

from playwright.async_api import async_playwright

from audit.browser import find_chromium, launch_args


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls")
    parser.add_argument("axe")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--tags", required=True)
    args = parser.parse_args()
    urls = Path(args.urls).read_text().split()
    source = Path(args.axe).read_text()
    options = {"runOnly": {"type": "tag", "values": args.tags.split(",")}, "resultTypes": ["violations"]}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    results: dict[str, dict[str, int]] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=find_chromium()[0], args=launch_args())
        context = await browser.new_context()

        async def worker() -> None:
            while not queue.empty():
                url = queue.get_nowait()
                page = await context.new_page()
                await page.goto(url, wait_until="load")
                for frame in page.frames:
                    await frame.evaluate(source)
                raw = await page.evaluate("o => axe.run(document, o)", options)
                results[url] = {v["id"]: len(v["nodes"]) for v in raw["violations"]}
                await page.close()

        await asyncio.gather(*(worker() for _ in range(args.concurrency)))
        await browser.close()
    print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main())
