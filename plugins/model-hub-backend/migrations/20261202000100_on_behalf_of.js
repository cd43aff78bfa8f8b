// @ts-check

/*
 * The person a CI pipeline acted for when it published a version or asked
 * for a review (`onBehalfOf`): recorded so that the separation-of-duties
 * rules keep that person from deciding the review.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('model_versions', table => {
    table
      .string('published_on_behalf_of', 255)
      .nullable()
      .comment('User a CI publish named as the person it acted for');
  });
  await knex.schema.alterTable('model_reviews', table => {
    table
      .string('requested_on_behalf_of', 255)
      .nullable()
      .comment('User a CI review request named as the person it acted for');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('model_reviews', table => {
    table.dropColumn('requested_on_behalf_of');
  });
  await knex.schema.alterTable('model_versions', table => {
    table.dropColumn('published_on_behalf_of');
  });
};
