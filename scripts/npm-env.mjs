// The environment for an npm command started from inside another npm command
// (`npm test`, `npm run test:e2e`, a prepack script): without the variables the
// outer npm sets for its scripts. Those describe the outer run, not the nested
// one: code-server's install script reads `npm_config_user_agent` and refused
// to install under Node 24 because it still said `node/v20`, and
// `npm_config_local_prefix` would point a nested install at this repository.
// The nested npm reads its own configuration files again.
export function npmFreeEnv(env = process.env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD') continue;
    clean[key] = value;
  }
  return clean;
}
