"""Which addresses we may turn into live links in what we write for people (reports, statements,
the app): only https: and http:, and mailto: / tel: built from checked values; nothing that could
run a script or break out of an HTML attribute or a Markdown link."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from kaikille.files import package_json

_UNSAFE = re.compile(r"[\s<>\"'`\\\x00-\x1f\x7f]")


def is_web_address(url: object) -> bool:
    """An http(s) address with a host and no character that could end the link it is put in."""
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or _UNSAFE.search(url):
        return False
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False


def is_safe_link(url: object) -> bool:
    """A web address, or a mailto:/tel: link without characters that could break out."""
    if is_web_address(url):
        return True
    return isinstance(url, str) and url.startswith(("mailto:", "tel:")) and not _UNSAFE.search(url)


def in_scope(url: str, scope: tuple[str, ...]) -> bool:
    """Whether an address is covered by a scope (a statement's, an evaluation's): the same scheme,
    host and port as one of its addresses, and under that address's path."""
    page = urlsplit(url)
    for address in scope:
        base = urlsplit(address)
        if (page.scheme, (page.hostname or "").lower(), page.port) == (base.scheme, (base.hostname or "").lower(), base.port) \
                and (page.path or "/").startswith(base.path or "/"):
            return True
    return False


def tel_target(number: str) -> str:
    """The tel: link for a phone number as people write it ("09 310 10011" -> "tel:0931010011")."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


@cache
def statement_link_pattern() -> str:
    """The regular expression (Python and JavaScript alike) for the name of a link to an accessibility
    statement, matched against the lower-cased name: saavutettavuusseloste, tillgänglighetsutlåtande…"""
    return package_json("kaikille", "data/statement_link.json")["pattern"]


def names_statement(name: str) -> bool:
    return bool(re.search(statement_link_pattern(), " ".join(name.split()).lower()))
