import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ModelStatus, modelHubApiRef } from '../../api/ModelHubApi';
import { DriftChip, GovernanceChip, RiskLevelChip } from '../StatusChips';
import { modelDependencies } from './modelDependencies';

type FoundModel = Extract<ModelStatus, { found: true }>;

const columns: TableColumn<FoundModel>[] = [
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
    title: 'Latest approved',
    field: 'latestApprovedVersion',
    render: row => row.latestApprovedVersion ?? '—',
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

  const found = (value ?? []).filter((s): s is FoundModel => s.found);
  const missing = (value ?? []).filter(s => !s.found).map(s => s.entityRef);
  return (
    <>
      <Table<FoundModel>
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
