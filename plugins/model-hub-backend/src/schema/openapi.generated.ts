// Generated from openapi.yaml by `yarn generate:openapi`; do not edit.
/* eslint-disable */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'model-hub',
    version: '1',
    description:
      'Model Hub backend: versions of catalog models, their aliases and deployments, drift reports, reviews and the audit trail. Every endpoint requires Backstage authentication (a user token, or a service / external access token for CI).',
    license: {
      name: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: 'Namespace of the Model entity, usually `default`.',
        schema: {
          type: 'string',
          pattern: '^[a-z0-9A-Z_.-]{1,63}$',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: 'Name of the Model entity.',
        schema: {
          type: 'string',
          pattern: '^[a-z0-9A-Z_.-]{1,63}$',
        },
      },
      version: {
        name: 'version',
        in: 'path',
        required: true,
        schema: {
          $ref: '#/components/schemas/VersionString',
        },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 200,
          default: 20,
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        schema: {
          type: 'integer',
          minimum: 0,
          default: 0,
        },
      },
    },
    schemas: {
      VersionString: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$',
        description: 'A version such as `3.2.0` or `2026-11-01.1`.',
      },
      Label: {
        type: 'string',
        pattern: '^[a-z][a-z0-9-]{0,63}$',
      },
      Timestamp: {
        type: 'string',
        format: 'date-time',
      },
      EvidenceKind: {
        type: 'string',
        description:
          'Evidence a version can be asked for (EVIDENCE_KINDS in model-hub-common).',
        enum: [
          'modelCard',
          'owner',
          'evaluationReport',
          'driftMonitoring',
          'independentValidation',
          'fairnessEvaluation',
          'fallbackModel',
          'humanOversightPlan',
          'technicalDocumentation',
        ],
      },
      EvidenceLinks: {
        type: 'object',
        description: 'Links to evidence, keyed by evidence kind.',
        propertyNames: {
          $ref: '#/components/schemas/EvidenceKind',
        },
        additionalProperties: {
          type: 'string',
          minLength: 1,
          maxLength: 2048,
        },
      },
      Metric: {
        type: 'object',
        required: ['name', 'value'],
        additionalProperties: false,
        properties: {
          name: {
            type: 'string',
            minLength: 1,
            maxLength: 128,
          },
          value: {
            type: 'number',
          },
          slice: {
            type: 'string',
            maxLength: 256,
          },
          dataset: {
            type: 'string',
            maxLength: 255,
          },
        },
      },
      PublishVersionRequest: {
        type: 'object',
        required: ['version', 'artifactUri'],
        additionalProperties: false,
        properties: {
          version: {
            $ref: '#/components/schemas/VersionString',
          },
          artifactUri: {
            type: 'string',
            minLength: 1,
            maxLength: 2048,
          },
          format: {
            type: 'string',
            maxLength: 128,
          },
          trainingRunUrl: {
            type: 'string',
            maxLength: 2048,
          },
          datasets: {
            type: 'array',
            maxItems: 100,
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          metrics: {
            type: 'array',
            maxItems: 500,
            items: {
              $ref: '#/components/schemas/Metric',
            },
          },
          signature: {
            type: 'object',
            description: 'Input and output columns with their types.',
            properties: {
              inputs: {
                type: 'array',
                items: {
                  type: 'object',
                },
              },
              outputs: {
                type: 'array',
                items: {
                  type: 'object',
                },
              },
            },
          },
          referenceProfile: {
            type: 'object',
            description:
              'Drift reference of the version: `rows` (a sample of reference records) and/or `profile` (a drift engine data set profile, `buildDatasetProfile`).',
            properties: {
              rows: {
                type: 'array',
                items: {
                  type: 'object',
                },
              },
              profile: {
                type: 'object',
                required: ['version', 'columns'],
                properties: {
                  version: {
                    type: 'integer',
                  },
                  columns: {
                    type: 'object',
                  },
                },
              },
            },
          },
          evidence: {
            $ref: '#/components/schemas/EvidenceLinks',
          },
        },
      },
      ModelVersion: {
        type: 'object',
        required: [
          'modelRef',
          'version',
          'artifactUri',
          'datasets',
          'metrics',
          'evidence',
          'hasReferenceProfile',
          'publishedBy',
          'publishedAt',
        ],
        properties: {
          modelRef: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          artifactUri: {
            type: 'string',
          },
          format: {
            type: 'string',
          },
          trainingRunUrl: {
            type: 'string',
          },
          datasets: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          metrics: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Metric',
            },
          },
          signature: {
            type: 'object',
          },
          referenceProfile: {
            type: 'object',
          },
          hasReferenceProfile: {
            type: 'boolean',
            description:
              'Whether a drift reference was published with the version.',
          },
          evidence: {
            type: 'object',
          },
          publishedBy: {
            type: 'string',
          },
          publishedAt: {
            type: 'string',
          },
          deprecation: {
            type: 'object',
            properties: {
              at: {
                type: 'string',
              },
              by: {
                type: 'string',
              },
              reason: {
                type: 'string',
              },
            },
          },
        },
      },
      VersionPage: {
        type: 'object',
        required: ['items', 'totalItems'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelVersion',
            },
          },
          totalItems: {
            type: 'integer',
          },
        },
      },
      Review: {
        type: 'object',
        required: [
          'id',
          'modelRef',
          'version',
          'state',
          'riskLevel',
          'requiredApprovals',
          'requiredEvidence',
          'requestedBy',
          'requestedAt',
          'decisions',
        ],
        properties: {
          id: {
            type: 'string',
          },
          modelRef: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          state: {
            type: 'string',
          },
          riskLevel: {
            type: 'string',
          },
          requiredApprovals: {
            type: 'integer',
          },
          reviewCadenceMonths: {
            type: 'integer',
          },
          requiredEvidence: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          comment: {
            type: 'string',
          },
          requestedBy: {
            type: 'string',
          },
          requestedAt: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
          },
          expiresAt: {
            type: 'string',
          },
          decisions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                reviewer: {
                  type: 'string',
                },
                decision: {
                  type: 'string',
                },
                comment: {
                  type: 'string',
                },
                decidedAt: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      DriftSubmission: {
        type: 'object',
        required: ['environment'],
        additionalProperties: false,
        properties: {
          environment: {
            $ref: '#/components/schemas/Label',
          },
          windowStart: {
            $ref: '#/components/schemas/Timestamp',
          },
          windowEnd: {
            $ref: '#/components/schemas/Timestamp',
          },
          rows: {
            type: 'array',
            description: 'Raw production records of the window.',
            minItems: 1,
            maxItems: 100000,
            items: {
              type: 'object',
            },
          },
          profile: {
            type: 'object',
            description:
              'The window as a drift engine data set profile (`buildDatasetProfile`), for services that send summaries instead of rows.',
            required: ['version', 'columns'],
            properties: {
              version: {
                type: 'integer',
              },
              columns: {
                type: 'object',
              },
            },
          },
          columns: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          methods: {
            type: 'object',
            description: 'Drift method per column, overriding the defaults.',
            additionalProperties: {
              type: 'string',
            },
          },
          thresholds: {
            type: 'object',
            description: 'Threshold per column, overriding the defaults.',
            additionalProperties: {
              type: 'number',
            },
          },
        },
      },
      DriftReport: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          modelRef: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          windowStart: {
            type: 'string',
          },
          windowEnd: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['ok', 'warning', 'drift'],
          },
          driftedShare: {
            type: 'number',
          },
          datasetDrift: {
            type: 'boolean',
          },
          report: {
            type: 'object',
          },
          submittedBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
          },
        },
      },
    },
  },
  paths: {
    '/models/{namespace}/{name}': {
      get: {
        operationId: 'GetModelOverview',
        description: 'Aliases and deployments of a model.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The overview.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    modelRef: {
                      type: 'string',
                    },
                    aliases: {
                      type: 'array',
                      items: {
                        type: 'object',
                      },
                    },
                    deployments: {
                      type: 'array',
                      items: {
                        type: 'object',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/versions': {
      get: {
        operationId: 'ListVersions',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'Versions, newest first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/VersionPage',
                },
              },
            },
          },
        },
      },
      post: {
        operationId: 'PublishVersion',
        description:
          'Publishes a version. The same content again is accepted (200); different content under an existing version is refused (409).',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PublishVersionRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Already published with identical content.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelVersion',
                },
              },
            },
          },
          '201': {
            description: 'Published.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelVersion',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/versions/{version}': {
      get: {
        operationId: 'GetVersion',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/version',
          },
        ],
        responses: {
          '200': {
            description: 'The version.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelVersion',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/versions/{version}/deprecation': {
      post: {
        operationId: 'DeprecateVersion',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/version',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['reason'],
                additionalProperties: false,
                properties: {
                  reason: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 2000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The deprecated version.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ModelVersion',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/aliases/{alias}': {
      put: {
        operationId: 'SetAlias',
        description:
          'Points an alias such as `champion` or `challenger` at a version.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'alias',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/Label',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['version'],
                additionalProperties: false,
                properties: {
                  version: {
                    $ref: '#/components/schemas/VersionString',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The alias.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/deployments/{environment}': {
      put: {
        operationId: 'SetDeployment',
        description: 'Records which version serves in an environment.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'environment',
            in: 'path',
            required: true,
            schema: {
              $ref: '#/components/schemas/Label',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['version'],
                additionalProperties: false,
                properties: {
                  version: {
                    $ref: '#/components/schemas/VersionString',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The deployment.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/versions/{version}/reviews': {
      post: {
        operationId: 'RequestReview',
        description:
          'Requests approval of a version, attaching evidence links.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/version',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  evidence: {
                    $ref: '#/components/schemas/EvidenceLinks',
                  },
                  comment: {
                    type: 'string',
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The review.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Review',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/reviews': {
      get: {
        operationId: 'ListReviews',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'Reviews, newest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/Review',
                      },
                    },
                    totalItems: {
                      type: 'integer',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/reviews/{reviewId}/decisions': {
      post: {
        operationId: 'DecideReview',
        description:
          'Approves, rejects or requests changes. The publisher of the version cannot decide (four eyes).',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'reviewId',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              pattern: '^[0-9]{1,18}$',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['decision'],
                additionalProperties: false,
                properties: {
                  decision: {
                    type: 'string',
                    enum: ['APPROVED', 'CHANGES_REQUESTED', 'REJECTED'],
                  },
                  comment: {
                    type: 'string',
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The review after the decision.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Review',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/governance': {
      get: {
        operationId: 'GetGovernance',
        description:
          "Risk level, the policy that applies, and each version's state and evidence checklist.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The governance summary.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/policy-override': {
      put: {
        operationId: 'OverridePolicy',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['policy', 'reason'],
                additionalProperties: false,
                properties: {
                  reason: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 2000,
                  },
                  policy: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      approvals: {
                        type: 'integer',
                        minimum: 1,
                        maximum: 10,
                      },
                      reviewCadenceMonths: {
                        type: 'integer',
                        minimum: 1,
                        maximum: 120,
                      },
                      evidence: {
                        type: 'array',
                        items: {
                          $ref: '#/components/schemas/EvidenceKind',
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The override.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/versions/{version}/drift-reports': {
      post: {
        operationId: 'SubmitDrift',
        description:
          "Submits a production window (raw `rows` or a drift engine `profile`); the report is computed against the version's reference profile and stored.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/version',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DriftSubmission',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The stored report.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DriftReport',
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/drift-reports': {
      get: {
        operationId: 'ListDriftReports',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'environment',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/Label',
            },
          },
          {
            name: 'from',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/Timestamp',
            },
          },
          {
            name: 'to',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/Timestamp',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Reports, latest window first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/DriftReport',
                      },
                    },
                    totalItems: {
                      type: 'integer',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/audit-events': {
      get: {
        operationId: 'ListAuditEvents',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/limit',
          },
          {
            $ref: '#/components/parameters/offset',
          },
        ],
        responses: {
          '200': {
            description: 'Audit events, newest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                      },
                    },
                    totalItems: {
                      type: 'integer',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/models/{namespace}/{name}/operations-metrics': {
      get: {
        operationId: 'GetOperationsMetrics',
        description:
          'Deployment frequency and MTTR of the model, from the audit trail.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The metrics.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                },
              },
            },
          },
        },
      },
    },
    '/status': {
      post: {
        operationId: 'GetStatuses',
        description:
          'For each model entity ref: risk level, governance status, drift status, latest approved version and deployed versions, in one round trip.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['entityRefs'],
                additionalProperties: false,
                properties: {
                  entityRefs: {
                    type: 'array',
                    minItems: 1,
                    maxItems: 200,
                    items: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 255,
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'One status per requested ref, in order.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
