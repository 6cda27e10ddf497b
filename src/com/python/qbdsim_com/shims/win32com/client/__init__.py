"""qbd-sim's win32com.client: Dispatch / DispatchEx of QBXMLRP2's request processor over the RP2 bridge."""

import pythoncom  # noqa: F401  (pywin32 loads it with win32com.client: the main thread's COM is initialized)
from qbdsim_com._dispatch import CDispatch, Dispatch, DispatchBaseClass, DispatchEx, constants  # noqa: F401

from . import dynamic, gencache  # noqa: F401,E402
