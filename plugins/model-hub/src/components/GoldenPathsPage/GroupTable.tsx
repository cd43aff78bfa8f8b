import { Table, TableColumn } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type { ScorecardGroup } from '../../api/ModelHubApi';
import { PassRate } from '../PassRate';
import { ToneStatus } from '../StatusChips';
import { CheckInfo } from './checkTitles';

export type GroupBy = 'owner' | 'system';

const NONE: Record<GroupBy, string> = {
  owner: 'No owner',
  system: 'No system',
};

/** An owner or system as a link, or in words when there is none. */
function GroupName(props: { entityRef: string; by: GroupBy }) {
  try {
    const ref = parseEntityRef(props.entityRef);
    return <EntityRefLink entityRef={ref} />;
  } catch {
    return <Typography variant="body2">{NONE[props.by]}</Typography>;
  }
}

function FailingChecks(props: {
  group: ScorecardGroup;
  info: (checkId: string, title?: string) => CheckInfo;
}) {
  if (props.group.failingChecks.length === 0) {
    return <ToneStatus label="None: every check passes" tone="good" />;
  }
  return (
    <>
      {props.group.failingChecks.map(check => {
        const { title, severity } = props.info(check.checkId, check.title);
        return (
          <Typography
            key={check.checkId}
            variant="body2"
            component="div"
            gutterBottom
            data-testid={`failing ${check.checkId}`}
          >
            <ToneStatus
              label={severity === 'warning' ? 'Warning:' : 'Error:'}
              tone={severity === 'warning' ? 'warn' : 'bad'}
            />{' '}
            {title}
            <Typography variant="body2" component="span" color="textSecondary">
              {' '}
              · failing for{' '}
            </Typography>
            <EntityRefLinks entityRefs={check.entities} />
          </Typography>
        );
      })}
    </>
  );
}

/** Pass rates and failing checks of each owner or each system. */
export function GroupTable(props: {
  by: GroupBy;
  groups: ScorecardGroup[];
  info: (checkId: string, title?: string) => CheckInfo;
}) {
  const { by, info } = props;
  const columns: TableColumn<ScorecardGroup>[] = [
    {
      title: by === 'owner' ? 'Owner' : 'System',
      field: 'key',
      render: row => <GroupName entityRef={row.key} by={by} />,
      width: '18%',
    },
    { title: 'Entities', field: 'entities', type: 'numeric', width: '8%' },
    {
      title: 'Pass rate',
      field: 'passRate',
      render: row => (
        <PassRate
          passed={row.passed}
          failed={row.failed}
          passRate={row.passRate}
        />
      ),
      cellStyle: { whiteSpace: 'nowrap' },
      width: '14%',
    },
    {
      title: 'Failing checks',
      sorting: false,
      render: row => <FailingChecks group={row} info={info} />,
    },
  ];
  return (
    <Table<ScorecardGroup>
      title={`By ${by} (${props.groups.length})`}
      columns={columns}
      data={props.groups.map(group => ({ ...group }))}
      options={{ search: false, paging: false, padding: 'dense' }}
      localization={{
        body: {
          emptyDataSourceMessage: `No ${by} has an evaluated model or service yet.`,
        },
      }}
    />
  );
}
