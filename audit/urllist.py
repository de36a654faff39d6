"""The URL list `kaikille discover` writes and `kaikille audit --urls-from FILE --shard i/n` reads,
and the stable split of its URLs between CI machines."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path

from audit.frontier import Target
from kaikille.errors import UsageError
from kaikille.files import read_json_object, write_json

FORMAT = "kaikille-urls/1"


def read_url_list(path: str | Path) -> list[tuple[str, list[Target]]]:
    data = read_json_object(path, "URL list", " (write one with `kaikille discover`)")
    if data.get("format") != FORMAT:
        raise UsageError(f"{path}: not a kaikille URL list (expected \"format\": \"{FORMAT}\")")
    sites = data.get("sites")
    if not isinstance(sites, list):
        raise UsageError(f"{path}: 'sites' must be a list")
    listed = []
    for i, entry in enumerate(sites):
        where = f"{path}: sites[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("site"), str) or not isinstance(entry.get("urls"), list):
            raise UsageError(f"{where} must have a 'site' (a URL) and a 'urls' list")
        targets = []
        for j, u in enumerate(entry["urls"]):
            ok = (isinstance(u, dict) and isinstance(u.get("url"), str) and isinstance(u.get("depth"), int)
                  and not isinstance(u.get("depth"), bool) and u["depth"] >= 0 and isinstance(u.get("found_on"), (str, type(None))))
            if not ok:
                raise UsageError(f"{where}.urls[{j}] must have 'url' (text), 'depth' (a whole number) and 'found_on'")
            targets.append(Target(u["url"], u["depth"], u.get("found_on")))
        listed.append((entry["site"], targets))
    return listed


def list_key(listed: list[tuple[str, list[Target]]]) -> str:
    """Which list a shard came from: a hash over every site and URL of the whole list."""
    text = "\n".join(f"{site}\t{t.url}" for site, targets in listed for t in targets)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_shard(value: str) -> tuple[int, int]:
    try:
        index, count = (int(x) for x in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard must look like 2/5 (this machine's number / how many), got {value!r}") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {value}: the number must be between 1 and {count}")
    return index, count


def in_shard(url: str, shard: tuple[int, int]) -> bool:
    """Stable across machines and runs: decided by a hash of the normalised URL only."""
    index, count = shard
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:12], 16) % count == index - 1


def url_list_document(sites: list[tuple[str, list[Target]]], skipped: list[dict], created_at: str) -> dict:
    return {
        "format": FORMAT,
        "created_at": created_at,
        "sites": [{"site": site, "urls": [asdict(t) for t in targets]} for site, targets in sites],
        "skipped": skipped,
    }


def write_url_list(document: dict, path: str | Path) -> None:
    write_json(path, document)
