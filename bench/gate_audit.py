"""Run the quality gate's checks over a bank made by any engine version, and print the share
of questions each check flags.

    python -m questions generate ARTICLES --seed 1 > bank.json     # with any engine version
    python bench/gate_audit.py bank.json ARTICLES

Used to compare the engine before and after the gate on articles it was not developed on:
a bank made by the current engine is flagged by nothing, by construction; one from an older
version shows how often each class of flaw happened.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from questions import analyse, load_documents
from questions.bank_checks import BankIndex
from questions.model import Evidence, Option, Question
from questions.quality import first_failure


def _evidence(data: dict | None) -> Evidence | None:
    if not data:
        return None
    return Evidence(data["document"], data["paragraph"], data["start"], data["end"])


def question_from_json(data: dict) -> Question:
    """Rebuild a Question from the JSON `generate` prints."""
    options = [Option(o["text"], o["correct"], _evidence(o.get("evidence")), o.get("detail"),
                      o.get("value")) for o in data["options"]]
    return Question(kind=data["kind"], prompt=data["prompt"], options=options,
                    evidence=_evidence(data["evidence"]), generator=data["generator"],
                    seed=data["seed"], key=data["key"], quote=data.get("quote"),
                    answer_order=data.get("answer_order"), group=data.get("group"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bank", type=Path)
    parser.add_argument("articles", type=Path)
    args = parser.parse_args()
    data = json.loads(args.bank.read_text(encoding="utf-8"))
    bank = [question_from_json(q) for q in (data["questions"] if isinstance(data, dict)
                                            else data)]
    analysis = analyse(load_documents([args.articles]))
    flagged: Counter[str] = Counter()
    by_kind: Counter[str] = Counter(q.kind for q in bank)
    index = BankIndex()
    for question in bank:
        failure = first_failure(question, analysis) or index.failure(question)
        if failure is None:
            index.add(question)
        else:
            flagged[failure[0]] += 1
    print(f"{len(bank)} questions ({', '.join(f'{k} {n}' for k, n in sorted(by_kind.items()))})")
    for rule, count in flagged.most_common():
        print(f"  {rule:<24} {count:>4}  {100 * count / len(bank):5.1f}%")
    total = sum(flagged.values())
    print(f"  {'any check':<24} {total:>4}  {100 * total / max(len(bank), 1):5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
