"""Command line: `python -m questions extract PATH...` and `... generate PATH...`."""

from __future__ import annotations

import argparse
import json
import sys

from questions.builders import build_questions
from questions.export import bank_gift, bank_json, extract_json
from questions.ingest import load_documents
from questions.pipeline import analyse


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
    args = parser.parse_args(argv)

    try:
        documents = load_documents(args.paths)
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    analysis = analyse(documents)
    if args.command == "extract":
        json.dump(extract_json(analysis), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
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
