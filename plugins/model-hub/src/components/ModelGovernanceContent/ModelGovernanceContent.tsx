import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ModelGovernance, modelHubApiRef } from '../../api/ModelHubApi';
import { GovernanceChip, RiskLevelChip } from '../StatusChips';

type VersionRow = ModelGovernance['versions'][number];

const columns: TableColumn<VersionRow>[] = [
  { title: 'Version', field: 'version' },
  {
    title: 'State',
    field: 'state',
    render: row => <GovernanceChip state={row.state} />,
  },
  { title: 'Published by', field: 'publishedBy' },
  {
    title: 'Evidence',
    render: row => {
      const missing = row.evidence.items.filter(item => !item.complete);
      if (missing.length === 0) {
        return `✓ complete (${row.evidence.items.length} items)`;
      }
      return missing.map(item => `✗ ${item.title}`).join('\n');
    },
    cellStyle: { whiteSpace: 'pre-line' },
  },
  {
    title: 'Approval expires',
    field: 'expiresAt',
    render: row => row.expiresAt?.slice(0, 10) ?? '—',
  },
];

/**
 * The "Governance" tab of a Model: its risk level, the policy that applies
 * to it, and each version's sign-off state and evidence checklist.
 */
export function ModelGovernanceContent() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const { namespace, name } = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getGovernance({ namespace, name }),
    [api, namespace, name],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const governance = value!;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Policy">
          <Typography variant="body1" gutterBottom>
            Risk level <RiskLevelChip level={governance.riskLevel} /> · EU AI
            Act: {governance.regulatoryCategory}
          </Typography>
          <Typography variant="body2">
            Status: <GovernanceChip state={governance.status} />
          </Typography>
          <Typography variant="body2">
            Approvals needed: {governance.policy.approvals} (never the
            publisher)
          </Typography>
          <Typography variant="body2">
            Review every {governance.policy.reviewCadenceMonths} months
          </Typography>
          <Typography variant="body2">
            Latest approved version:{' '}
            {governance.latestApprovedVersion ?? 'none'}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <Table<VersionRow>
          title="Versions"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={governance.versions}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No version published yet: publish one with the model-hub CLI or
              the API.
            </Typography>
          }
        />
      </Grid>
    </Grid>
  );
}
