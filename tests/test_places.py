"""Grouping by place, in a real Chromium: a five-page site from one template, whose template
elements carry each page's own text or address, gives one group per template fix and keeps each
page's own content apart."""

from __future__ import annotations

import pytest

from audit.config import AuditConfig
from audit.jobs import audit
from kaikille.loopback import serve

NAMES = ("index", "events", "feedback", "services", "contact")
TEMPLATE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{name} – Demo</title></head><body>
<header><a href="/index.html"><img src="/logo.svg"></a><a href="/share?page={name}"></a></header>
<div class="banner"><h1>{name}</h1></div>
<nav aria-label="Site"><ul>{links}</ul></nav>
<main><p>About {name}.</p><img src="/{name}.jpg"></main>
<footer><p>Demo City</p></footer>
</body></html>"""


@pytest.mark.browser
def test_one_group_per_template_fix_and_page_content_apart(chromium, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    links = "".join(f'<li><a href="/{n}.html">{n}</a></li>' for n in NAMES)
    for name in NAMES:
        (site / f"{name}.html").write_text(TEMPLATE.format(name=name, links=links), "utf-8")
    with serve(site) as base:
        outcome = audit(AuditConfig(urls=(base + "index.html",), out=str(tmp_path / "out"), browser_path=chromium,
                                    best_practice=True, no_history=True, no_checks=True))
        quiet = audit(AuditConfig(urls=(base + "index.html",), out=str(tmp_path / "quiet"), browser_path=chromium,
                                  best_practice=True, no_history=True, no_checks=True, no_screenshots=True))
    groups = outcome.report.groups()
    by_rule: dict[str, list[int]] = {}
    for g in groups:
        by_rule.setdefault(g.rule_id, []).append(g.page_count)
    assert by_rule["region"] == [5], "each page's own h1 outside landmarks: one place, one fix"
    assert by_rule["link-name"] == [5, 5], "the logo's link, and the share link with each page's own address"
    assert sorted(by_rule["image-alt"]) == [1, 1, 1, 1, 1, 5], "the logo once; each page's own image apart"
    logo = next(g for g in groups if g.rule_id == "image-alt" and g.page_count == 5)
    assert logo.landmark == "banner" and logo.place == "header > a:nth-of-type(1) > img"
    own = [g for g in groups if g.rule_id == "image-alt" and g.page_count == 1]
    assert all(g.landmark == "main" and g.place is None for g in own)
    assert groups[0].page_count == 5 and groups[-1].page_count == 1  # the fixes that clear five pages first

    # a picture per group, outlined, bounded, beside the report and shown in it
    share = next(g for g in groups if g.place == "header > a:nth-of-type(2)")
    assert share.screenshot is None  # an empty link has no size: nothing to picture
    pictures = [g.screenshot for g in groups if g is not share]
    assert all(pictures) and len(set(pictures)) == len(groups) - 1
    html = (tmp_path / "out" / "report.html").read_text("utf-8")
    for picture in pictures:
        data = (tmp_path / "out" / picture).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert 8 <= width <= 1200 and 8 <= height <= 800, (picture, width, height)
        assert f'<img src="{picture}" alt="The failing element, outlined in red, on ' in html
    assert all(g.screenshot is None for g in quiet.report.groups()) and not (tmp_path / "quiet" / "screenshots").exists()
    assert [g.rule_id for g in quiet.report.groups()] == [g.rule_id for g in groups]  # the pictures change no finding
