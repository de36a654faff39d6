"""A realistic local test site for the benchmarks: N pages of five kinds (article, form, table,
gallery, listing) with shared navigation; about a third carry typical accessibility faults.
Deterministic for a given N and seed.

``frames=True`` is the second site of the speed bench (issue 13): every page also loads a stylesheet,
a web font, four photos (PNG, about 30 KB each) and one iframe (a "map widget" document of its own,
one of five, with its own faults), as a city page with an embedded service does."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

KINDS = ("article", "form", "table", "gallery", "listing")
WORDS = ("kirjasto palvelu asukas digituki neuvonta kaupunki tapahtuma ohje lomake varaus kartta "
         "library service resident support guidance city event help form booking map").split()


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def nav(i: int, total: int) -> str:
    targets = [0, (i + 1) % total, (i + 7) % total, (i * 3 + 1) % total]
    items = "".join(f'<li><a href="/p{t}.html">Page {t}</a></li>' for t in dict.fromkeys(targets))
    return f'<header><a href="#main">Skip to content</a><nav aria-label="Main"><ul>{items}</ul></nav></header>'


def body(kind: str, i: int, faulty: bool, rng: random.Random) -> str:
    if kind == "article":
        paragraphs = "".join(f"<p>{sentence(rng, 30)}</p>" for _ in range(rng.randint(3, 8)))
        grey = '<p style="color:#aaa">Updated yesterday.</p>' if faulty else '<p style="color:#333">Updated yesterday.</p>'
        return f"<h2>Article {i}</h2>{paragraphs}{grey}"
    if kind == "form":
        label = "" if faulty else '<label for="name">Name</label>'
        return (f'<h2>Book a time</h2><form action="/p{i}.html">{label}<input id="name" name="name" type="text">'
                '<label for="when">Date</label><input id="when" name="when" type="date">'
                f'<button type="submit">{"" if faulty else "Book"}</button></form>')
    if kind == "table":
        head = "<tr><td>Place</td><td>Hours</td></tr>" if faulty else '<tr><th scope="col">Place</th><th scope="col">Hours</th></tr>'
        rows = "".join(f"<tr><td>{rng.choice(WORDS).title()} {n}</td><td>{9 + n % 3}–{16 + n % 4}</td></tr>" for n in range(15))
        return f"<h2>Opening hours</h2><table><caption>Opening hours</caption>{head}{rows}</table>"
    if kind == "gallery":
        alts = ["" if faulty and n % 2 else f' alt="Photo {n}"' for n in range(8)]
        images = "".join(f'<img src="/img.svg" width="60" height="40"{alt}>' for alt in alts)
        return f"<h2>Gallery</h2><div>{images}</div>"
    links = "".join(f'<li><a href="/p{(i + n) % 50}.html">{sentence(rng, 4)}</a></li>' for n in range(20))
    empty = '<a href="/p0.html"><span></span></a>' if faulty else ""
    return f"<h2>Listing</h2><ul>{links}</ul>{empty}"


def png(width: int, height: int, rng: random.Random) -> bytes:
    """A noisy RGB picture (so it does not compress to nothing): a real PNG a browser decodes."""
    rows = b"".join(b"\x00" + bytes(rng.getrandbits(8) for _ in range(width * 3)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")


def widget(n: int) -> str:
    faulty = n % 2 == 0
    button = '<button class="zoom"></button>' if faulty else '<button class="zoom">Zoom in</button>'
    image = '<img src="/photo0.png" width="120" height="80">' if faulty else '<img src="/photo0.png" width="120" height="80" alt="Map">'
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Map widget {n}</title>'
            f'<link rel="stylesheet" href="/style.css"></head><body><main><h1>Service points</h1>{image}{button}'
            f'<ul>{"".join(f"<li><a href=/p{k}.html>Point {k}</a></li>" for k in range(n, n + 6))}</ul></main></body></html>')


def extras(i: int) -> tuple[str, str]:
    """The head and body additions of a page of the frames variant."""
    head = '<link rel="stylesheet" href="/style.css">'
    photos = "".join(f'<img src="/photo{(i + n) % 8}.png" width="160" height="100" alt="Photo {n}">' for n in range(4))
    frame = f'<iframe src="/widget{i % 5}.html" title="Map of service points" width="400" height="300"></iframe>'
    return head, f"<section><h2>Nearby</h2>{photos}{frame}</section>"


def generate(folder: Path, total: int, seed: int = 2026, frames: bool = False) -> list[str]:
    """Write p0.html … p{total-1}.html; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    if frames:
        art = random.Random(seed + 1)
        for n in range(8):
            (folder / f"photo{n}.png").write_bytes(png(100, 100, art))
        (folder / "font.woff2").write_bytes(bytes(art.getrandbits(8) for _ in range(40_000)))  # loaded, never valid
        (folder / "style.css").write_text("@font-face { font-family: City; src: url(/font.woff2) format('woff2'); }\n"
                                          "body { font-family: City, sans-serif; margin: 0 auto; max-width: 60rem; }\n"
                                          "img { margin: 4px; } iframe { border: 1px solid #555; }\n")
        for n in range(5):
            (folder / f"widget{n}.html").write_text(widget(n), "utf-8")
    (folder / "img.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="60" height="40"><rect width="60" height="40" fill="#3a6"/></svg>')
    paths = []
    for i in range(total):
        kind = KINDS[i % len(KINDS)]
        faulty = rng.random() < 0.35
        head, more = extras(i) if frames else ("", "")
        html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{kind.title()} {i}</title>'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">{head}</head><body>{nav(i, total)}'
                f'<main id="main"><h1>{kind.title()} page {i}</h1>{body(kind, i, faulty, rng)}{more}</main>'
                f"<footer><p>Demo City</p></footer></body></html>")
        (folder / f"p{i}.html").write_text(html, "utf-8")
        paths.append(f"/p{i}.html")
    return paths
