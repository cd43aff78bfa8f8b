import { useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import useAsync from 'react-use/esm/useAsync';
import {
  ScorecardOverview,
  ScorecardQuery,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { PassRate } from '../PassRate';
import { ChecksTable } from './ChecksTable';
import { checkInfo } from './checkTitles';
import { GroupBy, GroupTable } from './GroupTable';
import { TrendChart } from './TrendChart';

type Kind = NonNullable<ScorecardQuery['kind']> | 'all';

const KINDS: Array<{ value: Kind; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'model', label: 'Models' },
  { value: 'service', label: 'Services' },
];

function Stat(props: { label: string; value: number }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

function Totals(props: { totals: ScorecardOverview['totals'] }) {
  const { totals } = props;
  return (
    <InfoCard title="Totals">
      <Box display="flex" flexWrap="wrap">
        <Stat label="entities evaluated" value={totals.entities} />
        <Stat label="checks passed" value={totals.passed} />
        <Stat label="checks failed" value={totals.failed} />
      </Box>
      <PassRate
        passed={totals.passed}
        failed={totals.failed}
        passRate={totals.passRate}
        width={200}
      />
      {totals.entities === 0 && (
        <Typography variant="body2">
          Nothing evaluated yet: golden paths are evaluated every 30 minutes and
          after each change.
        </Typography>
      )}
    </InfoCard>
  );
}

/**
 * How models and the services that use them follow the golden paths: pass
 * rates by owner and by system with the failing checks and who fails them,
 * each check's counts, and the trend over the latest runs.
 */
export function GoldenPathsPage() {
  const api = useApi(modelHubApiRef);
  const [kind, setKind] = useState<Kind>('all');
  const [groupBy, setGroupBy] = useState<GroupBy>('owner');

  const overview = useAsync(
    () => api.getScorecardOverview(kind === 'all' ? {} : { kind }),
    [api, kind],
  );
  // Descriptions of the checks; the page works without them.
  const checks = useAsync(
    () => api.listGoldenPathChecks().then(list => list.items),
    [api],
  );

  let body;
  if (overview.loading) body = <Progress />;
  else if (overview.error) body = <ResponseErrorPanel error={overview.error} />;
  else if (overview.value) {
    const value = overview.value;
    const info = checkInfo(value, checks.value);
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <Totals totals={value.totals} />
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Pass rate over the latest runs">
            <TrendChart trend={value.trend} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Tabs
            value={groupBy}
            onChange={(_, next) => setGroupBy(next)}
            indicatorColor="primary"
            aria-label="Group by"
          >
            <Tab value="owner" label="By owner" />
            <Tab value="system" label="By system" />
          </Tabs>
          <GroupTable
            by={groupBy}
            groups={groupBy === 'owner' ? value.byOwner : value.bySystem}
            info={info}
          />
        </Grid>
        <Grid item xs={12}>
          <ChecksTable checks={value.checks} info={info} />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Golden paths"
        subtitle="How models and the services that use them follow the golden paths, by owner and by system"
      />
      <Content>
        <ContentHeader title="">
          <ToggleButtonGroup
            exclusive
            size="small"
            value={kind}
            aria-label="Entities"
            onChange={(_, next: Kind | null) => next && setKind(next)}
          >
            {KINDS.map(k => (
              <ToggleButton key={k.value} value={k.value} aria-label={k.label}>
                {k.label}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <SupportButton>
            Golden paths are the checks every model and every service that uses
            one should pass: an owning team of two or more, a complete model
            card, a current risk assessment, approved pinned versions. Open an
            entity&apos;s Scorecard tab for why a check fails and how to pass.
          </SupportButton>
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
}
