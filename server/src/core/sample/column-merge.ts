// Joins two finished columns of the same type, the rows of `b` after those of
// `a`: the two parts of a file read by two threads. The result is the column a
// single reader would have built from the whole file: text dictionaries keep the
// order of first appearance (b's new values after a's), number and date
// dictionaries stay sorted, and codes are as narrow as the joined dictionary allows.
import type { CodeArray, Column, OrderedCodes, RowMask } from './store';
import { columnLength } from './store';
import { wordCount } from '../base/bitset';
import { codeArrayFor } from './code-array';

export function concatColumns(a: Column, b: Column): Column {
  if (a.type !== b.type) throw new Error(`cannot join a ${a.type} column with a ${b.type} column`);
  const aRows = columnLength(a);
  const bRows = columnLength(b);
  const missing = concatMasks(a.missing, aRows, b.missing, bRows);
  switch (a.type) {
    case 'number':
    case 'date': {
      const { codes, dictionary } = concatOrdered(a, b as OrderedCodes);
      return { name: a.name, type: a.type, codes, dictionary, missing };
    }
    case 'boolean': {
      const bValues = (b as typeof a).values;
      const values = new Uint8Array(aRows + bRows);
      values.set(a.values);
      values.set(bValues, aRows);
      return { name: a.name, type: 'boolean', values, missing };
    }
    case 'string': {
      const other = b as typeof a;
      const { dictionary, codes } = concatTextCodes(a.dictionary, a.codes, other.dictionary, other.codes);
      return { name: a.name, type: 'string', codes, dictionary, missing };
    }
    case 'list': {
      const other = b as typeof a;
      const { dictionary, codes: itemCodes } = concatTextCodes(a.dictionary, a.itemCodes, other.dictionary, other.itemCodes);
      const offsets = new Int32Array(aRows + bRows + 1);
      offsets.set(a.offsets);
      const shift = a.offsets[aRows];
      for (let i = 1; i <= bRows; i++) offsets[aRows + i] = other.offsets[i] + shift;
      return { name: a.name, type: 'list', offsets, itemCodes, dictionary, missing };
    }
  }
}

/** The rows of mask `b` after the `aRows` rows of mask `a`, at any bit offset. */
export function concatMasks(a: RowMask, aRows: number, b: RowMask, bRows: number): RowMask {
  const out = new Uint32Array(wordCount(aRows + bRows));
  out.set(a.subarray(0, wordCount(aRows)));
  const first = aRows >>> 5;
  const shift = aRows & 31;
  const words = wordCount(bRows);
  if (shift === 0) {
    out.set(b.subarray(0, words), first);
    return out;
  }
  // a's bits past its last row are 0 (a RowMask's rule), so b's words can be or-ed in.
  for (let w = 0; w < words; w++) {
    const word = b[w];
    out[first + w] |= word << shift;
    if (first + w + 1 < out.length) out[first + w + 1] |= word >>> (32 - shift);
  }
  return out;
}

/** Codes of `a` then `b` into one dictionary: a's values, then b's new ones in b's order. */
function concatTextCodes(aValues: string[], aCodes: CodeArray, bValues: string[], bCodes: CodeArray): { dictionary: string[]; codes: CodeArray } {
  const dictionary = aValues.slice();
  const codeOf = new Map<string, number>();
  for (let i = 0; i < aValues.length; i++) codeOf.set(aValues[i], i);
  const remap = new Int32Array(bValues.length);
  for (let i = 0; i < bValues.length; i++) {
    let code = codeOf.get(bValues[i]);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(bValues[i]);
    }
    remap[i] = code;
  }
  const codes = codeArrayFor(dictionary.length, aCodes.length + bCodes.length);
  codes.set(aCodes);
  fillRemapped(codes, aCodes.length, bCodes, remap);
  return { dictionary, codes };
}

/** Codes into the union of two sorted dictionaries, itself sorted and distinct. */
function concatOrdered(a: OrderedCodes, b: OrderedCodes): OrderedCodes {
  const x = a.dictionary;
  const y = b.dictionary;
  const merged = new Float64Array(x.length + y.length);
  const remapA = new Int32Array(x.length);
  const remapB = new Int32Array(y.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length || j < y.length) {
    if (j >= y.length || (i < x.length && x[i] < y[j])) {
      remapA[i++] = n;
      merged[n++] = x[i - 1];
    } else if (i >= x.length || y[j] < x[i]) {
      remapB[j++] = n;
      merged[n++] = y[j - 1];
    } else {
      remapA[i++] = n;
      remapB[j++] = n;
      merged[n++] = x[i - 1];
    }
  }
  const dictionary = merged.slice(0, n);
  const codes = codeArrayFor(n, a.codes.length + b.codes.length);
  if (n === x.length) codes.set(a.codes);
  else fillRemapped(codes, 0, a.codes, remapA);
  fillRemapped(codes, a.codes.length, b.codes, remapB);
  return { codes, dictionary };
}

/**
 * out[at + i] = remap[codes[i]]. A missing row's code may index nothing (a part
 * with no values at all): it becomes 0, as a missing row's slot is never read.
 */
function fillRemapped(out: CodeArray, at: number, codes: CodeArray, remap: Int32Array): void {
  if (remap.length === 0) return;
  for (let i = 0; i < codes.length; i++) out[at + i] = remap[codes[i]];
}
