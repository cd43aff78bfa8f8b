import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { PassRate } from '../PassRate';
import { ToneStatus } from '../StatusChips';
import {
  formatTime,
  groupVerdicts,
  isNotFound,
  NOT_EVALUATED,
} from './scorecard';
import { useEntityScorecard } from './useEntityScorecard';
import { VerdictItem } from './Verdict';

/**
 * The golden-path scorecard at a glance on an Overview page: the pass rate
 * and what fails, with why and how to pass. The Scorecard tab has the rest.
 */
export function ScorecardCard() {
  const { entity, value, loading, error } = useEntityScorecard();
  const entityLink = useEntityRefLink();

  let body;
  if (loading) body = <Progress />;
  else if (error && isNotFound(error)) {
    body = <Typography>{NOT_EVALUATED}</Typography>;
  } else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    const failing = groupVerdicts(value.verdicts).fail;
    body = (
      <>
        <Box display="flex" alignItems="flex-end" flexWrap="wrap" mb={1}>
          <Box mr={3}>
            <PassRate
              passed={value.passed}
              failed={value.failed}
              passRate={value.passRate}
              width={120}
            />
          </Box>
          <Typography variant="caption" color="textSecondary">
            Evaluated {formatTime(value.evaluatedAt)}
          </Typography>
        </Box>
        {failing.length === 0 ? (
          <ToneStatus label="Every applicable check passes" tone="good" />
        ) : (
          <>
            <Typography variant="subtitle2">
              {failing.length === 1
                ? '1 failing check'
                : `${failing.length} failing checks`}
            </Typography>
            <List dense disablePadding>
              {failing.map(verdict => (
                <VerdictItem key={verdict.checkId} verdict={verdict} compact />
              ))}
            </List>
          </>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Golden paths"
      subheader="Scorecard of the checks this entity must pass"
      deepLink={{
        title: 'Every check and its history',
        link: `${entityLink(entity)}/scorecard`,
      }}
    >
      {body}
    </InfoCard>
  );
}
