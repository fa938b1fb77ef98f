// Reads and validates the schema file (attributes and events with their types).
//
// Validation is a hand-written walk over the jsonc-parser tree rather than ajv
// with schemas/segments.schema.schema.json: ajv reports JSON pointers and its own
// wording, one error per failed keyword (an `anyOf` yields several), while users
// need one plain sentence at the exact key or value, did-you-mean fixes, and a
// result that keeps every valid declaration when one is wrong. The JSON schema is
// still written, for editor completion, and a test checks the two agree.
import { basename, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../base/diagnostics';
import type { ValueType } from '../base/value-type';
import { closestName, listInWords } from '../text/did-you-mean';
import { parseJson, withSyntaxFirst, type JsonNode } from './json-syntax';
import { describeValue, JsonReport, readProperties, reportUnknownKey, type JsonProperty } from './json-walk';
import { readText } from './read-text';
import type { EventDeclaration, FieldDeclaration, SchemaDocument } from './schema-types';

export const VALUE_TYPES: readonly ValueType[] = ['number', 'string', 'boolean', 'date', 'list'];
export const SCHEMA_TOP_KEYS = ['attributes', 'events'] as const;
export const FIELD_KEYS = ['type', 'description', 'values', 'deprecated', 'pii'] as const;
export const EVENT_KEYS = ['description', 'properties'] as const;

/** Type names people write out of habit from other tools, and what they mean here. */
const TYPE_ALIASES: Record<string, ValueType> = {
  int: 'number',
  integer: 'number',
  float: 'number',
  double: 'number',
  decimal: 'number',
  numeric: 'number',
  long: 'number',
  str: 'string',
  text: 'string',
  varchar: 'string',
  bool: 'boolean',
  datetime: 'date',
  timestamp: 'date',
  time: 'date',
  array: 'list',
};

export interface LoadedSchema {
  /** Undefined only when the file could not be read or is not an object at all. */
  schema?: SchemaDocument;
  diagnostics: Diagnostic[];
}

/** Validates a schema file; `text` is the content when the caller has it. Never throws. */
export function loadSchema(schemaFile: string, text?: string): LoadedSchema {
  const file = resolve(schemaFile);
  if (text === undefined) {
    const read = readText(file);
    if ('problem' in read) {
      return {
        diagnostics: [
          diagnostic(file, { start: 0, end: 0 }, 'error', 'schema-unreadable', `cannot read the schema \`${basename(file)}\`: ${read.problem}`),
        ],
      };
    }
    text = read.text;
  }

  const parsed = parseJson(text, file, 'schema');
  const report = new JsonReport(file, text, 'schema');
  const schema: SchemaDocument = { attributes: new Map(), events: new Map() };
  let usable = true;
  if (parsed.root && parsed.root.type !== 'object') {
    report.error(parsed.root, 'not-object', `the schema must be an object with \`attributes\` and \`events\`, not ${describeValue(parsed.root)}`);
    usable = false;
  } else if (parsed.root) {
    for (const property of readProperties(parsed.root, report)) {
      if (property.key === 'attributes') {
        if (property.value) readFields(property.value, 'attributes', 'an attribute', schema.attributes, report);
      } else if (property.key === 'events') {
        if (property.value) readEvents(property.value, schema.events, report);
      } else if (property.key === '$schema') {
        if (property.value && property.value.type !== 'string') {
          report.error(property.value, 'wrong-type', `\`$schema\` must be the address of a JSON schema in double quotes, not ${describeValue(property.value)}`);
        }
      } else {
        reportUnknownTopKey(property, report);
      }
    }
  }
  return { schema: usable ? schema : undefined, diagnostics: withSyntaxFirst(parsed, report.diagnostics) };
}

/** `{ "age": { "type": "number" } }` at the top level is a declaration that lost its `attributes` wrapper. */
function reportUnknownTopKey(property: JsonProperty, report: JsonReport): void {
  const looksLikeField =
    property.value?.type === 'object' && readKeys(property.value).some((k) => k === 'type');
  const suggestion = closestName(property.key, SCHEMA_TOP_KEYS);
  const hint =
    looksLikeField && !suggestion
      ? `unknown key \`${property.key}\`; attributes are declared inside \`"attributes": { … }\``
      : undefined;
  reportUnknownKey(property, SCHEMA_TOP_KEYS, report, '', hint);
}

/** `attributes` or an event's `properties`: name -> field declaration. */
function readFields(
  node: JsonNode,
  path: string,
  what: string,
  into: Map<string, FieldDeclaration>,
  report: JsonReport,
): void {
  if (node.type !== 'object') {
    report.error(node, 'not-object', `\`${path}\` must be an object of name -> declaration, not ${describeValue(node)}`);
    return;
  }
  for (const property of readProperties(node, report)) {
    if (property.key === '') {
      report.error(property.keyNode, 'empty-name', `${what} name cannot be empty`);
      continue;
    }
    if (!property.value) continue;
    const field = readField(property, `${path}.${property.key}`, report);
    if (field) into.set(property.key, field);
  }
}

/** One declaration; undefined when it has no usable type (the sample's inferred type then applies). */
function readField(property: JsonProperty, path: string, report: JsonReport): FieldDeclaration | undefined {
  const node = property.value!;
  if (node.type !== 'object') {
    const shorthand = node.type === 'string' && VALUE_TYPES.includes(node.value as ValueType);
    report.error(
      node,
      'not-object',
      `\`${property.key}\` must be a declaration like { "type": "number" }, not ${describeValue(node)}`,
      shorthand ? { title: `Change to { "type": "${node.value}" }`, newText: `{ "type": ${JSON.stringify(node.value)} }` } : undefined,
    );
    return undefined;
  }
  const properties = readProperties(node, report);
  const byKey = new Map(properties.map((p) => [p.key, p]));
  for (const p of properties) {
    if (!(FIELD_KEYS as readonly string[]).includes(p.key)) reportUnknownKey(p, FIELD_KEYS, report, ` in \`${path}\``);
  }

  const typeProperty = byKey.get('type');
  const type = typeProperty ? readType(typeProperty, report) : undefined;
  if (!typeProperty) {
    report.error(property.keyNode, 'missing-type', `\`${property.key}\` needs a \`type\`: ${typeList()}`);
  }

  const field: Partial<FieldDeclaration> = {};
  const description = byKey.get('description')?.value;
  if (description) {
    if (description.type === 'string') field.description = description.value as string;
    else report.error(description, 'wrong-type', `\`description\` must be text in double quotes, not ${describeValue(description)}`);
  }
  const deprecated = byKey.get('deprecated')?.value;
  if (deprecated) {
    if (deprecated.type === 'string') field.deprecated = deprecated.value as string;
    else if (deprecated.type === 'boolean') {
      if (deprecated.value === true) field.deprecated = '';
    } else {
      report.error(deprecated, 'wrong-type', `\`deprecated\` must be true or a hint in double quotes such as "use engagement_score", not ${describeValue(deprecated)}`);
    }
  }
  const pii = byKey.get('pii')?.value;
  if (pii) {
    if (pii.type === 'boolean') {
      if (pii.value === true) field.pii = true;
    } else {
      report.error(pii, 'wrong-type', `\`pii\` must be true or false, not ${describeValue(pii)}`);
    }
  }
  const valuesProperty = byKey.get('values');
  if (valuesProperty?.value) {
    const values = readValues(valuesProperty, type, property.key, report);
    if (values) field.values = values;
  }
  if (type === undefined) return undefined;
  return { type, ...field };
}

function readType(property: JsonProperty, report: JsonReport): ValueType | undefined {
  const node = property.value;
  if (!node) return undefined;
  if (node.type !== 'string') {
    report.error(node, 'wrong-type', `\`type\` must be one of ${typeList()} in double quotes, not ${describeValue(node)}`);
    return undefined;
  }
  const name = node.value as string;
  if (VALUE_TYPES.includes(name as ValueType)) return name as ValueType;
  const meant = TYPE_ALIASES[name.toLowerCase()] ?? closestName(name, VALUE_TYPES);
  report.error(
    node,
    'unknown-type',
    `\`${name}\` is not a type; use ${typeList()}${meant ? ` (did you mean \`${meant}\`?)` : ''}`,
    meant ? { title: `Change to "${meant}"`, newText: JSON.stringify(meant) } : undefined,
  );
  return undefined;
}

/** `values` as strings; undefined when it is not an array. Items that do not fit the type are reported and left out. */
function readValues(property: JsonProperty, type: ValueType | undefined, name: string, report: JsonReport): string[] | undefined {
  const node = property.value!;
  if (node.type !== 'array') {
    report.error(node, 'wrong-type', `\`values\` must be an array such as ["mobile", "desktop"], not ${describeValue(node)}`);
    return undefined;
  }
  if (type === 'boolean' || type === 'date') {
    report.error(property.keyNode, 'values-not-allowed', `\`values\` only applies to number, string and list fields; \`${name}\` is a ${type}`);
    return undefined;
  }
  const items = node.children ?? [];
  if (items.length === 0) {
    report.add(node, 'warning', 'empty-values', `\`values\` is empty, so no value of \`${name}\` would be allowed; remove it to allow any value`);
    return [];
  }
  const values: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const value = readValueItem(item, type, name, report);
    if (value === undefined) continue;
    if (seen.has(value)) {
      report.add(item, 'warning', 'duplicate-value', `\`${value}\` is already in \`values\``);
      continue;
    }
    seen.add(value);
    values.push(value);
  }
  return values;
}

function readValueItem(item: JsonNode, type: ValueType | undefined, name: string, report: JsonReport): string | undefined {
  const wantsNumber = type === 'number';
  if (item.type === 'number') {
    if (type === 'string' || type === 'list') {
      const quoted = JSON.stringify(String(item.value));
      report.error(item, 'value-wrong-type', `\`${name}\` is a ${type}, so its values must be in double quotes: ${quoted}`, {
        title: `Change to ${quoted}`,
        newText: quoted,
      });
      return undefined;
    }
    return String(item.value);
  }
  if (item.type === 'string') {
    if (wantsNumber) {
      const text = item.value as string;
      const asNumber = text.trim() !== '' && Number.isFinite(Number(text)) ? String(Number(text)) : undefined;
      report.error(
        item,
        'value-wrong-type',
        `\`${name}\` is a number, so its values must be numbers${asNumber ? `: write ${asNumber} without quotes` : `, not "${text}"`}`,
        asNumber ? { title: `Change to ${asNumber}`, newText: asNumber } : undefined,
      );
      return undefined;
    }
    return item.value as string;
  }
  const expected = wantsNumber ? 'numbers' : type === undefined ? 'strings or numbers' : 'strings in double quotes';
  report.error(item, 'value-wrong-type', `the items of \`values\` must be ${expected}, not ${describeValue(item)}`);
  return undefined;
}

function readEvents(node: JsonNode, into: Map<string, EventDeclaration>, report: JsonReport): void {
  if (node.type !== 'object') {
    report.error(node, 'not-object', `\`events\` must be an object of event name -> declaration, not ${describeValue(node)}`);
    return;
  }
  for (const property of readProperties(node, report)) {
    if (property.key === '') {
      report.error(property.keyNode, 'empty-name', 'an event name cannot be empty');
      continue;
    }
    const value = property.value;
    if (!value) continue;
    if (value.type !== 'object') {
      report.error(value, 'not-object', `event \`${property.key}\` must be a declaration like { "description": "…", "properties": { … } }, not ${describeValue(value)}`);
      continue;
    }
    const event: EventDeclaration = { properties: new Map() };
    for (const p of readProperties(value, report)) {
      if (p.key === 'description') {
        if (p.value?.type === 'string') event.description = p.value.value as string;
        else if (p.value) report.error(p.value, 'wrong-type', `\`description\` must be text in double quotes, not ${describeValue(p.value)}`);
      } else if (p.key === 'properties') {
        if (p.value) readFields(p.value, `events.${property.key}.properties`, 'a property', event.properties, report);
      } else {
        const misplacedField = (FIELD_KEYS as readonly string[]).includes(p.key) && p.key !== 'description';
        reportUnknownKey(
          p,
          EVENT_KEYS,
          report,
          ` in event \`${property.key}\``,
          misplacedField
            ? `unknown key \`${p.key}\` in event \`${property.key}\`; events have no type or values of their own, their properties do: "properties": { "amount": { "type": "number" } }`
            : undefined,
        );
      }
    }
    into.set(property.key, event);
  }
}

function readKeys(node: JsonNode): string[] {
  return (node.children ?? []).map((c) => c.children?.[0]?.value).filter((k): k is string => typeof k === 'string');
}

function typeList(): string {
  return listInWords(VALUE_TYPES);
}
