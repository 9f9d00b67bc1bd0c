"""``sphinx-balena-glossary``: check glossary data files from the shell or CI.

Exit codes: 0 valid, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .loader import BUNDLED_FILE, load_glossary

EXAMPLES = """\
examples:
  sphinx-balena-glossary validate                  # the bundled balena glossary
  sphinx-balena-glossary validate docs/glossary.yaml
  sphinx-balena-glossary validate a.yaml b.yaml    # merged in order, as in conf.py
  sphinx-balena-glossary validate --format json glossary.yaml
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-balena-glossary",
        description="Work with sphinx-balena-glossary data files.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check data files; print one PATH:LINE: message per problem",
        description="Check glossary data files (merged in order). Exit 0 when valid, 1 when not.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "files", nargs="*", metavar="FILE", help="data files (default: the bundled glossary)"
    )
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    return parser


def validate(files: Sequence[str], output_format: str, out: TextIO) -> int:
    paths = list(files) or [str(BUNDLED_FILE)]
    glossary, problems = load_glossary(paths)
    if output_format == "json":
        json.dump(
            {
                "valid": not problems,
                "terms": len(glossary),
                "aliases": glossary.alias_count,
                "problems": [
                    {
                        "path": p.path,
                        "line": p.line,
                        "type": f"bterm.{p.subtype.value}",
                        "message": p.message,
                    }
                    for p in problems
                ],
            },
            out,
            indent=2,
        )
        out.write("\n")
    else:
        out.writelines(f"{problem}\n" for problem in problems)
        verdict = "valid" if not problems else f"{len(problems)} problem(s)"
        out.write(
            f"{', '.join(paths)}: {verdict}; {len(glossary)} terms, {glossary.alias_count} aliases\n"
        )
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.files, args.format, sys.stdout)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
