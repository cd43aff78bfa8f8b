// @ts-check

/*
 * Golden-path verdicts: the latest verdict of each check on each entity, the
 * changes of verdicts over time, and a summary of each evaluation run (the
 * trend the scorecard overview shows).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('golden_path_verdicts', table => {
    table.comment('Latest verdict of each golden-path check on each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 128).notNullable();
    table.string('entity_kind', 64).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table
      .string('result', 16)
      .notNullable()
      .comment('pass, fail, not-applicable');
    table.string('severity', 16).notNullable();
    table.text('reason').notNullable();
    table.text('remedy').nullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['owner_ref'], 'golden_path_verdicts_owner_idx');
  });
  await knex.schema.createTable('golden_path_verdict_changes', table => {
    table.comment('Each time a verdict changed: the history of an entity');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 128).notNullable();
    table.string('result', 16).notNullable();
    table.text('reason').notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'changed_at'], 'golden_path_changes_entity_idx');
  });
  await knex.schema.createTable('golden_path_runs', table => {
    table.comment('One row per evaluation of all entities: the trend');
    table.bigIncrements('id').primary();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.integer('entities').notNullable();
    table.integer('passed').notNullable();
    table.integer('failed').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('golden_path_runs');
  await knex.schema.dropTable('golden_path_verdict_changes');
  await knex.schema.dropTable('golden_path_verdicts');
};
