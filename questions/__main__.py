"""Command line: `python -m questions extract PATH...` and `... generate PATH...`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from questions.builders import build_questions, explain_bank
from questions.evaluate import evaluate, report
from questions.export import bank_gift, bank_json, explain_text, extract_json
from questions.ingest import DEFAULT_CORPUS, load_documents
from questions.judged import judged_report, load_judgements
from questions.pipeline import analyse

# The hand-checked gold of the default corpus, in a checkout of the repository.
DEFAULT_GOLD = Path(__file__).resolve().parent.parent / "tests/questions/gold/default_corpus.json"
# The judged samples of questions from articles the engine was not developed on, by round.
JUDGED_ROUNDS = Path(__file__).resolve().parent.parent / "tests/questions/judged"


def _latest_judgements() -> Path:
    rounds = sorted(JUDGED_ROUNDS.glob("round*/judgements.json"))
    return rounds[-1] if rounds else JUDGED_ROUNDS / "judgements.json"


def _evaluate(gold: Path, corpus: list[Path], verbose: bool) -> int:
    if not gold.is_file():
        print(f"error: no gold file at {gold}", file=sys.stderr)
        return 2
    result = evaluate(gold, corpus)
    print(report(result))
    if verbose:
        for stage in result.stages.values():
            for miss in stage.misses:
                print(f"  {stage.name}: {miss}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m questions",
                                     description="Paper Trail's question engine.")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print documents, quotes, dates and events")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    generate = commands.add_parser("generate", help="print the question bank")
    generate.add_argument("paths", nargs="+", metavar="PATH")
    generate.add_argument("--seed", type=int, default=0)
    generate.add_argument("--format", choices=["json", "gift"], default="json")
    generate.add_argument("--explain", action="store_true",
                          help="print the candidates the quality gate rejected, with the rule")
    check = commands.add_parser("evaluate", help="score the engine against a gold file")
    check.add_argument("paths", nargs="*", metavar="PATH", help="default: the default corpus")
    check.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    check.add_argument("--verbose", action="store_true", help="list every miss")
    check.add_argument("--judged", nargs="?", type=Path, const=_latest_judgements(),
                       default=None, metavar="FILE",
                       help="print the rates of a judged sample (default: the latest round)")
    args = parser.parse_args(argv)
    if args.command == "evaluate" and args.judged is not None:
        if not args.judged.is_file():
            print(f"error: no judgements at {args.judged}", file=sys.stderr)
            return 2
        sys.stdout.write(judged_report(load_judgements(args.judged)))
        return 0
    if args.command == "evaluate":
        return _evaluate(args.gold, [Path(p) for p in args.paths] or [DEFAULT_CORPUS],
                         args.verbose)

    try:
        documents = load_documents(args.paths)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    analysis = analyse(documents)
    for failure in analysis.failures:
        print(f"warning: no questions from {failure.message()}", file=sys.stderr)
    if args.command == "extract":
        json.dump(extract_json(analysis), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.explain:
        _, rejected = explain_bank(analysis, seed=args.seed)
        sys.stdout.write(explain_text(rejected))
        return 0
    bank = build_questions(analysis, seed=args.seed)
    if args.format == "gift":
        sys.stdout.write(bank_gift(bank))
    else:
        json.dump(bank_json(bank), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
