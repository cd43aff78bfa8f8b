import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { modelHubApiRef } from '../../api/ModelHubApi';

/** The scorecard of the entity of the page. */
export function useEntityScorecard() {
  const { entity } = useEntity();
  const api = useApi(modelHubApiRef);
  const ref = stringifyEntityRef(entity);
  const state = useAsync(
    () => api.getEntityScorecard(parseEntityRef(ref)),
    [api, ref],
  );
  return { entity, ...state };
}
