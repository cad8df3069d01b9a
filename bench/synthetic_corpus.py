"""Synthetic news corpora for bench/engine.py: real texts varied so no two articles match.

Person names are swapped for invented ones, publication and in-text dates shift by whole
weeks (so "on Tuesday" still fits), quantities are renumbered, body paragraphs are shuffled
and recombined with paragraphs of articles on the same story, and a share is written as HTML.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from random2 import Random

from questions import DEFAULT_CORPUS

ROOT = Path(__file__).resolve().parents[1]

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
    published = published_of(source)
    weeks = rng.choice([k for k in range(-60, 61) if k])
    new_published = published + timedelta(weeks=weeks)
    months = (new_published.year * 12 + new_published.month) - (published.year * 12
                                                                   + published.month)
    text = shift_dates_and_numbers(text, published, weeks * 7, months, number_factor(rng))
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


def published_of(source: Source) -> date:
    value = source.meta.get("published")
    return date.fromisoformat(str(value)) if value else DEFAULT_ANCHOR


def number_factor(rng: Random) -> float:
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
    return cast_mapping(rng, rng.sample(SURNAMES, len(PEOPLE)))


def cast_mapping(rng: Random, surnames: list[str]) -> dict[str, str]:
    """Map every real name to an invented one with these surnames (one per PEOPLE entry)."""
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
            rng = Random(int_seed(seed, index, attempt))
            article = make_article(index, sources, rng, html_share)
            digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
            if digest not in seen:
                seen.add(digest)
                articles.append(article)
                break
            attempt += 1
    return articles


def int_seed(*parts: int) -> int:
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
