"""qbd-sim's win32com.client.gencache: EnsureDispatch loads makepy support for QBXMLRP2 (constants included)."""

from qbdsim_com._dispatch import EnsureDispatch  # noqa: F401
