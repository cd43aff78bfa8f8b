import { ReactNode } from 'react';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ModelReview, ReviewDecision } from '../../api/ModelHubApi';
import { GovernanceChip } from '../StatusChips';
import { DECISION_LABELS, evidenceTitle, formatTime } from './format';

const DECISION_STATUS = {
  APPROVED: StatusOK,
  CHANGES_REQUESTED: StatusWarning,
  REJECTED: StatusError,
};

/** A reviewer's decision, in words next to an icon. */
export function DecisionChip(props: { decision: ReviewDecision }) {
  const Status = DECISION_STATUS[props.decision];
  return (
    <span style={{ display: 'inline-flex' }}>
      <Status>{DECISION_LABELS[props.decision]}</Status>
    </span>
  );
}

const useStyles = makeStyles(theme => ({
  review: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
  },
}));

const byNewest =
  <T,>(time: (item: T) => string) =>
  (a: T, b: T) =>
    new Date(time(b)).getTime() - new Date(time(a)).getTime();

function distinctApprovers(review: ModelReview) {
  return new Set(
    review.decisions
      .filter(d => d.decision === 'APPROVED')
      .map(d => d.reviewer),
  ).size;
}

function Review(props: { review: ModelReview; children?: ReactNode }) {
  const { review, children } = props;
  const classes = useStyles();
  const decisions = [...review.decisions].sort(byNewest(d => d.decidedAt));
  const headingId = `model-hub-review-${review.id}`;
  return (
    <Paper
      variant="outlined"
      className={classes.review}
      component="section"
      aria-labelledby={headingId}
    >
      <Box className={classes.header}>
        <Typography variant="h6" component="h3" id={headingId}>
          Version {review.version} · review {review.id}
        </Typography>
        <GovernanceChip state={review.state} />
      </Box>
      <Typography variant="body2">
        Requested by {review.requestedBy} on {formatTime(review.requestedAt)}
      </Typography>
      <Typography variant="body2">
        Approvals: {distinctApprovers(review)} of {review.requiredApprovals}{' '}
        required (risk level {review.riskLevel})
      </Typography>
      {review.requiredEvidence.length > 0 && (
        <Typography variant="body2">
          Evidence required:{' '}
          {review.requiredEvidence.map(evidenceTitle).join(', ')}
        </Typography>
      )}
      {review.comment && (
        <Typography variant="body2">
          Request comment: {review.comment}
        </Typography>
      )}
      {review.decidedAt && (
        <Typography variant="body2">
          Decided on {formatTime(review.decidedAt)}
        </Typography>
      )}
      {review.expiresAt && (
        <Typography variant="body2">
          Approval expires on {formatTime(review.expiresAt)}
        </Typography>
      )}
      {decisions.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No decisions yet.
        </Typography>
      ) : (
        <Table
          size="small"
          aria-label={`Decisions on review ${review.id} of version ${review.version}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>Reviewer</TableCell>
              <TableCell>Decision</TableCell>
              <TableCell>Comment</TableCell>
              <TableCell>Time</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {decisions.map(decision => (
              <TableRow key={`${decision.reviewer}-${decision.decidedAt}`}>
                <TableCell>{decision.reviewer}</TableCell>
                <TableCell>
                  <DecisionChip decision={decision.decision} />
                </TableCell>
                <TableCell style={{ whiteSpace: 'pre-line' }}>
                  {decision.comment ?? '—'}
                </TableCell>
                <TableCell>{formatTime(decision.decidedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {children}
    </Paper>
  );
}

/**
 * The reviews of a model, newest first, each with its decisions; the
 * decision form (`renderActions`) goes under the reviews it returns one for.
 */
export function ReviewHistory(props: {
  reviews: ModelReview[];
  totalItems: number;
  renderActions?: (review: ModelReview) => ReactNode;
  onShowOlder?: () => void;
}) {
  const { reviews, totalItems, renderActions, onShowOlder } = props;
  const sorted = [...reviews].sort(byNewest(r => r.requestedAt));
  return (
    <InfoCard title="Reviews" subheader="Newest first">
      {sorted.length === 0 && (
        <Typography variant="body2">
          No review requested yet: request one with the model-hub CLI or the API
          once a version's evidence is complete.
        </Typography>
      )}
      {sorted.map(review => (
        <Review key={review.id} review={review}>
          {renderActions?.(review)}
        </Review>
      ))}
      {totalItems > reviews.length && (
        <Box display="flex" alignItems="center" gridGap={16}>
          <Typography variant="body2">
            Showing {reviews.length} of {totalItems} reviews.
          </Typography>
          {onShowOlder && (
            <Button variant="outlined" size="small" onClick={onShowOlder}>
              Show older reviews
            </Button>
          )}
        </Box>
      )}
    </InfoCard>
  );
}
