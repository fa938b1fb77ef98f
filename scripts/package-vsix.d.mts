// Types of package-vsix.mjs for the TypeScript tests.
export declare const vsixPath: string;
export declare const STAGED: readonly (readonly [from: string, to: string])[];
export declare const VSIX_FILES: readonly string[];
export declare function checkVsixEntries(entries: readonly string[]): string[];
