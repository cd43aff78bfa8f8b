import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import type { EntityScorecard } from '../../api/ModelHubApi';
import { PassRate } from '../PassRate';
import {
  formatTime,
  groupVerdicts,
  isNotFound,
  NOT_EVALUATED,
  RESULT_HEADINGS,
  RESULTS,
} from './scorecard';
import { useEntityScorecard } from './useEntityScorecard';
import { VerdictItem, VerdictResult } from './Verdict';

type Change = EntityScorecard['history'][number] & { title: string };

const historyColumns: TableColumn<Change>[] = [
  {
    title: 'Changed',
    render: row => formatTime(row.changedAt),
    cellStyle: { whiteSpace: 'nowrap' },
  },
  { title: 'Check', field: 'title' },
  {
    title: 'Result',
    render: row => <VerdictResult result={row.result} />,
    cellStyle: { whiteSpace: 'nowrap' },
  },
  { title: 'Reason', field: 'reason' },
];

/** Every verdict grouped by result, and the history of their changes. */
function Scorecard(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const groups = groupVerdicts(scorecard.verdicts);
  const titles = new Map(scorecard.verdicts.map(v => [v.checkId, v.title]));
  const history: Change[] = scorecard.history.map(change => ({
    ...change,
    title: titles.get(change.checkId) ?? change.checkId,
  }));
  const counts = RESULTS.map(
    result =>
      `${groups[result].length} ${RESULT_HEADINGS[result].toLowerCase()}`,
  ).join(', ');

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Golden paths scorecard">
          <Box display="flex" alignItems="flex-end" flexWrap="wrap">
            <Box mr={4}>
              <PassRate
                passed={scorecard.passed}
                failed={scorecard.failed}
                passRate={scorecard.passRate}
                width={200}
              />
            </Box>
            <Typography variant="body2" color="textSecondary">
              Checks: {counts}. Evaluated {formatTime(scorecard.evaluatedAt)}.
            </Typography>
          </Box>
        </InfoCard>
      </Grid>
      {RESULTS.filter(result => groups[result].length > 0).map(result => (
        <Grid item xs={12} key={result}>
          <InfoCard
            title={`${RESULT_HEADINGS[result]} (${groups[result].length})`}
          >
            <List dense disablePadding>
              {groups[result].map(verdict => (
                <VerdictItem key={verdict.checkId} verdict={verdict} />
              ))}
            </List>
          </InfoCard>
        </Grid>
      ))}
      <Grid item xs={12}>
        <Table<Change>
          title="History of changes"
          columns={historyColumns}
          data={history}
          options={{
            search: false,
            paging: history.length > 20,
            pageSize: 20,
            padding: 'dense',
          }}
          localization={{
            body: { emptyDataSourceMessage: 'No verdict has changed yet.' },
          }}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The "Scorecard" tab of models and of the services that use them: every
 * golden-path verdict with its severity, reason and remedy, and its history.
 */
export function ScorecardContent() {
  const { value, loading, error } = useEntityScorecard();
  if (loading) return <Progress />;
  if (error && isNotFound(error)) {
    return (
      <InfoCard title="Golden paths scorecard">
        <Typography>{NOT_EVALUATED}</Typography>
      </InfoCard>
    );
  }
  if (error) return <ResponseErrorPanel error={error} />;
  return value ? <Scorecard scorecard={value} /> : null;
}
