import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  MODEL_PINNED_VERSIONS_ANNOTATION,
  parsePinnedVersions,
} from '@model-hub/backstage-plugin-model-hub-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ModelStatus, modelHubApiRef } from '../../api/ModelHubApi';
import {
  DriftChip,
  GovernanceChip,
  RiskLevelChip,
  ToneStatus,
} from '../StatusChips';
import { pinLabel, pinStatus } from './pinStatus';
import { modelDependencies } from './modelDependencies';

type FoundModel = Extract<ModelStatus, { found: true }>;
/** A model as the service uses it: its status and the version the service pins. */
export type UsedModel = FoundModel & { pinnedVersion?: string };

/** The pin of each model, from the service's annotation. */
export function withPins(
  entity: {
    metadata: { namespace?: string; annotations?: Record<string, string> };
  },
  statuses: FoundModel[],
): UsedModel[] {
  const pins = parsePinnedVersions(
    entity.metadata.annotations?.[MODEL_PINNED_VERSIONS_ANNOTATION],
    entity.metadata.namespace,
  );
  return statuses.map(s => ({ ...s, pinnedVersion: pins.get(s.entityRef) }));
}

/** The pinned version against the approved ones, in words. */
export function PinnedVersion(props: { model: UsedModel }) {
  const { text, tone } = pinLabel(
    pinStatus(props.model, props.model.pinnedVersion),
  );
  return <ToneStatus label={text} tone={tone} />;
}

/** The fallback model as a link, or that there is none. */
export function FallbackModel(props: { model: FoundModel }) {
  if (!props.model.fallbackModel) return <>none</>;
  const ref = parseEntityRef(props.model.fallbackModel, {
    defaultKind: 'model',
    defaultNamespace: parseEntityRef(props.model.entityRef).namespace,
  });
  return <EntityRefLink entityRef={ref} />;
}

const columns: TableColumn<UsedModel>[] = [
  {
    title: 'Model',
    field: 'title',
    render: row => (
      <EntityRefLink entityRef={row.entityRef} title={row.title} />
    ),
  },
  {
    title: 'Risk',
    field: 'riskLevel',
    render: row => <RiskLevelChip level={row.riskLevel} />,
  },
  {
    title: 'Governance',
    field: 'governanceStatus',
    render: row => <GovernanceChip state={row.governanceStatus} />,
  },
  {
    title: 'Drift',
    field: 'driftStatus',
    render: row => <DriftChip status={row.driftStatus} />,
  },
  {
    title: 'Pinned version',
    field: 'pinnedVersion',
    render: row => <PinnedVersion model={row} />,
  },
  {
    title: 'Latest approved',
    field: 'latestApprovedVersion',
    render: row => row.latestApprovedVersion ?? '—',
  },
  {
    title: 'Fallback',
    field: 'fallbackModel',
    render: row => <FallbackModel model={row} />,
  },
  {
    title: 'Deployed',
    render: row =>
      row.deployments.length === 0 ? (
        '—'
      ) : (
        <>
          {row.deployments.map(d => (
            <Typography variant="body2" key={d.environment}>
              {d.environment}: {d.version}{' '}
              {d.approved ? '(approved)' : '(not approved)'}
            </Typography>
          ))}
        </>
      ),
  },
];

/**
 * The "Models" tab of a service: each model it depends on with its risk
 * level, governance status and drift side by side, and whether the deployed
 * versions are still approved.
 */
export function EntityModelsContent() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const refs = modelDependencies(entity);
  const { value, loading, error } = useAsync(
    async () => (refs.length ? api.getStatuses(refs) : []),
    [api, refs.join(',')],
  );

  if (refs.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No models"
        description="This entity lists no Model in spec.dependsOn."
      />
    );
  }
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const found = withPins(
    entity,
    (value ?? []).filter((s): s is FoundModel => s.found),
  );
  const missing = (value ?? []).filter(s => !s.found).map(s => s.entityRef);
  return (
    <>
      <Table<UsedModel>
        title="Models"
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={found}
      />
      {missing.length > 0 && (
        <Typography color="textSecondary" variant="body2">
          Not in the catalog or not visible to you: {missing.join(', ')}
        </Typography>
      )}
    </>
  );
}
