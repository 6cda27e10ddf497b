"""qbd-sim's win32com.client.dynamic: late-bound objects only."""

from qbdsim_com._dispatch import CDispatch  # noqa: F401
from qbdsim_com._dispatch import dynamic_Dispatch as Dispatch  # noqa: F401
