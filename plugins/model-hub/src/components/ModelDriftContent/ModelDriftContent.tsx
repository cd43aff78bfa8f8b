import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Select,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { DriftStatus } from '@model-hub/backstage-plugin-model-hub-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { DriftReport, ModelName, modelHubApiRef } from '../../api/ModelHubApi';
import { DriftChip } from '../StatusChips';
import { ColumnDriftChart, DriftedShareChart } from './DriftCharts';
import {
  chronological,
  ColumnDrift,
  columnNames,
  columnsOf,
  driftRule,
  formatNumber,
  formatPercent,
  formatTime,
  methodLabel,
  shareThresholdOf,
} from './driftReports';

/** Windows shown per environment (the backend's page limit). */
const WINDOWS = 200;
/**
 * Staleness when the backend's status does not cover the environment: the
 * backend's default cadence (`modelHub.drift.staleAfter`, 48 hours).
 */
const STALE_AFTER_MS = 48 * 60 * 60 * 1000;

type Environment = {
  environment: string;
  /** The backend's verdict, including `stale`; absent when not in the status. */
  status?: DriftStatus;
};

/** Production when the model reports from it, else the first environment. */
function defaultEnvironment(environments: Environment[]): string {
  return (
    environments.find(e => e.environment === 'production')?.environment ??
    environments[0].environment
  );
}

const columnColumns: TableColumn<ColumnDrift>[] = [
  { title: 'Column', field: 'column' },
  { title: 'Type', field: 'type', render: row => row.type ?? '—' },
  { title: 'Method', render: row => methodLabel(row.method) },
  {
    title: 'Drift when',
    render: row => driftRule(row.method, row.threshold),
  },
  { title: 'Score', render: row => formatNumber(row.score) },
  {
    title: 'Result',
    render: row => <DriftChip status={row.drifted ? 'drift' : 'ok'} />,
  },
];

function NoReports(props: { model: ModelName; version?: string }) {
  const { namespace, name } = props.model;
  const version = props.version ?? '<version>';
  return (
    <EmptyState
      missing="data"
      title="No drift reports yet"
      description={
        <>
          Submit a production window with the model-hub CLI, e.g.{' '}
          <code>
            model-hub drift submit {namespace}/{name} --version {version}{' '}
            --environment production --rows window.csv
          </code>{' '}
          (or <code>--profile profile.json</code>), or POST it to{' '}
          <code>
            /api/model-hub/models/{namespace}/{name}/versions/{version}
            /drift-reports
          </code>
          . The version needs a drift reference (<code>referenceProfile</code>)
          published with it.
        </>
      }
    />
  );
}

function LatestWindow(props: { latest: DriftReport }) {
  const { latest } = props;
  const columns = columnsOf(latest);
  const drifted = columns.filter(c => c.drifted).length;
  return (
    <InfoCard title="Latest window">
      <Typography variant="body1" gutterBottom>
        Status: <DriftChip status={latest.status} />
      </Typography>
      <Typography variant="body2">
        Window: {formatTime(latest.windowStart)} to{' '}
        {formatTime(latest.windowEnd)}
      </Typography>
      <Typography variant="body2">Version: {latest.version}</Typography>
      <Typography variant="body2">
        Drifted share: {formatPercent(latest.driftedShare)}
        {columns.length > 0 && ` (${drifted} of ${columns.length} columns)`}
      </Typography>
      <Typography variant="body2">
        Data set drift:{' '}
        {latest.datasetDrift
          ? `yes (at least ${formatPercent(
              shareThresholdOf(latest),
            )} of the columns drifted)`
          : `no (it needs ${formatPercent(
              shareThresholdOf(latest),
            )} of the columns)`}
      </Typography>
      <Typography variant="body2">
        Submitted by: {latest.submittedBy}
      </Typography>
    </InfoCard>
  );
}

/** The drift reports of one environment. */
function EnvironmentDrift(props: {
  model: ModelName;
  environment: Environment;
}) {
  const api = useApi(modelHubApiRef);
  const { namespace, name } = props.model;
  const { environment, status } = props.environment;
  const { value, loading, error } = useAsync(
    () =>
      api.listDriftReports(
        { namespace, name },
        { environment, limit: WINDOWS },
      ),
    [api, namespace, name, environment],
  );
  const [column, setColumn] = useState<string>();

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const page = value!;
  if (page.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={`No drift reports in ${environment}`}
        description="Reports submitted for this environment will show here."
      />
    );
  }

  const reports = chronological(page.items);
  const latest = reports[reports.length - 1];
  const names = columnNames(reports);
  const shownColumn =
    column && names.some(n => n.name === column) ? column : names[0]?.name;
  // The backend is the authority on staleness (its configured cadence).
  const stale = status
    ? status === 'stale'
    : Date.now() - Date.parse(latest.windowEnd) > STALE_AFTER_MS;
  const latestColumns = [...columnsOf(latest)].sort(
    (a, b) =>
      Number(b.drifted) - Number(a.drifted) || a.column.localeCompare(b.column),
  );

  return (
    <Grid container spacing={3}>
      {stale && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title={`Drift data for ${environment} is stale`}
            message={`No report has arrived since the window ending ${formatTime(
              latest.windowEnd,
            )}: the charts and the latest verdict may no longer describe production traffic. Check the job that submits the windows.`}
          />
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <LatestWindow latest={latest} />
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Share of drifted columns"
          subheader={
            page.totalItems > reports.length
              ? `Latest ${reports.length} of ${page.totalItems} windows`
              : `${reports.length} window(s)`
          }
        >
          <DriftedShareChart reports={reports} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Drift score per column">
          {shownColumn ? (
            <>
              <Select
                label="Column"
                data-testid="drift-column-select"
                items={names.map(n => ({
                  label: n.driftedInLatest
                    ? `${n.name} (drifted in the latest window)`
                    : n.name,
                  value: n.name,
                }))}
                selected={shownColumn}
                onChange={selected => setColumn(String(selected))}
              />
              <ColumnDriftChart reports={reports} column={shownColumn} />
            </>
          ) : (
            <Typography variant="body2">
              The reports hold no per-column results.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<ColumnDrift>
          title="Columns in the latest window"
          subtitle="Select a row to chart the column"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columnColumns}
          data={latestColumns}
          onRowClick={(_event, row) => row && setColumn(row.column)}
        />
      </Grid>
    </Grid>
  );
}

/**
 * The "Drift" tab of a Model: per environment, the drift score of each
 * column over time against its threshold, the share of drifted columns, the
 * latest window's verdict, and a warning when reports stopped arriving.
 */
export function ModelDriftContent() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const { namespace, name } = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(entity);
  const [selected, setSelected] = useState<string>();

  const environments = useAsync(async (): Promise<Environment[]> => {
    const [status] = await api.getStatuses([entityRef]);
    if (status?.found && status.drift.length > 0) {
      return status.drift.map(d => ({
        environment: d.environment,
        status: d.status,
      }));
    }
    // Not in the status: the reports themselves name the environments (and
    // the backend's refusal, if any, shows).
    const { items } = await api.listDriftReports(
      { namespace, name },
      { limit: WINDOWS },
    );
    return [...new Set(items.map(r => r.environment))].map(environment => ({
      environment,
    }));
  }, [api, entityRef, namespace, name]);

  if (environments.loading) return <Progress />;
  if (environments.error) {
    return <ResponseErrorPanel error={environments.error} />;
  }
  const envs = environments.value ?? [];
  if (envs.length === 0) {
    const version = entity.spec?.version;
    return (
      <NoReports
        model={{ namespace, name }}
        version={typeof version === 'string' ? version : undefined}
      />
    );
  }
  const current =
    envs.find(e => e.environment === selected) ??
    envs.find(e => e.environment === defaultEnvironment(envs))!;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} sm={6} md={4}>
        <Select
          label="Environment"
          data-testid="drift-environment-select"
          items={envs.map(e => ({
            label: e.status ? `${e.environment} (${e.status})` : e.environment,
            value: e.environment,
          }))}
          selected={current.environment}
          onChange={value => setSelected(String(value))}
        />
      </Grid>
      <Grid item xs={12}>
        <EnvironmentDrift
          key={current.environment}
          model={{ namespace, name }}
          environment={current}
        />
      </Grid>
    </Grid>
  );
}
