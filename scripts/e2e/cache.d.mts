// Types of cache.mjs for the TypeScript drivers.
export declare const NODE24_PACKAGE: string;
export declare const CODE_SERVER_VERSION: string;
export declare const underCi: boolean;
export declare const cacheDir: string;
export declare const freshCache: boolean;
export declare const node24Dir: string;
export declare const node24: string;
export declare const toolsDir: string;
export declare const codeServerEntry: string;
export declare const chromium: string;
export declare function ensureCache(): { cacheDir: string; node24: string; codeServerEntry: string; chromium: string };
