import { useMemo, useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { GovernanceState } from '@model-hub/backstage-plugin-model-hub-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  ModelGovernance,
  ModelOverview,
  ModelVersion,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { GovernanceChip } from '../StatusChips';
import {
  compareMetrics,
  describeDifference,
  formatMetric,
  MetricComparisonRow,
} from './metricComparison';

const PAGE_SIZES = [10, 20, 50];

type VersionRow = ModelVersion & {
  aliases: string[];
  environments: string[];
  state?: GovernanceState;
};

const formatDate = (value: string) => value.slice(0, 10);

function toRows(
  versions: ModelVersion[],
  overview: ModelOverview,
  governance: ModelGovernance,
): VersionRow[] {
  return versions.map(version => ({
    ...version,
    aliases: overview.aliases
      .filter(a => a.version === version.version)
      .map(a => a.alias)
      .sort(),
    environments: overview.deployments
      .filter(d => d.version === version.version)
      .map(d => d.environment)
      .sort(),
    state: governance.versions.find(v => v.version === version.version)?.state,
  }));
}

function Chips(props: { labels: string[] }) {
  if (props.labels.length === 0) return <>—</>;
  return (
    <>
      {props.labels.map(label => (
        <Chip key={label} label={label} size="small" />
      ))}
    </>
  );
}

function versionColumns(
  selected: ModelVersion[],
  toggle: (version: ModelVersion) => void,
): TableColumn<VersionRow>[] {
  const isSelected = (row: VersionRow) =>
    selected.some(s => s.version === row.version);
  return [
    {
      title: 'Compare',
      width: '80px',
      render: row => (
        <Checkbox
          color="primary"
          checked={isSelected(row)}
          // Two versions are compared; unselect one to pick another.
          disabled={!isSelected(row) && selected.length >= 2}
          onChange={() => toggle(row)}
          inputProps={{ 'aria-label': `Compare ${row.version}` }}
        />
      ),
    },
    { title: 'Version', field: 'version', highlight: true },
    { title: 'Published by', field: 'publishedBy' },
    {
      title: 'Published at',
      field: 'publishedAt',
      render: row => formatDate(row.publishedAt),
    },
    { title: 'Aliases', render: row => <Chips labels={row.aliases} /> },
    {
      title: 'Deployed in',
      render: row => <Chips labels={row.environments} />,
    },
    {
      title: 'Approval',
      render: row =>
        row.state ? <GovernanceChip state={row.state} /> : 'not reviewed',
    },
    {
      title: 'Deprecated',
      render: row =>
        row.deprecation ? (
          <>
            <StatusWarning>Deprecated</StatusWarning>
            <Typography variant="body2">
              {row.deprecation.reason} ({row.deprecation.by},{' '}
              {formatDate(row.deprecation.at)})
            </Typography>
          </>
        ) : (
          'No'
        ),
    },
  ];
}

/** The metrics of two versions side by side, older version first. */
function MetricComparison(props: {
  versions: ModelVersion[];
  onClear: () => void;
}) {
  if (props.versions.length < 2) {
    return (
      <InfoCard title="Compare metrics">
        <Typography variant="body2">
          {props.versions.length === 0
            ? 'Select two versions in the table to compare their metrics.'
            : `Select one more version to compare with ${props.versions[0].version}.`}
        </Typography>
      </InfoCard>
    );
  }
  const [base, other] = [...props.versions].sort((a, b) =>
    a.publishedAt.localeCompare(b.publishedAt),
  );
  const rows = compareMetrics(base, other);
  const columns: TableColumn<MetricComparisonRow>[] = [
    { title: 'Metric', field: 'name', highlight: true },
    { title: 'Slice', render: row => row.slice ?? 'overall' },
    { title: 'Data set', render: row => row.dataset ?? '—' },
    { title: base.version, render: row => formatMetric(row.base) },
    { title: other.version, render: row => formatMetric(row.other) },
    {
      title: `Difference (${other.version} − ${base.version})`,
      render: row => describeDifference(row, base.version, other.version),
    },
  ];
  return (
    <>
      <Table<MetricComparisonRow>
        title={`Metrics of ${base.version} and ${other.version}`}
        subtitle="Whether higher is better depends on the metric."
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={rows}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            Neither version was published with metrics.
          </Typography>
        }
      />
      <Button onClick={props.onClear}>Clear the selection</Button>
    </>
  );
}

/**
 * The "Versions" tab of a Model: its versions page by page with the aliases
 * and deployments pointing at each, approval state and deprecation; two
 * selected versions have their metrics compared.
 */
export function ModelVersionsContent() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const { namespace, name } = getCompoundEntityRef(entity);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  // The versions themselves, so a selection survives paging.
  const [selected, setSelected] = useState<ModelVersion[]>([]);

  const context = useAsync(async () => {
    const model = { namespace, name };
    const [overview, governance] = await Promise.all([
      api.getOverview(model),
      api.getGovernance(model),
    ]);
    return { overview, governance };
  }, [api, namespace, name]);
  const versions = useAsync(
    () =>
      api.listVersions(
        { namespace, name },
        { limit: pageSize, offset: page * pageSize },
      ),
    [api, namespace, name, page, pageSize],
  );

  const columns = useMemo(
    () =>
      versionColumns(selected, version =>
        setSelected(current =>
          current.some(s => s.version === version.version)
            ? current.filter(s => s.version !== version.version)
            : [...current, version].slice(-2),
        ),
      ),
    [selected],
  );

  const error = context.error ?? versions.error;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!context.value || !versions.value) return <Progress />;

  const { overview, governance } = context.value;
  const { items, totalItems } = versions.value;
  if (totalItems === 0) {
    return (
      <EmptyState
        missing="data"
        title="No version published yet"
        description={
          <>
            Publish one after training with the model-hub CLI, e.g.{' '}
            <code>
              model-hub publish {namespace}/{name} --file version.json
            </code>
            , or POST it to{' '}
            <code>
              /api/model-hub/models/{namespace}/{name}/versions
            </code>
            .
          </>
        }
      />
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Table<VersionRow>
          title="Versions"
          subtitle="Newest first; select two to compare their metrics"
          isLoading={versions.loading}
          options={{
            search: false,
            sorting: false,
            padding: 'dense',
            paging: true,
            pageSize,
            pageSizeOptions: PAGE_SIZES,
            emptyRowsWhenPaging: false,
          }}
          columns={columns}
          data={toRows(items, overview, governance)}
          // Paged on the server: the table shows one page and the total.
          page={page}
          totalCount={totalItems}
          onPageChange={(newPage, newPageSize) => {
            setPage(newPage);
            setPageSize(newPageSize);
          }}
        />
      </Grid>
      <Grid item xs={12}>
        <MetricComparison versions={selected} onClear={() => setSelected([])} />
      </Grid>
    </Grid>
  );
}
