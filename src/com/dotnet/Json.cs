// A small JSON reader and writer for the RP2 bridge's bodies: Mono's class libraries here have neither
// System.Web.Extensions nor System.Runtime.Serialization's JSON (only mscorlib, System, System.Core, System.Xml…).
// Objects are Dictionary<string, object>, arrays List<object>, numbers double, and strings, bools and null as such.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace QbdSim.Com
{
  internal static class Json
  {
    internal static object Parse(string text)
    {
      int i = 0;
      object v = Value(text, ref i);
      Space(text, ref i);
      if (i != text.Length) throw Bad(text, i);
      return v;
    }

    internal static string Write(object value)
    {
      var sb = new StringBuilder();
      Write(sb, value);
      return sb.ToString();
    }

    internal static object Member(object obj, string name)
    {
      var d = obj as Dictionary<string, object>;
      object v;
      return d != null && d.TryGetValue(name, out v) ? v : null;
    }

    internal static string AsString(object v) { return v as string; }

    internal static string[] AsStrings(object v)
    {
      var list = v as List<object>;
      if (list == null) return new string[0];
      var out_ = new string[list.Count];
      for (int i = 0; i < list.Count; i++) out_[i] = list[i] as string;
      return out_;
    }

    internal static bool AsBool(object v) { return v is bool && (bool)v; }

    internal static int AsInt(object v) { return v is double ? (int)(double)v : 0; }

    // ------------------------------------------------------------------------------------------ reading

    static Exception Bad(string text, int i)
    {
      return new FormatException("the RP2 bridge answered JSON qbd-sim cannot read, at character " + i);
    }

    static void Space(string t, ref int i)
    {
      while (i < t.Length && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    }

    static object Value(string t, ref int i)
    {
      Space(t, ref i);
      if (i >= t.Length) throw Bad(t, i);
      char c = t[i];
      if (c == '{') return Obj(t, ref i);
      if (c == '[') return Arr(t, ref i);
      if (c == '"') return Str(t, ref i);
      if (Word(t, ref i, "true")) return true;
      if (Word(t, ref i, "false")) return false;
      if (Word(t, ref i, "null")) return null;
      return Num(t, ref i);
    }

    static bool Word(string t, ref int i, string w)
    {
      if (string.CompareOrdinal(t, i, w, 0, w.Length) != 0) return false;
      i += w.Length;
      return true;
    }

    static Dictionary<string, object> Obj(string t, ref int i)
    {
      var d = new Dictionary<string, object>();
      i++;
      Space(t, ref i);
      if (i < t.Length && t[i] == '}') { i++; return d; }
      for (;;)
      {
        Space(t, ref i);
        if (i >= t.Length || t[i] != '"') throw Bad(t, i);
        string k = Str(t, ref i);
        Space(t, ref i);
        if (i >= t.Length || t[i] != ':') throw Bad(t, i);
        i++;
        d[k] = Value(t, ref i);
        Space(t, ref i);
        if (i < t.Length && t[i] == ',') { i++; continue; }
        if (i < t.Length && t[i] == '}') { i++; return d; }
        throw Bad(t, i);
      }
    }

    static List<object> Arr(string t, ref int i)
    {
      var a = new List<object>();
      i++;
      Space(t, ref i);
      if (i < t.Length && t[i] == ']') { i++; return a; }
      for (;;)
      {
        a.Add(Value(t, ref i));
        Space(t, ref i);
        if (i < t.Length && t[i] == ',') { i++; continue; }
        if (i < t.Length && t[i] == ']') { i++; return a; }
        throw Bad(t, i);
      }
    }

    static string Str(string t, ref int i)
    {
      var sb = new StringBuilder();
      i++;
      while (i < t.Length)
      {
        char c = t[i++];
        if (c == '"') return sb.ToString();
        if (c != '\\') { sb.Append(c); continue; }
        if (i >= t.Length) break;
        char e = t[i++];
        switch (e)
        {
          case '"': sb.Append('"'); break;
          case '\\': sb.Append('\\'); break;
          case '/': sb.Append('/'); break;
          case 'b': sb.Append('\b'); break;
          case 'f': sb.Append('\f'); break;
          case 'n': sb.Append('\n'); break;
          case 'r': sb.Append('\r'); break;
          case 't': sb.Append('\t'); break;
          case 'u':
            if (i + 4 > t.Length) throw Bad(t, i);
            sb.Append((char)int.Parse(t.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += 4;
            break;
          default: throw Bad(t, i);
        }
      }
      throw Bad(t, i);
    }

    static double Num(string t, ref int i)
    {
      int start = i;
      while (i < t.Length && "+-0123456789.eE".IndexOf(t[i]) >= 0) i++;
      double d;
      if (i == start || !double.TryParse(t.Substring(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out d))
        throw Bad(t, start);
      return d;
    }

    // ------------------------------------------------------------------------------------------ writing

    static void Write(StringBuilder sb, object v)
    {
      if (v == null) { sb.Append("null"); return; }
      if (v is string) { Quote(sb, (string)v); return; }
      if (v is bool) { sb.Append((bool)v ? "true" : "false"); return; }
      if (v is int || v is short || v is long || v is uint) { sb.Append(Convert.ToInt64(v).ToString(CultureInfo.InvariantCulture)); return; }
      if (v is double) { sb.Append(((double)v).ToString("R", CultureInfo.InvariantCulture)); return; }
      var d = v as IDictionary;
      if (d != null)
      {
        sb.Append('{');
        bool first = true;
        foreach (DictionaryEntry kv in d)
        {
          if (!first) sb.Append(',');
          first = false;
          Quote(sb, (string)kv.Key);
          sb.Append(':');
          Write(sb, kv.Value);
        }
        sb.Append('}');
        return;
      }
      var list = v as IEnumerable;
      if (list != null)
      {
        sb.Append('[');
        bool first = true;
        foreach (object item in list)
        {
          if (!first) sb.Append(',');
          first = false;
          Write(sb, item);
        }
        sb.Append(']');
        return;
      }
      throw new ArgumentException("cannot write " + v.GetType() + " as JSON");
    }

    static void Quote(StringBuilder sb, string s)
    {
      sb.Append('"');
      foreach (char c in s)
      {
        switch (c)
        {
          case '"': sb.Append("\\\""); break;
          case '\\': sb.Append("\\\\"); break;
          case '\n': sb.Append("\\n"); break;
          case '\r': sb.Append("\\r"); break;
          case '\t': sb.Append("\\t"); break;
          default:
            if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4"));
            else sb.Append(c);
            break;
        }
      }
      sb.Append('"');
    }
  }
}
