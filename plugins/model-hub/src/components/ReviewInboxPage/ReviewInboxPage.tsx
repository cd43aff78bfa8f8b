import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ReviewInboxItem, modelHubApiRef } from '../../api/ModelHubApi';
import { GovernanceChip, RiskLevelChip } from '../StatusChips';

const DAY_MS = 24 * 3600_000;

function date(iso?: string) {
  return iso ? new Date(iso).toISOString().slice(0, 10) : '—';
}

/** "in 12 days" or "3 days ago", so urgency reads without arithmetic. */
export function relativeDays(iso: string, now: Date): string {
  const days = Math.round((new Date(iso).getTime() - now.getTime()) / DAY_MS);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

const modelColumn: TableColumn<ReviewInboxItem> = {
  title: 'Model',
  render: row => (
    <EntityRefLink entityRef={row.review.modelRef} title={row.modelTitle} />
  ),
};

const waitingColumns: TableColumn<ReviewInboxItem>[] = [
  modelColumn,
  { title: 'Version', render: row => row.review.version },
  {
    title: 'Risk',
    render: row => <RiskLevelChip level={row.review.riskLevel} />,
  },
  {
    title: 'Approvals',
    render: row =>
      `${
        row.review.decisions.filter(d => d.decision === 'APPROVED').length
      } of ${row.review.requiredApprovals}`,
  },
  {
    title: 'Requested',
    render: row =>
      `${date(row.review.requestedAt)} by ${row.review.requestedBy}`,
  },
  {
    title: 'Published by',
    render: row => row.publishedBy ?? '—',
  },
  {
    title: '',
    render: row => (
      <EntityRefLink entityRef={row.review.modelRef}>
        Review on the Governance tab
      </EntityRefLink>
    ),
  },
];

function expiringColumns(now: Date): TableColumn<ReviewInboxItem>[] {
  return [
    modelColumn,
    { title: 'Version', render: row => row.review.version },
    {
      title: 'State',
      render: row => <GovernanceChip state={row.review.state} />,
    },
    {
      title: 'Approval expires',
      render: row =>
        row.review.expiresAt
          ? `${date(row.review.expiresAt)} (${relativeDays(
              row.review.expiresAt,
              now,
            )})`
          : '—',
    },
    {
      title: 'Review cadence',
      render: row => `every ${row.review.reviewCadenceMonths} months`,
    },
  ];
}

/**
 * A reviewer's inbox: what waits for their decision, and approvals that
 * expire soon or have expired and need a new review.
 */
export function ReviewInboxPage() {
  const api = useApi(modelHubApiRef);
  const { value, loading, error } = useAsync(() => api.getReviewInbox(), [api]);
  const now = new Date();

  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {value.waiting.length === 0 ? (
            <InfoCard title="Waiting for your decision">
              <Typography>
                Nothing waits for you. Reviews of versions you published, or of
                models you may not review, are not listed here.
              </Typography>
            </InfoCard>
          ) : (
            <Table<ReviewInboxItem>
              title={`Waiting for your decision (${value.waiting.length})`}
              columns={waitingColumns}
              data={value.waiting}
              options={{ paging: false, search: false, padding: 'dense' }}
            />
          )}
        </Grid>
        <Grid item xs={12}>
          {value.expiring.length === 0 ? (
            <InfoCard title="Approvals expiring in the next 30 days">
              <Typography>No approval expires in the next 30 days.</Typography>
            </InfoCard>
          ) : (
            <Table<ReviewInboxItem>
              title={`Approvals expiring in the next 30 days or expired (${value.expiring.length})`}
              columns={expiringColumns(now)}
              data={value.expiring}
              options={{ paging: false, search: false, padding: 'dense' }}
            />
          )}
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Model reviews"
        subtitle="Reviews waiting for you, and approvals that need renewing"
      />
      <Content>{body}</Content>
    </Page>
  );
}
