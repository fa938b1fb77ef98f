// Types of npm-env.mjs for the TypeScript tests.
export declare function npmFreeEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
