"""QBXMLRP2's COM objects as pywin32 hands them out, each one a request processor on qbd-sim's RP2 bridge.

``Dispatch`` gives a late-bound object (pywin32's dynamic ``CDispatch``: member names case-insensitive, as
IDispatch::GetIDsOfNames is); ``gencache.EnsureDispatch`` a makepy-style one (names as the type library spells them)
and fills ``win32com.client.constants``. Both have exactly the members of the coclass's default interface
(src/protocol/rp2-members.ts, through the generated ``_tables``): RequestProcessor2 has no ``GetQBLastError``,
RequestProcessor3 (by its CLSID) has.
"""

import os
import re
import weakref

from . import _bridge, _com_thread
from ._errors import BridgeError, com_error, invoke_error, signed, windows_error
from ._tables import COCLASSES, ENUMS, ENV, MEMBERS

_CLSID = re.compile(r"^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$")
_ENUM_TYPES = set(ENUMS) | {"short", "long"}
_TYPELIB = "QBXMLRP2 1.0 Type Library"


class _State:
    """Module state: whether makepy support for QBXMLRP2 is loaded (EnsureDispatch ran, or the cache existed)."""

    gencache = bool(os.environ.get(ENV["pywin32Gencache"][0]))


def _release(url, processor_id):
    try:
        _bridge.send("%s/processors/%s" % (url, processor_id), "DELETE")
    except Exception:  # the bridge is gone, or the object was released already
        pass


class _Processor:
    """One COM object on the bridge; released when the last Python object holding it goes (COM's Release)."""

    def __init__(self, url, processor_id, coclass):
        self.url = url
        self.id = processor_id
        self.coclass = coclass
        self.preferences = None
        weakref.finalize(self, _release, url, processor_id)

    def call(self, member, body):
        verb, path = member["route"]
        url = "%s/processors/%s/%s" % (self.url, self.id, path)
        try:
            answer = _bridge.send(url, verb, None if verb == "GET" else body)
        except _bridge.ComFailure as f:
            raise invoke_error(f.hresult, f.message) from None
        return answer.get("result") if isinstance(answer, dict) else None


def _members(coclass):
    names = set(COCLASSES[coclass]["members"])
    return {m["name"]: m for m in MEMBERS if m["name"] in names and m["object"] == _object_of(coclass)}


def _object_of(coclass):
    return "AuthPreferences" if coclass == "AuthPreferences" else "RequestProcessor"


def _coerce(com_type, value, argerr):
    """A Python value as IDispatch::Invoke would convert it to the parameter's type (else DISP_E_TYPEMISMATCH)."""
    try:
        if com_type == "BSTR":
            if isinstance(value, str):
                return value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
        elif com_type == "VARIANT_BOOL":
            if isinstance(value, (bool, int)):
                return bool(value)
        elif com_type in _ENUM_TYPES:
            if isinstance(value, bool):
                return -1 if value else 0
            if isinstance(value, int):
                return value
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, str) and value.strip().lstrip("-").isdigit():
                return int(value.strip())
    except (TypeError, ValueError):
        pass
    raise windows_error("0x80020005", argerr)


def _convert(com_type, result):
    if com_type == "void":
        return None
    if com_type == "BSTR[]":
        return tuple(result or ())
    if com_type == "VARIANT_BOOL":
        return bool(result)
    return result


class CDispatch:
    """A late-bound COM object (pywin32's ``win32com.client.CDispatch``)."""

    def __init__(self, processor, coclass, username, case_sensitive=False):
        members = _members(coclass)
        self.__dict__.update(
            _processor=processor,
            _coclass=coclass,
            _username_=username,
            _members=members,
            _lower={name.lower(): m for name, m in members.items()},
            _case_sensitive=case_sensitive,
        )

    def __repr__(self):
        return "<COMObject %s>" % self._username_

    def __dir__(self):
        return sorted(set(object.__dir__(self)) | set(self._members))

    def _member(self, name):
        member = self._members.get(name) if self._case_sensitive else self._lower.get(name.lower())
        if member is None:
            raise AttributeError(self._missing(name))
        return member

    def _missing(self, name):
        return "%s.%s" % (self._username_, name)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        member = self._member(name)
        if member["kind"] == "propget" and not member["params"]:
            return self._get(member)
        return lambda *args, **kwargs: self._invoke(member, args, kwargs)

    def __setattr__(self, name, value):
        raise AttributeError("Property '%s.%s' can not be set." % (self._username_, name))

    def _get(self, member):
        if member["returns"] == "IAuthPreferences":
            p = self._processor
            if p.preferences is None:
                p.preferences = type(self)(p, "AuthPreferences", "<unknown>", self._case_sensitive)
            return p.preferences
        return _convert(member["returns"], self._processor.call(member, {}))

    def _invoke(self, member, args, kwargs):
        params = member["params"]
        values = list(args)
        for name, _ in params[len(values):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
        if kwargs or len(values) != len(params):
            raise windows_error("0x8002000E")
        # puArgErr counts from the last argument (IDispatch passes them in reverse order).
        body = {
            name: _coerce(com_type, value, len(params) - 1 - i)
            for i, ((name, com_type), value) in enumerate(zip(params, values))
        }
        return _convert(member["returns"], self._processor.call(member, body))


class DispatchBaseClass(CDispatch):
    """A makepy-generated wrapper (``win32com.gen_py.<type library>.<interface>``): names as the type library has them."""

    def __repr__(self):
        interface = COCLASSES[self._coclass]["default_interface"]
        return "<win32com.gen_py.%s.%s instance at 0x%X>" % (_TYPELIB, interface, id(self))

    def _missing(self, name):
        return "'%s' object has no attribute '%s'" % (COCLASSES[self._coclass]["default_interface"], name)


def _caller_body():
    """Who calls CoCreateInstance, from the QBDSIM_* variables (unset: the host's defaults)."""
    env = lambda key: os.environ.get(ENV[key][0]) or None  # noqa: E731
    body = {}
    for key, field in (("machine", "machine"), ("windowsUser", "windowsUser"), ("runAs", "runAs")):
        if env(key):
            body[field] = env(key)
    for key in ("bitness", "windowsSession"):
        if env(key):
            try:
                body[key] = int(env(key))
            except ValueError:
                raise BridgeError("%s=%s is not a number" % (ENV[key][0], env(key))) from None
    if env("elevated"):
        body["elevated"] = env("elevated").lower() in ("1", "true", "yes")
    certificate = {}
    for key, field in (("certificateSubject", "subject"), ("certificateStatus", "status"), ("certificateExpires", "expires")):
        if env(key):
            certificate[field] = env(key)
    if certificate:
        body["certificate"] = certificate
    return body


def create(dispatch, makepy):
    """CoCreateInstance by ProgID or CLSID on the bridge; Windows' failure as pywin32 raises it."""
    if not _com_thread.is_initialized():
        raise windows_error("0x800401F0")
    if not isinstance(dispatch, str):
        raise TypeError("Only strings (a ProgID or CLSID) name a QBXMLRP2 object here, not %r" % (dispatch,))
    body = _caller_body()
    if _CLSID.match(dispatch.strip()):
        body["clsid"] = dispatch.strip()
    else:
        body["progId"] = dispatch
    url = _bridge.bridge_url()
    try:
        created = _bridge.send(url + "/processors", "POST", body)
    except _bridge.ComFailure as f:
        raise com_error(signed(f.hresult), f.message, None, None) from None
    processor = _Processor(url, created["processorId"], created.get("coclass", "RequestProcessor2"))
    if makepy:
        return DispatchBaseClass(processor, processor.coclass, dispatch, case_sensitive=True)
    return CDispatch(processor, processor.coclass, dispatch)


class _Constants:
    """``win32com.client.constants``: the type library's enum values, once makepy support is loaded."""

    def __getattr__(self, name):
        if _State.gencache:
            for values in ENUMS.values():
                if name in values:
                    return values[name]
        raise AttributeError(name)


constants = _Constants()


def Dispatch(dispatch, userName=None, resultCLSID=None, typeinfo=None, UnicodeToString=None, clsctx=None):
    """``win32com.client.Dispatch``: a makepy object when its support is loaded, else a late-bound one."""
    if isinstance(dispatch, CDispatch):
        return dispatch
    return create(dispatch, makepy=_State.gencache)


def DispatchEx(clsid, machine=None, userName=None, resultCLSID=None, typeinfo=None, UnicodeToString=None, clsctx=None):
    """``win32com.client.DispatchEx``: a new object; a remote ``machine`` (DCOM) is not simulated."""
    if machine is not None:
        raise BridgeError("DispatchEx(machine=%r): remote (DCOM) activation is not simulated" % (machine,))
    return create(clsid, makepy=_State.gencache)


def dynamic_Dispatch(IDispatch, userName=None, createClass=None, typeinfo=None, UnicodeToString=None, clsctx=None):
    """``win32com.client.dynamic.Dispatch``: always late-bound."""
    if isinstance(IDispatch, CDispatch):
        return IDispatch
    return create(IDispatch, makepy=False)


def EnsureDispatch(prog_id, bForDemand=1):
    """``win32com.client.gencache.EnsureDispatch``: makepy support loaded, a makepy object."""
    _State.gencache = True
    if isinstance(prog_id, DispatchBaseClass):
        return prog_id
    return create(prog_id, makepy=True)
