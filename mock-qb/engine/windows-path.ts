/**
 * Windows paths compare case-insensitively and treat `/` like `\` (as the Win32 API does).
 * Only the comparison is normalised; paths are shown as the user spelled them.
 */
export function samePath(a: string, b: string): boolean {
  return normalizeWindowsPath(a) === normalizeWindowsPath(b);
}

/** Lower-case, backslashes, no trailing separator. */
export function normalizeWindowsPath(p: string): string {
  return p.replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
}
