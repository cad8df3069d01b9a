"""Benchmark the question engine on synthetic corpora of 100 and 1,000 news articles.

The articles are variants of real texts (the default corpus and tests/questions/texts): person
names swapped for invented ones, publication and in-text dates shifted by whole weeks (so
"on Tuesday" still fits the new date), quantities renumbered, body paragraphs shuffled and
recombined with paragraphs of other articles. No two articles are the same. A share of them
is written as HTML pages. Each corpus is written to a folder with a manifest.json and timed
end to end on one core: load_documents (read, HTML to text, paragraphs, clutter) + analyse +
build_questions.

    .venv/bin/python bench/engine.py [--sizes 100,1000] [--seed 0] [--profile]

Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import html
import io
import json
import os
import platform
import pstats
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from random2 import Random

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from questions import (  # noqa: E402
    DEFAULT_CORPUS,
    analyse,
    build_questions,
    load_documents,
)

OWN_TEXTS = ROOT / "tests" / "questions" / "texts"
DEFAULT_ANCHOR = date(2024, 6, 15)  # for a source with no publication date

# The real people of the source texts: (full name, gender, other spellings, lone first name).
PEOPLE: list[tuple[str, str, tuple[str, ...], bool]] = [
    ("Benjamin Netanyahu", "m", (), False), ("Antony Blinken", "m", ("Anthony Blinken",), False),
    ("Karine Jean-Pierre", "f", (), True), ("Joe Biden", "m", (), False),
    ("Yoav Gallant", "m", ("Galanat",), False), ("Matthew Miller", "m", (), False),
    ("Amos Hochstein", "m", (), False), ("Brett McGurk", "m", (), False),
    ("Bill Burns", "m", (), False), ("Lloyd Austin", "m", (), False),
    ("Jake Sullivan", "m", (), False), ("Ron Dermer", "m", (), False),
    ("Yahya Sinwar", "m", (), False), ("Hassan Nasrallah", "m", (), False),
    ("Ismail Haniyeh", "m", (), False), ("Tzachi Hanegbi", "m", (), False),
    ("Sandra Avalos", "f", (), False), ("Kevin Lamarque", "m", (), False),
    ("Matt Spetalnick", "m", (), False), ("Steve Holland", "m", (), False),
    ("Katharine Jackson", "f", (), False), ("Chris Reese", "m", (), False),
    ("Diane Craft", "f", (), False), ("Cynthia Osterman", "f", (), False),
    ("Donald Trump", "m", (), False), ("Barack Obama", "m", (), False),
    ("Maria Okafor", "f", (), False), ("Stephen Adeyemi", "m", ("Steven Adeyemi",), False),
    ("Dolores Fenwick", "f", (), False), ("Priya Raman", "f", (), False),
    ("Carmen Delacroix", "f", (), False), ("Graham Whitlow", "m", (), False),
    ("Tomás Ferreira", "m", (), False), ("Eleanor Mbeki", "f", (), False),
    ("Rafael Ortiz", "m", (), False), ("Niamh Gallagher", "f", (), False),
    ("Kwame Asante", "m", (), False), ("Lucia Ferraro", "f", (), False),
    ("Henri Valcourt", "m", (), False), ("Janet Hollis", "f", (), False),
    ("Rosa Quint", "f", (), False), ("Walter Brisk", "m", (), False),
    ("Rebecca Lindqvist", "f", (), False), ("Marcus Hale", "m", (), False),
    ("Anjali Rao", "f", (), False), ("Dario Lenz", "m", (), True),
    ("Ines Albrecht", "f", (), False), ("Bernard Okoye", "m", (), False),
    ("Yusuf Demir", "m", (), False), ("Ivan Sokol", "m", (), False),
    ("Paul Dresner", "m", (), False), ("Aiko Tan", "f", (), False),
    ("Orla Kinsella", "f", (), False), ("Declan Roe", "m", (), False),
]
# Invented names: first names by gender and surnames, combined at random per article.
FIRST_NAMES = {
    "f": [
        "Adela", "Brenna", "Calla", "Dagny", "Edwina", "Farah", "Greta", "Halima", "Ilse",
        "Jocasta", "Kerstin", "Leontine", "Maribel", "Nadia", "Odile", "Petra", "Quilla",
        "Rosalind", "Saoirse", "Tamsin", "Ulla", "Verity", "Wilhelmina", "Ximena", "Yolanda",
        "Zofia", "Amara", "Bettina", "Cosima", "Delphine", "Elodie", "Fenella", "Giulia", "Honora",
        "Isaura", "Jolanta", "Katya", "Lorna", "Mirela", "Noor", "Oriane", "Paloma", "Renata",
        "Solveig", "Thea", "Una", "Vesna", "Winona", "Yara", "Zinnia",
    ],
    "m": [
        "Alaric", "Bastian", "Casimir", "Dorian", "Emeric", "Fergal", "Gideon", "Hakon",
        "Ignatius", "Jovan", "Kasimir", "Lorcan", "Magnus", "Nikolai", "Osric", "Piers", "Quentin",
        "Rasmus", "Silvan", "Tobias", "Ulrich", "Viggo", "Wendell", "Xavier", "Yannick", "Zoltan",
        "Ambrose", "Benedikt", "Cormac", "Dmitri", "Evander", "Florian", "Gunnar", "Horatio",
        "Idris", "Jasper", "Konrad", "Leopold", "Mattias", "Nils", "Oskar", "Perrin", "Rufus",
        "Stellan", "Teodor", "Umberto", "Valentin", "Wystan", "Yorick", "Zeno",
    ],
}
SURNAMES = [
    "Abernathy", "Achterberg", "Ainsworth", "Albescu", "Alvarenga", "Ambrosetti", "Arkwright",
    "Ashdown", "Balogun", "Barrowclough", "Beauchene", "Belmonte", "Birkeland", "Blackwood",
    "Bordessa", "Brannigan", "Brightwater", "Calloway", "Carvalhal", "Castellane", "Chatterly",
    "Coldwell", "Corrigan", "Cresswell", "Dalgleish", "Darrowby", "Delacourt", "Desrosiers",
    "Drummond", "Dunleavy", "Eastwick", "Ekwueme", "Ellery", "Esterhazy", "Fairbrother",
    "Falconer", "Fennimore", "Fitzalan", "Fontaine", "Gainsborough", "Galbraith", "Garnier",
    "Glanville", "Grimaldi", "Halvorsen", "Hargreave", "Hawthorne", "Holloway", "Ibarra",
    "Iglesias", "Ingersoll", "Jablonski", "Jardine", "Kavanagh", "Kettering", "Kowalczyk",
    "Lachance", "Langstaff", "Lindgren", "Lockhart", "Mabuza", "Macready", "Marchetti", "Montague",
    "Moreau", "Nakamura", "Nettleton", "Northcott", "Obuya", "Okonkwo", "Oyelaran", "Pacheco",
    "Pemberton", "Pellegrini", "Quarrington", "Radcliffe", "Ravensworth", "Rosenthal",
    "Rutherford", "Salcedo", "Sandoval", "Scarlett", "Sorensen", "Strathmore", "Tallis", "Thorsen",
    "Trevanion", "Underhill", "Valdivia", "Vandermeer", "Varga", "Wainwright", "Whitcombe",
    "Wolstenholme", "Yardley", "Yilmaz", "Zamora", "Zielinski",
]

# The test texts that report one story (the default corpus is one story too).
STORIES = {"council_budget": "hartwell", "school_board": "hartwell"}

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
         "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_NUM = {**{m: i + 1 for i, m in enumerate(_MONTHS)}, **_ABBR}
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|" \
       r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_DAY = r"(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    ("mdy", re.compile(rf"\b{_MON}\.?\s+{_DAY}(?P<sep>,?\s+){_YEAR}\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+{_MON}\.?,?\s+{_YEAR}\b")),
    ("md", re.compile(rf"\b{_MON}\.?\s+{_DAY}\b(?!\d|,?\s+(?:19|20)\d\d)")),
    ("my", re.compile(rf"\b{_MON}\s+(?:of\s+)?{_YEAR}\b")),
    ("m", re.compile(rf"\b(?:in|since|until|by|from|during|before|after|last|this|next|"
                     rf"early|late|mid-)\s*{_MON}\b(?!\s+\d)")),
]
_NUMBER = re.compile(r"(?<![\w.:\-/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w]|[.,:\-/]\d)")
_TIME_AFTER = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|am\b|pm\b)", re.IGNORECASE)
_LABEL_BEFORE = re.compile(r"(?:No\.|Route|Top|TOP|Article|Section|Chapter)\s*$")
_PERCENT_AFTER = re.compile(r"\s*(?:percent|per cent|%)")


@dataclass
class Source:
    """One real article to vary: its text, metadata and paragraph layout."""

    stem: str
    text: str
    meta: dict[str, object]
    paragraphs: list[tuple[int, int]]  # start, end of each non-blank line
    body: list[int]  # indices of paragraphs that may be shuffled, dropped or donated
    story: str  # articles on one story may lend each other paragraphs


@dataclass
class Article:
    """One synthetic article, ready to write."""

    file: str
    text: str
    meta: dict[str, object]
    html: bool = False


@dataclass
class Run:
    """Figures for one pass of the engine over one corpus."""

    label: str
    articles: int
    chars: int = 0
    bytes_on_disk: int = 0
    html_files: int = 0
    corpus_sha256: str = ""  # of every article's text and metadata: same seed, same corpus
    generate_s: float = 0.0
    load_s: float = 0.0
    analyse_s: float = 0.0
    questions_s: float = 0.0
    cpu_s: float = 0.0
    tracemalloc_peak_mib: float | None = None
    tracemalloc_run_s: float | None = None
    maxrss_mib: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total_s(self) -> float:
        return self.load_s + self.analyse_s + self.questions_s

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label, "articles": self.articles, "chars": self.chars,
            "bytes_on_disk": self.bytes_on_disk, "html_files": self.html_files,
            "corpus_sha256": self.corpus_sha256,
            "generate_s": round(self.generate_s, 4), "load_s": round(self.load_s, 4),
            "analyse_s": round(self.analyse_s, 4), "questions_s": round(self.questions_s, 4),
            "total_s": round(self.total_s, 4), "cpu_s": round(self.cpu_s, 4),
            "articles_per_s": round(self.articles / self.total_s, 2) if self.total_s else None,
            "tracemalloc_peak_mib": _round(self.tracemalloc_peak_mib),
            "tracemalloc_run_s": _round(self.tracemalloc_run_s),
            "maxrss_mib": round(self.maxrss_mib, 1), **self.counts,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


# ---------------------------------------------------------------- sources


def read_sources() -> list[Source]:
    """Read the default corpus and the test texts with their manifests.

    The paragraph layout comes from the bench's own rules, not the engine's, so the same
    seed gives the same corpus whatever version of the engine is measured.
    """
    sources: list[Source] = []
    for folder in (DEFAULT_CORPUS, OWN_TEXTS):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["documents"]:
            text = (folder / entry["file"]).read_text(encoding="utf-8")
            spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
            spans = [(s + len(text[s:e]) - len(text[s:e].lstrip()), e - len(text[s:e])
                      + len(text[s:e].rstrip())) for s, e in spans]
            stem = Path(entry["file"]).stem
            story = "default corpus" if folder == DEFAULT_CORPUS else STORIES.get(stem, stem)
            sources.append(Source(stem, text, dict(entry), spans, _body(text, spans), story))
    return sources


# A line that opens the page footer: donation appeals, newsletter prompts, trending lists ...
_FOOTER = re.compile(r"donat|support independent|needs your support|readers like you|sign up|"
                     r"trending|share (?:this|your|on)|©|all rights reserved|our standards|"
                     r"reporting by", re.IGNORECASE)
_BODY_MIN_CHARS = 80  # shorter lines are headlines, subheads, datelines or page furniture


def _body(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Article paragraphs after the headline and lead, up to the footer."""
    body: list[int] = []
    long_seen = 0
    for i, (start, end) in enumerate(spans):
        line = text[start:end]
        if _FOOTER.search(line):
            break
        if end - start >= _BODY_MIN_CHARS:
            long_seen += 1
            if long_seen > 1:
                body.append(i)
    return body


# ---------------------------------------------------------------- variation


def make_article(index: int, sources: list[Source], rng: Random, html_share: float) -> Article:
    """Build one article from a source: recombined paragraphs, new dates, numbers and names."""
    source = sources[index % len(sources)]
    text = recombine(source, sources, rng)
    published = _published(source)
    weeks = rng.choice([k for k in range(-60, 61) if k])
    new_published = published + timedelta(weeks=weeks)
    months = (new_published.year * 12 + new_published.month) - (published.year * 12
                                                                   + published.month)
    text = shift_dates_and_numbers(text, published, weeks * 7, months, _factor(rng))
    mapping = name_mapping(rng)
    text = swap_names(text, mapping)
    title = swap_names(str(source.meta.get("title") or ""), mapping) or None
    meta: dict[str, object] = {
        "title": title, "outlet": source.meta.get("outlet"), "url": None,
        "published": new_published.isoformat() if source.meta.get("published") else None,
        "approximate": bool(source.meta.get("approximate")),
        "source": source.stem, "variant": index,
    }
    as_html = rng.random() < html_share
    stem = f"a{index:05d}_{source.stem[:24]}"
    return Article(f"{stem}.html" if as_html else f"{stem}.txt", text, meta, as_html)


def _published(source: Source) -> date:
    value = source.meta.get("published")
    return date.fromisoformat(str(value)) if value else DEFAULT_ANCHOR


def _factor(rng: Random) -> float:
    while True:
        factor = rng.uniform(0.5, 2.5)
        if abs(factor - 1) > 0.08:
            return factor


def recombine(source: Source, sources: list[Source], rng: Random) -> str:
    """Shuffle some body paragraphs, drop one, and splice in paragraphs of other articles."""
    texts = [source.text[s:e] for s, e in source.paragraphs]
    body = list(source.body)
    if len(body) >= 2:
        for _ in range(rng.randint(1, 3)):
            a, b = rng.sample(body, 2)
            texts[a], texts[b] = texts[b], texts[a]
    if len(body) > 4 and rng.random() < 0.4:
        texts[rng.choice(body)] = ""
    # Paragraphs come only from articles on the same story: a flood report does not quote a
    # football chairman, and the engine would rightly merge the two stories into one.
    donors = [s for s in sources if s.stem != source.stem and s.story == source.story and s.body]
    insert_at = body[-1] if body else len(texts) - 1
    for _ in range(rng.randint(0, 3) if donors else 0):
        donor = rng.choice(donors)
        candidates = [i for i in donor.body
                      if donor.paragraphs[i][1] - donor.paragraphs[i][0] > 80]
        if candidates:
            s, e = donor.paragraphs[rng.choice(candidates)]
            at = rng.choice(body) if body else insert_at
            texts[at] = f"{texts[at]}\n\n{donor.text[s:e]}" if texts[at] else donor.text[s:e]
    separator = "\n\n" if re.search(r"\n[ \t]*\n", source.text) else "\n"
    kept = [t.replace("\n\n", separator) for t in texts if t]
    tail = source.text[len(source.text.rstrip()):]
    return separator.join(kept) + tail


def shift_dates_and_numbers(text: str, anchor: date, days: int, months: int,
                            factor: float) -> str:
    """Move dates by `days` (month-only mentions by `months`) and scale quantities."""
    edits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            new = _shift_date(kind, m, anchor, days, months)
            if new is not None:
                edits.append((m.start(), m.end(), new))
    for m in _NUMBER.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        new = _scale_number(text, m, factor)
        if new is not None:
            edits.append((m.start(), m.end(), new))
    out, last = [], 0
    for start, end, new in sorted(edits):
        out.append(text[last:start])
        out.append(new)
        last = end
    out.append(text[last:])
    return "".join(out)


def _month_name(original: str, month: int) -> str:
    full = _MONTHS[month - 1]
    if original in _ABBR:
        return "Sept" if original == "Sept" and month == 9 else full[:3]
    return full


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _shift_date(kind: str, m: re.Match[str], anchor: date, days: int,
                months: int) -> str | None:
    g = m.groupdict()
    month = _MONTH_NUM[g["mon"]]
    if kind in {"my", "m"}:
        total = month - 1 + months
        pieces = {"mon": _month_name(g["mon"], total % 12 + 1)}
        if kind == "my":
            pieces["year"] = str(int(g["year"]) + total // 12)
        return _rebuild(m, pieces)
    year = int(g["year"]) if g.get("year") else _nearest_year(anchor, month, int(g["day"]))
    try:
        new = date(year, month, int(g["day"])) + timedelta(days=days)
    except ValueError:
        return None
    pieces = {"mon": _month_name(g["mon"], new.month), "day": str(new.day)}
    if g.get("ord"):
        pieces["ord"] = _ordinal(new.day)
    if g.get("year"):
        pieces["year"] = str(new.year)
    return _rebuild(m, pieces)


def _rebuild(m: re.Match[str], pieces: dict[str, str]) -> str:
    """Return the match with its named groups replaced, the text between them kept."""
    out, last = [], m.start()
    for start, name in sorted((m.start(n), n) for n in pieces):
        out.append(m.string[last:start])
        out.append(pieces[name])
        last = m.end(name)
    out.append(m.string[last : m.end()])
    return "".join(out)


def _nearest_year(anchor: date, month: int, day: int) -> int:
    best = anchor.year
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            if abs((date(year, month, day) - anchor).days) < abs(
                    (date(best, month, day) - anchor).days):
                best = year
        except ValueError:
            continue
    return best


def _scale_number(text: str, m: re.Match[str], factor: float) -> str | None:
    whole, decimals = m.group(1), m.group(2)
    digits = whole.replace(",", "")
    value = float(digits + (decimals or ""))
    if value == 0:
        return None
    if not decimals and "," not in whole and len(digits) == 4 and digits[:2] in {"19", "20"}:
        return None  # a year
    if _TIME_AFTER.match(text, m.end()) or _LABEL_BEFORE.search(text[max(0, m.start() - 9):
                                                                        m.start()]):
        return None
    percent = bool(_PERCENT_AFTER.match(text, m.end())) and value < 100
    # Shares move less than counts, and stay below 100 percent.
    scaled = value * (factor ** 0.25 if percent else factor)
    if decimals:
        places = len(decimals) - 1
        scaled = min(scaled, 99.0) if percent else scaled
        return f"{max(scaled, 10 ** -places):.{places}f}"
    significant = max(len(digits.rstrip("0")), 1)
    magnitude = len(str(round(scaled))) - significant
    number = max(int(round(scaled, -magnitude if magnitude > 0 else 0)), 1)
    if percent:
        number = min(number, 95)
    return f"{number:,}" if "," in whole or number >= 10_000 else str(number)


def name_mapping(rng: Random) -> dict[str, str]:
    """Map every real name (full, variants, surname, lone first name) to an invented one."""
    surnames = rng.sample(SURNAMES, len(PEOPLE))
    mapping: dict[str, str] = {}
    for (full, gender, variants, first_alone), surname in zip(PEOPLE, surnames, strict=True):
        first = rng.choice(FIRST_NAMES[gender])
        old_first, _, old_surname = full.partition(" ")
        mapping[full] = f"{first} {surname}"
        for variant in variants:
            mapping[variant] = f"{first} {surname}" if " " in variant else surname
        mapping[old_surname] = surname
        if first_alone:
            mapping[old_first] = first
    return mapping


def swap_names(text: str, mapping: dict[str, str]) -> str:
    """Replace names on word boundaries, longest first."""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in
                                             sorted(mapping, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def render_html(article: Article) -> str:
    """Wrap an article's paragraphs in a plain news page with navigation and a script."""
    meta = article.meta
    paragraphs = [p.strip() for p in re.split(r"\n", article.text) if p.strip()]
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    title = html.escape(str(meta.get("title") or ""))
    published = meta.get("published")
    head = [f"<title>{title}</title>", f'<meta property="og:title" content="{title}">',
            f'<meta property="og:site_name" content="{html.escape(str(meta["outlet"]))}">']
    if published:
        head.append(f'<meta property="article:published_time" content="{published}T08:00:00Z">')
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" + "".join(head)
        + "</head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\n"
        + "<script>window.dataLayer = [\"<p>not text</p>\"];</script>\n<article>\n" + body
        + "\n</article>\n<footer><p>&copy; 2025 " + html.escape(str(meta["outlet"]))
        + ". All rights reserved.</p></footer></body></html>\n"
    )


def build_corpus(size: int, seed: int, sources: list[Source],
                 html_share: float) -> list[Article]:
    """Return `size` distinct articles, the same ones for the same seed."""
    articles: list[Article] = []
    seen: set[str] = set()
    for index in range(size):
        attempt = 0
        while True:
            rng = Random(_int_seed(seed, index, attempt))
            article = make_article(index, sources, rng, html_share)
            digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
            if digest not in seen:
                seen.add(digest)
                articles.append(article)
                break
            attempt += 1
    return articles


def _int_seed(*parts: int) -> int:
    """Return an integer seed (random2 seeds strings through hash(), which varies by run)."""
    key = ":".join(map(str, parts)).encode("ascii")
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


def write_corpus(articles: list[Article], folder: Path) -> int:
    """Write the articles and their manifest.json; return the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    entries = []
    for article in articles:
        content = render_html(article) if article.html else article.text
        data = content.encode("utf-8")
        (folder / article.file).write_bytes(data)
        total += len(data)
        entries.append({"file": article.file, **article.meta})
    manifest = json.dumps({"documents": entries}, ensure_ascii=False, indent=1).encode("utf-8")
    (folder / "manifest.json").write_bytes(manifest)
    return total + len(manifest)


# ---------------------------------------------------------------- measuring


def pin_one_core() -> str:
    """Pin this process to one CPU, so the figures are single-core figures."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def engine_version() -> str:
    """Return the checkout's commit, marked dirty when questions/ has local changes."""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "questions"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}{'+dirty' if dirty else ''}"


def maxrss_mib() -> float:
    """Return the process's peak resident set size so far, in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def run_engine(folder: Path, seed: int, run: Run) -> None:
    """Time load_documents + analyse + build_questions once; fill in run's figures."""
    gc.collect()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    documents = load_documents([folder])
    t1 = time.perf_counter()
    analysis = analyse(documents)
    t2 = time.perf_counter()
    bank = build_questions(analysis, seed=seed)
    t3 = time.perf_counter()
    run.cpu_s = time.process_time() - cpu0
    run.load_s, run.analyse_s, run.questions_s = t1 - t0, t2 - t1, t3 - t2
    run.chars = sum(len(d.text) for d in documents)
    run.counts = _counts(documents, analysis, bank)


def _counts(documents: list, analysis: object, bank: list) -> dict[str, int]:
    counts = {
        "documents": len(documents),
        "paragraphs": sum(len(d.paragraphs) for d in documents),
        "clutter_paragraphs": sum(p.clutter for d in documents for p in d.paragraphs),
        "people": len(getattr(analysis, "people", {})),
        "quotes": len(analysis.quotes), "dates": len(analysis.dates),
        "dates_resolved": sum(d.value is not None for d in analysis.dates),
        "events": len(analysis.events), "facts": len(getattr(analysis, "facts", [])),
        "groups": len(getattr(analysis, "groups", [])), "questions": len(bank),
    }
    for question in bank:
        counts[f"questions_{question.kind}"] = counts.get(f"questions_{question.kind}", 0) + 1
    return counts


def run_traced(folder: Path, seed: int) -> tuple[float, float]:
    """Run the engine under tracemalloc; return (peak MiB, seconds, slowed by tracing)."""
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    analysis = analyse(load_documents([folder]))
    build_questions(analysis, seed=seed)
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del analysis
    return peak / (1024 * 1024), elapsed


def bench_default(seed: int, repeats: int) -> Run:
    """Time the default corpus (5 articles) as the best of `repeats` runs."""
    best: Run | None = None
    for _ in range(repeats):
        run = Run("default corpus", 0)
        run_engine(DEFAULT_CORPUS, seed, run)
        run.articles = run.counts["documents"]
        if best is None or run.total_s < best.total_s:
            best = run
    assert best is not None
    best.label = f"default corpus (best of {repeats})"
    best.bytes_on_disk = sum(p.stat().st_size for p in DEFAULT_CORPUS.iterdir())
    best.tracemalloc_peak_mib, best.tracemalloc_run_s = run_traced(DEFAULT_CORPUS, seed)
    best.maxrss_mib = maxrss_mib()
    return best


def bench_size(size: int, seed: int, sources: list[Source], html_share: float,
               base: Path, trace: bool) -> tuple[Run, Path]:
    """Build, write and time one synthetic corpus."""
    run = Run(f"synthetic {size}", size)
    t0 = time.perf_counter()
    articles = build_corpus(size, seed, sources, html_share)
    folder = base / f"corpus_{size}"
    run.bytes_on_disk = write_corpus(articles, folder)
    run.generate_s = time.perf_counter() - t0
    run.html_files = sum(a.html for a in articles)
    digest = hashlib.sha256()
    for article in articles:
        digest.update(json.dumps([article.file, article.text, article.meta]).encode("utf-8"))
    run.corpus_sha256 = digest.hexdigest()[:16]
    del articles
    run_engine(folder, seed, run)
    run.maxrss_mib = maxrss_mib()  # before tracing: tracemalloc's own tables inflate RSS
    print(f"  {run.label}: generated in {run.generate_s:.2f} s; load {run.load_s:.2f} s, "
          f"analyse {run.analyse_s:.2f} s, questions {run.questions_s:.2f} s, total "
          f"{run.total_s:.2f} s ({run.articles / run.total_s:.1f} articles/s)", flush=True)
    if trace:
        run.tracemalloc_peak_mib, run.tracemalloc_run_s = run_traced(folder, seed)
    return run, folder


def profile(folder: Path, seed: int, top: int) -> str:
    """Profile one engine pass over a folder; return the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    analysis = analyse(load_documents([folder]))
    build_questions(analysis, seed=seed)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# ---------------------------------------------------------------- report

_COLUMNS = [
    ("corpus", "label", "{:<30}"), ("art", "articles", "{:>5}"), ("KiB", "kib", "{:>7.0f}"),
    ("load s", "load_s", "{:>7.3f}"), ("analyse s", "analyse_s", "{:>9.3f}"),
    ("quest s", "questions_s", "{:>8.3f}"), ("total s", "total_s", "{:>8.3f}"),
    ("cpu s", "cpu_s", "{:>8.3f}"),
    ("art/s", "articles_per_s", "{:>7.1f}"), ("peak MiB", "tracemalloc_peak_mib", "{:>8}"),
    ("rss MiB", "maxrss_mib", "{:>7.1f}"), ("quotes", "quotes", "{:>6}"),
    ("dates", "dates", "{:>6}"), ("events", "events", "{:>6}"),
    ("qs", "questions", "{:>6}"),
]


def table(runs: list[Run]) -> str:
    """Format the runs as a fixed-width table."""
    header = "  ".join(f"{name:>{len(fmt.format(0) if 's' not in fmt[-2:] else name)}}"
                       if i else f"{name:<30}" for i, (name, _, fmt) in enumerate(_COLUMNS))
    lines = [header, "-" * len(header)]
    for run in runs:
        row = run.as_dict()
        row["kib"] = run.bytes_on_disk / 1024
        cells = []
        for _, key, fmt in _COLUMNS:
            value = row.get(key)
            if value is None:
                value = "-"
                fmt = fmt.replace(".1f", "").replace(".0f", "").replace(".3f", "")
            elif key == "tracemalloc_peak_mib":
                value = f"{value:.1f}"
            cells.append(fmt.format(value))
        lines.append("  ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and a JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated corpus sizes (default 100,1000)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed for the corpus variants and build_questions")
    parser.add_argument("--html-share", type=float, default=0.2,
                        help="share of articles written as HTML pages (default 0.2)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="runs over the default corpus; the best is kept")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the corpora here and keep them (default: a temp folder)")
    parser.add_argument("--no-tracemalloc", action="store_true",
                        help="skip the second, traced pass that measures peak allocations")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile one more pass over the largest corpus")
    parser.add_argument("--profile-top", type=int, default=25)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())

    pinning = pin_one_core()
    version = engine_version()
    print(f"Paper Trail engine benchmark: engine {version}, Python "
          f"{platform.python_version()}, {platform.machine()}, {pinning}, seed {args.seed}",
          flush=True)
    runs = [bench_default(args.seed, args.repeats)]
    print(f"  {runs[0].label}: {runs[0].total_s:.3f} s", flush=True)
    sources = read_sources()
    profile_text = ""
    with tempfile.TemporaryDirectory(prefix="papertrail-bench-") as tmp:
        base = args.out or Path(tmp)
        for size in sizes:
            run, folder = bench_size(size, args.seed, sources, args.html_share, base,
                                     not args.no_tracemalloc)
            runs.append(run)
            if run.tracemalloc_peak_mib is not None:
                print(f"  {run.label}: traced pass {run.tracemalloc_run_s:.2f} s, peak "
                      f"{run.tracemalloc_peak_mib:.1f} MiB", flush=True)
            if args.profile and size == sizes[-1]:
                profile_text = profile(folder, args.seed, args.profile_top)

    print()
    print(table(runs))
    print()
    print("load = read files + HTML to text + paragraphs + clutter; times are wall clock "
          "(perf_counter), one core, no tracing; cpu s = process time of the same pass "
          "(well below total s means another process shared the core).")
    print("peak MiB = tracemalloc peak of a second, traced pass; rss MiB = ru_maxrss of the "
          "process after the untraced pass (a high-water mark, so cumulative).")
    for run in runs[1:]:
        c = run.counts
        kinds = ", ".join(f"{k.removeprefix('questions_')} {v}" for k, v in sorted(c.items())
                          if k.startswith("questions_"))
        print(f"{run.label}: corpus {run.corpus_sha256}, {run.html_files} HTML files, "
              f"{run.chars:,} chars, "
              f"{c['paragraphs']} paragraphs ({c['clutter_paragraphs']} clutter), "
              f"{c['people']} people, {c['dates_resolved']}/{c['dates']} dates resolved; "
              f"questions: {kinds or 'none'}; cpu {run.cpu_s:.2f} s; traced pass "
              f"{run.tracemalloc_run_s or 0:.2f} s")
    if profile_text:
        print(f"\ncProfile, synthetic {sizes[-1]}, top {args.profile_top} by cumulative time:")
        print(profile_text)
    print(json.dumps({
        "engine": version, "python": platform.python_version(), "cpu": pinning, "seed": args.seed,
        "html_share": args.html_share, "runs": [run.as_dict() for run in runs],
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
