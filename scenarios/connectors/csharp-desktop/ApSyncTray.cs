// AP Sync tray — an example desktop connector for QuickBooks Desktop in C#, in the style of Intuit's SDK samples
// (RequestProcessor2 from Interop.QBXMLRP2; COMException handled around the session; EndSession and
// CloseConnection in finally). It references nothing of qbd-sim: on Windows it is built against Intuit's
// Interop.QBXMLRP2.dll; on Linux against qbd-sim's drop-in of the same name (`qbd-sim com dotnet-build`) and run
// under Mono. Each company file has its own token key for the AP cloud; the tray status goes to stdout as JSON
// lines {"ts", "company", "status", "detail"}.
//
//   ApSyncTray.exe start --state-dir D --cloud URL --company PATH [--company PATH …] [--file-mode M] [--app-name N]
//   ApSyncTray.exe token set --state-dir D --company PATH        (the key on stdin)
//   ApSyncTray.exe sync-now --state-dir D [--company PATH …]
//   ApSyncTray.exe exit --state-dir D
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using Interop.QBXMLRP2;

namespace ApSync
{
  internal sealed class Options
  {
    public string Command;
    public string StateDir;
    public string Cloud;
    public string FileMode = "qbFileOpenDoNotCare";
    public string AppName = "AP Connector";
    public List<string> Companies = new List<string>();

    public static Options Parse(string[] args)
    {
      var o = new Options();
      int i = 0;
      o.Command = args.Length > 0 ? args[i++] : "";
      if (o.Command == "token" && i < args.Length && args[i] == "set") i++;
      for (; i + 1 < args.Length; i += 2)
      {
        switch (args[i])
        {
          case "--state-dir": o.StateDir = args[i + 1]; break;
          case "--cloud": o.Cloud = args[i + 1].TrimEnd('/'); break;
          case "--company": o.Companies.Add(args[i + 1]); break;
          case "--file-mode": o.FileMode = args[i + 1]; break;
          case "--app-name": o.AppName = args[i + 1]; break;
          default: throw new ArgumentException("unknown option " + args[i]);
        }
      }
      if (o.StateDir == null) throw new ArgumentException("--state-dir is required");
      return o;
    }
  }

  /// <summary>The state directory: a token key and an identity per company file.</summary>
  internal sealed class State
  {
    readonly string dir;
    public State(string dir) { this.dir = dir; Directory.CreateDirectory(dir); }

    string FileFor(string kind, string company)
    {
      var key = new StringBuilder();
      foreach (char c in company.ToLowerInvariant()) key.Append(char.IsLetterOrDigit(c) ? c : '_');
      return Path.Combine(dir, kind + "-" + key + ".txt");
    }

    public string Token(string company)
    {
      string f = FileFor("token", company);
      return File.Exists(f) ? File.ReadAllText(f).Trim() : null;
    }

    public void SetToken(string company, string key) { File.WriteAllText(FileFor("token", company), key); }

    public string FileId(string company)
    {
      string f = FileFor("file-id", company);
      if (!File.Exists(f)) File.WriteAllText(f, "{" + Guid.NewGuid().ToString().ToUpperInvariant() + "}");
      return File.ReadAllText(f).Trim();
    }
  }

  internal sealed class CloudRefusedException : Exception
  {
    public readonly string Code;
    public CloudRefusedException(string code) : base(code) { Code = code; }
  }

  internal static class Text
  {
    public static string Quote(string s)
    {
      var sb = new StringBuilder("\"");
      foreach (char c in s)
      {
        if (c == '"' || c == '\\') sb.Append('\\').Append(c);
        else if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4"));
        else sb.Append(c);
      }
      return sb.Append('"').ToString();
    }
  }

  internal sealed class Connector
  {
    readonly Options options;
    readonly State state;
    readonly BlockingCollection<string> work = new BlockingCollection<string>();
    readonly object output = new object();

    public Connector(Options options)
    {
      this.options = options;
      state = new State(options.StateDir);
    }

    void Show(string company, string status, string hresult = null, string message = null, string reason = null)
    {
      var detail = new List<string>();
      if (hresult != null) detail.Add("\"hresult\":" + Text.Quote(hresult));
      if (message != null) detail.Add("\"message\":" + Text.Quote(message));
      if (reason != null) detail.Add("\"reason\":" + Text.Quote(reason));
      string line = "{\"ts\":" + Text.Quote(DateTime.UtcNow.ToString("o")) + ",\"company\":" + Text.Quote(company) +
        ",\"status\":" + Text.Quote(status) + ",\"detail\":{" + string.Join(",", detail.ToArray()) + "}}";
      lock (output)
      {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
      }
    }

    string CloudPost(string token, string company, string fileId, string path, string json)
    {
      var req = (HttpWebRequest)WebRequest.Create(options.Cloud + "/api/v1" + path);
      req.Method = "POST";
      req.ContentType = "application/json";
      req.Headers["Authorization"] = "Bearer " + token;
      req.Headers["X-Qb-File-Path"] = Uri.EscapeUriString(company);
      req.Headers["X-Qb-File-Id"] = fileId;
      req.Timeout = 30000;
      // Local addresses bypass the proxy, as Windows' "Bypass proxy server for local addresses" does.
      if (req.RequestUri.IsLoopback) req.Proxy = null;
      byte[] body = Encoding.UTF8.GetBytes(json);
      using (Stream s = req.GetRequestStream()) s.Write(body, 0, body.Length);
      try
      {
        using (var resp = (HttpWebResponse)req.GetResponse())
        using (var r = new StreamReader(resp.GetResponseStream())) return r.ReadToEnd();
      }
      catch (WebException e)
      {
        var resp = e.Response as HttpWebResponse;
        if (resp != null && (resp.StatusCode == HttpStatusCode.Unauthorized || resp.StatusCode == HttpStatusCode.Forbidden))
        {
          using (var r = new StreamReader(resp.GetResponseStream()))
          {
            Match m = Regex.Match(r.ReadToEnd(), "\"error\"\\s*:\\s*\"([^\"]*)\"");
            throw new CloudRefusedException(m.Success ? m.Groups[1].Value : "refused");
          }
        }
        throw;
      }
    }

    const string VendorQuery =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?qbxml version=\"13.0\"?>\n<QBXML>\n" +
      "  <QBXMLMsgsRq onError=\"stopOnError\">\n" +
      "    <VendorQueryRq requestID=\"1\"><MaxReturned>100</MaxReturned></VendorQueryRq>\n" +
      "  </QBXMLMsgsRq>\n</QBXML>";

    static string VendorsJson(string response)
    {
      var doc = new XmlDocument();
      doc.LoadXml(response);
      var items = new List<string>();
      foreach (XmlNode v in doc.GetElementsByTagName("VendorRet"))
      {
        Func<string, string, string> field = (name, dflt) =>
        {
          XmlNode n = v.SelectSingleNode(name);
          return n == null ? dflt : n.InnerText;
        };
        items.Add("{\"listId\":" + Text.Quote(field("ListID", "")) + ",\"editSequence\":" + Text.Quote(field("EditSequence", "")) +
          ",\"name\":" + Text.Quote(field("Name", "")) + ",\"isActive\":" + (field("IsActive", "true") == "true" ? "true" : "false") +
          ",\"balance\":" + Text.Quote(field("Balance", "0.00")) + ",\"timeModified\":" + Text.Quote(field("TimeModified", "")) + "}");
      }
      return "{\"vendors\":[" + string.Join(",", items.ToArray()) + "]}";
    }

    /// <summary>One sync cycle for one company file.</summary>
    void Sync(string company)
    {
      string token = state.Token(company);
      if (token == null)
      {
        Show(company, "Token required", reason: "no-token");
        return;
      }
      RequestProcessor2 rp;
      try
      {
        rp = new RequestProcessor2();
      }
      catch (COMException ex)
      {
        // The request processor could not be created (the SDK not installed, a 64-bit build, ...).
        Show(company, "Unable to open QuickBooks file", "0x" + ex.ErrorCode.ToString("X8"), ex.Message, "CoCreateInstance failed");
        return;
      }
      catch (Exception ex)
      {
        Show(company, "Unable to open QuickBooks file", "0x" + Marshal.GetHRForException(ex).ToString("X8"), ex.Message, "CoCreateInstance failed");
        return;
      }
      string ticket = null;
      bool connectionOpen = false;
      try
      {
        rp.OpenConnection2("", options.AppName, QBXMLRPConnectionType.localQBD);
        connectionOpen = true;
        var prefs = (AuthPreferences)rp.AuthPreferences;
        prefs.PutIsReadOnly(false);
        prefs.PutUnattendedModePref(QBXMLRPUnattendedModePrefType.umpOptional);
        prefs.PutPersonalDataPref(QBXMLRPPersonalDataPrefType.pdpOptional);
        var mode = (QBFileMode)Enum.Parse(typeof(QBFileMode), options.FileMode);
        ticket = rp.BeginSession(company, mode);
        string[] versions = rp.get_QBXMLVersionsForSession(ticket);
        string opened = rp.GetCurrentCompanyFileName(ticket);
        string fileId = state.FileId(company);
        CloudPost(token, opened, fileId, "/hello",
          "{\"companyFile\":{\"path\":" + Text.Quote(opened) + ",\"fileId\":" + Text.Quote(fileId) + "}," +
          "\"connector\":{\"name\":\"ap-sync-tray (c#)\",\"version\":\"2.0.1\",\"transport\":\"rp2\"}}");
        Show(company, "Synchronizing with QuickBooks");
        if (Array.IndexOf(versions, "13.0") < 0) throw new InvalidOperationException("QuickBooks does not speak qbXML 13.0");
        string response = rp.ProcessRequest(ticket, VendorQuery);
        CloudPost(token, opened, fileId, "/qb-data", VendorsJson(response));
        CloudPost(token, opened, fileId, "/heartbeat", "{\"status\":\"Connected to Server\"}");
        rp.EndSession(ticket);
        ticket = null;
        Show(company, "Connected to Server");
      }
      catch (COMException ex)
      {
        Show(company, "Unable to open QuickBooks file", "0x" + ex.ErrorCode.ToString("X8"), ex.Message, "BeginSession failed");
      }
      catch (CloudRefusedException ex)
      {
        Show(company, "Token rejected", reason: ex.Code);
      }
      catch (WebException)
      {
        Show(company, "Connecting", reason: "cloud-unreachable");
      }
      finally
      {
        try
        {
          if (ticket != null) rp.EndSession(ticket);
          if (connectionOpen) rp.CloseConnection();
        }
        catch (COMException)
        {
        }
        // On Windows this releases the COM object now; qbd-sim's objects are not COM objects to Mono.
        if (Marshal.IsComObject(rp)) Marshal.ReleaseComObject(rp);
      }
    }

    public int Run()
    {
      foreach (string c in options.Companies)
      {
        Show(c, "Connecting");
        work.Add(c);
      }
      var worker = new Thread(() => { foreach (string c in work.GetConsumingEnumerable()) Sync(c); });
      worker.SetApartmentState(ApartmentState.STA);
      worker.IsBackground = true;
      worker.Start();

      var listener = new TcpListener(IPAddress.Loopback, 0);
      listener.Start();
      string control = Path.Combine(options.StateDir, "control.json");
      File.WriteAllText(control, "{\"port\":" + ((IPEndPoint)listener.LocalEndpoint).Port + "}");
      try
      {
        for (;;)
        {
          using (TcpClient client = listener.AcceptTcpClient())
          using (var stream = client.GetStream())
          using (var reader = new StreamReader(stream))
          using (var writer = new StreamWriter(stream))
          {
            string[] parts = (reader.ReadLine() ?? "").Split('\t');
            if (parts[0] == "sync-now")
            {
              if (parts.Length == 1) foreach (string c in options.Companies) work.Add(c);
              for (int i = 1; i < parts.Length; i++) work.Add(parts[i]);
            }
            writer.WriteLine("ok");
            writer.Flush();
            if (parts[0] == "exit") return 0;
          }
        }
      }
      finally
      {
        listener.Stop();
        File.Delete(control);
        // End the worker before returning: Mono can hang at exit on a background thread parked in a wait.
        work.CompleteAdding();
        worker.Join(5000);
      }
    }
  }

  internal static class Program
  {
    /// <summary>Sends a command to the running tray; false when none runs.</summary>
    static bool Tell(string stateDir, string message)
    {
      try
      {
        string text = File.ReadAllText(Path.Combine(stateDir, "control.json"));
        int port = int.Parse(Regex.Match(text, "\"port\":(\\d+)").Groups[1].Value);
        using (var client = new TcpClient("127.0.0.1", port))
        using (var stream = client.GetStream())
        using (var writer = new StreamWriter(stream))
        using (var reader = new StreamReader(stream))
        {
          writer.WriteLine(message);
          writer.Flush();
          reader.ReadLine();
        }
        return true;
      }
      catch (Exception)
      {
        return false;
      }
    }

    [STAThread]
    static int Main(string[] args)
    {
      Options o;
      try
      {
        o = Options.Parse(args);
      }
      catch (ArgumentException e)
      {
        Console.Error.WriteLine("ApSyncTray: " + e.Message);
        return 2;
      }
      switch (o.Command)
      {
        case "start":
          return new Connector(o).Run();
        case "token":
          string key = Console.In.ReadToEnd().Trim();
          if (key.Length == 0 || o.Companies.Count != 1) return 2;
          new State(o.StateDir).SetToken(o.Companies[0], key);
          Tell(o.StateDir, "sync-now\t" + o.Companies[0]);
          return 0;
        case "sync-now":
          return Tell(o.StateDir, string.Join("\t", new List<string> { "sync-now" }.Concat(o.Companies))) ? 0 : 1;
        case "exit":
          return Tell(o.StateDir, "exit") ? 0 : 1;
        default:
          Console.Error.WriteLine("ApSyncTray: start | token set | sync-now | exit");
          return 2;
      }
    }
  }

  internal static class ListExtensions
  {
    public static string[] Concat(this List<string> head, List<string> tail)
    {
      var all = new List<string>(head);
      all.AddRange(tail);
      return all.ToArray();
    }
  }
}
