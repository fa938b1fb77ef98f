// Reads and validates `segments.config.json`. Every problem points at the key or
// value it is about; a bad key is left out of the result (as if unset) and the
// rest of the file still counts.
import { basename, dirname, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../base/diagnostics';
import { parseIsoDay } from '../base/days';
import { DEFAULT_ID_COLUMN, type ProjectConfig } from './config';
import { parseJson, withSyntaxFirst, type JsonNode } from './json-syntax';
import { describeValue, JsonReport, readProperties, reportUnknownKey } from './json-walk';
import { readText } from './read-text';
import { pathNature, pathNatureWords } from './files';

/** The keys of segments.config.json, in the order the docs list them. */
export const CONFIG_KEYS = ['sample', 'events', 'schema', 'idColumn', 'asOf', 'population', 'cache'] as const;
/** `$schema` is allowed too, for editors that pick a JSON schema from it. */
const ALLOWED_KEYS: readonly string[] = ['$schema', ...CONFIG_KEYS];

/** How messages describe what a string key holds. */
const STRING_KEYS: Record<string, { shape: string; purpose: string }> = {
  $schema: { shape: 'the address of a JSON schema in double quotes', purpose: 'the address of a JSON schema' },
  sample: { shape: 'a path in double quotes, like "data/users.csv"', purpose: 'the path of the profiles file (CSV or JSON Lines)' },
  events: { shape: 'a path in double quotes, like "data/events.csv"', purpose: 'the path of the events file (CSV or JSON Lines)' },
  schema: { shape: 'a path in double quotes, like "schema.json"', purpose: 'the path of the schema file' },
  idColumn: { shape: 'a column name in double quotes, like "user_id"', purpose: 'the name of the id column' },
};

export interface LoadedConfig {
  config: ProjectConfig;
  diagnostics: Diagnostic[];
}

/** The settings of a `.segment` file that has no segments.config.json above it. */
export function defaultConfig(root: string): ProjectConfig {
  return { root: resolve(root), idColumn: DEFAULT_ID_COLUMN };
}

/**
 * Validates a config file. `text` is the file's content when the caller has it
 * (an unsaved editor buffer); otherwise the file is read. Never throws.
 */
export function loadConfig(configFile: string, text?: string): LoadedConfig {
  const file = resolve(configFile);
  const config: ProjectConfig = { ...defaultConfig(dirname(file)), configFile: file };
  if (text === undefined) {
    const read = readText(file);
    if ('problem' in read) {
      return {
        config,
        diagnostics: [
          diagnostic(file, { start: 0, end: 0 }, 'error', 'config-unreadable', `cannot read \`${basename(file)}\`: ${read.problem}`),
        ],
      };
    }
    text = read.text;
  }

  const parsed = parseJson(text, file, 'config');
  const report = new JsonReport(file, text, 'config');
  if (parsed.root) {
    if (parsed.root.type !== 'object') {
      report.error(parsed.root, 'not-object', `the config must be an object \`{ … }\`, not ${describeValue(parsed.root)}`);
    } else {
      for (const property of readProperties(parsed.root, report)) {
        if (!ALLOWED_KEYS.includes(property.key)) {
          reportUnknownKey(property, CONFIG_KEYS, report, '');
        } else if (property.value) {
          applyKey(config, property.key, property.value, report);
        }
      }
    }
  }
  return { config, diagnostics: withSyntaxFirst(parsed, report.diagnostics) };
}

function applyKey(config: ProjectConfig, key: string, value: JsonNode, report: JsonReport): void {
  switch (key) {
    case '$schema':
      expectString(key, value, report);
      return;
    case 'sample':
    case 'events':
    case 'schema': {
      const path = expectString(key, value, report);
      if (path !== undefined) config[key] = existingFile(config.root, key, path, value, report);
      return;
    }
    case 'idColumn': {
      const name = expectString(key, value, report);
      if (name !== undefined) config.idColumn = name;
      return;
    }
    case 'asOf':
      config.asOf = readAsOf(value, report);
      return;
    case 'population':
      config.population = readPopulation(value, report);
      return;
    case 'cache':
      if (value.type === 'boolean') config.cache = value.value as boolean;
      else report.error(value, 'wrong-type', `\`cache\` must be \`true\` or \`false\`, not ${describeValue(value)}${unsetHint(value)}`);
      return;
  }
}

/** A non-empty string, or undefined after reporting why not. */
function expectString(key: string, value: JsonNode, report: JsonReport): string | undefined {
  const { shape, purpose } = STRING_KEYS[key];
  if (value.type !== 'string') {
    report.error(value, 'wrong-type', `\`${key}\` must be ${shape}, not ${describeValue(value)}${unsetHint(value)}`);
    return undefined;
  }
  const text = value.value as string;
  if (text.trim() === '') {
    report.error(value, 'invalid-value', `\`${key}\` is empty; give ${purpose}, or remove the key`);
    return undefined;
  }
  return text;
}

/**
 * The absolute path of a data file the config names, or undefined after
 * reporting why it cannot be used: only a regular file is (a named pipe would
 * block the loader until something writes to it, a device never ends).
 */
function existingFile(root: string, key: string, path: string, value: JsonNode, report: JsonReport): string | undefined {
  const absolute = resolve(root, path);
  const nature = pathNature(absolute);
  if (nature === 'file') return absolute;
  if (nature === 'missing') report.error(value, 'missing-file', `\`${key}\` file not found: ${absolute}`);
  else if (nature === 'symlink-loop') report.error(value, 'missing-file', `\`${key}\` cannot be read: ${absolute} is ${pathNatureWords(nature)}`);
  else report.error(value, 'missing-file', `\`${key}\` must name a file, but ${absolute} is ${pathNatureWords(nature)}`);
  return undefined;
}

function readAsOf(value: JsonNode, report: JsonReport): string | undefined {
  const example = 'like "2026-11-01"';
  if (value.type !== 'string') {
    report.error(value, 'wrong-type', `\`asOf\` must be a date in double quotes, ${example}, not ${describeValue(value)}${unsetHint(value)}`);
    return undefined;
  }
  const text = value.value as string;
  if (parseIsoDay(text) !== undefined) return text;
  const datePart = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(text)?.[1];
  if (datePart !== undefined && parseIsoDay(datePart) !== undefined) {
    report.error(value, 'invalid-value', `\`asOf\` is a day, written YYYY-MM-DD without a time: "${datePart}"`, {
      title: `Change to "${datePart}"`,
      newText: JSON.stringify(datePart),
    });
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    report.error(value, 'invalid-value', `\`${text}\` is not a real date`);
  } else {
    report.error(value, 'invalid-value', `\`asOf\` must be a date written YYYY-MM-DD, ${example}`);
  }
  return undefined;
}

function readPopulation(value: JsonNode, report: JsonReport): number | undefined {
  const rule = 'a whole number above 0, like 2400000';
  if (value.type === 'string' && /^\s*[1-9]\d*\s*$/.test(value.value as string) && Number.isSafeInteger(Number(value.value))) {
    const number = String(Number(value.value));
    report.error(value, 'wrong-type', `\`population\` must be a number, not a string: write ${number} without quotes`, {
      title: `Change to ${number}`,
      newText: number,
    });
    return undefined;
  }
  if (value.type !== 'number') {
    report.error(value, 'wrong-type', `\`population\` must be ${rule}, not ${describeValue(value)}${unsetHint(value)}`);
    return undefined;
  }
  const n = value.value as number;
  if (!Number.isSafeInteger(n) || n < 1) {
    report.error(value, 'invalid-value', `\`population\` must be ${rule}`);
    return undefined;
  }
  return n;
}

function unsetHint(value: JsonNode): string {
  return value.type === 'null' ? ' (remove the key to leave it unset)' : '';
}
