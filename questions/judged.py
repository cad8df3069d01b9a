"""A judged sample: questions a person rated GOOD, FLAWED or WRONG, and the rates.

The sample is a bank the engine generated from articles it was not developed on
(tests/questions/judged/), with one judgement per question. `python -m questions evaluate
--judged` prints the rates; the tests check that no question judged FLAWED or WRONG comes
back unchanged from the engine.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

VERDICTS = ("GOOD", "FLAWED", "WRONG")


@dataclass(frozen=True, slots=True)
class Judgement:
    """One judged question: its key, kind, verdict and the judge's one-line reason."""

    key: str
    kind: str
    verdict: str
    reason: str


def load_judgements(path: Path) -> list[Judgement]:
    """Read a judgements file ({"judgements": [{key, kind, verdict, reason}, ...]})."""
    data = json.loads(path.read_text(encoding="utf-8"))
    judgements = [Judgement(str(j["key"]), str(j["kind"]), str(j["verdict"]).upper(),
                            str(j.get("reason", ""))) for j in data["judgements"]]
    unknown = {j.verdict for j in judgements} - set(VERDICTS)
    if unknown:
        raise ValueError(f"unknown verdicts: {sorted(unknown)}")
    return judgements


def judged_report(judgements: list[Judgement]) -> str:
    """Return the rates of each verdict, overall and per kind, as a small table."""
    lines = [f"{len(judgements)} questions judged"]
    header = f"{'kind':<14}{'n':>5}" + "".join(f"{v:>10}" for v in VERDICTS)
    lines.append(header)
    kinds = sorted({j.kind for j in judgements})
    for kind in [*kinds, "all"]:
        group = [j for j in judgements if kind in {"all", j.kind}]
        counts = Counter(j.verdict for j in group)
        cells = "".join(f"{100 * counts[v] / len(group):>9.1f}%" for v in VERDICTS)
        lines.append(f"{kind:<14}{len(group):>5}{cells}")
    return "\n".join(lines) + "\n"
