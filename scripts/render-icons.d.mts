// Types of render-icons.mjs for the TypeScript tests.
export declare const ICON_SIZE: number;
export declare const ICONS: readonly { svg: string; png: string; size: number }[];
export declare function renderIcon(svgPath: string, size: number): Buffer;
