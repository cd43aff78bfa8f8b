import { useCallback, useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  ModelGovernance,
  ModelReview,
  ReviewDecision,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { GovernanceChip, RiskLevelChip } from '../StatusChips';
import { AuditTrail } from './AuditTrail';
import { EvidenceChecklist } from './EvidenceChecklist';
import { ReviewDecisionForm } from './ReviewDecisionForm';
import { ReviewHistory } from './ReviewHistory';
import { formatTime } from './format';

type VersionRow = ModelGovernance['versions'][number];

const REVIEWS_PAGE = 20;
/** The backend's largest page (openapi.yaml). */
const MAX_REVIEWS = 200;

const columns: TableColumn<VersionRow>[] = [
  { title: 'Version', field: 'version' },
  {
    title: 'State',
    field: 'state',
    render: row => <GovernanceChip state={row.state} />,
  },
  {
    title: 'Published',
    field: 'publishedBy',
    render: row => (
      <>
        {row.publishedBy}
        <Typography variant="caption" component="div">
          {formatTime(row.publishedAt)}
          {row.deprecated ? ' · deprecated' : ''}
        </Typography>
      </>
    ),
  },
  {
    title: 'Evidence',
    render: row => (
      <EvidenceChecklist version={row.version} checklist={row.evidence} />
    ),
  },
  {
    title: 'Approval expires',
    field: 'expiresAt',
    render: row => row.expiresAt?.slice(0, 10) ?? '—',
  },
];

/**
 * The "Governance" tab of a Model: its risk level, the policy that applies
 * to it, each version's sign-off state and evidence checklist, the reviews
 * with their decisions (and the decision form for open ones), and the
 * audit trail.
 */
export function ModelGovernanceContent() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const { namespace, name } = getCompoundEntityRef(entity);
  const modelRef = stringifyEntityRef(entity);
  const [reviewLimit, setReviewLimit] = useState(REVIEWS_PAGE);
  const [auditRefresh, setAuditRefresh] = useState(0);

  const governance = useAsyncRetry(
    () => api.getGovernance({ namespace, name }),
    [api, namespace, name],
  );
  const reviews = useAsyncRetry(
    () => api.listReviews({ namespace, name }, { limit: reviewLimit }),
    [api, namespace, name, reviewLimit],
  );
  const { retry: retryGovernance } = governance;
  const { retry: retryReviews } = reviews;

  const decide = useCallback(
    async (
      review: ModelReview,
      decision: { decision: ReviewDecision; comment?: string },
    ) => {
      await api.decideReview({ namespace, name }, review.id, decision);
      // The decision changes the version's state, the review and the trail.
      retryGovernance();
      retryReviews();
      setAuditRefresh(n => n + 1);
    },
    [api, namespace, name, retryGovernance, retryReviews],
  );

  // Reloads keep showing the previous data, so forms keep their state.
  if (governance.loading && !governance.value) return <Progress />;
  if (governance.error) return <ResponseErrorPanel error={governance.error} />;
  const summary = governance.value!;
  const versionOf = (version: string) =>
    summary.versions.find(v => v.version === version);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Policy">
          <Typography variant="body1" gutterBottom>
            Risk level <RiskLevelChip level={summary.riskLevel} /> · EU AI Act:{' '}
            {summary.regulatoryCategory}
          </Typography>
          <Typography variant="body2">
            Status: <GovernanceChip state={summary.status} />
          </Typography>
          <Typography variant="body2">
            Approvals needed: {summary.policy.approvals} (never the publisher or
            the requester)
          </Typography>
          <Typography variant="body2">
            Review every {summary.policy.reviewCadenceMonths} months
          </Typography>
          <Typography variant="body2">
            Latest approved version: {summary.latestApprovedVersion ?? 'none'}
          </Typography>
          {summary.policyOverride && (
            <Typography variant="body2" data-testid="policy-override">
              Policy overridden for this model by{' '}
              {summary.policyOverride.updatedBy} on{' '}
              {formatTime(summary.policyOverride.updatedAt)}:{' '}
              {summary.policyOverride.reason}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<VersionRow>
          title="Versions"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={summary.versions}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No version published yet: publish one with the model-hub CLI or
              the API.
            </Typography>
          }
        />
      </Grid>
      <Grid item xs={12}>
        {reviews.error && !reviews.value && (
          <ResponseErrorPanel error={reviews.error} />
        )}
        {reviews.loading && !reviews.value && <Progress />}
        {reviews.value && (
          <ReviewHistory
            reviews={reviews.value.items}
            totalItems={reviews.value.totalItems}
            onShowOlder={
              reviewLimit < MAX_REVIEWS
                ? () =>
                    setReviewLimit(limit =>
                      Math.min(limit + REVIEWS_PAGE, MAX_REVIEWS),
                    )
                : undefined
            }
            renderActions={review => {
              const version = versionOf(review.version);
              return (
                <ReviewDecisionForm
                  modelRef={modelRef}
                  review={review}
                  publishedBy={version?.publishedBy}
                  missingEvidence={version?.evidence.items
                    .filter(
                      item =>
                        !item.complete &&
                        review.requiredEvidence.includes(item.kind),
                    )
                    .map(item => item.title)}
                  onDecide={decision => decide(review, decision)}
                />
              );
            }}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <AuditTrail model={{ namespace, name }} refreshKey={auditRefresh} />
      </Grid>
    </Grid>
  );
}
