import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ServiceActors } from '../config';
import { groupRef } from './separationOfDuties';

/** The annotation that ties a User entity to a GitHub login. */
export const GITHUB_USER_LOGIN_ANNOTATION = 'github.com/user-login';

/** Longest user ref the audit columns hold. */
const MAX_REF_LENGTH = 255;

/** Who a service says it acts for: a user ref, or a GitHub login. */
export type ActingForClaim = {
  onBehalfOf?: string;
  onBehalfOfGithubLogin?: string;
};

/** The User entities Model Hub looks people up in. */
export interface PeopleDirectory {
  getUser(userRef: string): Promise<Entity | undefined>;
  findUsersByGithubLogin(login: string): Promise<Entity[]>;
}

/** The catalog as the people directory, read with Model Hub's own credentials. */
export function catalogPeopleDirectory(
  catalog: CatalogService,
  auth: AuthService,
): PeopleDirectory {
  const credentials = () => auth.getOwnServiceCredentials();
  return {
    async getUser(userRef) {
      const entity = await catalog.getEntityByRef(userRef, {
        credentials: await credentials(),
      });
      return entity?.kind.toLocaleLowerCase('en-US') === 'user'
        ? entity
        : undefined;
    },
    async findUsersByGithubLogin(login) {
      const { items } = await catalog.getEntities(
        {
          filter: {
            kind: 'user',
            [`metadata.annotations.${GITHUB_USER_LOGIN_ANNOTATION}`]: login,
          },
        },
        { credentials: await credentials() },
      );
      return items;
    },
  };
}

/**
 * The person a service token (a CI pipeline) acts for, checked: only a
 * service names one; the person is a User of the catalog; and the token's
 * subject may act for them (`modelHub.governance.serviceActors`: the user,
 * or a group they belong to). Recorded so that this person can never
 * approve the work, and so that a token cannot pin a publish on a reviewer
 * to keep them from deciding.
 */
export async function actingFor(
  claim: ActingForClaim,
  principal: { type: 'user' | 'service'; subject?: string },
  people: PeopleDirectory,
  serviceActors: ServiceActors,
): Promise<string | undefined> {
  const { onBehalfOf, onBehalfOfGithubLogin: login } = claim;
  if (onBehalfOf === undefined && login === undefined) return undefined;
  const field =
    onBehalfOf !== undefined ? 'onBehalfOf' : 'onBehalfOfGithubLogin';
  if (onBehalfOf !== undefined && login !== undefined) {
    throw new InputError(
      'onBehalfOf: give either onBehalfOf or onBehalfOfGithubLogin, not both',
    );
  }
  if (principal.type !== 'service') {
    throw new InputError(
      `${field}: only a service token (such as a CI pipeline) may name the person it acts for; a signed-in user acts as themself`,
    );
  }
  const user =
    onBehalfOf !== undefined
      ? await namedUser(onBehalfOf, people)
      : await userWithLogin(login!, people);
  const userRef = stringifyEntityRef(user);
  const allowed = serviceActors.get(principal.subject ?? '') ?? [];
  const memberships = new Set([
    userRef,
    ...(user.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef),
    ...((user.spec?.memberOf as string[] | undefined) ?? []).map(safeGroupRef),
  ]);
  if (!allowed.some(ref => memberships.has(ref))) {
    throw new NotAllowedError(
      `${field}: ${principal.subject} may not act for ${userRef} (modelHub.governance.serviceActors)`,
    );
  }
  return userRef;
}

async function namedUser(onBehalfOf: string, people: PeopleDirectory) {
  let ref;
  try {
    ref = parseEntityRef(onBehalfOf, { defaultKind: 'user' });
  } catch {
    ref = undefined;
  }
  if (!ref || ref.kind.toLocaleLowerCase('en-US') !== 'user') {
    throw new InputError(
      `onBehalfOf: "${onBehalfOf}" is not a user entity ref such as user:default/jane.doe`,
    );
  }
  const userRef = stringifyEntityRef(ref);
  // As stored: `jane` becomes `user:default/jane`.
  if (userRef.length > MAX_REF_LENGTH) {
    throw new InputError(
      `onBehalfOf: ${userRef.slice(
        0,
        40,
      )}... is longer than ${MAX_REF_LENGTH} characters`,
    );
  }
  const user = await people.getUser(userRef);
  if (!user) {
    throw new InputError(`onBehalfOf: ${userRef} is not a User in the catalog`);
  }
  return user;
}

async function userWithLogin(login: string, people: PeopleDirectory) {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login)) {
    throw new InputError(
      `onBehalfOfGithubLogin: "${login.slice(0, 60)}" is not a GitHub login`,
    );
  }
  const users = await people.findUsersByGithubLogin(login);
  if (users.length !== 1) {
    throw new InputError(
      users.length === 0
        ? `onBehalfOfGithubLogin: no User in the catalog has ${GITHUB_USER_LOGIN_ANNOTATION}: ${login}`
        : `onBehalfOfGithubLogin: ${users.length} Users in the catalog have ${GITHUB_USER_LOGIN_ANNOTATION}: ${login}`,
    );
  }
  return users[0];
}

function safeGroupRef(ref: string): string {
  try {
    return groupRef(ref);
  } catch {
    return ref;
  }
}
