import { useRef, useState } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { AuditEvent, ModelName, modelHubApiRef } from '../../api/ModelHubApi';
import { auditActionLabel, formatTime, summarizeAuditEvent } from './format';

const columns: TableColumn<AuditEvent>[] = [
  {
    title: 'Time',
    field: 'occurredAt',
    cellStyle: { whiteSpace: 'nowrap' },
    render: event => formatTime(event.occurredAt),
    width: '180px',
  },
  { title: 'Actor', field: 'actor' },
  {
    title: 'Action',
    field: 'action',
    render: event => auditActionLabel(event.action),
  },
  {
    title: 'Summary',
    render: event => summarizeAuditEvent(event),
  },
];

/**
 * The audit trail of a model, newest first, a page at a time from the
 * backend. A new `refreshKey` reloads it from the first page.
 */
export function AuditTrail(props: {
  model: ModelName;
  refreshKey?: number;
  pageSize?: number;
}) {
  const { model, refreshKey = 0, pageSize = 10 } = props;
  const api = useApi(modelHubApiRef);
  const [error, setError] = useState<Error>();
  const failed = useRef(false);
  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      <Table<AuditEvent>
        key={refreshKey}
        title="Audit trail"
        columns={columns}
        options={{
          search: false,
          sorting: false,
          padding: 'dense',
          pageSize,
          pageSizeOptions: [10, 20, 50],
          emptyRowsWhenPaging: false,
        }}
        data={async query => {
          try {
            const page = await api.listAuditEvents(
              { namespace: model.namespace, name: model.name },
              { limit: query.pageSize, offset: query.page * query.pageSize },
            );
            if (failed.current) {
              failed.current = false;
              setError(undefined);
            }
            return {
              data: page.items,
              page: query.page,
              totalCount: page.totalItems,
            };
          } catch (e) {
            failed.current = true;
            setError(e as Error);
            return { data: [], page: 0, totalCount: 0 };
          }
        }}
        localization={{
          body: { emptyDataSourceMessage: 'Nothing recorded yet.' },
        }}
      />
    </>
  );
}
