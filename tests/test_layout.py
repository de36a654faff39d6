"""The house stays as designed: which package may import which, and one Playwright module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGES = ("kaikille", "audit", "locator", "statements")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package, forbidden", [
    ("kaikille", ("audit", "locator", "statements")),  # the core serves everyone and needs no one
    ("audit", ("locator", "statements")),
    ("locator", ("audit", "statements")),
])
def test_import_directions(package, forbidden):
    for path in modules(package):
        bad = {m for m in imports(path) if m.split(".")[0] in forbidden}
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_statements_read_only_the_audits_model():
    for path in modules("statements"):
        reached = {m for m in imports(path) if m.split(".")[0] == "audit"}
        assert reached <= {"audit.model"}, f"{path.relative_to(ROOT)} imports {sorted(reached)}"


def test_only_the_browser_stage_imports_playwright():
    users = {str(p.relative_to(ROOT)) for pkg in PACKAGES for p in modules(pkg)
             if any(m.split(".")[0] == "playwright" for m in imports(p))}
    assert users and all(u.startswith("audit/browser/") for u in users), users


def test_commands_that_need_no_browser_do_not_load_playwright():
    probe = ("import sys, audit.cli, audit.jobs, audit.merge, audit.urllist, statements.cli, locator.cli; "
             "sys.exit('playwright' in ' '.join(sys.modules))")
    assert subprocess.run([sys.executable, "-c", probe], timeout=60).returncode == 0


def test_no_two_modules_differ_only_by_a_suffix():
    names = sorted(p.stem for pkg in PACKAGES for p in modules(pkg) if p.stem != "__init__")
    clashes = [(a, b) for a in names for b in names if a != b and b.startswith(a) and len(b) - len(a) <= 3]
    assert not clashes, clashes
