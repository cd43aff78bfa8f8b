import fs from 'node:fs';
import path from 'node:path';
import { ConfigSources } from '@backstage/config-loader';
import { Config } from '@backstage/config';
import allowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import modelHubPolicy from '@model-hub/backstage-plugin-permission-backend-module-model-hub';
import { permissionPolicy } from './permissionPolicy';

/*
 * What the production image runs: the configuration the Dockerfile's CMD
 * loads (read from the Dockerfile itself, so the two cannot drift apart),
 * with the NODE_ENV the Dockerfile sets. A token written into a committed
 * file is known to everyone who can read the repository; in production every
 * static token must come from the environment, and the permission policy must
 * not be allow-all.
 */

const root = path.resolve(__dirname, '../../..');
const dockerfile = fs.readFileSync(
  path.join(root, 'packages/backend/Dockerfile'),
  'utf8',
);

/** The `--config` files of the Dockerfile's CMD, in order. */
function dockerConfigFiles(): string[] {
  const cmd = dockerfile.match(/^CMD (\[.*\])$/m);
  if (!cmd) throw new Error('No CMD in packages/backend/Dockerfile');
  const args: string[] = JSON.parse(cmd[1]);
  return args.flatMap((arg, i) => (args[i - 1] === '--config' ? [arg] : []));
}

/** Environment variables read as `env:<NAME>`, so the test sees where a value comes from. */
async function loadDockerConfig(): Promise<Config> {
  const source = ConfigSources.defaultForTargets({
    rootDir: root,
    targets: dockerConfigFiles().map(file => ({
      type: 'path' as const,
      target: path.join(root, file),
    })),
    substitutionFunc: async name => `env:${name}`,
  });
  return ConfigSources.toConfig(source);
}

function externalAccess(config: Config) {
  return (
    config.getOptionalConfigArray('backend.auth.externalAccess') ?? []
  ).map(entry => ({
    type: entry.getString('type'),
    token: entry.getOptionalString('options.token'),
    subject: entry.getOptionalString('options.subject'),
    restrictions: entry
      .getOptionalConfigArray('accessRestrictions')
      ?.map(restriction => ({
        plugin: restriction.getString('plugin'),
        permission: [restriction.getOptional('permission') ?? []].flat(),
      })),
  }));
}

describe('the production configuration (as the Dockerfile starts it)', () => {
  it('is the Dockerfile of a production backend loading the production overrides', () => {
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
    expect(dockerConfigFiles()).toEqual([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
  });

  it('honours no token written in a committed file: every static token comes from the environment', async () => {
    const config = await loadDockerConfig();
    const statics = externalAccess(config).filter(e => e.type === 'static');

    expect(statics.length).toBeGreaterThan(0);
    for (const entry of statics) {
      expect(entry.token).toMatch(/^env:MODEL_HUB_[A-Z_]+$/);
    }
    // Legacy shared secrets (backend.auth.keys) are external tokens too.
    for (const key of config.getOptionalConfigArray('backend.auth.keys') ??
      []) {
      expect(key.getString('secret')).toMatch(/^env:[A-Z_]+$/);
    }
    expect(JSON.stringify(config.get('backend'))).not.toContain(
      'model-hub-local-ci-token',
    );
  });

  it('restricts the CI token to publishing and the drift token to drift reports', async () => {
    const entries = externalAccess(await loadDockerConfig());

    expect(entries).toEqual([
      {
        type: 'static',
        token: 'env:MODEL_HUB_CI_TOKEN',
        subject: 'model-hub-ci',
        restrictions: [
          {
            plugin: 'model-hub',
            permission: ['model-hub.model.read', 'model-hub.version.publish'],
          },
        ],
      },
      {
        type: 'static',
        token: 'env:MODEL_HUB_DRIFT_TOKEN',
        subject: 'model-hub-drift',
        restrictions: [
          { plugin: 'model-hub', permission: ['model-hub.drift.submit'] },
        ],
      },
    ]);
  });

  it('keeps the permission framework on and the guest sign-in off', async () => {
    const config = await loadDockerConfig();

    // Without the framework every signed-in user may do everything.
    expect(config.getBoolean('permission.enabled')).toBe(true);
    // The guest provider signs anyone in without an identity provider.
    expect(
      config.getOptionalBoolean(
        'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
      ),
    ).not.toBe(true);
  });

  it('installs Model Hub’s permission policy, not allow-all, in production', () => {
    const production = permissionPolicy('production');

    expect(production).not.toBe(allowAllPolicy);
    expect(production).toBe(modelHubPolicy);
    // Development keeps allow-all for the guest of the local demo.
    expect(permissionPolicy('development')).toBe(allowAllPolicy);
  });
});
