"""Tabs are reused from one URL to the next (a renderer kept is a process not started), and nothing of
one page reaches the next: its sessionStorage is emptied, its size restored, and a visit that did
not end cleanly never gives its tab to another."""

from __future__ import annotations

import pytest

from audit.config import AuditConfig
from audit.jobs import audit
from kaikille.loopback import serve

pytestmark = pytest.mark.browser

HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body><main><h1>{title}</h1>'
FIRST = (HEAD.format(title="First") + '<p><a href="second.html">Second</a></p>'
         "<script>sessionStorage.setItem('seen', 'yes');</script></main></body></html>")
# The second page reports what it finds of the tab it is loaded in: history it did not make, and
# sessionStorage it did not set (an image without a text alternative, so the audit would see it).
SECOND = (HEAD.format(title="Second") + "<script>"
          "document.title = 'Second: history ' + history.length + ', width ' + innerWidth;"
          "if (sessionStorage.getItem('seen')) { const i = document.createElement('img'); i.src = 'data:,'; "
          "document.querySelector('main').append(i); }"
          "</script></main></body></html>")


def test_a_reused_tab_carries_nothing_of_the_page_before(chromium, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(FIRST, "utf-8")
    (site / "second.html").write_text(SECOND, "utf-8")
    with serve(site) as base:
        outcome = audit(AuditConfig(urls=(base,), out=str(tmp_path / "out"), concurrency=1, per_host=1,
                                    checks=("all",), browser_path=chromium, no_history=True, no_screenshots=True))
    pages = {p.url.rsplit("/", 1)[1]: p for p in outcome.report.pages}
    second = pages["second.html"]
    assert second.error is None
    assert not [f for f in second.findings if f.rule_id == "image-alt"], "sessionStorage of the first page leaked"
    assert second.facts, "the checks ran (the layout checks resize the tab and must put it back)"
    # the same tab (its history holds the first page and about:blank between), at the default width
    history, width = (int(part.split()[-1]) for part in second.title.removeprefix("Second: ").split(", "))
    assert history >= 3 and width == 1280, second.title
