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
      identifier: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {},
    {
      JWT: [],
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A Backstage token: a user token, or a service / static external access token for CI pipelines.',
      },
    },
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
    responses: {
      BadRequest: {
        description:
          'The request is malformed (the message names the field), or the entity is not a Model.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorResponseBody',
            },
          },
        },
      },
      Unauthorized: {
        description: 'No valid Backstage token.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorResponseBody',
            },
          },
        },
      },
      Forbidden: {
        description:
          'The caller may not do this: permission denied, a service token deciding a review, or the publisher of a version reviewing it.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorResponseBody',
            },
          },
        },
      },
      NotFound: {
        description:
          'The model is not in the catalog, or the version or review does not exist.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorResponseBody',
            },
          },
        },
      },
      Conflict: {
        description:
          'The request conflicts with what is stored (the message says what).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorResponseBody',
            },
          },
        },
      },
      PayloadTooLarge: {
        description: 'The body exceeds `modelHub.maxRequestBodySize`.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorResponseBody',
            },
          },
        },
      },
    },
    schemas: {
      ErrorResponseBody: {
        type: 'object',
        description:
          "Backstage's error response body (`ErrorResponseBody` of `@backstage/errors`).",
        required: ['error', 'response'],
        properties: {
          error: {
            type: 'object',
            description: 'The serialized error.',
            required: ['name', 'message'],
            additionalProperties: true,
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
              stack: {
                type: 'string',
              },
              code: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            required: ['method', 'url'],
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
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
      RiskLevel: {
        type: 'string',
        description:
          'Risk level of the 5x5 matrix (RISK_LEVELS in model-hub-common).',
        enum: ['Low', 'Medium', 'High', 'Severe'],
      },
      GovernanceState: {
        type: 'string',
        description:
          'Sign-off state of a version (GOVERNANCE_STATES in model-hub-common).',
        enum: [
          'NOT_STARTED',
          'WAITING_FOR_APPROVAL',
          'WAITING_FOR_FEEDBACK',
          'APPROVED',
          'REJECTED',
          'ABANDONED',
          'REVIEW_OVERDUE',
        ],
      },
      ReviewDecision: {
        type: 'string',
        description:
          'What a reviewer can decide (REVIEW_DECISIONS in model-hub-common).',
        enum: ['APPROVED', 'CHANGES_REQUESTED', 'REJECTED'],
      },
      DriftStatus: {
        type: 'string',
        description:
          'Drift status of a model in an environment (DRIFT_STATUSES in model-hub-common): the verdict of the latest report, `stale` when no report arrived within the expected cadence, `unknown` when there never was one.',
        enum: ['ok', 'warning', 'drift', 'stale', 'unknown'],
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
                  additionalProperties: true,
                },
              },
              outputs: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: true,
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
                  additionalProperties: true,
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
                    additionalProperties: true,
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
            description: 'Entity ref of the model.',
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
            additionalProperties: true,
            description: 'The signature as published (`inputs`, `outputs`).',
          },
          referenceProfile: {
            type: 'object',
            additionalProperties: true,
            description:
              'The drift reference as published (`rows` and/or `profile`); left out of lists, see `hasReferenceProfile`.',
          },
          hasReferenceProfile: {
            type: 'boolean',
            description:
              'Whether a drift reference was published with the version.',
          },
          evidence: {
            $ref: '#/components/schemas/EvidenceLinks',
          },
          publishedBy: {
            type: 'string',
          },
          publishedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          deprecation: {
            type: 'object',
            required: ['at', 'by', 'reason'],
            properties: {
              at: {
                $ref: '#/components/schemas/Timestamp',
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
      ModelAlias: {
        type: 'object',
        required: ['alias', 'version', 'updatedBy', 'updatedAt'],
        properties: {
          alias: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
      },
      ModelDeployment: {
        type: 'object',
        required: ['environment', 'version', 'deployedBy', 'deployedAt'],
        properties: {
          environment: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          deployedBy: {
            type: 'string',
          },
          deployedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
      },
      ModelOverview: {
        type: 'object',
        required: ['modelRef', 'aliases', 'deployments'],
        properties: {
          modelRef: {
            type: 'string',
          },
          aliases: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelAlias',
            },
          },
          deployments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelDeployment',
            },
          },
        },
      },
      ReviewDecisionRecord: {
        type: 'object',
        required: ['reviewer', 'decision', 'decidedAt'],
        properties: {
          reviewer: {
            type: 'string',
          },
          decision: {
            $ref: '#/components/schemas/ReviewDecision',
          },
          comment: {
            type: 'string',
          },
          decidedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
      },
      ModelReview: {
        type: 'object',
        required: [
          'id',
          'modelRef',
          'version',
          'state',
          'riskLevel',
          'requiredApprovals',
          'reviewCadenceMonths',
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
            $ref: '#/components/schemas/GovernanceState',
          },
          riskLevel: {
            $ref: '#/components/schemas/RiskLevel',
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
              $ref: '#/components/schemas/EvidenceKind',
            },
          },
          comment: {
            type: 'string',
          },
          requestedBy: {
            type: 'string',
          },
          requestedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          decidedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          expiresAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          decisions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ReviewDecisionRecord',
            },
          },
        },
      },
      ModelReviewPage: {
        type: 'object',
        required: ['items', 'totalItems'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelReview',
            },
          },
          totalItems: {
            type: 'integer',
          },
        },
      },
      GovernanceLevelPolicy: {
        type: 'object',
        description: 'What approval of a version demands.',
        required: ['evidence', 'approvals', 'reviewCadenceMonths'],
        properties: {
          evidence: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EvidenceKind',
            },
          },
          approvals: {
            type: 'integer',
            description:
              'Number of distinct approvers, none of them the publisher.',
          },
          reviewCadenceMonths: {
            type: 'integer',
            description: 'Months after which an approval expires.',
          },
        },
      },
      PolicyOverride: {
        type: 'object',
        required: ['policy', 'reason', 'updatedBy', 'updatedAt'],
        properties: {
          policy: {
            type: 'object',
            description: 'The parts of the policy that are overridden.',
            properties: {
              evidence: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/EvidenceKind',
                },
              },
              approvals: {
                type: 'integer',
              },
              reviewCadenceMonths: {
                type: 'integer',
              },
            },
          },
          reason: {
            type: 'string',
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
      },
      EvidenceItem: {
        type: 'object',
        description: "One line of a version's evidence checklist.",
        required: ['kind', 'title', 'source', 'complete'],
        properties: {
          kind: {
            $ref: '#/components/schemas/EvidenceKind',
          },
          title: {
            type: 'string',
          },
          source: {
            type: 'string',
            enum: ['derived', 'attached'],
          },
          complete: {
            type: 'boolean',
          },
          reference: {
            type: 'string',
            description: 'Link to the evidence, or what it was derived from.',
          },
        },
      },
      EvidenceChecklist: {
        type: 'object',
        required: ['items', 'complete'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EvidenceItem',
            },
          },
          complete: {
            type: 'boolean',
          },
        },
      },
      VersionGovernance: {
        type: 'object',
        required: [
          'version',
          'publishedBy',
          'publishedAt',
          'deprecated',
          'state',
          'evidence',
        ],
        properties: {
          version: {
            type: 'string',
          },
          publishedBy: {
            type: 'string',
          },
          publishedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          deprecated: {
            type: 'boolean',
          },
          state: {
            $ref: '#/components/schemas/GovernanceState',
          },
          expiresAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          reviewId: {
            type: 'string',
          },
          evidence: {
            $ref: '#/components/schemas/EvidenceChecklist',
          },
        },
      },
      ModelGovernanceSummary: {
        type: 'object',
        description:
          "The policy that applies to a model and each version's sign-off state.",
        required: [
          'modelRef',
          'riskLevel',
          'regulatoryCategory',
          'policy',
          'status',
          'versions',
        ],
        properties: {
          modelRef: {
            type: 'string',
          },
          riskLevel: {
            $ref: '#/components/schemas/RiskLevel',
          },
          regulatoryCategory: {
            type: 'string',
          },
          policy: {
            $ref: '#/components/schemas/GovernanceLevelPolicy',
          },
          policyOverride: {
            $ref: '#/components/schemas/PolicyOverride',
          },
          status: {
            $ref: '#/components/schemas/GovernanceState',
            description: 'The state of the most recently published version.',
          },
          latestApprovedVersion: {
            type: 'string',
          },
          versions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/VersionGovernance',
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
              additionalProperties: true,
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
                additionalProperties: true,
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
        required: [
          'id',
          'modelRef',
          'version',
          'environment',
          'windowStart',
          'windowEnd',
          'status',
          'driftedShare',
          'datasetDrift',
          'report',
          'submittedBy',
          'createdAt',
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
          environment: {
            type: 'string',
          },
          windowStart: {
            $ref: '#/components/schemas/Timestamp',
          },
          windowEnd: {
            $ref: '#/components/schemas/Timestamp',
          },
          status: {
            type: 'string',
            enum: ['ok', 'warning', 'drift'],
          },
          driftedShare: {
            type: 'number',
            description: 'Share of the columns that drifted, 0 to 1.',
          },
          datasetDrift: {
            type: 'boolean',
          },
          report: {
            type: 'object',
            additionalProperties: true,
            description:
              "The drift engine's data set drift report (per column statistics).",
          },
          submittedBy: {
            type: 'string',
          },
          createdAt: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
      },
      DriftReportPage: {
        type: 'object',
        required: ['items', 'totalItems'],
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
      AuditAction: {
        type: 'string',
        enum: [
          'version.published',
          'version.deprecated',
          'alias.moved',
          'deployment.recorded',
          'review.requested',
          'review.decided',
          'review.overdue',
          'drift.reported',
          'drift.stale',
          'policy.overridden',
        ],
      },
      AuditEvent: {
        type: 'object',
        required: [
          'id',
          'modelRef',
          'action',
          'actor',
          'occurredAt',
          'payload',
        ],
        properties: {
          id: {
            type: 'string',
          },
          modelRef: {
            type: 'string',
          },
          action: {
            $ref: '#/components/schemas/AuditAction',
          },
          actor: {
            type: 'string',
          },
          occurredAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          payload: {
            description:
              'What the action changed; its fields depend on the action.',
          },
        },
      },
      AuditEventPage: {
        type: 'object',
        required: ['items', 'totalItems'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AuditEvent',
            },
          },
          totalItems: {
            type: 'integer',
          },
        },
      },
      DriftIncident: {
        type: 'object',
        description:
          'Drift detected in an environment, and when an approved version was deployed there again.',
        required: ['environment', 'detectedAt'],
        properties: {
          environment: {
            type: 'string',
          },
          detectedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          restoredAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          minutesToRestore: {
            type: 'number',
          },
        },
      },
      OperationsMetrics: {
        type: 'object',
        required: ['modelRef', 'deployments', 'mttr'],
        properties: {
          modelRef: {
            type: 'string',
          },
          deployments: {
            type: 'object',
            required: ['total', 'last30Days', 'perWeekLast90Days'],
            properties: {
              total: {
                type: 'integer',
              },
              last30Days: {
                type: 'integer',
              },
              perWeekLast90Days: {
                type: 'number',
              },
            },
          },
          mttr: {
            type: 'object',
            description: 'Mean time to restore after drift.',
            required: ['incidents', 'restoredCount', 'openCount'],
            properties: {
              incidents: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/DriftIncident',
                },
              },
              restoredCount: {
                type: 'integer',
              },
              openCount: {
                type: 'integer',
              },
              meanMinutes: {
                type: 'number',
              },
            },
          },
        },
      },
      ModelStatusNotFound: {
        type: 'object',
        description:
          'The ref is not a model in the catalog, or the caller may not read it.',
        required: ['entityRef', 'found'],
        properties: {
          entityRef: {
            type: 'string',
          },
          found: {
            type: 'boolean',
            const: false,
          },
        },
      },
      EnvironmentDrift: {
        type: 'object',
        required: [
          'environment',
          'version',
          'status',
          'driftedShare',
          'windowEnd',
        ],
        properties: {
          environment: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/DriftStatus',
          },
          driftedShare: {
            type: 'number',
          },
          windowEnd: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
      },
      DeploymentStatus: {
        type: 'object',
        required: [
          'environment',
          'version',
          'deployedAt',
          'governanceStatus',
          'approved',
        ],
        properties: {
          environment: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          deployedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          governanceStatus: {
            $ref: '#/components/schemas/GovernanceState',
          },
          approved: {
            type: 'boolean',
          },
        },
      },
      ModelStatusFound: {
        type: 'object',
        required: [
          'entityRef',
          'found',
          'title',
          'riskLevel',
          'regulatoryCategory',
          'governanceStatus',
          'driftStatus',
          'drift',
          'deployments',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          found: {
            type: 'boolean',
            const: true,
          },
          title: {
            type: 'string',
          },
          riskLevel: {
            $ref: '#/components/schemas/RiskLevel',
          },
          regulatoryCategory: {
            type: 'string',
          },
          governanceStatus: {
            $ref: '#/components/schemas/GovernanceState',
          },
          latestApprovedVersion: {
            type: 'string',
          },
          driftStatus: {
            $ref: '#/components/schemas/DriftStatus',
            description: "The worst drift status of the model's environments.",
          },
          drift: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EnvironmentDrift',
            },
          },
          deployments: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DeploymentStatus',
            },
          },
        },
      },
      ModelStatus: {
        description: "One model's status, or that it was not found.",
        oneOf: [
          {
            $ref: '#/components/schemas/ModelStatusNotFound',
          },
          {
            $ref: '#/components/schemas/ModelStatusFound',
          },
        ],
      },
      ModelStatusList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ModelStatus',
            },
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
                  $ref: '#/components/schemas/ModelOverview',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
                  $ref: '#/components/schemas/ModelAlias',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
                  $ref: '#/components/schemas/ModelDeployment',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
                  $ref: '#/components/schemas/ModelReview',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
                  $ref: '#/components/schemas/ModelReviewPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
                  $ref: '#/components/schemas/ModelReview',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
                  $ref: '#/components/schemas/ModelGovernanceSummary',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
                  $ref: '#/components/schemas/PolicyOverride',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            $ref: '#/components/responses/Conflict',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
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
                  $ref: '#/components/schemas/DriftReportPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
                  $ref: '#/components/schemas/AuditEventPage',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
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
                  $ref: '#/components/schemas/OperationsMetrics',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/status': {
      post: {
        operationId: 'GetStatuses',
        description:
          'For each model entity ref: risk level, governance status, drift status, latest approved version and deployed versions, in one round trip. Refs that are not models, or that the caller may not read, come back as not found.',
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
                  $ref: '#/components/schemas/ModelStatusList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
          },
        },
      },
    },
  },
} as const;
