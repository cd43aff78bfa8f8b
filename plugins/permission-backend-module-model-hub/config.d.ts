export interface Config {
  modelHub?: {
    governance?: {
      /**
       * Governance admins: user or group entity refs (such as
       * `group:default/model-risk-management`) whose members may override a
       * model's governance policy (`model-hub.policy.override`).
       */
      admins?: string[];
    };
    /**
     * Roles of Model Hub's permission policy
     * (`@model-hub/backstage-plugin-permission-backend-module-model-hub`)
     * beyond those Model Hub's governance config already names.
     */
    permissionPolicy?: {
      /**
       * User or group entity refs who may decide reviews
       * (`model-hub.review.decide`) in addition to the members of the
       * `reviewerGroups` of every governance level. Model Hub's
       * separation-of-duties rules still apply to each decision.
       */
      reviewers?: string[];
      /**
       * User or group entity refs who run the portal: delete catalog
       * entities, unregister locations, manage ingestion, edit and dry-run
       * templates, see and cancel every scaffolder task, and any other
       * plugin's permission that is not a read. Not Model Hub's governance
       * roles. Default: nobody.
       */
      portalAdmins?: string[];
    };
  };
}
