import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import TablePagination from '@material-ui/core/TablePagination';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  ResponseErrorPanel,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import {
  ModelListItem,
  ModelListPage,
  ModelListQuery,
  modelHubApiRef,
} from '../../api/ModelHubApi';
import { DriftChip, GovernanceChip, RiskLevelChip } from '../StatusChips';
import { ModelFilters, ModelFilterValues } from './ModelFilters';

const SORTABLE: Record<string, ModelListQuery['orderBy']> = {
  title: 'name',
  riskLevel: 'riskLevel',
  governance: 'governanceStatus',
  drift: 'driftStatus',
};

const restricted = (
  <Typography variant="body2" color="textSecondary">
    not visible to you
  </Typography>
);

// Short values stay on one line; the model's name and description wrap.
const nowrap = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<ModelListItem>[] = [
  {
    title: 'Model',
    field: 'title',
    highlight: true,
    render: row => (
      <>
        <EntityRefLink entityRef={row.entityRef} title={row.title} />
        {row.description && (
          <Typography variant="body2" color="textSecondary" noWrap>
            {row.description}
          </Typography>
        )}
      </>
    ),
    cellStyle: { maxWidth: 320 },
  },
  { title: 'Task', cellStyle: nowrap, field: 'type', sorting: false },
  {
    title: 'Owner',
    field: 'owner',
    sorting: false,
    render: row =>
      row.owner ? (
        <EntityRefLink
          entityRef={parseEntityRef(row.owner, {
            defaultKind: 'group',
            defaultNamespace: row.namespace,
          })}
        />
      ) : (
        '—'
      ),
  },
  {
    title: 'System',
    field: 'system',
    sorting: false,
    render: row =>
      row.system ? (
        <EntityRefLink
          entityRef={parseEntityRef(row.system, {
            defaultKind: 'system',
            defaultNamespace: row.namespace,
          })}
        />
      ) : (
        '—'
      ),
  },
  { title: 'Lifecycle', cellStyle: nowrap, field: 'lifecycle', sorting: false },
  {
    title: 'Risk',
    cellStyle: nowrap,
    field: 'riskLevel',
    render: row =>
      row.riskLevel ? <RiskLevelChip level={row.riskLevel} /> : '—',
  },
  {
    title: 'EU AI Act',
    cellStyle: nowrap,
    field: 'regulatoryCategory',
    sorting: false,
  },
  {
    title: 'Governance',
    cellStyle: nowrap,
    field: 'governance',
    render: row =>
      row.status ? (
        <GovernanceChip state={row.status.governanceStatus} />
      ) : (
        restricted
      ),
  },
  {
    title: 'Drift',
    cellStyle: nowrap,
    field: 'drift',
    render: row =>
      row.status ? <DriftChip status={row.status.driftStatus} /> : restricted,
  },
  {
    title: 'Latest approved',
    cellStyle: nowrap,
    field: 'latestApproved',
    sorting: false,
    render: row => row.status?.latestApprovedVersion ?? '—',
  },
  { title: 'Licence', field: 'license', sorting: false },
];

/**
 * The model catalog: every curated model with its risk level, governance
 * and drift, searched and filtered on the server so that it stays fast with
 * thousands of models (one request per page, statuses included).
 */
export function ModelsPage() {
  const api = useApi(modelHubApiRef);
  const [filters, setFilters] = useState<ModelFilterValues>({});
  const [query, setQuery] = useState<ModelFilterValues>({});
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const [order, setOrder] = useState<{
    orderBy?: ModelListQuery['orderBy'];
    order?: 'asc' | 'desc';
  }>({});
  const [facets, setFacets] = useState<ModelListPage['facets']>();

  // Typing in the search box waits for a pause before asking the backend.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(filters);
      setPage(0);
    }, 300);
    return () => clearTimeout(timer);
  }, [filters]);

  const { value, loading, error } = useAsync(async () => {
    const result = await api.listModels({
      ...query,
      ...order,
      limit: pageSize,
      offset: page * pageSize,
    });
    setFacets(result.facets);
    return result;
  }, [api, query, order, page, pageSize]);

  return (
    <Page themeId="tool">
      <Header
        title="Models"
        subtitle="Curated machine-learning models: risk, approval and drift at a glance"
      />
      <Content>
        <ContentHeader title="">
          <SupportButton>
            Pick a model by task, risk and approval. Approved models that do not
            drift are ready for production; open one for its model card,
            versions, risk and drift.
          </SupportButton>
        </ContentHeader>
        <ModelFilters values={filters} facets={facets} onChange={setFilters} />
        {error ? (
          <ResponseErrorPanel error={error} />
        ) : (
          <Table<ModelListItem>
            title={`Models (${value?.totalItems ?? '…'})`}
            isLoading={loading}
            columns={columns}
            data={value?.items ?? []}
            onOrderChange={(index, direction) => {
              const field = index >= 0 ? columns[index]?.field : undefined;
              const orderBy = SORTABLE[String(field ?? '')];
              setOrder(
                orderBy
                  ? { orderBy, order: direction === 'desc' ? 'desc' : 'asc' }
                  : {},
              );
              setPage(0);
            }}
            options={{ search: false, paging: false, padding: 'dense' }}
            localization={{
              body: {
                emptyDataSourceMessage:
                  'No models match these filters. Clear a filter, or publish a model with the "Publish a model" template.',
              },
            }}
          />
        )}
        <TablePagination
          component="div"
          count={value?.totalItems ?? 0}
          page={page}
          rowsPerPage={pageSize}
          rowsPerPageOptions={[20, 50, 100]}
          onPageChange={(_, next) => setPage(next)}
          onRowsPerPageChange={e => {
            setPageSize(Number(e.target.value));
            setPage(0);
          }}
        />
      </Content>
    </Page>
  );
}
