import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';

/** Notifies the owners of a model through Backstage notifications. */
export interface ModelHubNotifier {
  notifyModelOwners(
    modelRef: string,
    message: {
      title: string;
      description: string;
      severity: NotificationSeverity;
      topic: string;
      link?: string;
    },
  ): Promise<void>;
}

export class BackstageModelHubNotifier implements ModelHubNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async notifyModelOwners(
    modelRef: string,
    message: Parameters<ModelHubNotifier['notifyModelOwners']>[1],
  ): Promise<void> {
    try {
      // An entity recipient that is not a user or group reaches its owners.
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: modelRef },
        payload: { ...message, scope: `${message.topic}:${modelRef}` },
      });
    } catch (error) {
      // A notification failure must not undo the change it reports.
      this.logger.warn(
        `Failed to notify owners of ${modelRef}: ${(error as Error).message}`,
      );
    }
  }
}
