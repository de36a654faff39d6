"""kaikille audit: crawl sites with Playwright, run axe-core on every page, report for CI."""

__version__ = "0.1.0"
TOOL_NAME = "kaikille"
