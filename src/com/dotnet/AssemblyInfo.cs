// Assembly attributes of qbd-sim's drop-in Interop.QBXMLRP2.dll / Interop.QBXMLRP2Lib.dll. The version is the type
// library's (QBXMLRP2 1.0), as a type library import gives it, so a program built against Intuit's assembly binds to
// this one (neither is strong-named).
using System.Reflection;

[assembly: AssemblyTitle("qbd-sim drop-in for the QBXMLRP2 1.0 Type Library import")]
[assembly: AssemblyDescription("QBXMLRP2's request processor over qbd-sim's RP2 bridge (QBDSIM_BRIDGE_URL), for Mono on Linux")]
[assembly: AssemblyVersion("1.0.0.0")]
