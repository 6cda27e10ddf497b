"""Which threads initialized COM: pywin32 initializes the main thread when pythoncom loads; any other thread must call
pythoncom.CoInitialize() (or CoInitializeEx) before it creates a COM object, else CO_E_NOTINITIALIZED."""

import threading

_local = threading.local()


def _count():
    if not hasattr(_local, "count"):
        _local.count = 1 if threading.current_thread() is threading.main_thread() else 0
    return _local.count


def initialize():
    _local.count = _count() + 1


def uninitialize():
    _local.count = max(0, _count() - 1)


def is_initialized():
    return _count() > 0
