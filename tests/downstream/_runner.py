"""What the downstream runners share: pip into this interpreter, the check that
``autograd`` is ours, and the ``-- pytest args`` split of the command line."""

import subprocess
import sys


def pip(args):
    """``python -m pip ARGS`` for the interpreter running the runner (quiet)."""
    subprocess.run([sys.executable, "-m", "pip", *args, "--quiet",
                    "--disable-pip-version-check"], check=True)


def check_autograd():
    """Our autograd's version; exit if ``import autograd`` gives another one
    (HIPS autograd pulled in by a dependency would shadow ours)."""
    out = subprocess.run(
        [sys.executable, "-c",
         "import autograd, autograd.numpy.numpy_boxes; print(autograd.__version__)"],
        capture_output=True, text=True)
    version = out.stdout.strip()
    if out.returncode != 0 or not version.startswith("2."):
        sys.exit(f"`import autograd` does not give this project's autograd (version "
                 f"{version or '?'}): {out.stderr.strip()[-500:]}")
    return version


def split_argv(argv):
    """``(runner args, pytest args)``: whatever follows ``--`` goes to pytest."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" in argv:
        cut = argv.index("--")
        return argv[:cut], argv[cut + 1:]
    return argv, []
