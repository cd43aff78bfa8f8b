import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { modelRefOf, present } from './common';
import { parseSignature, WiringSpec } from './wire/signature';
import { pythonFiles } from './wire/python';
import { typescriptFiles } from './wire/typescript';

/** The Backstage backend Model Hub runs in, as the generated code addresses it. */
async function defaultModelHubUrl(discovery: DiscoveryService) {
  const url = await discovery.getExternalBaseUrl('model-hub');
  return url.replace(/\/api\/model-hub\/?$/, '');
}

/**
 * `model-hub:model:wire`: writes the typed client and configuration of a
 * resolved model version into the workspace, for TypeScript or Python: types
 * and validation from the version's signature, the version pin, a timeout,
 * the fallback path and the drift hook that reports to Model Hub.
 *
 * @public
 */
export function createWireModelAction(options: {
  discovery: DiscoveryService;
}) {
  return createTemplateAction({
    id: 'model-hub:model:wire',
    description:
      'Writes a typed client and configuration for a resolved model version into the workspace ' +
      '(TypeScript or Python): types from its signature, the version pin, a timeout, the fallback ' +
      'model and a drift hook that reports the inputs to Model Hub.',
    supportsDryRun: true,
    examples: [
      {
        description:
          'Wire the model resolved by model-hub:model:resolve into a TypeScript service',
        example: [
          'steps:',
          '  - id: wire',
          '    action: model-hub:model:wire',
          '    input:',
          '      modelRef: ${{ steps.model.output.modelRef }}',
          '      version: ${{ steps.model.output.version }}',
          '      endpoint: ${{ steps.model.output.endpoint }}',
          '      signature: ${{ steps.model.output.signature }}',
          '      fallbackModel: ${{ steps.model.output.fallbackModel }}',
          '      fallbackEndpoint: ${{ steps.model.output.fallbackEndpoint }}',
          '      environment: ${{ parameters.environment }}',
          '      language: typescript',
          '      timeoutMs: 2000',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        modelRef: z =>
          z.string({ description: 'Entity ref of the model' }).min(1),
        version: z => z.string({ description: 'The version to pin' }).min(1),
        endpoint: z =>
          z
            .string({
              description:
                'Serving endpoint of the model (empty: the service needs MODEL_ENDPOINT)',
            })
            .optional(),
        signature: z =>
          z
            .union([z.record(z.unknown()), z.literal('')], {
              description:
                'Signature of the version: { inputs: [{ name, type }], outputs: [...] }',
            })
            .optional(),
        fallbackModel: z =>
          z
            .string({ description: 'Entity ref of the fallback model' })
            .optional(),
        fallbackEndpoint: z =>
          z
            .string({ description: 'Serving endpoint of the fallback' })
            .optional(),
        language: z =>
          z.enum(['typescript', 'python'], {
            description: 'Language of the generated code',
          }),
        targetPath: z =>
          z
            .string({ description: 'Directory in the workspace to write to' })
            .default('.'),
        timeoutMs: z =>
          z
            .number({ description: 'Timeout of one model call, in ms' })
            .int()
            .positive()
            .max(600_000)
            .default(2000),
        environment: z =>
          z
            .string({
              description: 'Environment the drift reports are filed under',
            })
            .default('production'),
        modelHubUrl: z =>
          z
            .string({
              description:
                'Backstage backend with Model Hub (default: this installation)',
            })
            .optional(),
      },
      output: {
        files: z =>
          z.array(z.string(), {
            description: 'The files written, relative to the workspace',
          }),
      },
    },
    async handler(ctx) {
      // Schema defaults are documentation: the scaffolder does not apply them.
      const input = {
        ...ctx.input,
        targetPath: ctx.input.targetPath ?? '.',
        timeoutMs: ctx.input.timeoutMs ?? 2000,
        environment: ctx.input.environment ?? 'production',
      };
      const spec: WiringSpec = {
        modelRef: modelRefOf(input.modelRef, 'modelRef'),
        version: input.version,
        environment: input.environment,
        endpoint: present(input.endpoint),
        fallbackModel: present(input.fallbackModel)
          ? modelRefOf(input.fallbackModel!, 'fallbackModel')
          : undefined,
        fallbackEndpoint: present(input.fallbackEndpoint),
        timeoutMs: input.timeoutMs,
        modelHubUrl:
          present(input.modelHubUrl)?.replace(/\/+$/, '') ??
          (await defaultModelHubUrl(options.discovery)),
        signature: parseSignature(input.signature || undefined),
      };
      if (spec.signature.inputs.length === 0) {
        ctx.logger.warn(
          `${spec.modelRef} ${spec.version} was published without a signature: the client takes and returns untyped records`,
        );
      }
      if (!spec.endpoint) {
        ctx.logger.warn(
          `${spec.modelRef} has no serving endpoint (spec.serving.endpoint): the service needs MODEL_ENDPOINT`,
        );
      }
      const generated =
        input.language === 'typescript'
          ? typescriptFiles(spec, spec.signature)
          : pythonFiles(spec, spec.signature);

      const files: string[] = [];
      for (const [relative, content] of Object.entries(generated)) {
        const file = path.posix.join(input.targetPath, relative);
        const target = resolveSafeChildPath(ctx.workspacePath, file);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content, 'utf8');
        files.push(path.posix.normalize(file));
      }
      ctx.logger.info(
        `Wired ${spec.modelRef} ${spec.version} (${
          input.language
        }): ${files.join(', ')}`,
      );
      ctx.output('files', files);
    },
  });
}
