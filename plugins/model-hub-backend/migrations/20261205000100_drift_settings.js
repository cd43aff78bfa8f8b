// @ts-check

/*
 * The drift terms a version publishes (`driftSettings`: a method and a
 * threshold per column): drift windows are judged by them, and a submission
 * may only make them stricter.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table
      .text('drift_settings')
      .nullable()
      .comment(
        'JSON: the drift method and threshold per column the version is judged by',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table.dropColumn('drift_settings');
  });
};
