/**
 * Model Hub drift engine: the statistics behind every drift status.
 * Pure TypeScript, no Backstage dependency.
 *
 * @packageDocumentation
 */

export { DriftInputError, inferColumnType, prepareColumn } from './column';
export type { ColumnType, PreparedColumn, PrepareOptions } from './column';
export {
  computeColumnDrift,
  computeDatasetDrift,
  DEFAULT_MAX_CATEGORIES,
  DEFAULT_MAX_COLUMNS,
  tableColumns,
} from './drift';
export type {
  ColumnDriftOptions,
  ColumnDriftResult,
  DataTable,
  DatasetDriftReport,
  DriftOptions,
} from './drift';
export {
  DEFAULT_DRIFT_SHARE,
  DRIFT_METHODS,
  defaultDriftMethod,
  isDriftMethod,
  isDrifted,
} from './methods';
export type {
  DriftMethod,
  DriftMethodInfo,
  DriftMethodOptions,
} from './methods';
export { ks2Samp, ksPValue } from './stats/ks';
export type { KsResult } from './stats/ks';
export { kolmogorovSf, smirnovSf } from './stats/kolmogorov';
export {
  normedWassersteinDistance,
  wassersteinDistance,
} from './stats/wasserstein';
export { chiSquareTest, proportionsZTest } from './stats/tests';
export {
  hellingerFromShares,
  jensenShannonDistance,
  klDivergence,
  populationStabilityIndex,
} from './stats/divergence';
export {
  buildColumnProfile,
  DEFAULT_MAX_DISTINCT,
  mergeProfiles,
  PROFILE_VERSION,
} from './profile/profile';
export type {
  ColumnProfile,
  HistogramData,
  ProfileOptions,
  ValueCounts,
} from './profile/profile';
export {
  buildDatasetProfile,
  computeDatasetDriftFromProfiles,
  computeDriftFromProfiles,
  mergeDatasetProfiles,
} from './profile/profileDrift';
export type { DatasetProfile } from './profile/profileDrift';
export { DEFAULT_SKETCH_K, QuantileSketch } from './profile/sketch';
export type { QuantileSketchData } from './profile/sketch';
export { runCli, runDriftCommand } from './cli/main';
export { readTableFile, typeCsvColumn } from './cli/readTable';
export type { RawTable } from './cli/readTable';
