"""qbd-sim's stand-in for pywin32's pywintypes (com_error, error) on Linux; the real one on Windows."""

import sys as _sys

import _qbdsim_path

_real = _qbdsim_path.real_module_on_windows(__name__)
if _real is not None:
    _sys.modules[__name__] = _real
else:
    from qbdsim_com._errors import com_error, error  # noqa: F401

    TRUE = True
    FALSE = False
