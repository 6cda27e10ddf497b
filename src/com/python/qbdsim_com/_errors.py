"""The exceptions pywin32 raises, built as pywin32 builds them."""

from ._tables import ENV, WINDOWS_HRESULTS
import os


def signed(code):
    """'0x80040154' (or an int) -> -2147221164: the signed 32-bit HRESULT pywin32 reports."""
    value = int(code, 16) if isinstance(code, str) else int(code)
    value &= 0xFFFFFFFF
    return value - 0x100000000 if value & 0x80000000 else value


class com_error(Exception):
    """pywintypes.com_error: ``args`` are ``(hresult, strerror, excepinfo, argerror)``.

    ``excepinfo`` is None, or ``(wCode, source, description, helpFile, helpContext, scode)`` when the COM server
    raised an exception (``hresult`` is then DISP_E_EXCEPTION, -2147352567, and ``scode`` the server's HRESULT).
    """

    @property
    def hresult(self):
        return self.args[0] if len(self.args) > 0 else None

    @property
    def strerror(self):
        return self.args[1] if len(self.args) > 1 else None

    @property
    def excepinfo(self):
        return self.args[2] if len(self.args) > 2 else None

    @property
    def argerror(self):
        return self.args[3] if len(self.args) > 3 else None


com_error.__module__ = "pywintypes"


class error(Exception):
    """pywintypes.error: ``args`` are ``(winerror, funcname, strerror)`` (Win32 API failures)."""

    @property
    def winerror(self):
        return self.args[0] if self.args else None

    @property
    def funcname(self):
        return self.args[1] if len(self.args) > 1 else None

    @property
    def strerror(self):
        return self.args[2] if len(self.args) > 2 else None


error.__module__ = "pywintypes"


class BridgeError(RuntimeError):
    """qbd-sim's RP2 bridge failed as QuickBooks never would (not reachable, or the simulator's own error).

    Not a COM error: no connector should handle it as one. ``code`` is the simulator's QBDSIM_ERR_* code, or None.
    """

    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


def windows_error(code, argerror=None):
    """A failure Windows itself reports (no EXCEPINFO): ``com_error(hresult, text, None, argerror)``."""
    return com_error(signed(code), WINDOWS_HRESULTS[code][1], None, argerror)


def error_source():
    name, default = ENV["errorSource"]
    return os.environ.get(name) or default


def invoke_error(code, message):
    """QBXMLRP2 raised during IDispatch::Invoke: DISP_E_EXCEPTION with the server's text and HRESULT."""
    return com_error(
        signed("0x80020009"),
        WINDOWS_HRESULTS["0x80020009"][1],
        (0, error_source(), message, None, 0, signed(code)),
        None,
    )
