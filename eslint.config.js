// ESLint flat config for qbd-sim (ESLint 10, typescript-eslint 8).
//
// Besides the usual recommended rules, this file makes two architecture rules checkable
// (docs/architecture.md, decisions/0001-layering-checked-by-eslint.md):
//   1. "Layers and who may import whom": each folder may import only the folders of its row (`LAYERS` below).
//   2. "Time and identity are injected": no Math.random / Date.now / argless new Date() outside the
//      clock and id-source files of mock-qb/engine, src/connector (it keeps its own real clock) and tests.
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SOURCE_EXTS = ['ts', 'mts', 'cts', 'tsx', 'js', 'mjs', 'cjs'];
const ARCHITECTURE =
  'See docs/architecture.md "Layers and who may import whom" and the LAYERS table in eslint.config.js.';

/**
 * The layer table. Keys are folders relative to the repo root; `mayImport` lists the folders or
 * files (repo-relative, `.ts` sources written as `.js` like the import specifiers) a module there may reach with a
 * relative import. Anything else of ours (src/, mock-qb/, test/, scripts/, ...) is refused. A folder may always import
 * its own files and sub-folders. Keep in step with docs/architecture.md.
 */
const LAYERS = {
  'src/protocol': { mayImport: [] },
  'mock-qb/store': { mayImport: [] },
  'mock-qb/engine': { mayImport: ['src/protocol', 'mock-qb/store'] },
  'mock-qb/qbxml': { mayImport: ['src/protocol', 'mock-qb/engine', 'mock-qb/store'] },
  'mock-qb/rp2': { mayImport: ['src/protocol', 'mock-qb/engine', 'mock-qb/qbxml'] },
  'mock-qb/web-connector': { mayImport: ['src/protocol', 'mock-qb/rp2'] },
  'mock-qb/server': {
    mayImport: [
      'src/protocol',
      'mock-qb/engine',
      'mock-qb/store',
      'mock-qb/qbxml',
      'mock-qb/rp2',
      'mock-qb/web-connector',
    ],
  },
  // The connector is deployed without the harness and must run against real QuickBooks: never mock-qb.
  'src/connector': { mayImport: ['src/protocol'] },
  'src/cloud': { mayImport: ['src/protocol'] },
  // The desktop front doors' tables and builds (src/com): from the protocol only, like the connectors they serve.
  'src/com': { mayImport: ['src/protocol'] },
  // The mock only through its one public entry, never a deep mock-qb path.
  'src/harness': { mayImport: ['src/protocol', 'src/connector', 'src/cloud', 'src/com', 'mock-qb/index.js'] },
  'src/scenario': { mayImport: ['src/protocol', 'src/harness'] },
  // qbd-sim/testing: the property-testing kit drives the mock (public entry), the reference connector and the cloud.
  'src/testing': {
    mayImport: ['src/protocol', 'src/harness', 'src/connector', 'src/cloud', 'src/scenario', 'mock-qb/index.js'],
  },
  // "Public modules of src/": anything in src/ except other layers' internal/ folders (refused for every layer).
  'src/cli': { mayImport: ['src', 'mock-qb/index.js', 'package.json'] },
};

/** Top-level files of src/ (the `src/index.ts` barrel) and of mock-qb/ (`mock-qb/index.ts`). */
const ROOT_FILES = {
  src: { mayImport: ['src', 'mock-qb/index.js', 'package.json'] },
  'mock-qb': { mayImport: ['mock-qb', 'src/protocol'] },
};

/** A folder of src/ or mock-qb/ that is not in LAYERS yet may use the protocol leaf only, until it gets its row. */
const UNLISTED_FOLDER = { mayImport: ['src/protocol'] };

/** Sub-folder depth inside a layer the generated patterns cover; deeper files fail lint (raise it if needed). */
const MAX_DEPTH = 6;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ups = (n) => '../'.repeat(n);
const filesAt = (folder, depth) => SOURCE_EXTS.map((ext) => `${folder}/${'*/'.repeat(depth)}*.${ext}`);

/**
 * `no-restricted-imports` options for a module `depth` folders below `folder` (a repo-relative folder, possibly with a
 * `*` wildcard segment). A relative specifier that starts with `depth + 1` times `../` leaves the folder; it is
 * refused unless it goes into one of `mayImport`.
 */
function restrictedImports({ folder, depth, mayImport, label }) {
  const fromDir = folder.replaceAll('*', '__any__'); // the name does not matter, only where it sits
  const allowed = mayImport.map((target) => {
    const spec = escapeRegex(ups(depth) + path.posix.relative(fromDir, target));
    // A file is matched exactly; a folder by prefix, but not `../` again (a target that is an ancestor, like src/
    // for src/cli, must not open everything above it).
    return /\.(?:js|json)$/.test(target) ? `${spec}$` : `${spec}(?:/(?!\\.\\.(?:/|$))|$)`;
  });
  const lookahead = allowed.length > 0 ? `(?!(?:${allowed.join('|')}))` : '';
  const allowedText =
    mayImport.length > 0 ? `only ${mayImport.join(', ')}` : 'nothing of ours (node builtins and packages only)';
  return [
    'error',
    {
      patterns: [
        {
          regex: `^${lookahead}(?:\\.\\./){${depth + 1}}`,
          message: `${label} may import ${allowedText}. ${ARCHITECTURE}`,
        },
        {
          // Another layer's internal/ helpers are private to it, whatever the table says.
          regex: `^(?:\\.\\./){${depth + 1}}(?:[^/]+/)*internal(?:/|$)`,
          message: `internal/ folders are private to their layer; import its public module instead. ${ARCHITECTURE}`,
        },
        {
          regex: '^qbd-sim(?:/|$)',
          message: 'Import our own modules by relative path, not through the package name (it bypasses the layers).',
        },
      ],
    },
  ];
}

function layerConfigs(folder, { mayImport }, label = folder) {
  const configs = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    configs.push({
      name: `qbd-sim/layers/${folder}/depth-${depth}`,
      files: filesAt(folder, depth),
      rules: { 'no-restricted-imports': restrictedImports({ folder, depth, mayImport, label }) },
    });
  }
  configs.push({
    name: `qbd-sim/layers/${folder}/too-deep`,
    files: SOURCE_EXTS.map((ext) => `${folder}/${'*/'.repeat(MAX_DEPTH + 1)}**/*.${ext}`),
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./', message: `Folder nesting is deeper than MAX_DEPTH in eslint.config.js.` }] },
      ],
    },
  });
  return configs;
}

function rootFileConfig(folder, { mayImport }) {
  return {
    name: `qbd-sim/layers/${folder}/root-files`,
    files: SOURCE_EXTS.map((ext) => `${folder}/*.${ext}`),
    rules: {
      'no-restricted-imports': restrictedImports({ folder, depth: 0, mayImport, label: `${folder}/*` }),
    },
  };
}

const layering = [
  // Unlisted folders first: the rows of LAYERS below override them (in flat config the last match wins per rule).
  ...layerConfigs('src/*', UNLISTED_FOLDER, 'A folder of src/ not in the layer table'),
  ...layerConfigs('mock-qb/*', UNLISTED_FOLDER, 'A folder of mock-qb/ not in the layer table'),
  ...Object.entries(LAYERS).flatMap(([folder, layer]) => layerConfigs(folder, layer)),
  ...Object.entries(ROOT_FILES).map(([folder, layer]) => rootFileConfig(folder, layer)),
];

/** Explicit public barrels (architecture.md, convention 9). Repeated wherever no-restricted-syntax is set. */
const NO_EXPORT_STAR = {
  selector: 'ExportAllDeclaration',
  message: 'No `export *`: barrels list their exports explicitly (architecture.md, convention 9).',
};

/**
 * The company's records have one owner (decision 0013): outside mock-qb/store nothing holds the database handle,
 * imports better-sqlite3 or prepares SQL; qbxml and the rest call the store's typed tables.
 */
const STORE_OWNS_RECORDS = [
  {
    selector: "MemberExpression[property.name='db']",
    message: "Only mock-qb/store holds the database handle: use the store's typed tables (decision 0013).",
  },
  {
    selector: "ImportDeclaration[source.value='better-sqlite3']",
    message: 'Only mock-qb/store talks to SQLite (decision 0013).',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]',
    message: 'Only mock-qb/store writes SQL: add a typed method to the store (decision 0013).',
  },
];

/** Time and identity are injected (architecture.md, convention 5). */
const injectedTimeAndIdentity = {
  name: 'qbd-sim/injected-time-and-identity',
  files: SOURCE_EXTS.flatMap((ext) => [`src/**/*.${ext}`, `mock-qb/**/*.${ext}`]),
  ignores: [
    'mock-qb/engine/**/*clock*',
    'mock-qb/engine/**/*clock*/**',
    'mock-qb/engine/**/*id-source*',
    'mock-qb/engine/**/*id-source*/**',
    'src/cloud/cloud-clock.ts', // the fake cloud's one system clock; everything else in the cloud asks it
    'src/cloud/cloud-id-source.ts',
    'src/connector/**', // a connector run as its own process keeps its own real clock
  ],
  rules: {
    'no-restricted-properties': [
      'error',
      {
        object: 'Math',
        property: 'random',
        message: "Identity is injected: use the host's id source (mock-qb/engine), seeded in tests.",
      },
      {
        object: 'Date',
        property: 'now',
        message: "Time is injected: use the host's Clock (mock-qb/engine), manual in tests.",
      },
      {
        object: 'crypto',
        property: 'randomUUID',
        message: "Identity is injected: use the host's id source (mock-qb/engine), seeded in tests.",
      },
    ],
    'no-restricted-syntax': [
      'error',
      NO_EXPORT_STAR,
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: "Time is injected: `new Date()` reads the system clock; use the host's Clock (mock-qb/engine).",
      },
      {
        selector: "CallExpression[callee.name='Date']",
        message: "Time is injected: `Date()` reads the system clock; use the host's Clock (mock-qb/engine).",
      },
      ...STORE_OWNS_RECORDS,
    ],
  },
};

/** The store itself: the same rules without {@link STORE_OWNS_RECORDS} (flat config replaces a rule's options). */
const storeHoldsTheHandle = {
  name: 'qbd-sim/store-holds-the-handle',
  files: SOURCE_EXTS.map((ext) => `mock-qb/store/**/*.${ext}`),
  rules: {
    'no-restricted-syntax': [
      'error',
      ...injectedTimeAndIdentity.rules['no-restricted-syntax'].slice(1).filter((r) => !STORE_OWNS_RECORDS.includes(r)),
    ],
  },
};

/** Node's globals for plain .js/.mjs files (TypeScript files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'crypto',
    'fetch',
    'globalThis',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

/** The browser's globals, for the dashboard's page scripts (mock-qb/server/dashboard/static: no build step). */
const browserGlobals = Object.fromEntries(
  [
    ...Object.keys(nodeGlobals).filter(
      (name) => !['Buffer', 'clearImmediate', 'process', 'setImmediate'].includes(name),
    ),
    'CSS',
    'Event',
    'HTMLDetailsElement',
    'HTMLElement',
    'HTMLInputElement',
    'Node',
    'TextDecoderStream',
    'document',
    'history',
    'location',
    'navigator',
    'sessionStorage',
    'window',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'node_modules/', 'bench-results/', '.qbd-sim/', '.stryker-tmp/', 'reports/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'qbd-sim/base',
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', NO_EXPORT_STAR],
    },
  },
  {
    // Type-aware checks limited to the few rules that catch real async bugs (fast enough on 2 cores).
    name: 'qbd-sim/type-aware',
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  ...layering,
  injectedTimeAndIdentity,
  storeHoldsTheHandle,
  {
    name: 'qbd-sim/dashboard-browser',
    files: ['mock-qb/server/dashboard/static/**/*.js'],
    languageOptions: { globals: browserGlobals },
  },
);
