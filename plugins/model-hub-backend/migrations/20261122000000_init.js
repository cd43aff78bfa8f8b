// @ts-check

/*
 * Model Hub's store: versions of catalog models, their aliases and
 * deployments, drift reports, reviews and the append-only audit trail.
 * Models themselves live in the catalog; rows refer to them by entity ref.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_versions', table => {
    table.comment('Versions of catalog models published by data scientists');
    table.bigIncrements('id').primary();
    table
      .string('model_ref', 255)
      .notNullable()
      .comment('Entity ref of the model');
    table.string('version', 128).notNullable();
    table
      .string('content_hash', 64)
      .notNullable()
      .comment(
        'sha256 of the published content, to tell a retry from a conflicting republish',
      );
    table.text('artifact_uri').notNullable();
    table.string('format', 128).nullable();
    table.text('training_run_url').nullable();
    table
      .text('datasets')
      .notNullable()
      .comment('JSON array of dataset entity refs');
    table
      .text('metrics')
      .notNullable()
      .comment('JSON array of evaluation metrics');
    table.text('signature').nullable().comment('JSON input/output signature');
    table
      .text('reference_profile')
      .nullable()
      .comment('JSON drift reference profile');
    table
      .text('evidence')
      .notNullable()
      .comment('JSON map of attached evidence links');
    table.string('published_by', 255).notNullable();
    table.timestamp('published_at', { useTz: true }).notNullable();
    table.timestamp('deprecated_at', { useTz: true }).nullable();
    table.string('deprecated_by', 255).nullable();
    table.text('deprecation_reason').nullable();
    table.unique(['model_ref', 'version'], {
      indexName: 'model_versions_ref_version_uniq',
    });
    table.index(
      ['model_ref', 'published_at'],
      'model_versions_ref_published_idx',
    );
  });

  await knex.schema.createTable('model_aliases', table => {
    table.comment('Movable names of versions, e.g. champion and challenger');
    table.string('model_ref', 255).notNullable();
    table.string('alias', 64).notNullable();
    table.string('version', 128).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['model_ref', 'alias']);
  });

  await knex.schema.createTable('model_deployments', table => {
    table.comment('Which version of a model serves in which environment');
    table.string('model_ref', 255).notNullable();
    table.string('environment', 64).notNullable();
    table.string('version', 128).notNullable();
    table.string('deployed_by', 255).notNullable();
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.primary(['model_ref', 'environment']);
  });

  await knex.schema.createTable('model_reviews', table => {
    table.comment('Requests to approve a model version, and their outcome');
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('version', 128).notNullable();
    table.string('state', 32).notNullable();
    table
      .string('risk_level', 16)
      .notNullable()
      .comment('Risk level when the review was requested');
    table.integer('required_approvals').notNullable();
    table.integer('review_cadence_months').notNullable();
    table
      .text('required_evidence')
      .notNullable()
      .comment('JSON array of evidence kinds');
    table.text('comment').nullable();
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.timestamp('expires_at', { useTz: true }).nullable();
    table.timestamp('overdue_notified_at', { useTz: true }).nullable();
    table.index(['model_ref', 'version'], 'model_reviews_ref_version_idx');
    table.index(['state', 'expires_at'], 'model_reviews_state_expires_idx');
  });

  await knex.schema.createTable('model_review_decisions', table => {
    table.comment('Reviewer decisions on a review');
    table.bigIncrements('id').primary();
    table
      .bigInteger('review_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('model_reviews')
      .onDelete('CASCADE');
    table.string('reviewer', 255).notNullable();
    table.string('decision', 32).notNullable();
    table.text('comment').nullable();
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.index(['review_id'], 'model_review_decisions_review_idx');
  });

  await knex.schema.createTable('model_drift_reports', table => {
    table.comment('Drift of a production window against a version reference');
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('version', 128).notNullable();
    table.string('environment', 64).notNullable();
    table.timestamp('window_start', { useTz: true }).notNullable();
    table.timestamp('window_end', { useTz: true }).notNullable();
    table.string('status', 16).notNullable().comment('ok, warning or drift');
    table.double('drifted_share').notNullable();
    table.boolean('dataset_drift').notNullable();
    table
      .text('report')
      .notNullable()
      .comment('JSON drift report of every column');
    table.string('submitted_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('stale_notified_at', { useTz: true }).nullable();
    table.index(
      ['model_ref', 'environment', 'window_end'],
      'model_drift_reports_ref_env_end_idx',
    );
  });

  await knex.schema.createTable('model_audit_events', table => {
    table.comment('Append-only audit trail: who did what to which model, when');
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('actor', 255).notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.text('payload').notNullable().comment('JSON details of the change');
    table.index(
      ['model_ref', 'occurred_at'],
      'model_audit_events_ref_time_idx',
    );
  });

  await knex.schema.createTable('model_policy_overrides', table => {
    table.comment('Per-model overrides of the governance policy');
    table.string('model_ref', 255).primary();
    table
      .text('policy')
      .notNullable()
      .comment('JSON partial GovernanceLevelPolicy');
    table.text('reason').notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'model_policy_overrides',
    'model_audit_events',
    'model_drift_reports',
    'model_review_decisions',
    'model_reviews',
    'model_deployments',
    'model_aliases',
    'model_versions',
  ]) {
    await knex.schema.dropTable(table);
  }
};
