"""Measure the engine on public annotated news corpora fetched beside the checkout.

    python bench/corpora.py PATH [--limit N] [--misses FILE]

PATH is one of:
- a PolNeAR split folder (`data/train` of networkdynamics/PolNeAR: `text/*.txt` and brat
  `attributions/*.ann`; `../metadata.tsv` gives publication dates when present). Prints
  direct-quotation precision, recall and F1, and speaker accuracy over quotations whose gold
  source names a person.
- a folder of TimeML files (the TBAQ training documents of TempEval-3: TimeBank and AQUAINT
  `*.tml`, searched recursively). Prints TIMEX3 extent F1, strict and relaxed, and value F1.

Both print the number of documents on which the engine failed (an exception), which must be 0.
The corpora are not redistributable: never commit them or their texts. Which splits may be
used for development is written in the engine issue; the reserved ones are measured the same
way, by the same rules, only for independent evaluation.

Matching rules (the same every time):
- Gold direct quotations are the quoted stretches (between paired quotation marks, straight or
  curly) inside the Content span of an annotated attribution, without the marks. Stretches of
  fewer than three words are left out on both sides: PolNeAR does not tell a scare quote or a
  title from speech, and the engine deliberately leaves one- and two-word scare quotes out.
- A transcript turn is a direct quotation too: an attribution's Content that opens its
  paragraph right after a speaker's label ("TAPPER: Do you think ...") is gold as a whole.
- A found quotation matches a gold one when their spans overlap; each gold quotation is
  matched at most once (the found ones in text order, each to the first unmatched overlapping
  gold one).
- A gold source is read up to its apposition (the first comma, parenthesis or "who": "Michelle
  Stevens, 30, of Gainesville" is "Michelle Stevens"). It names a person when its last word is
  capitalised, is not a pronoun and is not an organisation's head noun (Post, News, Times,
  Party, ... : the list below), and it is not all capitals (CNN). The speaker is right when the
  engine's surname is a capitalised word of it (possessive 's dropped) and, where the source
  writes a capitalised word before that one and the engine a first name, the two agree. A
  quotation with no speaker is wrong.
- TIMEX3 (TempEval-3): strict extent = same start and end; relaxed = overlapping spans, each
  gold used once; value F1 is computed like the relaxed F1 counting only relaxed matches
  whose values are equal. The document creation time (DCT) is the publication date and is not
  itself scored.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from questions import analyse, load_text_document
from questions.model import Analysis

_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}
_MIN_QUOTE_WORDS = 3
_PRONOUNS = frozenset({
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "who", "whom",
    "this", "that", "these", "those", "one", "someone", "somebody", "everyone", "anyone", "none",
    "nobody",
})
_ORGANISATION_HEADS = frozenset({
    "post", "news", "times", "journal", "party", "committee", "campaign", "department", "office",
    "house", "senate", "congress", "court", "agency", "administration", "network", "channel",
    "magazine", "press", "association", "council", "commission", "group", "company", "corp",
    "inc", "university", "institute", "foundation", "center", "centre", "bureau", "board",
    "service", "services", "ministry", "government", "daily", "herald", "tribune", "review",
    "report", "reuters", "ap", "poll", "survey", "team", "staff", "officials", "spokesman",
    "spokeswoman", "spokesperson",
})
_NAME_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "pres", "president", "senator", "governor",
    "secretary", "former", "mayor",
})


@dataclass
class Counts:
    """Found, gold and matched counts of one measure, with its F1."""

    found: int = 0
    gold: int = 0
    matched_found: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        return 100 * self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<24} P {self.precision:5.1f}  R {self.recall:5.1f}  F1 {self.f1:5.1f}"
                f"   (found {self.found}, gold {self.gold})")


@dataclass
class Report:
    """What one corpus run measured."""

    documents: int = 0
    failures: list[str] = field(default_factory=list)
    measures: dict[str, Counts] = field(default_factory=dict)
    speakers_right: int = 0
    speakers_named: int = 0
    misses: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(found: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """Match found spans to gold spans by overlap, one to one; return found -> gold index."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for i, span in sorted(enumerate(found), key=lambda item: item[1]):
        for j, other in enumerate(gold):
            if j not in used and _overlaps(span, other):
                used.add(j)
                pairs[i] = j
                break
    return pairs


def _analyse_one(text: str, doc_id: str, published: str | None, report: Report) -> Analysis | None:
    report.documents += 1
    try:
        doc = load_text_document(text, doc_id=doc_id, metadata={"published": published})
        return analyse([doc])
    except Exception:  # counting failures is what this measures
        report.failures.append(f"{doc_id}: {traceback.format_exc(limit=3).splitlines()[-1]}")
        return None


# --- PolNeAR ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    source: str


def _brat_spans(field_text: str) -> list[tuple[int, int]]:
    # "Content 120 211" or a discontinuous "Content 120 130;140 211"
    _, _, ranges = field_text.partition(" ")
    spans = []
    for part in ranges.split(";"):
        a, b = part.split()
        spans.append((int(a), int(b)))
    return spans


def read_attributions(ann: str, text: str) -> list[GoldQuote]:
    """Return the direct quotations of one brat attribution file, with their sources."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T"):
            spans[parts[0]] = _brat_spans(parts[1])
    quotes: list[GoldQuote] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("E"):
            continue
        roles = dict(arg.split(":", 1) for arg in parts[1].split()[1:] if ":" in arg)
        source = " ".join(text[a:b] for a, b in spans.get(roles.get("Source", ""), []))
        for a, b in spans.get(roles.get("Content", ""), []):
            if _TURN_LABEL.search(text, max(0, a - 40), a) and len(text[a:b].split()) >= 3:
                quotes.append(GoldQuote(a, b, source))  # a transcript turn, "TAPPER: ..."
                continue
            for qa, qb in _quoted(text, a, b):
                if len(text[qa:qb].split()) >= _MIN_QUOTE_WORDS:
                    quotes.append(GoldQuote(qa, qb, source))
    return quotes


# A paragraph that opens with a speaker's label: "TAPPER: ", "Q: ".
_TURN_LABEL = re.compile(r"(?:^|\n)[A-Z][A-Za-z.'’ -]{0,30}:\s*$")


def _quoted(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the insides of paired quotation marks within text[start:end]."""
    i = start
    while i < end:
        close = _QUOTE_PAIRS.get(text[i])
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, end + 1)
        if j < 0:
            # a quotation running past the content span (or over paragraphs): to the span's end
            yield i + 1, end
            return
        yield i + 1, j
        i = j + 1


_HEAD_END = re.compile(r",|\(|\s(?:who|whose|which|that)\s")


def _head(source: str) -> str:
    """Return a source up to its apposition ("Michelle Stevens, 30, of Gainesville")."""
    return _HEAD_END.split(source, maxsplit=1)[0]


def names_person(source: str) -> bool:
    """Tell whether an attribution's source text names a person (see the module's rules)."""
    head = _head(source)
    words = re.findall(r"[A-Za-z][\w.'’-]*", head)
    if not words:
        return False
    last = _surname(words[-1])
    if not last[:1].isupper() or last.lower() in _PRONOUNS:
        return False
    if last.lower() in _ORGANISATION_HEADS or head.strip().isupper():
        return False
    return any(w[:1].isupper() and w.lower().strip(".") not in _NAME_TITLES for w in words)


def _surname(word: str) -> str:
    return re.sub(r"['’]s$", "", word).strip(".,")


def speaker_right(found: str | None, gold_source: str) -> bool:
    """Tell whether the engine's speaker name is the person the gold source names.

    Right when the found surname is a capitalised word of the source's head and, where the
    source writes a capitalised word before it and the engine a first name, they agree
    ("Hillary Clinton" is not "former president Bill Clinton").
    """
    if not found:
        return False
    gold_words = [_surname(w) for w in re.findall(r"[A-Za-z][\w.'’-]*", _head(gold_source))]
    found_words = [w for w in re.findall(r"[A-Za-z][\w.'’-]*", found)
                   if w.lower().strip(".") not in _NAME_TITLES]
    if not found_words:
        return False
    surname = _surname(found_words[-1]).lower()
    for i, word in enumerate(gold_words):
        if word.lower() == surname and word[:1].isupper():
            before = gold_words[i - 1] if i else ""
            if len(found_words) > 1 and before[:1].isupper() \
                    and before.lower().strip(".") not in _NAME_TITLES:
                return before.lower().strip(".") == found_words[-2].lower().strip(".")
            return True
    return False


def _polnear_dates(split: Path) -> dict[str, str]:
    metadata = split.parent / "metadata.tsv"
    dates: dict[str, str] = {}
    if metadata.is_file():
        lines = metadata.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t"), strict=False))
            dates[row.get("filename", "")] = row.get("publication_date", "")
    return dates


def run_polnear(split: Path, limit: int | None) -> Report:
    report = Report()
    quotes = report.measures.setdefault("direct quotations", Counts())
    dates = _polnear_dates(split)
    annotations: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], ann)  # the first annotator's
    started = time.perf_counter()
    for name, ann in sorted(annotations.items())[:limit]:
        text_path = split / "text" / f"{name}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = read_attributions(ann.read_text(encoding="utf-8"), text)
        analysis = _analyse_one(text, name, dates.get(name) or None, report)
        if analysis is None:
            continue
        found = [q for q in analysis.quotes if len(q.text.split()) >= _MIN_QUOTE_WORDS]
        pairs = _match([(q.start, q.end) for q in found], [(g.start, g.end) for g in gold])
        quotes.found += len(found)
        quotes.gold += len(gold)
        quotes.matched_found += len(pairs)
        quotes.matched_gold += len(pairs)
        matched_gold = set(pairs.values())
        for i, quote in enumerate(found):
            if i not in pairs:
                report.misses.append(f"{name}\textra quote\t{quote.text[:80]!r}")
                continue
            source = gold[pairs[i]].source
            if names_person(source):
                report.speakers_named += 1
                if speaker_right(quote.speaker_name, source):
                    report.speakers_right += 1
                else:
                    report.misses.append(f"{name}\tspeaker\t{quote.speaker_name!r} for gold "
                                         f"{source!r}\t{quote.text[:60]!r}")
        for j, item in enumerate(gold):
            if j not in matched_gold:
                report.misses.append(f"{name}\tmissed quote\t{text[item.start:item.end][:80]!r}")
    report.seconds = time.perf_counter() - started
    return report


# --- TimeML ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


def read_timeml(markup: str) -> tuple[str, str | None, list[GoldTimex]]:
    """Return a TimeML document's plain text, its creation date and its TIMEX3 tags."""
    root = ET.fromstring(markup)
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = (timex.get("value") or "")[:10] or None
            break
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(node: ET.Element) -> None:
        if node.tag == "TIMEX3":
            start = sum(len(p) for p in parts)
            parts.append("".join(node.itertext()))
            timexes.append(GoldTimex(start, start + len(parts[-1]), node.get("type", ""),
                                     node.get("value", "")))
        else:
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not body:
            parts.append(node.tail or "")

    if body is not None:
        walk(body)
    return "".join(parts), dct, timexes


def run_timeml(folder: Path, limit: int | None) -> Report:
    report = Report()
    strict = report.measures.setdefault("TIMEX3 extent strict", Counts())
    relaxed = report.measures.setdefault("TIMEX3 extent relaxed", Counts())
    value = report.measures.setdefault("TIMEX3 value", Counts())
    started = time.perf_counter()
    for path in sorted(folder.rglob("*.tml"))[:limit]:
        text, dct, gold = read_timeml(path.read_text(encoding="utf-8"))
        analysis = _analyse_one(text, path.stem, dct, report)
        if analysis is None:
            continue
        found = sorted(analysis.dates, key=lambda d: d.start)
        for counts in (strict, relaxed, value):
            counts.found += len(found)
            counts.gold += len(gold)
        exact = {(g.start, g.end) for g in gold}
        hits = sum(1 for d in found if (d.start, d.end) in exact)
        strict.matched_found += hits
        strict.matched_gold += hits
        pairs = _match([(d.start, d.end) for d in found], [(g.start, g.end) for g in gold])
        relaxed.matched_found += len(pairs)
        relaxed.matched_gold += len(pairs)
        for i, mention in enumerate(found):
            if i not in pairs:
                report.misses.append(f"{path.stem}\textra timex\t{mention.text!r}\t{mention.value}")
                continue
            item = gold[pairs[i]]
            if (mention.value or "") == item.value:
                value.matched_found += 1
                value.matched_gold += 1
            else:
                report.misses.append(f"{path.stem}\tvalue\t{mention.text!r} -> {mention.value} "
                                     f"(gold {text[item.start:item.end]!r} {item.value}, "
                                     f"DCT {dct})\t{_context(text, mention.start)}")
        for j, item in enumerate(gold):
            if j not in set(pairs.values()):
                report.misses.append(f"{path.stem}\tmissed timex\t{text[item.start:item.end]!r}"
                                     f"\t{item.type} {item.value}\t{_context(text, item.start)}")
    report.seconds = time.perf_counter() - started
    return report


def _context(text: str, at: int, width: int = 60) -> str:
    return " ".join(text[max(0, at - width): at + width].split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument("--misses", type=Path, help="write every miss, one a line, to this file")
    args = parser.parse_args(argv)
    if (args.path / "attributions").is_dir():
        report = run_polnear(args.path, args.limit)
    elif any(args.path.rglob("*.tml")):
        report = run_timeml(args.path, args.limit)
    else:
        print(f"error: {args.path} is neither a PolNeAR split nor a folder of TimeML files",
              file=sys.stderr)
        return 2
    print(f"documents: {report.documents}, engine failures: {len(report.failures)}, "
          f"{report.seconds:.1f} s")
    for failure in report.failures[:20]:
        print(f"  failed: {failure}")
    for name, counts in report.measures.items():
        print(counts.line(name))
    if report.speakers_named:
        share = 100 * report.speakers_right / report.speakers_named
        print(f"{'named-speaker accuracy':<24} {share:5.1f}   "
              f"({report.speakers_right} of {report.speakers_named})")
    if args.misses:
        args.misses.write_text("\n".join(report.misses) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
