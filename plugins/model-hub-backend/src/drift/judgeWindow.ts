import { ConflictError, InputError } from '@backstage/errors';
import {
  buildDatasetProfile,
  computeDatasetDrift,
  computeDatasetDriftFromProfiles,
  DatasetDriftReport,
  DatasetProfile,
  DriftInputError,
} from '@model-hub/model-hub-drift';
import type { DriftShapeLimits } from '../config';
import {
  assertAllSharedColumns,
  assertVersionMethods,
  columnsOf,
  DriftSettings,
  stricterThresholds,
} from '../service/driftTerms';

/*
 * Judging a drift window against a version's reference: pure, so that it
 * runs on the event loop for small data and in a worker thread
 * (driftWorker.ts) for large data, with the same checks in the same order.
 */

/** What a version publishes as its drift reference. */
export type DriftReference = {
  rows?: Record<string, unknown>[];
  profile?: DatasetProfile;
};

/** A window as submitted, its rows parsed or still in the request body. */
export type DriftWindow = {
  rows?: Record<string, unknown>[];
  /**
   * The request body the rows are in, as read (JSON, UTF-8), for a body
   * parsed only in a worker thread: its `rows` are the window's.
   */
  rowsBody?: SharedArrayBuffer;
  profile?: DatasetProfile;
  columns?: string[];
  methods?: Record<string, string>;
  thresholds?: Record<string, number>;
};

export type JudgeWindowInput = {
  /** The version's reference, or its JSON as stored; undefined when it has none. */
  reference: DriftReference | string | undefined;
  window: DriftWindow;
  /** The version's drift terms. */
  terms: DriftSettings;
  modelRef: string;
  versionName: string;
  shape?: DriftShapeLimits;
};

export type JudgedWindow = {
  report: DatasetDriftReport;
  /** The thresholds the submission made stricter, if it named any. */
  stricter?: Record<string, number>;
};

/** The rows of a request body read as bytes (see DriftWindow.rowsBody). */
export function rowsOfBody(
  body: SharedArrayBuffer,
): Record<string, unknown>[] | undefined {
  return JSON.parse(Buffer.from(body).toString('utf8')).rows;
}

/**
 * Judges a window by the drift terms the version published: a submission
 * may only make them stricter (400 otherwise), and may not leave out a
 * column both sides have. 409 when the version has no reference, or terms
 * that do not fit its data.
 */
export function judgeWindow(input: JudgeWindowInput): JudgedWindow {
  const { terms, versionName, modelRef } = input;
  const reference: DriftReference =
    typeof input.reference === 'string'
      ? JSON.parse(input.reference)
      : input.reference ?? {};
  if (!reference.rows?.length && !reference.profile) {
    throw new ConflictError(
      `Version ${versionName} of ${modelRef} has no drift reference (referenceProfile.rows or referenceProfile.profile); publish one with the version`,
    );
  }
  const window = input.window.rowsBody
    ? { ...input.window, rows: rowsOfBody(input.window.rowsBody) }
    : input.window;
  if (!window.rows && !window.profile) {
    throw new InputError(
      'rows or profile: a drift submission needs the window as raw rows or as a profile',
    );
  }
  assertAllSharedColumns(
    columnsOf(reference),
    columnsOf(window),
    window.columns,
  );
  assertVersionMethods(terms, window.methods, versionName);
  let report = computeReport(reference, window, terms, input.shape);
  const stricter = stricterThresholds(report, window.thresholds);
  if (stricter) {
    report = computeReport(
      reference,
      window,
      { ...terms, thresholds: { ...terms.thresholds, ...stricter } },
      input.shape,
    );
  }
  return { report, stricter };
}

/**
 * Raw rows against reference rows give exact statistics; as soon as either
 * side is a profile, both are compared as profiles (the current rows are
 * binned on the reference profile's edges). Methods and thresholds are
 * the version's drift terms.
 */
function computeReport(
  reference: DriftReference,
  window: DriftWindow,
  terms: DriftSettings,
  shape: DriftShapeLimits | undefined,
): DatasetDriftReport {
  const options = {
    columns: window.columns,
    perColumnMethod: terms.methods,
    perColumnThreshold: terms.thresholds,
    referenceName: 'reference profile',
    currentName: window.profile ? 'profile' : 'rows',
    maxColumns: shape?.maxColumns,
    maxCategories: shape?.maxCategories,
  };
  try {
    if (window.rows && reference.rows?.length) {
      return computeDatasetDrift(reference.rows, window.rows, options);
    }
    const referenceProfile =
      reference.profile ??
      buildDatasetProfile(reference.rows!, {
        maxColumns: options.maxColumns,
      });
    const currentProfile =
      window.profile ??
      buildDatasetProfile(window.rows!, {
        reference: referenceProfile,
        maxColumns: options.maxColumns,
      });
    return computeDatasetDriftFromProfiles(
      referenceProfile,
      currentProfile,
      options,
    );
  } catch (error) {
    if (error instanceof DriftInputError) {
      throw new InputError(error.message);
    }
    // A method of the version's terms that does not fit its column's type:
    // the version is at fault, not the window.
    if (error instanceof RangeError && terms.methods) {
      throw new ConflictError(
        `The drift terms the version publishes (driftSettings.methods) do not fit its data: ${error.message}; publish a version with methods that apply`,
      );
    }
    throw error;
  }
}

/**
 * How many values a judgement goes over: rows times columns of each side
 * given as rows (a profile is small). Only for rows already parsed.
 */
export function valuesOf(data: { rows?: Record<string, unknown>[] }): number {
  const rows = data.rows ?? [];
  return rows.length * columnsOf({ rows }).size;
}
