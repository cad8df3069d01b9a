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
import io
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthetic_corpus import (  # noqa: E402  (bench/ is the script's own folder)
    Source,
    build_corpus,
    read_sources,
    write_corpus,
)

from questions import (  # noqa: E402
    DEFAULT_CORPUS,
    analyse,
    build_questions,
    load_documents,
)


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
