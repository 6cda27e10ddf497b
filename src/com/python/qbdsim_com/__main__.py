"""python -m qbdsim_com [--shims | -m MODULE | SCRIPT] [ARGS...]

Runs a pywin32 connector unchanged on Linux against qbd-sim's RP2 bridge: qbd-sim's stand-ins for win32com,
pywintypes and pythoncom go first on sys.path, then the script (or module) runs as __main__ with its own arguments.
``--shims`` prints the stand-ins' folder (for PYTHONPATH). On Windows it refuses: use the real pywin32 there.
"""

import os
import runpy
import sys

from . import shims_dir

USAGE = "usage: python -m qbdsim_com [--shims | -m MODULE | SCRIPT] [ARGS...]"


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    if argv[0] == "--shims":
        print(shims_dir())
        return 0
    if sys.platform == "win32":
        sys.stderr.write(
            "qbdsim_com: this is Windows: run the connector with the real pywin32 (qbd-sim's stand-ins are for Linux)\n"
        )
        return 2
    if argv[0] == "-m":
        if len(argv) < 2:
            sys.stderr.write(USAGE + "\n")
            return 2
        sys.argv = [argv[1]] + argv[2:]
        sys.path.insert(0, shims_dir())
        sys.path.insert(0, os.getcwd())
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        return 0
    script = argv[0]
    if not os.path.exists(script):
        sys.stderr.write("qbdsim_com: no such script: %s\n%s\n" % (script, USAGE))
        return 2
    sys.argv = list(argv)
    # As `python script.py` does: the script's folder first, then the stand-ins (before any site-packages).
    sys.path.insert(0, shims_dir())
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
