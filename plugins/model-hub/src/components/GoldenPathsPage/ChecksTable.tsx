import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ScorecardOverview } from '../../api/ModelHubApi';
import { PassRate } from '../PassRate';
import { SeverityLabel } from '../ScorecardContent/Verdict';
import { CheckInfo, rateOf } from './checkTitles';

type CheckRow = ScorecardOverview['checks'][number] & CheckInfo;

const columns: TableColumn<CheckRow>[] = [
  {
    title: 'Check',
    field: 'title',
    render: row => (
      <>
        <Typography variant="body2">{row.title}</Typography>
        {row.description && (
          <Typography variant="caption" color="textSecondary">
            {row.description}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Severity',
    field: 'severity',
    render: row => <SeverityLabel severity={row.severity ?? 'error'} />,
    cellStyle: { whiteSpace: 'nowrap' },
  },
  { title: 'Passed', field: 'passed', type: 'numeric', width: '90px' },
  { title: 'Failed', field: 'failed', type: 'numeric', width: '90px' },
  {
    title: 'Pass rate',
    sorting: false,
    render: row => (
      <PassRate
        passed={row.passed}
        failed={row.failed}
        passRate={rateOf(row)}
      />
    ),
    cellStyle: { whiteSpace: 'nowrap' },
  },
];

/** Each check with how many entities pass and fail it. */
export function ChecksTable(props: {
  checks: ScorecardOverview['checks'];
  info: (checkId: string, title?: string) => CheckInfo;
}) {
  const rows: CheckRow[] = props.checks.map(check => ({
    ...check,
    ...props.info(check.checkId, check.title),
    severity: check.severity,
  }));
  return (
    <Table<CheckRow>
      title={`Checks (${rows.length})`}
      columns={columns}
      data={rows}
      options={{ search: false, paging: false, padding: 'dense' }}
      localization={{
        body: { emptyDataSourceMessage: 'No check has run yet.' },
      }}
    />
  );
}
