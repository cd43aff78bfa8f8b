import type { ModelHubApiPaths } from '@model-hub/backstage-plugin-model-hub-common';

/*
 * The router's types, derived from the contract's types that openapi-typescript
 * generates (the same ones the client uses), in the shape Backstage's
 * `createValidatedOpenApiRouterFromGeneratedEndpointMap` takes: one entry per
 * `#<method>|<path template>` with its path, query, body and response types.
 */

type Method = 'get' | 'put' | 'post' | 'delete';

type JsonContent<T> = T extends { content: { 'application/json': infer B } }
  ? B
  : void;

/** The success response body: 200, else 201, else nothing. */
type SuccessBody<R> = R extends { 200: infer Ok }
  ? JsonContent<Ok>
  : R extends { 201: infer Created }
  ? JsonContent<Created>
  : void;

/** `T` without `undefined`, or `Else` where nothing is left (`foo?: never`). */
type Defined<T, Else> = [Exclude<T, undefined>] extends [never]
  ? Else
  : Exclude<T, undefined>;

type Endpoint<Op> = Op extends { parameters: infer P; responses: infer R }
  ? {
      path: P extends { path?: infer Path } ? Defined<Path, {}> : {};
      query: P extends { query?: infer Q } ? Defined<Q, {}> : {};
      body: Op extends { requestBody?: infer RB }
        ? JsonContent<Defined<RB, undefined>> extends infer B
          ? [B] extends [void]
            ? undefined
            : B
          : undefined
        : undefined;
      response: SuccessBody<R>;
    }
  : never;

type Paths = ModelHubApiPaths;

/** `#<method>|<path>` for each operation the contract defines. */
type EndpointKey = {
  [P in keyof Paths]: {
    [M in Method]: Paths[P][M] extends undefined
      ? never
      : `#${M}|${P & string}`;
  }[Method];
}[keyof Paths];

/** Every endpoint of the Model Hub API, typed from the contract. */
export type ModelHubEndpointMap = {
  [K in EndpointKey]: K extends `#${infer M}|${infer P}`
    ? P extends keyof Paths
      ? M extends Method
        ? Endpoint<Paths[P][M]>
        : never
      : never
    : never;
};
