// Types of scripts/build-bundles.mjs (plain JavaScript, so bin/run-cli.js can load it without a build).
/** The executables: bundle name → entry source. */
export declare const BUNDLE_ENTRIES: Readonly<Record<string, string>>;
/** Whether dist/bundle was built from exactly the sources now on disk. */
export declare function bundlesAreFresh(root?: string): boolean;
/** Builds dist/bundle; resolves to the build time in ms. */
export declare function buildBundles(root?: string): Promise<number>;
/** Builds the bundles unless they are fresh; true when it built. */
export declare function ensureFreshBundles(root?: string): Promise<boolean>;
