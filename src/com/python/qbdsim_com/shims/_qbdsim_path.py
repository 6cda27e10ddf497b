"""Shared by qbd-sim's stand-ins for pywin32's modules (this folder, put on sys.path / PYTHONPATH).

On Windows a stand-in hands over to the real pywin32 module: this folder leaves sys.path and the real module takes
the stand-in's place in sys.modules, so the real win32com is never shadowed. Elsewhere it makes sure the qbdsim_com
package (two folders up) can be imported.
"""

import importlib
import os
import sys

SHIMS = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(os.path.dirname(SHIMS))


def _is_shims(entry):
    return os.path.abspath(entry or os.curdir) == SHIMS


def real_module_on_windows(name):
    """On Windows: the real module named ``name`` (pywin32's), the stand-ins gone; None anywhere else."""
    if sys.platform != "win32":
        if PACKAGE_ROOT not in sys.path:
            try:
                import qbdsim_com  # noqa: F401
            except ImportError:
                sys.path.append(PACKAGE_ROOT)
        return None
    sys.path[:] = [entry for entry in sys.path if not _is_shims(entry)]
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[loaded]
    return importlib.import_module(name)
