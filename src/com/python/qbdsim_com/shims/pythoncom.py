"""qbd-sim's stand-in for pywin32's pythoncom (COM initialization per thread) on Linux; the real one on Windows."""

import sys as _sys

import _qbdsim_path

_real = _qbdsim_path.real_module_on_windows(__name__)
if _real is not None:
    _sys.modules[__name__] = _real
else:
    from qbdsim_com import _com_thread
    from qbdsim_com._errors import com_error  # noqa: F401

    COINIT_MULTITHREADED = 0x0
    COINIT_APARTMENTTHREADED = 0x2
    COINIT_DISABLE_OLE1DDE = 0x4
    COINIT_SPEED_OVER_MEMORY = 0x8

    def CoInitialize():
        """Initializes COM on this thread (a worker thread must, before it creates a COM object)."""
        _com_thread.initialize()

    def CoInitializeEx(flags):
        _com_thread.initialize()

    def CoUninitialize():
        _com_thread.uninitialize()

    def PumpWaitingMessages(firstMessage=0, lastMessage=-1):
        """No window messages to pump here: 0 (no WM_QUIT)."""
        return 0
