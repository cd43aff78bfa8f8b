// @ts-check

/*
 * The model index: one row per Model entity of the catalog with the fields
 * the model list filters, sorts and shows, its risk level, and its Model Hub
 * status. The list at 10,000 models is then SQL over one table instead of a
 * catalog scan and a status computation per request. Entity fields are
 * refreshed from the catalog on a schedule; statuses after every write.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_index', table => {
    table.comment('Model entities as the model list needs them');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.text('description').nullable();
    table.text('tags').notNullable().comment('JSON array of the entity tags');
    table.string('type', 255).nullable();
    table.string('owner', 255).nullable().comment('Owner as an entity ref');
    table.string('system', 255).nullable();
    table.string('lifecycle', 255).nullable();
    table.string('license', 255).nullable();
    table.text('endpoint').nullable();
    table.string('fallback_model', 255).nullable();
    table.string('regulatory_category', 255).nullable();
    table.string('risk_level', 32).nullable();
    table
      .integer('risk_rank')
      .notNullable()
      .comment('Position in Low..Severe; -1 when the risk cannot be assessed');
    table
      .string('sort_title', 255)
      .notNullable()
      .comment('Lower-cased title, or name when untitled');
    table
      .text('search_text')
      .notNullable()
      .comment('Lower-cased name, title, tags and type, for the search box');
    table.string('governance_status', 32).notNullable();
    table.integer('governance_rank').notNullable();
    table.string('latest_approved_version', 255).nullable();
    table.string('drift_status', 32).notNullable();
    table.integer('drift_rank').notNullable();
    // "|production|staging|": where the latest window was reported, and
    // where it drifted; enough for the readyFor filter in portable SQL.
    table.text('reported_environments').notNullable();
    table.text('drifting_environments').notNullable();
    table
      .text('summary_rows')
      .notNullable()
      .comment(
        'JSON: the versions, latest reviews, latest drift windows and deployments the status is computed from',
      );
    // A full refresh rewrites only rows whose content changed: a table of
    // 10,000 rows rewritten every minute bloats, and every list query scans it.
    table
      .string('entity_hash', 64)
      .notNullable()
      .comment('SHA-256 of the entity columns');
    table
      .string('status_hash', 64)
      .notNullable()
      .comment('SHA-256 of the status columns');
    table.timestamp('status_refreshed_at', { useTz: true }).notNullable();
    table.index(['sort_title', 'entity_ref'], 'model_index_sort_title_idx');
    table.index(['risk_level'], 'model_index_risk_level_idx');
    table.index(['governance_status'], 'model_index_governance_status_idx');
    table.index(['owner'], 'model_index_owner_idx');
  });
  await knex.schema.createTable('model_index_refreshes', table => {
    table.comment(
      'When the model index was last filled from the whole catalog: a new install fills it before its first list',
    );
    table.string('id', 32).primary().notNullable();
    table.timestamp('completed_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('model_index_refreshes');
  await knex.schema.dropTable('model_index');
};
