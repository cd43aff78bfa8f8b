import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Model Hub backend settings. */
  modelHub?: {
    governance?: {
      /**
       * Overrides of the default policy per risk level: which evidence a
       * version needs, how many approvers, and the review cadence.
       */
      levels?: {
        [level in 'Low' | 'Medium' | 'High' | 'Severe']?: {
          evidence?: string[];
          approvals?: number;
          reviewCadenceMonths?: number;
          /**
           * Groups whose members may decide reviews of models at this level
           * (entity refs such as `group:default/model-risk-management`).
           * Unset or empty: anyone the permission framework allows.
           */
          reviewerGroups?: string[];
          /**
           * Whether members of the model's owning group are kept from
           * deciding its reviews. Default: true for High and Severe.
           */
          independentOfOwner?: boolean;
          /**
           * The lowest a per-model policy override may set this level's
           * policy: evidence it must keep, the fewest approvals and the
           * longest review cadence. Default: the level's policy itself, so
           * overrides can only make it stricter.
           */
          overrideFloor?: {
            evidence?: string[];
            approvals?: number;
            reviewCadenceMonths?: number;
          };
        };
      };
      /**
       * Governance admins (user or group entity refs, such as
       * `group:default/model-risk-management`): the only people who may
       * override a model's policy, checked by Model Hub itself on top of the
       * `model-hub.policy.override` permission. Unset: nobody may override.
       */
      admins?: string[];
      /**
       * The people each service token may name as the person it acts for
       * (`onBehalfOf`), per token subject (e.g. `model-hub-ci`): user refs,
       * or group refs whose members it may name. A subject not listed may
       * name nobody; its publishes then count every member of the model's
       * owning group as the publisher.
       */
      serviceActors?: Array<{
        subject: string;
        actsFor: string[];
      }>;
      /** Extra demands for models in the EU AI Act's high-risk category. */
      euAiActHighRisk?: {
        evidence?: string[];
        approvals?: number;
        reviewCadenceMonths?: number;
      };
    };
    /**
     * Which environments and aliases count as production: they move only to
     * versions approved for production (409 otherwise), and the scaffolder's
     * policy step treats them as production.
     */
    environments?: {
      /** Environment names. Default: production, prod. */
      production?: string[];
      /** Alias names, such as champion. Default: none. */
      productionAliases?: string[];
    };
    drift?: {
      /**
       * Most columns a drift reference or window may have (rows or profile);
       * past it the request is refused with a 400 naming the cap. Default
       * 1,000.
       */
      maxColumns?: number;
      /**
       * Most distinct categories a categorical column may have in a reference
       * and a window together; past it the window is refused with a 400
       * naming the column and the cap. Default 10,000.
       */
      maxCategories?: number;
      /** A model's drift status turns stale when no report arrives within this time. Default 48 hours. */
      staleAfter?: HumanDuration | string;
      /**
       * How far in the future a submitted window may end (clock skew between
       * the serving service and Model Hub); later ends are refused. Default 5 minutes.
       */
      maxClockSkew?: HumanDuration | string;
      /**
       * Values (rows times columns, of the reference and the window
       * together) past which a window is judged in a worker thread instead
       * of on the backend's event loop, which every plugin shares. Windows
       * sent as bodies over 64 kB, and references stored as more than 1 MB
       * of JSON, are always parsed and judged in a worker thread. Default
       * 100,000 (under about 20 ms of judging on the event loop).
       */
      workerThreshold?: number;
      /**
       * Worker threads for drift at most, started with the first window
       * that needs one and kept until the backend stops. Each takes a CPU
       * core while it judges, so keep it below the backend's cores. 0
       * judges every window on the event loop. Default 1.
       */
      workerThreads?: number;
      /**
       * Drift computations that may wait for a worker thread; past them a
       * window is refused with 503 and Retry-After (each waits holding its
       * body). Default 16.
       */
      workerQueue?: number;
      /**
       * Heap of each drift worker thread, in MB (V8's old generation). A
       * window whose judging needs more is refused with 413 (its thread
       * ends, a new one starts). Default 256, which a 20 MB window judged
       * against a 20 MB reference fits; raise it with maxRequestBodySize
       * (about 12 MB of heap per MB of body).
       */
      workerHeapMb?: number;
      /**
       * CPU priority of the drift worker threads, as a nice value from 0
       * to 19 (Linux; ignored elsewhere). Default 10: a thread judging a
       * large window gives way to the event loop, which answers every
       * plugin's requests, and to the database.
       */
      workerNice?: number;
    };
    /**
     * Largest JSON request body the API accepts, such as `20mb` (the default).
     * A drift window of 50,000 raw rows is about 3 MB; larger windows are
     * better sent as a profile (`model-hub drift submit --as-profile`).
     */
    maxRequestBodySize?: string;
    /**
     * Large request bodies (over 1 MB, or compressed) taken at once, on the
     * routes that take versions and drift windows; others get 503 with
     * Retry-After, unread. Parsing a 20 MB body blocks the backend's event
     * loop for about a second. Default 2.
     */
    maxConcurrentLargeBodies?: number;
    /**
     * When the governance job (overdue reviews, stale drift) runs, as any
     * Backstage task schedule. Default: every 15 minutes, 5 minute timeout,
     * 30 s initial delay.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * The model index behind the model list: Model Hub's copy of the
     * catalog's Model entities with their statuses, so that the list filters
     * and sorts in one query at 10,000 models.
     */
    modelIndex?: {
      /**
       * When to copy every Model entity from the catalog and recompute every
       * status, once across replicas: catalog changes and time-based status
       * changes show in the list within this interval (writes to Model Hub
       * show at once). Default: every minute, 10 minute timeout.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * Demo only; default false. When true, the backend fills Model Hub with a
     * demo history for the example models of examples/model-hub (versions,
     * aliases, deployments, reviews and six weeks of drift reports), through
     * its own services and acting as the example users, soon after start
     * once the catalog has ingested them. Models that already have versions
     * are left alone. Never enable it in production.
     */
    demoData?: boolean;
    /**
     * Golden paths: the checks Model Hub runs on models and on the services
     * that use them, evaluated on a schedule and after every change.
     */
    goldenPaths?: {
      /** When to evaluate every entity. Default: every 30 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Members the owning group of a model needs. Default 2. */
      minOwnerTeamSize?: number;
      /**
       * Age (hours) past which a drift report no longer counts as active
       * monitoring. Default: modelHub.drift.staleAfter (48 hours).
       */
      driftReportMaxAgeHours?: number;
      /**
       * Model card fields each risk level requires, from: description,
       * intendedUse, limitations, metrics, outOfScopeUses, tradeoffs,
       * ethicalConsiderations, trainingData.
       */
      modelCardFields?: {
        Low?: string[];
        Medium?: string[];
        High?: string[];
        Severe?: string[];
      };
      /**
       * Per check id (e.g. model-high-risk-fallback): turn it off, or change
       * its severity. Ids with dots (checks added by modules) are nested keys.
       */
      checks?: {
        [checkId: string]: {
          enabled?: boolean;
          severity?: 'error' | 'warning';
        } & { [nested: string]: unknown };
      };
    };
  };
}
