import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The model catalog page. */
export const modelsRouteRef = createRouteRef();

/** The reviewer's inbox. */
export const reviewInboxRouteRef = createRouteRef();

/** Golden-path pass rates by owner and by system. */
export const goldenPathsRouteRef = createRouteRef();
