"""The RP2 bridge (QBXMLRP2 over HTTP+JSON, src/protocol/rp2-bridge-contract.ts), with the standard library only."""

import json
import os
import urllib.error
import urllib.request

from ._errors import BridgeError
from ._tables import ENV

# The bridge is on loopback (or a LAN): never through a proxy the environment names.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ComFailure(Exception):
    """The bridge answered a COM failure: HTTP 422 {hresult, message}."""

    def __init__(self, hresult, message):
        super().__init__(hresult, message)
        self.hresult = hresult.upper().replace("0X", "0x")
        self.message = message


def bridge_url():
    name, default = ENV["bridgeUrl"]
    return (os.environ.get(name) or default).rstrip("/")


def send(url, method, body=None):
    """One exchange, without a timeout: BeginSession waits as long as QuickBooks shows a dialog."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with _opener.open(req) as resp:
            status, text = resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as e:
        raise BridgeError(
            "the qbd-sim RP2 bridge at %s could not be reached (%s); set %s" % (url, e, ENV["bridgeUrl"][0])
        ) from None
    answer = json.loads(text) if text else None
    if status == 422 and isinstance(answer, dict) and "hresult" in answer:
        raise ComFailure(answer["hresult"], answer.get("message", ""))
    if status >= 300:
        code = answer.get("code") if isinstance(answer, dict) else None
        message = answer.get("message") if isinstance(answer, dict) else text
        raise BridgeError("qbd-sim RP2 bridge %s answered HTTP %d: %s" % (url, status, message), code)
    return answer
