/*
 * Reading reference/current data for the command line: CSV with a header row,
 * or a JSON array of records. Cells stay raw here; typing happens per column
 * so that a declared categorical column keeps its text (e.g. "007").
 */
import { readFileSync, statSync } from 'node:fs';
import { DriftInputError } from '../column';

/** Cells pandas.read_csv reads as missing by default. */
const MISSING_TOKENS = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?(inf|infinity)$/i;

export interface RawTable {
  columns: string[];
  /** Column-major cells: null for missing. */
  cells: Record<string, unknown[]>;
  rows: number;
  format: 'csv' | 'json';
}

export function readTableFile(file: string): RawTable {
  let text: string;
  try {
    if (statSync(file).isDirectory())
      throw new DriftInputError(`${file} is a directory, not a data file`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof DriftInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DriftInputError(
      code === 'ENOENT'
        ? `file not found: ${file}`
        : `cannot read ${file}: ${(e as Error).message}`,
    );
  }
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (
    trimmed.startsWith('[') ||
    trimmed.startsWith('{') ||
    /\.json$/i.test(file)
  ) {
    return parseJsonTable(trimmed, file);
  }
  return parseCsvTable(trimmed, file);
}

export function parseJsonTable(text: string, file: string): RawTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DriftInputError(
      `${file} is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (!Array.isArray(data))
    throw new DriftInputError(`${file} must hold a JSON array of records`);
  const columns: string[] = [];
  const cells: Record<string, unknown[]> = {};
  data.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new DriftInputError(`${file}: record ${i + 1} is not an object`);
    }
    for (const [key, value] of Object.entries(row)) {
      if (!(key in cells)) {
        columns.push(key);
        cells[key] = new Array(i).fill(null);
      }
      if (value !== null && typeof value === 'object') {
        throw new DriftInputError(
          `${file}: column "${key}" in record ${i + 1} holds a nested value`,
        );
      }
      cells[key][i] = value;
    }
    for (const key of columns) if (cells[key].length <= i) cells[key][i] = null;
  });
  return { columns, cells, rows: data.length, format: 'json' };
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsvTable(text: string, file: string): RawTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new DriftInputError(`${file}: unterminated quoted field`);
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter(r => !(r.length === 1 && r[0] === ''));
  if (!nonEmpty.length)
    throw new DriftInputError(`${file} is empty (no header row)`);
  const [header, ...body] = nonEmpty;
  const columns = header.map(h => h.trim());
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c))
      throw new DriftInputError(
        `${file}: column "${c}" appears twice in the header`,
      );
    seen.add(c);
  }
  const cells: Record<string, unknown[]> = {};
  for (const c of columns) cells[c] = new Array(body.length);
  body.forEach((r, i) => {
    if (r.length !== columns.length) {
      throw new DriftInputError(
        `${file}: row ${i + 2} has ${r.length} fields but the header has ${
          columns.length
        }`,
      );
    }
    columns.forEach((c, j) => {
      cells[c][i] = MISSING_TOKENS.has(r[j].trim()) ? null : r[j];
    });
  });
  return { columns, cells, rows: body.length, format: 'csv' };
}

/**
 * Type a CSV column: numbers if every present cell is numeric, text if none
 * is; a mix is an error naming the column, the file and an example of each.
 */
export function typeCsvColumn(
  cells: unknown[],
  column: string,
  file: string,
  declared?: 'numerical' | 'categorical',
): unknown[] {
  if (declared === 'categorical') return cells;
  let numeric: string | undefined;
  let text: string | undefined;
  for (const c of cells) {
    if (c === null) continue;
    const s = String(c).trim();
    if (NUMBER.test(s) || INFINITY.test(s)) numeric ??= s;
    else text ??= s;
  }
  if (numeric !== undefined && text !== undefined) {
    throw new DriftInputError(
      `column "${column}" in ${file} has mixed types: numbers (e.g. ${numeric}) and text (e.g. ${JSON.stringify(
        text,
      )}); pass --type ${column}=categorical to compare it as categories`,
    );
  }
  if (numeric === undefined) {
    if (declared === 'numerical' && text !== undefined) {
      throw new DriftInputError(
        `column "${column}" in ${file} is declared numerical but holds ${JSON.stringify(
          text,
        )}`,
      );
    }
    return cells;
  }
  return cells.map(c => {
    if (c === null) return null;
    const s = String(c).trim();
    if (!INFINITY.test(s)) return Number(s);
    return s.startsWith('-') ? -Infinity : Infinity;
  });
}
