import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  assessModelRisk,
  type ModelEntity,
  type ModelMetric,
  type ModelNamedVersion,
  type RiskLevel,
} from '@model-hub/backstage-plugin-model-hub-common';

/*
 * What the model card shows and the Markdown download contains, derived once
 * from the entity so the two cannot drift apart.
 */

/** Shown for every part of the model card the entity leaves out. */
export const NOT_DOCUMENTED = 'Not documented';

/** Slice name of a metric measured on the whole dataset. */
export const OVERALL_SLICE = 'overall';

/** One row of the "metrics by slice" table. */
export type ModelCardMetricRow = {
  metric: string;
  /** {@link OVERALL_SLICE} when the metric has no slice. */
  slice: string;
  /** Full entity ref of the evaluation dataset, if given. */
  dataset?: string;
  value: number;
};

/** Default kinds of the references in a Model's spec (see refs.ts in common). */
export const REF_KINDS = {
  owner: 'Group',
  system: 'System',
  dataset: 'Resource',
  api: 'API',
  model: 'Model',
  user: 'User',
} as const;

/**
 * A reference from the model's spec, resolved against the model's namespace;
 * undefined when it is malformed (then shown as written).
 */
export function parseModelRef(
  entity: ModelEntity,
  ref: string,
  defaultKind: string,
): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    });
  } catch {
    return undefined;
  }
}

/** A reference from the model's spec as a full ref, e.g. `group:default/x`. */
export function fullModelRef(
  entity: ModelEntity,
  ref: string,
  defaultKind: string,
): string {
  const parsed = parseModelRef(entity, ref, defaultKind);
  return parsed ? stringifyEntityRef(parsed) : ref;
}

/** `xgboost 2.0`, or undefined when not given. */
export function formatNamedVersion(
  value: ModelNamedVersion | undefined,
): string | undefined {
  if (!value?.name) return undefined;
  return value.version ? `${value.name} ${value.version}` : value.name;
}

/** `2026-11-20 10:00 UTC`: the same in every time zone and locale. */
export function formatTimestamp(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The entity's metrics grouped by metric (in the order they are first
 * written), the overall value first, then the slices as written.
 */
export function modelCardMetricRows(
  entity: ModelEntity,
  metrics: ModelMetric[] | undefined = entity.spec.metrics,
): ModelCardMetricRow[] {
  const groups = new Map<string, ModelCardMetricRow[]>();
  for (const metric of metrics ?? []) {
    const row: ModelCardMetricRow = {
      metric: metric.name,
      slice: metric.slice || OVERALL_SLICE,
      dataset: metric.dataset
        ? fullModelRef(entity, metric.dataset, REF_KINDS.dataset)
        : undefined,
      value: metric.value,
    };
    const group = groups.get(metric.name) ?? [];
    group.push(row);
    groups.set(metric.name, group);
  }
  return [...groups.values()].flatMap(group => [
    ...group.filter(row => row.slice === OVERALL_SLICE),
    ...group.filter(row => row.slice !== OVERALL_SLICE),
  ]);
}

/** The model's risk level, or undefined when the assessment is incomplete. */
export function modelRiskLevel(entity: ModelEntity): RiskLevel | undefined {
  try {
    return assessModelRisk(entity.spec.risk).level;
  } catch {
    return undefined;
  }
}

/** Non-empty strings of a list from the spec, or an empty list. */
export function documented(values: string[] | undefined): string[] {
  return (values ?? []).filter(value => value && value.trim());
}
