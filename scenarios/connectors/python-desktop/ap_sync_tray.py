"""AP Sync tray — an example desktop connector for QuickBooks Desktop, written with pywin32 as Windows connectors are.

It imports nothing of qbd-sim: on Windows it talks to the real QBXMLRP2 request processor; on Linux, qbd-sim puts
its front door in place (``python -m qbdsim_com ap_sync_tray.py …`` or PYTHONPATH) and the same code talks to the
fake QuickBooks. Each company file has its own token key for the AP cloud; a sync cycle opens a QuickBooks session
(the certificate dialog may show while BeginSession waits), says hello to the cloud, uploads the vendors and ends
the session. The tray status goes to stdout as JSON lines: {"ts", "company", "status", "detail"}.

    ap_sync_tray.py start --state-dir D --cloud URL --company PATH [--company PATH …] [--file-mode M] [--app-name N]
    ap_sync_tray.py token set --state-dir D --company PATH        (the key on stdin, or --token-env VAR)
    ap_sync_tray.py sync-now --state-dir D [--company PATH …]
    ap_sync_tray.py exit --state-dir D
"""

import argparse
import datetime
import json
import os
import queue
import socket
import socketserver
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import pythoncom
import pywintypes
import win32com.client

APP_NAME = "AP Connector"
VERSION = "1.4.2"
# QBFileMode and QBXMLRPConnectionType values (the type library's).
FILE_MODES = {"qbFileOpenSingleUser": 0, "qbFileOpenMultiUser": 1, "qbFileOpenDoNotCare": 2}
LOCAL_QBD = 1
UMP_OPTIONAL = 2
PDP_OPTIONAL = 2


def hresult_hex(code):
    return "0x%08X" % (code & 0xFFFFFFFF)


class State:
    """The state directory: token keys (tokens.json) and each company file's identity (files.json)."""

    def __init__(self, directory):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)

    def _read(self, name):
        try:
            with open(os.path.join(self.dir, name), encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    def _write(self, name, data):
        path = os.path.join(self.dir, name)
        tmp = path + ".tmp"
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, path)

    def token(self, company):
        return self._read("tokens.json").get(company.lower())

    def set_token(self, company, key):
        tokens = self._read("tokens.json")
        tokens[company.lower()] = key
        self._write("tokens.json", tokens)

    def file_id(self, company):
        files = self._read("files.json")
        if company.lower() not in files:
            files[company.lower()] = "{%s}" % str(uuid.uuid4()).upper()
            self._write("files.json", files)
        return files[company.lower()]


class Tray:
    """What the tray icon shows, one line per change."""

    def __init__(self):
        self.lock = threading.Lock()

    def show(self, company, status, **detail):
        line = {
            "ts": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "company": company,
            "status": status,
            "detail": detail,
        }
        with self.lock:
            sys.stdout.write(json.dumps(line) + "\n")
            sys.stdout.flush()


class CloudRefused(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class Cloud:
    def __init__(self, url, token, company, file_id):
        self.url = url.rstrip("/") + "/api/v1"
        self.headers = {
            "Authorization": "Bearer " + token,
            "X-Qb-File-Path": urllib.request.quote(company, safe=":\\/ "),
            "X-Qb-File-Id": file_id,
            "Content-Type": "application/json",
        }

    def post(self, path, body):
        req = urllib.request.Request(self.url + path, json.dumps(body).encode(), self.headers, method="POST")
        # Local addresses bypass the proxy, as Windows' "Bypass proxy server for local addresses" does.
        local = urllib.parse.urlsplit(self.url).hostname in ("127.0.0.1", "localhost", "::1")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({})) if local else urllib.request.build_opener()
        try:
            with opener.open(req, timeout=30) as resp:
                return json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            if e.code in (401, 403):
                raise CloudRefused(json.loads(e.read() or b"{}").get("error", "refused")) from None
            raise


VENDOR_QUERY = """<?xml version="1.0" encoding="utf-8"?>
<?qbxml version="13.0"?>
<QBXML>
  <QBXMLMsgsRq onError="stopOnError">
    <VendorQueryRq requestID="1"><MaxReturned>100</MaxReturned></VendorQueryRq>
  </QBXMLMsgsRq>
</QBXML>"""


def vendors_of(response):
    vendors = []
    for v in ET.fromstring(response).iter("VendorRet"):
        vendors.append(
            {
                "listId": v.findtext("ListID"),
                "editSequence": v.findtext("EditSequence") or "",
                "name": v.findtext("Name") or "",
                "isActive": (v.findtext("IsActive") or "true") == "true",
                "balance": v.findtext("Balance") or "0.00",
                "timeModified": v.findtext("TimeModified") or "",
            }
        )
    return vendors


class Connector:
    def __init__(self, args):
        self.args = args
        self.state = State(args.state_dir)
        self.tray = Tray()
        self.work = queue.Queue()

    def sync(self, company):
        """One cycle for one company file, as the tray runs it every few minutes."""
        token = self.state.token(company)
        if not token:
            self.tray.show(company, "Token required", reason="no-token")
            return
        try:
            rp = win32com.client.Dispatch("QBXMLRP2.RequestProcessor")
        except pywintypes.com_error as e:
            # Creating the object failed: Windows' own error (no EXCEPINFO), e.g. the 64-bit build on a 32-bit SDK.
            self.tray.show(
                company,
                "Unable to open QuickBooks file",
                hresult=hresult_hex(e.hresult),
                message=e.strerror,
                reason="CoCreateInstance failed",
            )
            return
        ticket = None
        connected = False
        try:
            rp.OpenConnection2("", self.args.app_name, LOCAL_QBD)
            connected = True
            prefs = rp.AuthPreferences
            prefs.PutIsReadOnly(False)
            prefs.PutUnattendedModePref(UMP_OPTIONAL)
            prefs.PutPersonalDataPref(PDP_OPTIONAL)
            ticket = rp.BeginSession(company, FILE_MODES[self.args.file_mode])
            opened = rp.GetCurrentCompanyFileName(ticket)
            cloud = Cloud(self.args.cloud, token, opened, self.state.file_id(company))
            cloud.post(
                "/hello",
                {
                    "companyFile": {"path": opened, "fileId": self.state.file_id(company)},
                    "connector": {"name": "ap-sync-tray (python)", "version": VERSION, "transport": "rp2"},
                },
            )
            self.tray.show(company, "Synchronizing with QuickBooks")
            response = rp.ProcessRequest(ticket, VENDOR_QUERY)
            cloud.post("/qb-data", {"vendors": vendors_of(response)})
            cloud.post("/heartbeat", {"status": "Connected to Server"})
            rp.EndSession(ticket)
            ticket = None
            self.tray.show(company, "Connected to Server")
        except pywintypes.com_error as e:
            # QBXMLRP2 raised: pywin32 reports DISP_E_EXCEPTION; QuickBooks' own HRESULT and text are in excepinfo.
            scode = e.excepinfo[5] if e.excepinfo else e.hresult
            text = e.excepinfo[2] if e.excepinfo else e.strerror
            self.tray.show(
                company, "Unable to open QuickBooks file", hresult=hresult_hex(scode), message=text, reason="BeginSession failed"
            )
        except CloudRefused as e:
            self.tray.show(company, "Token rejected", reason=e.code)
        except (urllib.error.URLError, OSError):
            self.tray.show(company, "Connecting", reason="cloud-unreachable")
        finally:
            try:
                if ticket is not None:
                    rp.EndSession(ticket)
                if connected:
                    rp.CloseConnection()
            except pywintypes.com_error:
                pass
            del rp

    def worker(self):
        # A worker thread must initialize COM before it creates a COM object.
        pythoncom.CoInitialize()
        try:
            while True:
                company = self.work.get()
                if company is None:
                    return
                self.sync(company)
        finally:
            pythoncom.CoUninitialize()

    def run(self):
        for company in self.args.company:
            self.tray.show(company, "Connecting")
            self.work.put(company)
        threading.Thread(target=self.worker, daemon=True).start()
        connector = self

        class Control(socketserver.StreamRequestHandler):
            def handle(self):
                msg = json.loads(self.rfile.readline() or b"{}")
                if msg.get("cmd") == "sync-now":
                    for company in msg.get("companies") or connector.args.company:
                        connector.work.put(company)
                self.wfile.write(b'{"ok": true}\n')
                if msg.get("cmd") == "exit":
                    threading.Thread(target=server.shutdown).start()

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Control)
        control = os.path.join(self.args.state_dir, "control.json")
        with open(control, "w", encoding="utf-8") as f:
            json.dump({"port": server.server_address[1], "pid": os.getpid()}, f)
        try:
            server.serve_forever()
        finally:
            os.remove(control)


def tell(state_dir, message):
    """Sends a command to the running tray; False when none runs."""
    try:
        with open(os.path.join(state_dir, "control.json"), encoding="utf-8") as f:
            port = json.load(f)["port"]
        with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
            s.sendall((json.dumps(message) + "\n").encode())
            s.makefile().readline()
        return True
    except (OSError, ValueError, KeyError):
        return False


def main(argv):
    p = argparse.ArgumentParser(prog="ap_sync_tray")
    sub = p.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start")
    start.add_argument("--state-dir", required=True)
    start.add_argument("--cloud", required=True)
    start.add_argument("--company", action="append", required=True)
    start.add_argument("--file-mode", default="qbFileOpenDoNotCare", choices=sorted(FILE_MODES))
    start.add_argument("--app-name", default=APP_NAME)
    token = sub.add_parser("token")
    token.add_argument("action", choices=["set"])
    token.add_argument("--state-dir", required=True)
    token.add_argument("--company", required=True)
    token.add_argument("--token-env")
    sync = sub.add_parser("sync-now")
    sync.add_argument("--state-dir", required=True)
    sync.add_argument("--company", action="append")
    stop = sub.add_parser("exit")
    stop.add_argument("--state-dir", required=True)
    args = p.parse_args(argv)

    if args.command == "start":
        Connector(args).run()
        return 0
    if args.command == "token":
        key = (os.environ.get(args.token_env, "") if args.token_env else sys.stdin.read()).strip()
        if not key:
            sys.stderr.write("ap_sync_tray: no token key given\n")
            return 2
        State(args.state_dir).set_token(args.company, key)
        tell(args.state_dir, {"cmd": "sync-now", "companies": [args.company]})
        return 0
    if args.command == "sync-now":
        return 0 if tell(args.state_dir, {"cmd": "sync-now", "companies": args.company}) else 1
    if args.command == "exit":
        return 0 if tell(args.state_dir, {"cmd": "exit"}) else 1
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
