import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  modelHubReadPermission,
  modelHubReviewDecidePermission,
  ModelHubApiComponents,
} from '@model-hub/backstage-plugin-model-hub-common';
import { ModelHubStores } from '../database/ModelHubStores';
import { ModelReview, ModelVersion } from '../database/types';
import { effectiveGovernanceState } from './governance';
import { authorizeOrUnavailable, reviewerOf } from './ModelAccess';
import {
  reviewerIneligibility,
  ReviewerRules,
  reviewParties,
} from './separationOfDuties';

export type ReviewInbox = ModelHubApiComponents['schemas']['ReviewInbox'];
type InboxItem = ReviewInbox['waiting'][number];

const OPEN_STATES = ['WAITING_FOR_APPROVAL', 'WAITING_FOR_FEEDBACK'] as const;
const DAY_MS = 24 * 3600_000;
// Enough for any reviewer's queue; the oldest come first.
const LIMIT = 500;

/**
 * A reviewer's inbox: the reviews waiting for the signed-in person's
 * decision, and approvals that expire soon or have expired, across the
 * models they may see.
 */
export class ReviewInboxService {
  constructor(
    private readonly deps: {
      stores: Pick<ModelHubStores, 'reviews' | 'versions'>;
      catalog: CatalogService;
      permissions: PermissionsService;
      userInfo: Pick<UserInfoService, 'getUserInfo'>;
      reviewerRules: ReviewerRules;
      clock: () => Date;
    },
  ) {}

  async inbox(
    credentials: BackstageCredentials,
    options: { expiringWithinDays: number },
  ): Promise<ReviewInbox> {
    const now = this.deps.clock();
    // The same identity and groups as the decision check (ModelAccess).
    const reviewer = await reviewerOf(this.deps.userInfo, credentials);
    const me = reviewer.userEntityRef;
    const approvalsExpiringBy = new Date(
      now.getTime() + options.expiringWithinDays * DAY_MS,
    ).toISOString();
    // Pages of actionable reviews, oldest first, until a full inbox of
    // reviews this person may see: reviews of models they cannot see (say,
    // many requests on one hidden model) never crowd out those they can.
    const visible: ModelReview[] = [];
    const titleOf = new Map<string, string>();
    const ownerOf = new Map<string, string>();
    const mayRead = new Set<string>();
    const mayDecide = new Set<string>();
    const seenRefs = new Set<string>();
    let afterId: string | undefined;
    while (visible.length < LIMIT) {
      const reviews = await this.deps.stores.reviews.listActionable({
        openStates: [...OPEN_STATES],
        approvalsExpiringBy,
        limit: LIMIT,
        afterId,
      });
      if (reviews.length === 0) break;
      afterId = reviews[reviews.length - 1].id;
      const refs = [
        ...new Set(reviews.map(r => r.modelRef).filter(r => !seenRefs.has(r))),
      ];
      refs.forEach(ref => seenRefs.add(ref));
      if (refs.length > 0) {
        await this.learnAccess(refs, credentials, {
          titleOf,
          ownerOf,
          mayRead,
          mayDecide,
        });
      }
      visible.push(
        ...reviews.filter(
          r => titleOf.has(r.modelRef) && mayRead.has(r.modelRef),
        ),
      );
      if (reviews.length < LIMIT) break;
    }
    visible.splice(LIMIT);
    if (visible.length === 0) return { waiting: [], expiring: [] };

    // The version is read once per review: for the rules and for the item.
    const versionOf = (review: ModelReview) =>
      this.deps.stores.versions.get(review.modelRef, review.version);
    const item = (
      review: ModelReview,
      version: ModelVersion | undefined,
    ): InboxItem => ({
      review: { ...review, state: effectiveGovernanceState(review, now) },
      modelTitle: titleOf.get(review.modelRef)!,
      publishedBy: version?.publishedBy,
    });

    const waiting: InboxItem[] = [];
    for (const review of visible) {
      if (!(OPEN_STATES as readonly string[]).includes(review.state)) continue;
      if (!mayDecide.has(review.modelRef)) continue;
      if (review.decisions.some(d => d.reviewer === me)) continue;
      const version = await versionOf(review);
      // Separation of duties: only reviews this person may decide.
      if (
        version &&
        !reviewerIneligibility(
          reviewer,
          reviewParties(review, version, ownerOf.get(review.modelRef)!),
          this.deps.reviewerRules,
        )
      ) {
        waiting.push(item(review, version));
      }
    }
    const expiring: InboxItem[] = [];
    for (const review of visible) {
      if (review.state === 'APPROVED' || review.state === 'REVIEW_OVERDUE') {
        expiring.push(item(review, await versionOf(review)));
      }
    }
    expiring.sort((a, b) =>
      (a.review.expiresAt ?? '').localeCompare(b.review.expiresAt ?? ''),
    );
    return { waiting, expiring };
  }

  /**
   * What the caller may see of these models: the catalog filters by its own
   * permissions, and Model Hub's read and decide permissions are asked in
   * one batch.
   */
  private async learnAccess(
    refs: string[],
    credentials: BackstageCredentials,
    into: {
      titleOf: Map<string, string>;
      ownerOf: Map<string, string>;
      mayRead: Set<string>;
      mayDecide: Set<string>;
    },
  ) {
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.title', 'spec.owner'],
      },
      { credentials },
    );
    items.forEach((entity, i) => {
      if (entity) {
        into.titleOf.set(
          refs[i],
          entity.metadata.title ?? entity.metadata.name,
        );
        into.ownerOf.set(refs[i], String(entity.spec?.owner ?? ''));
      }
    });
    const decisions = await authorizeOrUnavailable(
      this.deps.permissions,
      refs.flatMap(resourceRef => [
        { permission: modelHubReadPermission, resourceRef },
        { permission: modelHubReviewDecidePermission, resourceRef },
      ]),
      credentials,
    );
    refs.forEach((ref, i) => {
      if (decisions[2 * i].result === AuthorizeResult.ALLOW) {
        into.mayRead.add(ref);
      }
      if (decisions[2 * i + 1].result === AuthorizeResult.ALLOW) {
        into.mayDecide.add(ref);
      }
    });
  }
}
