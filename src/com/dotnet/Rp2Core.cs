// The hand-written core of qbd-sim's drop-in Interop.QBXMLRP2: one request processor on the RP2 bridge (QBXMLRP2
// over HTTP+JSON, src/protocol/rp2-bridge-contract.ts), and the exceptions .NET raises for COM failures. The
// coclasses and interfaces around it are generated (Rp2Interop.g.cs). Only the base class library Mono ships:
// HttpWebRequest (System.dll) and a small JSON reader/writer (Json.cs).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace QbdSim
{
  /// <summary>
  /// The RP2 bridge failed in a way QuickBooks never would (not reachable, or the simulator's own error): not a COM
  /// failure, so no connector should handle it as one.
  /// </summary>
  public sealed class QbdSimBridgeException : Exception
  {
    /// <summary>The simulator's error code (QBDSIM_ERR_…), or null when the bridge could not be reached.</summary>
    public string Code { get; private set; }

    public QbdSimBridgeException(string message, string code, Exception inner) : base(message, inner)
    {
      Code = code;
    }
  }
}

namespace QbdSim.Com
{
  /// <summary>One QBXMLRP2 request processor on the bridge (what a coclass instance holds).</summary>
  internal sealed class Rp2Processor
  {
    static readonly List<WeakReference> Live = new List<WeakReference>();

    static Rp2Processor()
    {
      ServicePointManager.Expect100Continue = false;
      // A process that exits releases its in-process COM objects: so do these (QuickBooks then ends their sessions).
      AppDomain.CurrentDomain.ProcessExit += delegate
      {
        lock (Live)
        {
          foreach (WeakReference w in Live)
          {
            Rp2Processor p = w.Target as Rp2Processor;
            if (p != null) p.ReleaseQuietly();
          }
        }
      };
    }

    readonly string bridge;
    readonly string id;
    readonly Func<Rp2Processor, object> preferencesFactory;
    object preferences;
    int released;

    Rp2Processor(string bridge, string id, Func<Rp2Processor, object> preferencesFactory)
    {
      this.bridge = bridge;
      this.id = id;
      this.preferencesFactory = preferencesFactory;
    }

    static string Env(string name)
    {
      string v = Environment.GetEnvironmentVariable(name);
      return string.IsNullOrEmpty(v) ? null : v;
    }

    static string BridgeUrl()
    {
      return (Env(Rp2Tables.EnvBridgeUrl) ?? Rp2Tables.DefaultBridgeUrl).TrimEnd('/');
    }

    /// <summary>CoCreateInstance by CLSID, as <c>new RequestProcessor2()</c> does; the caller from QBDSIM_* variables.</summary>
    internal static Rp2Processor Create(string coclass, string clsid, Func<Rp2Processor, object> preferencesFactory)
    {
      var body = new Dictionary<string, object>();
      body["clsid"] = clsid;
      string v;
      if ((v = Env(Rp2Tables.EnvMachine)) != null) body["machine"] = v;
      if ((v = Env(Rp2Tables.EnvWindowsUser)) != null) body["windowsUser"] = v;
      if ((v = Env(Rp2Tables.EnvBitness)) != null) body["bitness"] = ParseInt(Rp2Tables.EnvBitness, v);
      if ((v = Env(Rp2Tables.EnvRunAs)) != null) body["runAs"] = v;
      if ((v = Env(Rp2Tables.EnvWindowsSession)) != null) body["windowsSession"] = ParseInt(Rp2Tables.EnvWindowsSession, v);
      if ((v = Env(Rp2Tables.EnvElevated)) != null) body["elevated"] = v == "1" || v.ToLowerInvariant() == "true";
      var certificate = new Dictionary<string, object>();
      if ((v = Env(Rp2Tables.EnvCertificateSubject)) != null) certificate["subject"] = v;
      if ((v = Env(Rp2Tables.EnvCertificateStatus)) != null) certificate["status"] = v;
      if ((v = Env(Rp2Tables.EnvCertificateExpires)) != null) certificate["expires"] = v;
      if (certificate.Count > 0) body["certificate"] = certificate;

      string bridge = BridgeUrl();
      int status;
      object answer = Send(bridge + "/processors", "POST", body, out status);
      if (status == 422) throw CreateFailure(clsid, answer);
      if (status != 201) throw SimulatorError(bridge, answer, status);
      string id = Json.AsString(Json.Member(answer, "processorId"));
      var p = new Rp2Processor(bridge, id, preferencesFactory);
      lock (Live) Live.Add(new WeakReference(p));
      return p;
    }

    /// <summary>A preferences object tied to no processor: Put calls are kept nowhere, Get calls fail.</summary>
    internal static Rp2Processor Detached()
    {
      return new Rp2Processor(null, null, null);
    }

    /// <summary>One call: <paramref name="path"/> below the processor, its parameters as name/value pairs.</summary>
    internal object Call(string verb, string path, params object[] nameValues)
    {
      if (id == null)
      {
        // A detached AuthPreferences object: what it is told goes nowhere; what it is asked has no session to read.
        if (path.StartsWith("AuthPreferences/Put", StringComparison.Ordinal)) return null;
        throw CallFailure(new Dictionary<string, object> { { "hresult", "0x8004040D" }, { "message", Rp2Tables.HresultTexts[0x8004040Du] } });
      }
      var body = new Dictionary<string, object>();
      for (int i = 0; i + 1 < nameValues.Length; i += 2) body[(string)nameValues[i]] = nameValues[i + 1];
      int status;
      object answer = Send(bridge + "/processors/" + Uri.EscapeDataString(id) + "/" + path, verb, verb == "GET" ? null : body, out status);
      if (status == 422) throw CallFailure(answer);
      if (status != 200) throw SimulatorError(bridge, answer, status);
      return Json.Member(answer, "result");
    }

    /// <summary>The processor's AuthPreferences object (one per processor).</summary>
    internal object Preferences()
    {
      if (preferences == null) preferences = preferencesFactory(this);
      return preferences;
    }

    /// <summary>Releases the COM object on the bridge (its open connection closes); never throws.</summary>
    internal void ReleaseQuietly()
    {
      if (id == null || Interlocked.Exchange(ref released, 1) == 1) return;
      try
      {
        int status;
        Send(bridge + "/processors/" + Uri.EscapeDataString(id), "DELETE", null, out status);
      }
      catch (Exception)
      {
        // the bridge is gone, or the processor was released already
      }
    }

    // ------------------------------------------------------------------------------------------ failures

    static uint Hresult(object answer)
    {
      string text = Json.AsString(Json.Member(answer, "hresult"));
      return Convert.ToUInt32(text.Substring(2), 16);
    }

    /// <summary>What .NET raises when CoCreateInstance fails: its own message around Windows' text.</summary>
    static Exception CreateFailure(string clsid, object answer)
    {
      uint hr = Hresult(answer);
      string text = Json.AsString(Json.Member(answer, "message"));
      string[] known;
      string symbol = Rp2Tables.WindowsHresults.TryGetValue(hr, out known) ? known[0] : null;
      string message = string.Format(
        "Retrieving the COM class factory for component with CLSID {0} failed due to the following error: {1} {2} (Exception from HRESULT: 0x{3}{4}).",
        clsid, hr.ToString("x8"), text, hr.ToString("X8"), symbol == null ? "" : " (" + symbol + ")");
      Exception e;
      // The CLR maps these two HRESULTs to its own exception types (Marshal.ThrowExceptionForHR), not COMException.
      if (hr == 0x80070005u) e = new UnauthorizedAccessException(message);
      else if (hr == 0x8007007Eu) e = new FileNotFoundException(message);
      else e = new COMException(message, unchecked((int)hr));
      SetHResult(e, unchecked((int)hr));
      // The CLR raises it from mscorlib (Type.CreateInstance of the RCW).
      e.Source = "mscorlib";
      return e;
    }

    /// <summary>A COM failure of a call: COMException with the HRESULT and Intuit's text, as the CLR raises it.</summary>
    static Exception CallFailure(object answer)
    {
      var e = new COMException(Json.AsString(Json.Member(answer, "message")), unchecked((int)Hresult(answer)));
      e.Source = Env(Rp2Tables.EnvErrorSource) ?? Rp2Tables.DefaultErrorSource;
      return e;
    }

    static Exception SimulatorError(string bridge, object answer, int status)
    {
      object code = answer is Dictionary<string, object> ? Json.Member(answer, "code") : null;
      object message = answer is Dictionary<string, object> ? Json.Member(answer, "message") : null;
      return new QbdSimBridgeException(
        string.Format("qbd-sim RP2 bridge {0} answered HTTP {1}: {2}", bridge, status, message ?? "(no message)"),
        code as string, null);
    }

    static void SetHResult(Exception e, int hr)
    {
      // Exception.HResult's setter is protected; the CLR sets it for the exceptions it maps from an HRESULT.
      PropertyInfo p = typeof(Exception).GetProperty("HResult");
      MethodInfo set = p == null ? null : p.GetSetMethod(true);
      if (set != null) set.Invoke(e, new object[] { hr });
    }

    static int ParseInt(string name, string value)
    {
      int n;
      if (!int.TryParse(value, out n)) throw new QbdSimBridgeException(name + "=" + value + " is not a number", "QBDSIM_ERR_BAD_REQUEST", null);
      return n;
    }

    // ------------------------------------------------------------------------------------------ HTTP

    /// <summary>One exchange with the bridge. No timeout: BeginSession waits as long as QuickBooks shows a dialog.</summary>
    static object Send(string url, string method, object body, out int status)
    {
      HttpWebRequest req;
      try
      {
        req = (HttpWebRequest)WebRequest.Create(url);
      }
      catch (Exception e)
      {
        throw new QbdSimBridgeException(Rp2Tables.EnvBridgeUrl + " is not a URL: " + url, null, e);
      }
      req.Method = method;
      req.Proxy = null;
      req.Timeout = Timeout.Infinite;
      req.ReadWriteTimeout = Timeout.Infinite;
      req.Accept = "application/json";
      try
      {
        if (body != null)
        {
          byte[] bytes = Encoding.UTF8.GetBytes(Json.Write(body));
          req.ContentType = "application/json";
          req.ContentLength = bytes.Length;
          using (Stream s = req.GetRequestStream()) s.Write(bytes, 0, bytes.Length);
        }
        using (var resp = (HttpWebResponse)req.GetResponse()) return Read(resp, out status);
      }
      catch (WebException e)
      {
        var resp = e.Response as HttpWebResponse;
        if (resp == null)
        {
          throw new QbdSimBridgeException(
            "the qbd-sim RP2 bridge at " + url + " could not be reached (" + e.Message + "); set " + Rp2Tables.EnvBridgeUrl,
            null, e);
        }
        using (resp) return Read(resp, out status);
      }
    }

    static object Read(HttpWebResponse resp, out int status)
    {
      status = (int)resp.StatusCode;
      using (var r = new StreamReader(resp.GetResponseStream(), Encoding.UTF8))
      {
        string text = r.ReadToEnd();
        return text.Length == 0 ? null : Json.Parse(text);
      }
    }
  }
}
