// @ts-check

/*
 * Evidence is recorded per review (issue #21, "decided records are
 * immutable"): the links a review request attached live on the review, not
 * on the version, so a later request cannot rewrite what an earlier
 * decision was given; and when a review is decided, the checklist it was
 * decided on is frozen beside it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('model_reviews', table => {
    table
      .text('attached_evidence')
      .nullable()
      .comment('JSON: evidence links attached by this review request');
    table
      .text('evidence_at_decision')
      .nullable()
      .comment('JSON: the evidence checklist when the review was decided');
    table
      .timestamp('outdated_notified_at', { useTz: true })
      .nullable()
      .comment(
        'When the owners were told the approval no longer counts (stricter terms)',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('model_reviews', table => {
    table.dropColumn('outdated_notified_at');
    table.dropColumn('evidence_at_decision');
    table.dropColumn('attached_evidence');
  });
};
