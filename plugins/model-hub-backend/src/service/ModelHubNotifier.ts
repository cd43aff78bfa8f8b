import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  ModelHubNotification,
  ModelHubNotifier,
} from '@model-hub/backstage-plugin-model-hub-node';

export type { ModelHubNotifier };

/** Notifies the owners of a model through Backstage notifications. */
export class BackstageModelHubNotifier implements ModelHubNotifier {
  constructor(private readonly notifications: NotificationService) {}

  async notifyModelOwners(
    modelRef: string,
    notification: ModelHubNotification,
  ): Promise<void> {
    // An entity recipient that is not a user or group reaches its owners.
    await this.notifications.send({
      recipients: { type: 'entity', entityRef: modelRef },
      payload: {
        ...notification,
        scope: `${notification.topic}:${modelRef}`,
      },
    });
  }
}

/**
 * Sends through every notifier: Backstage notifications and those adopters
 * added through the notifiers extension point. One failing notifier neither
 * stops the others nor undoes the change it reports.
 */
export class FanOutModelHubNotifier implements ModelHubNotifier {
  constructor(
    private readonly notifiers: ModelHubNotifier[],
    private readonly logger: LoggerService,
  ) {}

  async notifyModelOwners(
    modelRef: string,
    notification: ModelHubNotification,
  ): Promise<void> {
    const results = await Promise.allSettled(
      this.notifiers.map(n => n.notifyModelOwners(modelRef, notification)),
    );
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.warn(
          `Failed to notify owners of ${modelRef}: ${
            (result.reason as Error)?.message ?? result.reason
          }`,
        );
      }
    }
  }
}
