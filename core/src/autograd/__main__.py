"""The ``autograd`` command line (also ``python -m autograd``).

    python -m autograd plugins [--json] [--load]
    python -m autograd coverage MODULE [--json] [--missing]

``plugins`` lists the installed gradient-rule plugins: distribution, version,
state, rule sets (pending / loaded / failed), VJP and JVP rule counts,
namespaces, conflicts and failures.  It imports no library a plugin targets
unless ``--load`` is given.  ``coverage`` says, for every public callable of
MODULE (``math``, ``numpy.linalg``, ``scipy.special`` ...), whether it has a
VJP, a JVP, is marked non-differentiable, or has nothing, and whether
``vmap`` batches it natively (a batching rule) or by a loop (BATCH column).
"""

import argparse
import json
import sys


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m autograd", description="Inspect autograd's gradient-rule plugins.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("plugins", help="list installed plugins, their rule sets and conflicts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--load", action="store_true",
                   help="load every rule set now (imports the libraries they target)")
    c = sub.add_parser("coverage", help="which public callables of a module have rules")
    c.add_argument("module", help="a module name, e.g. math, numpy, numpy.linalg, scipy.special")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.add_argument("--missing", action="store_true", help="list only callables with no rule")
    return parser


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from .plugins import report
    if args.command == "plugins":
        data = report.plugin_report(load=args.load)
        print(json.dumps(data, indent=2) if args.json else report.format_plugins(data))
        return 0
    try:
        cov = report.coverage(args.module)
    except ImportError as e:
        print(f"autograd coverage: cannot import {args.module!r}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(cov, indent=2) if args.json else
          report.format_coverage(cov, missing_only=args.missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
