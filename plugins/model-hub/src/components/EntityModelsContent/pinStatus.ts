import type { ModelStatus } from '../../api/ModelHubApi';

type FoundModel = Extract<ModelStatus, { found: true }>;

/** How a service's pinned version of a model stands against its approvals. */
export type PinStatus =
  | { kind: 'unpinned' }
  | { kind: 'latest'; version: string }
  | { kind: 'approved-older'; version: string; latest: string }
  | { kind: 'not-approved'; version: string; latest?: string };

export function pinStatus(
  model: Pick<FoundModel, 'latestApprovedVersion' | 'approvedVersions'>,
  pinned: string | undefined,
): PinStatus {
  if (!pinned) return { kind: 'unpinned' };
  const latest = model.latestApprovedVersion;
  if (pinned === latest) return { kind: 'latest', version: pinned };
  if (latest && (model.approvedVersions ?? []).includes(pinned)) {
    return { kind: 'approved-older', version: pinned, latest };
  }
  return { kind: 'not-approved', version: pinned, latest };
}

/** The pin in words, with what to do when it needs attention. */
export function pinLabel(status: PinStatus): {
  text: string;
  tone: 'good' | 'warn' | 'bad' | 'neutral';
} {
  switch (status.kind) {
    case 'unpinned':
      return { text: 'not pinned', tone: 'neutral' };
    case 'latest':
      return { text: `${status.version} (latest approved)`, tone: 'good' };
    case 'approved-older':
      return {
        text: `${status.version} (approved; ${status.latest} is newer)`,
        tone: 'warn',
      };
    default:
      return {
        text: status.latest
          ? `${status.version} is not approved: move to ${status.latest}`
          : `${status.version} is not approved, and no version is`,
        tone: 'bad',
      };
  }
}
