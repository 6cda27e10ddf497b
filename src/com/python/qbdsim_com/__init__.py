"""qbd-sim's desktop front door for Python: pywin32's QBXMLRP2 request processor on Linux.

A connector written with pywin32 (``win32com.client.Dispatch("QBXMLRP2.RequestProcessor")``) runs unchanged against
qbd-sim's fake QuickBooks through its RP2 bridge (``QBDSIM_BRIDGE_URL``, default http://127.0.0.1:4510/qbxmlrp2).
Run it with ``python -m qbdsim_com connector.py`` (or ``PYTHONPATH=$(python -m qbdsim_com --shims)``): the stand-ins
for ``win32com``, ``pywintypes`` and ``pythoncom`` live in ``qbdsim_com/shims`` and are never installed as
top-level modules, so a real pywin32 is never shadowed (on Windows they hand over to it). Standard library only.
"""

import os

from ._errors import BridgeError, com_error
from ._tables import HRESULT_TEXTS, WINDOWS_HRESULTS

__version__ = "0.1.0"
__all__ = ["BridgeError", "com_error", "hresult_text", "shims_dir", "HRESULT_TEXTS", "WINDOWS_HRESULTS"]


def shims_dir():
    """The folder to put first on ``sys.path`` (PYTHONPATH) so that ``import win32com.client`` finds qbd-sim's."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "shims")


def hresult_text(code):
    """Intuit's text for a QBXMLRP2 HRESULT, or Windows' for one of its own (``"0x80040154"`` or a signed int)."""
    key = "0x%08X" % ((code if isinstance(code, int) else int(code, 16)) & 0xFFFFFFFF)
    if key in HRESULT_TEXTS:
        return HRESULT_TEXTS[key]
    return WINDOWS_HRESULTS[key][1]
