"""qbd-sim's stand-in for pywin32's win32com package on Linux; the real one on Windows."""

import sys as _sys

import _qbdsim_path

_real = _qbdsim_path.real_module_on_windows(__name__)
if _real is not None:
    _sys.modules[__name__] = _real
