import { isIP } from 'node:net';
import { QbwcError } from './qbwc-codes.js';
import { childElement, elementChildren, escapeXmlText, ownText, parseXmlTree, XmlTreeParseError } from './xml-tree.js';

/**
 * A `.qwc` file (`<QBWCXML>`, facts §5.5) as the Web Connector reads it. Field names are the element names (vendor
 * names stay vendor names).
 */
export interface QwcFile {
  AppName: string;
  /** Passed to OpenConnection; required but may be empty. */
  AppID: string;
  AppURL: string;
  AppDescription: string;
  AppSupport: string;
  AppDisplayName?: string;
  AppUniqueName?: string;
  UserName: string;
  /** GUID of the application, as written (braces kept). */
  OwnerID: string;
  /** GUID stamped into the company file, as written. */
  FileID: string;
  QBType: QwcQbType;
  /** The first of RunEveryNMinutes / RunEveryNSeconds in the file wins (seconds show as "Real Time"). */
  Scheduler?: { RunEveryNMinutes: number } | { RunEveryNSeconds: number };
  /** `true` = the application only reads (the guide's description is inverted; facts §5.5). */
  IsReadOnly?: boolean;
  PersonalDataPref?: QwcPersonalDataPref;
  UnattendedModePref?: QwcUnattendedModePref;
  /** Editions bit mask (`0x1` SimpleStart, `0x2` Pro, `0x4` Premier, `0x8` Enterprise); `0x0`/absent = all. */
  AuthFlags?: number;
  Notify?: boolean;
  CertURL?: string;
  Style?: QwcStyle;
}

export type QwcQbType = 'QBFS' | 'QBPOS';
export type QwcPersonalDataPref = 'pdpNotNeeded' | 'pdpOptional' | 'pdpRequired';
export type QwcUnattendedModePref = 'umpRequired' | 'umpOptional';
export type QwcStyle = 'Document' | 'DocWrapped' | 'RPC';

/** One element of a `.qwc` (facts §5.5): whether QBWC requires it, and what kind of value it holds. */
export interface QwcElementInfo {
  required: boolean;
  kind: 'string' | 'url' | 'guid' | 'enum' | 'boolean' | 'hex' | 'scheduler';
  values?: readonly string[];
}

/** Every element of facts §5.5, in the table's order (which is also the order {@link serializeQwc} writes). */
export const QWC_ELEMENTS = {
  AppName: { required: true, kind: 'string' },
  AppID: { required: true, kind: 'string' },
  AppURL: { required: true, kind: 'url' },
  AppDescription: { required: true, kind: 'string' },
  AppSupport: { required: true, kind: 'url' },
  AppDisplayName: { required: false, kind: 'string' },
  AppUniqueName: { required: false, kind: 'string' },
  UserName: { required: true, kind: 'string' },
  OwnerID: { required: true, kind: 'guid' },
  FileID: { required: true, kind: 'guid' },
  QBType: { required: true, kind: 'enum', values: ['QBFS', 'QBPOS'] },
  Scheduler: { required: false, kind: 'scheduler' },
  IsReadOnly: { required: false, kind: 'boolean' },
  PersonalDataPref: { required: false, kind: 'enum', values: ['pdpNotNeeded', 'pdpOptional', 'pdpRequired'] },
  UnattendedModePref: { required: false, kind: 'enum', values: ['umpRequired', 'umpOptional'] },
  AuthFlags: { required: false, kind: 'hex' },
  Notify: { required: false, kind: 'boolean' },
  CertURL: { required: false, kind: 'url' },
  Style: { required: false, kind: 'enum', values: ['Document', 'DocWrapped', 'RPC'] },
} as const satisfies Record<keyof QwcFile, QwcElementInfo>;

export type QwcElementName = keyof typeof QWC_ELEMENTS;

/** Required elements that must also hold text (AppID and AppDescription may be empty). */
const NON_EMPTY: readonly QwcElementName[] = [
  'AppName',
  'AppURL',
  'AppSupport',
  'UserName',
  'OwnerID',
  'FileID',
  'QBType',
];

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * Reads a `.qwc` the way QBWC does when a user adds it (element order free, unknown elements ignored, the first of
 * a repeated element wins, values trimmed) and validates it with {@link validateQwc}. Throws {@link QbwcError} with
 * the code and text the user would see.
 */
export function parseQwc(xml: string): QwcFile {
  let root;
  try {
    root = parseXmlTree(xml);
  } catch (error) {
    if (error instanceof XmlTreeParseError) throw invalidQwc(`The QWC file is not well-formed XML: ${error.message}`);
    throw error;
  }
  if (root.local !== 'QBWCXML') throw invalidQwc(`The root element is <${root.name}>, not <QBWCXML>.`);
  const text = (name: QwcElementName): string | undefined => {
    const el = childElement(root, name);
    return el ? ownText(el).trim() : undefined;
  };
  const missing = (Object.keys(QWC_ELEMENTS) as QwcElementName[]).filter(
    (name) =>
      QWC_ELEMENTS[name].required && (text(name) === undefined || (NON_EMPTY.includes(name) && text(name) === '')),
  );
  if (missing.length) throw invalidQwc(...missing.map((name) => `The required element <${name}> is missing or empty.`));

  const file: QwcFile = {
    AppName: text('AppName')!,
    AppID: text('AppID')!,
    AppURL: text('AppURL')!,
    AppDescription: text('AppDescription')!,
    AppSupport: text('AppSupport')!,
    UserName: text('UserName')!,
    OwnerID: text('OwnerID')!,
    FileID: text('FileID')!,
    QBType: enumValue('QBType', text('QBType')!) as QwcQbType,
  };
  for (const name of ['AppDisplayName', 'AppUniqueName', 'CertURL'] as const) {
    const value = text(name);
    if (value !== undefined) file[name] = value;
  }
  const scheduler = childElement(root, 'Scheduler');
  if (scheduler) {
    // The first interval element in the file wins (facts §5.5).
    const first = elementChildren(scheduler).find(
      (c) => c.local === 'RunEveryNMinutes' || c.local === 'RunEveryNSeconds',
    );
    if (first) {
      const raw = ownText(first).trim();
      if (!/^\d+$/.test(raw) || Number(raw) < 1) {
        throw invalidQwc(`<Scheduler>/<${first.local}> must be a whole number of at least 1, not "${raw}".`);
      }
      file.Scheduler =
        first.local === 'RunEveryNMinutes' ? { RunEveryNMinutes: Number(raw) } : { RunEveryNSeconds: Number(raw) };
    }
  }
  for (const name of ['IsReadOnly', 'Notify'] as const) {
    const value = text(name);
    if (value !== undefined) file[name] = booleanValue(name, value);
  }
  const pdp = text('PersonalDataPref');
  if (pdp !== undefined) file.PersonalDataPref = enumValue('PersonalDataPref', pdp) as QwcPersonalDataPref;
  const ump = text('UnattendedModePref');
  if (ump !== undefined) file.UnattendedModePref = enumValue('UnattendedModePref', ump) as QwcUnattendedModePref;
  const style = text('Style');
  if (style !== undefined) file.Style = enumValue('Style', style) as QwcStyle;
  const authFlags = text('AuthFlags');
  if (authFlags !== undefined) file.AuthFlags = parseAuthFlags(authFlags);
  validateQwc(file);
  return file;
}

/**
 * The checks QBWC makes when an application is added, in this order: required elements, GUIDs, the AppURL (HTTPS
 * unless `localhost` → QBWC1051; an IP address → QBWC1001), the AppSupport URL (an IP address → QBWC1002; another
 * domain than the AppURL's → QBWC1000), AuthFlags (QBWC1034). Throws {@link QbwcError}.
 */
export function validateQwc(file: QwcFile): void {
  for (const name of NON_EMPTY) {
    if (typeof file[name] !== 'string' || (file[name] as string).trim() === '') {
      throw invalidQwc(`The required element <${name}> is missing or empty.`);
    }
  }
  for (const name of ['OwnerID', 'FileID'] as const) {
    if (!GUID.test(file[name])) throw invalidQwc(`<${name}> "${file[name]}" is not a GUID.`);
  }
  const appUrl = parseUrl('AppURL', file.AppURL);
  const scheme = appUrl.protocol.toLowerCase();
  if (scheme !== 'https:' && !(scheme === 'http:' && isLocalhost(appUrl))) {
    throw new QbwcError('QBWC1051', { vars: { appName: file.AppName } });
  }
  if (isIpHost(appUrl)) throw new QbwcError('QBWC1001', { vars: { appUrl: file.AppURL } });
  const support = parseUrl('AppSupport', file.AppSupport);
  if (isIpHost(support)) throw new QbwcError('QBWC1002', { vars: { appSupport: file.AppSupport } });
  if (urlDomain(support) !== urlDomain(appUrl)) {
    throw new QbwcError('QBWC1000', { vars: { appSupport: file.AppSupport, appUrl: file.AppURL } });
  }
  if (
    file.AuthFlags !== undefined &&
    (!Number.isInteger(file.AuthFlags) || file.AuthFlags < 0 || file.AuthFlags > 0xffffffff)
  ) {
    throw new QbwcError('QBWC1034', { vars: { authFlags: String(file.AuthFlags) } });
  }
}

/** Writes a `.qwc` (elements in the order of facts §5.5, two-space indent, CRLF-free). */
export function serializeQwc(file: QwcFile): string {
  const lines = ['<?xml version="1.0"?>', '<QBWCXML>'];
  const el = (name: string, value: string) => lines.push(`  <${name}>${escapeXmlText(value)}</${name}>`);
  for (const name of Object.keys(QWC_ELEMENTS) as QwcElementName[]) {
    const value = file[name];
    if (value === undefined) continue;
    if (name === 'Scheduler') {
      const s = value as NonNullable<QwcFile['Scheduler']>;
      const [tag, n] =
        'RunEveryNMinutes' in s ? ['RunEveryNMinutes', s.RunEveryNMinutes] : ['RunEveryNSeconds', s.RunEveryNSeconds];
      lines.push('  <Scheduler>', `    <${tag}>${n}</${tag}>`, '  </Scheduler>');
    } else if (name === 'AuthFlags') {
      el(name, `0x${(value as number).toString(16).toUpperCase()}`);
    } else {
      el(name, String(value));
    }
  }
  lines.push('</QBWCXML>', '');
  return lines.join('\n');
}

/** What {@link newQwcFile} needs: the service URL and the application's name; everything else has a default. */
export interface NewQwcInput {
  /** The SOAP endpoint (`AppURL`): HTTPS, or `http://localhost`. */
  url: string;
  appName: string;
  /** GUIDs, braced or not (the caller makes new ones when the user gives none). */
  ownerId: string;
  fileId: string;
  /** `UserName`, sent to `authenticate` (default `qbwc`). */
  userName?: string;
  /** `AppSupport` (default: the AppURL's origin with path `/`, so it is on the AppURL's domain). */
  supportUrl?: string;
  /** `AppDescription` (default: the AppName). */
  description?: string;
  /** `AppID` (default empty). */
  appId?: string;
  /** `<Scheduler><RunEveryNMinutes>`; none when absent. */
  everyMinutes?: number;
  isReadOnly?: boolean;
  personalDataPref?: QwcPersonalDataPref;
  unattendedModePref?: QwcUnattendedModePref;
  authFlags?: number;
}

/**
 * A `.qwc` for a service, validated exactly as QBWC validates one when it is added ({@link validateQwc}): an
 * `http://` URL not on `localhost` is refused with QBWC1051, an IP address with QBWC1001, and so on (throws
 * {@link QbwcError}). Write it with {@link serializeQwc}.
 */
export function newQwcFile(input: NewQwcInput): QwcFile {
  let support = input.supportUrl;
  if (support === undefined) {
    try {
      support = `${new URL(input.url).origin}/`;
    } catch {
      support = input.url; // validateQwc reports the unparsable AppURL
    }
  }
  const file: QwcFile = {
    AppName: input.appName,
    AppID: input.appId ?? '',
    AppURL: input.url,
    AppDescription: input.description ?? input.appName,
    AppSupport: support,
    UserName: input.userName ?? 'qbwc',
    OwnerID: bracedGuidText(input.ownerId),
    FileID: bracedGuidText(input.fileId),
    QBType: 'QBFS',
  };
  if (input.everyMinutes !== undefined) {
    if (!Number.isInteger(input.everyMinutes) || input.everyMinutes < 1) {
      throw invalidQwc(
        `<Scheduler>/<RunEveryNMinutes> must be a whole number of at least 1, not "${input.everyMinutes}".`,
      );
    }
    file.Scheduler = { RunEveryNMinutes: input.everyMinutes };
  }
  if (input.isReadOnly !== undefined) file.IsReadOnly = input.isReadOnly;
  if (input.personalDataPref !== undefined) file.PersonalDataPref = input.personalDataPref;
  if (input.unattendedModePref !== undefined) file.UnattendedModePref = input.unattendedModePref;
  if (input.authFlags !== undefined) file.AuthFlags = input.authFlags;
  validateQwc(file);
  return file;
}

/** A GUID as a `.qwc` usually writes it: in braces, upper case (anything that is not a GUID is left for validation). */
function bracedGuidText(value: string): string {
  const bare = value.trim().replace(/^\{|\}$/g, '');
  return GUID.test(bare) ? `{${bare.toUpperCase()}}` : value;
}

/** The update interval a `.qwc` asks for, in seconds (undefined without a Scheduler). */
export function qwcIntervalSeconds(file: QwcFile): number | undefined {
  if (!file.Scheduler) return undefined;
  return 'RunEveryNMinutes' in file.Scheduler ? file.Scheduler.RunEveryNMinutes * 60 : file.Scheduler.RunEveryNSeconds;
}

/** True when a URL's host is `localhost` (the one host QBWC lets use plain HTTP). */
export function isLocalhost(url: URL): boolean {
  return url.hostname.toLowerCase() === 'localhost';
}

function isIpHost(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0;
}

/**
 * The domain QBWC compares between AppURL and AppSupport: the last two labels of the host name (`api.example.com`
 * and `www.example.com` share `example.com`); a one-label name (`localhost`) is its own domain.
 */
export function urlDomain(url: URL): string {
  const labels = url.hostname.toLowerCase().replace(/\.$/, '').split('.');
  return labels.slice(-2).join('.');
}

function parseUrl(name: 'AppURL' | 'AppSupport', value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw invalidQwc(`<${name}> "${value}": Invalid URI: The format of the URI could not be determined.`);
  }
}

function enumValue(name: 'QBType' | 'PersonalDataPref' | 'UnattendedModePref' | 'Style', value: string): string {
  const values = QWC_ELEMENTS[name].values as readonly string[];
  const found = values.find((v) => v.toLowerCase() === value.toLowerCase());
  if (!found) throw invalidQwc(`<${name}> "${value}" is not one of ${values.join(', ')}.`);
  return found;
}

function booleanValue(name: 'IsReadOnly' | 'Notify', value: string): boolean {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw invalidQwc(`<${name}> "${value}" is not true or false.`);
}

/** `0xF`, `0x0000000F` or decimal; anything else is the AuthFlags error QBWC1034. */
function parseAuthFlags(value: string): number {
  const n = /^0x[0-9a-f]{1,8}$/i.test(value) ? parseInt(value.slice(2), 16) : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n > 0xffffffff) throw new QbwcError('QBWC1034', { vars: { authFlags: value } });
  return n;
}

function invalidQwc(...detail: string[]): QbwcError {
  return new QbwcError('QBWC1039', { variant: 'invalidQwc', detail });
}
