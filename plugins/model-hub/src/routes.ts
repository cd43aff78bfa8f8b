import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The model catalog page. */
export const modelsRouteRef = createRouteRef();

/** The reviewer's inbox. */
export const reviewInboxRouteRef = createRouteRef();
