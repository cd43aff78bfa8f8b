import { mockServices } from '@backstage/backend-test-utils';
import {
  deploymentGateFor,
  readDeploymentGates,
  serviceLifecycleFor,
} from './common';

describe('deployment gates', () => {
  it('reads modelHub.deploymentGates and refuses unknown values', () => {
    expect(
      readDeploymentGates(
        mockServices.rootConfig({
          data: {
            modelHub: { deploymentGates: { Production: 'warn', qa: 'off' } },
          },
        }),
      ),
    ).toEqual({ production: 'warn', qa: 'off' });
    expect(readDeploymentGates(mockServices.rootConfig({ data: {} }))).toEqual(
      {},
    );
    expect(() =>
      readDeploymentGates(
        mockServices.rootConfig({
          data: { modelHub: { deploymentGates: { production: 'prevent' } } },
        }),
      ),
    ).toThrow(
      'Invalid config at modelHub.deploymentGates.production: "prevent"; allowed: block, warn, off',
    );
  });

  it('defaults to block for production environments and warn elsewhere', () => {
    expect(deploymentGateFor('production')).toBe('block');
    expect(deploymentGateFor('PROD')).toBe('block');
    expect(deploymentGateFor('staging')).toBe('warn');
    expect(deploymentGateFor('live', {}, ['live'])).toBe('block');
    expect(deploymentGateFor('Staging', { staging: 'block' })).toBe('block');
    expect(deploymentGateFor('production', { production: 'off' })).toBe('off');
  });

  it("gives a service its environment's lifecycle", () => {
    expect(serviceLifecycleFor('production')).toBe('production');
    expect(serviceLifecycleFor('staging')).toBe('experimental');
    expect(serviceLifecycleFor('live', ['live'])).toBe('production');
  });
});
