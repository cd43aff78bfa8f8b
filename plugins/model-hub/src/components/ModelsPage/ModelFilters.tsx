import { Select } from '@backstage/core-components';
import {
  DRIFT_STATUSES,
  GOVERNANCE_STATES,
  RISK_LEVELS,
} from '@model-hub/backstage-plugin-model-hub-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { ModelListPage, ModelListQuery } from '../../api/ModelHubApi';
import { governanceLabel } from '../StatusChips';

/** The filters of the model catalog, as the page keeps them. */
export type ModelFilterValues = Pick<
  ModelListQuery,
  | 'search'
  | 'owner'
  | 'system'
  | 'lifecycle'
  | 'type'
  | 'license'
  | 'regulatoryCategory'
  | 'riskLevel'
  | 'governanceStatus'
  | 'driftStatus'
  | 'readyFor'
>;

type Facets = ModelListPage['facets'];

// core-components' Select needs a value for "no filter".
const ALL = 'all';

function FacetSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Select
      data-testid={`filter-${props.id}`}
      label={props.label}
      items={[{ label: 'All', value: ALL }, ...props.options]}
      selected={props.value ?? ALL}
      onChange={value =>
        props.onChange(value === ALL ? undefined : String(value))
      }
    />
  );
}

const fromFacet = (
  facet: Facets[keyof Facets] | undefined,
  label = (v: string) => v,
) =>
  (facet ?? []).map(f => ({
    value: f.value,
    label: `${label(f.value)} (${f.count})`,
  }));

/**
 * Search and a filter per column of the model catalog; each change goes to
 * the backend, which filters and pages.
 */
export function ModelFilters(props: {
  values: ModelFilterValues;
  facets?: Facets;
  onChange: (values: ModelFilterValues) => void;
}) {
  const { values, facets, onChange } = props;
  const set =
    <K extends keyof ModelFilterValues>(key: K) =>
    (value: ModelFilterValues[K] | undefined) =>
      onChange({ ...values, [key]: value });

  return (
    <Grid container spacing={2} alignItems="flex-end">
      <Grid item xs={12} md={4}>
        <TextField
          fullWidth
          label="Search models"
          placeholder="Name, title, tag or task"
          value={values.search ?? ''}
          onChange={e => set('search')(e.target.value || undefined)}
          inputProps={{ 'aria-label': 'Search models' }}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <FormControlLabel
          control={
            <Switch
              checked={values.readyFor === 'production'}
              onChange={e =>
                set('readyFor')(e.target.checked ? 'production' : undefined)
              }
              color="primary"
            />
          }
          label="Ready for production only (approved, not drifting, not deprecated)"
        />
      </Grid>
      <Grid item xs={12} />
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="riskLevel"
          label="Risk level"
          value={values.riskLevel}
          options={RISK_LEVELS.map(l => ({ value: l, label: l }))}
          onChange={v => set('riskLevel')(v as ModelFilterValues['riskLevel'])}
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="governanceStatus"
          label="Governance"
          value={values.governanceStatus}
          options={GOVERNANCE_STATES.map(s => ({
            value: s,
            label: governanceLabel(s),
          }))}
          onChange={v =>
            set('governanceStatus')(v as ModelFilterValues['governanceStatus'])
          }
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="driftStatus"
          label="Drift"
          value={values.driftStatus}
          options={DRIFT_STATUSES.map(s => ({
            value: s,
            label: s === 'unknown' ? 'no reports' : s,
          }))}
          onChange={v =>
            set('driftStatus')(v as ModelFilterValues['driftStatus'])
          }
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="regulatoryCategory"
          label="EU AI Act"
          value={values.regulatoryCategory}
          options={fromFacet(facets?.regulatoryCategory)}
          onChange={set('regulatoryCategory')}
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="type"
          label="Task"
          value={values.type}
          options={fromFacet(facets?.type)}
          onChange={set('type')}
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="owner"
          label="Owner"
          value={values.owner}
          options={fromFacet(facets?.owner, ref =>
            humanizeEntityRef(
              {
                kind: ref.split(':')[0],
                namespace: ref.split(':')[1]?.split('/')[0],
                name: ref.split('/')[1] ?? ref,
              },
              { defaultKind: 'group' },
            ),
          )}
          onChange={set('owner')}
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="system"
          label="System"
          value={values.system}
          options={fromFacet(facets?.system)}
          onChange={set('system')}
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="lifecycle"
          label="Lifecycle"
          value={values.lifecycle}
          options={fromFacet(facets?.lifecycle)}
          onChange={set('lifecycle')}
        />
      </Grid>
      <Grid item xs={6} md={3} lg={2}>
        <FacetSelect
          id="license"
          label="Licence"
          value={values.license}
          options={fromFacet(facets?.license)}
          onChange={set('license')}
        />
      </Grid>
    </Grid>
  );
}
