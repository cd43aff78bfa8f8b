import { useState } from 'react';
import { WarningPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { modelHubReviewDecidePermission } from '@model-hub/backstage-plugin-model-hub-common';
import useAsync from 'react-use/esm/useAsync';
import type { ModelReview, ReviewDecision } from '../../api/ModelHubApi';
import { errorMessage } from './format';

/** The backend's limit on a decision comment (openapi.yaml). */
export const MAX_COMMENT_LENGTH = 4000;

/** Decisions that must say why: the publisher needs to know what to change. */
const NEEDS_COMMENT: ReviewDecision[] = ['CHANGES_REQUESTED', 'REJECTED'];

const BUTTONS: { decision: ReviewDecision; label: string }[] = [
  { decision: 'APPROVED', label: 'Approve' },
  { decision: 'CHANGES_REQUESTED', label: 'Request changes' },
  { decision: 'REJECTED', label: 'Reject' },
];

const sameRef = (a?: string, b?: string) =>
  Boolean(
    a && b && a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US'),
  );

export type ReviewDecisionFormProps = {
  /** The model's entity ref: the resource of the permission check. */
  modelRef: string;
  review: ModelReview;
  /** Who published the reviewed version (from the governance summary). */
  publishedBy?: string;
  /** Titles of the evidence the version still lacks. */
  missingEvidence?: string[];
  /** Records the decision; rejects with the backend's error. */
  onDecide(decision: {
    decision: ReviewDecision;
    comment?: string;
  }): Promise<unknown>;
};

/**
 * Approve, request changes or reject an open review. The buttons are
 * disabled, with the reason in words, when the backend would refuse the
 * decision: no permission, four eyes, separation of duties as the backend
 * tells it with the review (`yourEligibility`: the owning team, reviewer
 * groups), or a review that waits for the publisher's feedback.
 */
export function ReviewDecisionForm(props: ReviewDecisionFormProps) {
  const {
    modelRef,
    review,
    publishedBy,
    missingEvidence = [],
    onDecide,
  } = props;
  const permission = usePermission({
    permission: modelHubReviewDecidePermission,
    resourceRef: modelRef,
  });
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState<ReviewDecision>();
  const [error, setError] = useState<string>();
  const [recorded, setRecorded] = useState<string>();

  if (
    review.state !== 'WAITING_FOR_APPROVAL' &&
    review.state !== 'WAITING_FOR_FEEDBACK'
  ) {
    return null;
  }

  const user = identity.value?.userEntityRef;
  const reasons: string[] = [];
  if (review.state === 'WAITING_FOR_FEEDBACK') {
    reasons.push(
      'Changes were requested: this review takes no more decisions; a new review request replaces it.',
    );
  } else if (permission.loading || identity.loading) {
    reasons.push('Checking whether you may decide this review…');
  } else {
    if (!permission.allowed) {
      reasons.push(
        'You do not have permission to decide reviews of this model.',
      );
    }
    if (identity.error) {
      reasons.push(
        `Could not tell who you are: ${errorMessage(identity.error)}`,
      );
    }
    if (sameRef(user, publishedBy)) {
      reasons.push(
        `Four eyes: you published version ${review.version}, so someone else must review it.`,
      );
    } else if (sameRef(user, review.requestedBy)) {
      reasons.push(
        'Four eyes: you requested this review, so someone else must decide it.',
      );
    }
    // What the backend's decision check says about the signed-in person,
    // told with the review: the refusals the browser cannot see (a member
    // of the owning team, not in a reviewer group, a CI publish on their
    // behalf).
    const eligibility = review.yourEligibility;
    if (reasons.length === 0 && eligibility && !eligibility.canDecide) {
      reasons.push(eligibility.reason ?? 'You may not decide this review.');
    }
  }
  const blocked = reasons.length > 0;
  const alreadyApproved = review.decisions.some(
    d => d.decision === 'APPROVED' && sameRef(d.reviewer, user),
  );
  const trimmed = comment.trim();
  const tooLong = comment.length > MAX_COMMENT_LENGTH;

  const disabledFor = (decision: ReviewDecision) =>
    blocked ||
    submitting !== undefined ||
    tooLong ||
    (NEEDS_COMMENT.includes(decision) && trimmed === '') ||
    (decision === 'APPROVED' && alreadyApproved);

  const decide = async (decision: ReviewDecision) => {
    setSubmitting(decision);
    setError(undefined);
    setRecorded(undefined);
    try {
      await onDecide({ decision, comment: trimmed || undefined });
      setComment('');
      setRecorded('Your decision was recorded.');
    } catch (e) {
      // The comment stays, so the reviewer can retry or copy it.
      setError(errorMessage(e));
    } finally {
      setSubmitting(undefined);
    }
  };

  const reasonId = `model-hub-review-${review.id}-reason`;
  let helperText =
    'Required to request changes or reject; optional to approve.';
  if (tooLong) {
    helperText = `At most ${MAX_COMMENT_LENGTH} characters (${comment.length} now).`;
  }

  return (
    <Box
      mt={2}
      component="form"
      aria-label={`Decide review ${review.id} of version ${review.version}`}
      onSubmit={e => e.preventDefault()}
    >
      <Typography variant="subtitle2" component="h4">
        Your decision
      </Typography>
      {blocked && (
        <Box id={reasonId}>
          {reasons.map(reason => (
            <Typography key={reason} variant="body2" color="textSecondary">
              {reason}
            </Typography>
          ))}
        </Box>
      )}
      {!blocked && alreadyApproved && (
        <Typography variant="body2" color="textSecondary">
          You already approved this review; it needs approvals from other
          reviewers.
        </Typography>
      )}
      {!blocked && missingEvidence.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          Approval will be refused while evidence is missing:{' '}
          {missingEvidence.join(', ')}.
        </Typography>
      )}
      <TextField
        id={`model-hub-review-${review.id}-comment`}
        label="Comment"
        value={comment}
        onChange={e => setComment(e.target.value)}
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        variant="outlined"
        disabled={blocked}
        error={tooLong}
        helperText={helperText}
      />
      <Box display="flex" gridGap={8} mt={1}>
        {BUTTONS.map(({ decision, label }) => (
          <Button
            key={decision}
            variant={decision === 'APPROVED' ? 'contained' : 'outlined'}
            color={decision === 'APPROVED' ? 'primary' : 'default'}
            disabled={disabledFor(decision)}
            aria-describedby={blocked ? reasonId : undefined}
            onClick={() => decide(decision)}
          >
            {submitting === decision ? `${label}…` : label}
          </Button>
        ))}
      </Box>
      {recorded && !error && (
        <Typography variant="body2" role="status">
          {recorded}
        </Typography>
      )}
      {error && (
        <Box mt={2}>
          <WarningPanel
            severity="error"
            title="The decision was not recorded"
            message={error}
            defaultExpanded
          />
        </Box>
      )}
    </Box>
  );
}
