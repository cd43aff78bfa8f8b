import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { assertProductionPosture, LOCAL_CI_TOKEN } from './productionPosture';

function configWith(externalAccess: JsonObject[]) {
  return new ConfigReader({ backend: { auth: { externalAccess } } });
}

const production = { NODE_ENV: 'production' };

describe('assertProductionPosture', () => {
  it('refuses a production start that honours the local token, naming the key', () => {
    const config = configWith([
      {
        type: 'static',
        options: { token: 'a-secret-of-their-own', subject: 'ci' },
      },
      { type: 'static', options: { token: LOCAL_CI_TOKEN, subject: 'ci' } },
    ]);

    expect(() => assertProductionPosture(config, production)).toThrow(
      /Refusing to start in production: backend\.auth\.externalAccess\[1\]\.options\.token is the local development token 'model-hub-local-ci-token'.*MODEL_HUB_CI_TOKEN/,
    );
  });

  it('starts in production with tokens of its own, or with none', () => {
    expect(() =>
      assertProductionPosture(
        configWith([
          {
            type: 'static',
            options: { token: 'a-secret-of-their-own', subject: 'ci' },
            accessRestrictions: [{ plugin: 'model-hub' }],
          },
          {
            type: 'jwks',
            options: { url: 'https://idp.example.com/jwks', issuer: 'x' },
          },
        ]),
        production,
      ),
    ).not.toThrow();
    expect(() =>
      assertProductionPosture(new ConfigReader({}), production),
    ).not.toThrow();
  });

  it('leaves development and tests alone, where the local token is the point', () => {
    const config = configWith([
      { type: 'static', options: { token: LOCAL_CI_TOKEN, subject: 'ci' } },
    ]);

    expect(() =>
      assertProductionPosture(config, { NODE_ENV: 'development' }),
    ).not.toThrow();
    expect(() => assertProductionPosture(config, {})).not.toThrow();
  });
});
