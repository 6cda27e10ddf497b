import path from 'node:path';

/**
 * The Python front door in a qbd-sim checkout or installed package (`root`: the folder with its package.json; the
 * front doors' sources ship in the npm package under src/com): the folder holding the `qbdsim_com` package, and
 * `qbdsim_com/shims`, its stand-ins for pywin32's modules (`win32com`, `pywintypes`, `pythoncom`).
 */
export function pythonFrontDoor(root: string): { packageDir: string; shimsDir: string; pythonPath: string } {
  const packageDir = path.join(root, 'src', 'com', 'python');
  const shimsDir = path.join(packageDir, 'qbdsim_com', 'shims');
  return { packageDir, shimsDir, pythonPath: [shimsDir, packageDir].join(path.delimiter) };
}

/** The .NET front door's C# sources. */
export function dotnetSourcesDir(root: string): string {
  return path.join(root, 'src', 'com', 'dotnet');
}
