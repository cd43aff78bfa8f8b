/*
 * model-hub-drift command line: compare a current data file with a reference
 * and print a JSON drift report. The only module here that does I/O.
 */
import { resolve } from 'node:path';
import { DriftInputError } from '../column';
import type { ColumnType } from '../column';
import { computeDatasetDrift } from '../drift';
import type { DatasetDriftReport, DriftOptions } from '../drift';
import { DRIFT_METHODS, isDriftMethod } from '../methods';
import type { DriftMethod } from '../methods';
import { invocationDirectory } from './invocationDir';
import { readTableFile, typeCsvColumn } from './readTable';
import type { RawTable } from './readTable';

export const USAGE = `Usage: model-hub-drift --reference FILE --current FILE [options]

Compares each column of the current data with the reference data and prints a
JSON drift report. FILE is CSV with a header row, or a JSON array of records.

Options:
  --reference FILE        reference data (required)
  --current FILE          current data (required)
  --columns a,b,c         columns to compare (default: all common columns)
  --method col=METHOD     method for one column; --method METHOD for all columns
  --threshold col=VALUE   threshold for one column; --threshold VALUE for all
  --type col=TYPE         declare a column numerical or categorical
  --drift-share VALUE     share of drifted columns for data set drift (default 0.5)
  --fail-on-drift         exit with status 1 when the data set drifts
  -h, --help              show this help

Methods: ${Object.keys(DRIFT_METHODS).join(', ')}
Relative paths are resolved against the directory the command was typed in.`;

export class UsageError extends Error {}

interface CliOptions {
  reference: string;
  current: string;
  failOnDrift: boolean;
  drift: DriftOptions;
}

function splitAssignment(
  flag: string,
  value: string,
): [string | undefined, string] {
  const at = value.lastIndexOf('=');
  if (at < 0) return [undefined, value];
  const column = value.slice(0, at).trim();
  if (!column)
    throw new UsageError(`${flag} ${value}: missing column name before "="`);
  return [column, value.slice(at + 1).trim()];
}

function parseNumber(flag: string, text: string): number {
  const v = Number(text);
  if (text === '' || !Number.isFinite(v))
    throw new UsageError(`${flag}: "${text}" is not a number`);
  return v;
}

function parseMethod(flag: string, text: string): DriftMethod {
  if (!isDriftMethod(text)) {
    throw new UsageError(
      `${flag}: unknown method "${text}" (one of ${Object.keys(
        DRIFT_METHODS,
      ).join(', ')})`,
    );
  }
  return text;
}

export function parseArgs(argv: string[]): CliOptions | 'help' {
  const drift: DriftOptions = {};
  let reference: string | undefined;
  let current: string | undefined;
  let failOnDrift = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (flag !== arg) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--'))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--reference':
        reference = takeValue();
        break;
      case '--current':
        current = takeValue();
        break;
      case '--columns':
        drift.columns = takeValue()
          .split(',')
          .map(c => c.trim())
          .filter(Boolean);
        break;
      case '--method': {
        const [column, method] = splitAssignment(flag, takeValue());
        const m = parseMethod(flag, method);
        if (column)
          drift.perColumnMethod = { ...drift.perColumnMethod, [column]: m };
        else drift.method = m;
        break;
      }
      case '--threshold': {
        const [column, value] = splitAssignment(flag, takeValue());
        const t = parseNumber(flag, value);
        if (column)
          drift.perColumnThreshold = {
            ...drift.perColumnThreshold,
            [column]: t,
          };
        else drift.threshold = t;
        break;
      }
      case '--type': {
        const [column, type] = splitAssignment(flag, takeValue());
        if (!column || (type !== 'numerical' && type !== 'categorical')) {
          throw new UsageError(
            `--type expects col=numerical or col=categorical, got "${argv[i]}"`,
          );
        }
        drift.columnTypes = {
          ...drift.columnTypes,
          [column]: type as ColumnType,
        };
        break;
      }
      case '--drift-share':
        drift.driftShare = parseNumber(flag, takeValue());
        break;
      case '--fail-on-drift':
        failOnDrift = true;
        break;
      default:
        throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (!reference) throw new UsageError('--reference FILE is required');
  if (!current) throw new UsageError('--current FILE is required');
  return { reference, current, failOnDrift, drift };
}

function typedColumns(
  table: RawTable,
  file: string,
  types: DriftOptions['columnTypes'],
) {
  const out: Record<string, unknown[]> = {};
  for (const c of table.columns) {
    out[c] =
      table.format === 'csv'
        ? typeCsvColumn(table.cells[c], c, file, types?.[c])
        : table.cells[c];
  }
  return out;
}

/** Run the command; returns the report (for tests) and the exit status. */
export function runDriftCommand(
  argv: string[],
  io: { cwd: string; stdout: (s: string) => void; stderr: (s: string) => void },
): { status: number; report?: DatasetDriftReport } {
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(`${USAGE}\n`);
      return { status: 0 };
    }
    const refPath = resolve(io.cwd, parsed.reference);
    const curPath = resolve(io.cwd, parsed.current);
    const refTable = readTableFile(refPath);
    const curTable = readTableFile(curPath);
    const types = parsed.drift.columnTypes;
    const report = computeDatasetDrift(
      typedColumns(refTable, parsed.reference, types),
      typedColumns(curTable, parsed.current, types),
      {
        ...parsed.drift,
        referenceName: parsed.reference,
        currentName: parsed.current,
      },
    );
    const output = {
      reference: parsed.reference,
      current: parsed.current,
      ...report,
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return {
      status: parsed.failOnDrift && report.datasetDrift ? 1 : 0,
      report,
    };
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`model-hub-drift: ${e.message}\n\n${USAGE}\n`);
      return { status: 2 };
    }
    if (e instanceof DriftInputError || e instanceof RangeError) {
      io.stderr(`model-hub-drift: error: ${e.message}\n`);
      return { status: 2 };
    }
    throw e;
  }
}

/** Entry point used by bin/model-hub-drift. */
export function runCli(argv: string[] = process.argv.slice(2)): void {
  const cwd = invocationDirectory();
  const { status } = runDriftCommand(argv, {
    cwd,
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
  });
  process.exitCode = status;
}
