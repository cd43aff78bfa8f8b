// @ts-check

/*
 * A revision per model, raised by every Model Hub write to the model in the
 * write's own transaction: the reads of a model page keep what they made from
 * the model's data while its revision stays the same, on every replica.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('model_revisions', table => {
    table.comment(
      'A counter per model that every Model Hub write to it raises in its transaction',
    );
    table.string('model_ref', 255).primary();
    table.bigInteger('revision').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('model_revisions');
};
