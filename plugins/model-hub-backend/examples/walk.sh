#!/usr/bin/env bash
# Walks a model through Model Hub against a running app (./scripts/start.sh):
# publish, review, approval, alias, deployment, drift, status and audit trail,
# including the refusals. Usage: plugins/model-hub-backend/examples/walk.sh
set -euo pipefail
API=${API:-http://localhost:7007/api}
MODEL=${MODEL:-default/churn-propensity}
VERSION=${VERSION:-1.0.$(date +%s)}
CI_TOKEN=${CI_TOKEN:-model-hub-local-ci-token}   # backend.auth.externalAccess in app-config.yaml

# A person: the guest user of the local app.
GUEST_TOKEN=$(curl -s "$API/auth/guest/refresh?env=development" -H 'X-Requested-With: XMLHttpRequest' |
  node -pe 'JSON.parse(require("fs").readFileSync(0)).backstageIdentity.token')

field() { node -pe "const v=JSON.parse(require('fs').readFileSync(0)); $1"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
call() { # call METHOD PATH TOKEN [JSON]: prints the HTTP status; `body` prints the response
  local method=$1 path=$2 token=$3 data=${4:-}
  curl -s -X "$method" "$API/model-hub/models/$MODEL$path" -o "$TMP/body" -w '%{http_code}\n' \
    ${token:+-H "Authorization: Bearer $token"} \
    ${data:+-H 'Content-Type: application/json' --data "$data"}
}
body() { cat "$TMP/body"; }
step() { echo; echo "## $*"; }

# Reference and production windows: 200 rows of customer activity.
rows() { node -e "
  const shift = $1;
  console.log(JSON.stringify(Array.from({ length: 200 }, (_, i) => ({
    tenure_months: (i * 37) % 60 + shift,
    monthly_spend: 20 + ((i * 7919) % 80),
    plan: ['basic', 'plus', 'family'][i % 3],
  }))));"; }
REFERENCE=$(rows 0)

PUBLISH=$(cat <<JSON
{"version":"$VERSION","artifactUri":"s3://models/churn-propensity/$VERSION/model.pkl","format":"mlflow-pyfunc",
 "datasets":["resource:default/customer-activity"],
 "metrics":[{"name":"auc","value":0.83},{"name":"auc","value":0.79,"slice":"tenure < 6 months"}],
 "referenceProfile":{"rows":$REFERENCE}}
JSON
)

step "Without a token: 401"
call GET /versions ""

step "Malformed payload: 400 naming the field"
call POST /versions "$CI_TOKEN" '{"version":"'$VERSION'","artifactUri":"s3://x","metrics":[{"name":"auc","value":"high"}]}' >/dev/null; body | field 'v.error.message'

step "Publish $VERSION from CI: 201, again: 200 (idempotent), different content: 409"
call POST /versions "$CI_TOKEN" "$PUBLISH"
call POST /versions "$CI_TOKEN" "$PUBLISH"
call POST /versions "$CI_TOKEN" "${PUBLISH/model.pkl/other.pkl}"

step "Governance: risk level, policy and evidence checklist"
call GET /governance "$CI_TOKEN" >/dev/null; body | field '({riskLevel: v.riskLevel, status: v.status, evidence: v.versions[0].evidence.items.map(i => i.kind + (i.complete ? " ✓" : " ✗"))})'

step "Request a review"
call POST "/versions/$VERSION/reviews" "$CI_TOKEN" '{"comment":"Quarterly retrain"}' >/dev/null
REVIEW=$(body | field 'v.id')
echo "review $REVIEW"

step "A CI token cannot decide: 403"
call POST "/reviews/$REVIEW/decisions" "$CI_TOKEN" '{"decision":"APPROVED"}'

step "The guest approves: APPROVED, with its expiry"
call POST "/reviews/$REVIEW/decisions" "$GUEST_TOKEN" '{"decision":"APPROVED","comment":"Metrics and drift reference checked"}' >/dev/null; body | field '({state: v.state, expiresAt: v.expiresAt})'

step "Alias champion and deployment to production"
call PUT /aliases/champion "$CI_TOKEN" '{"version":"'$VERSION'"}'
call PUT /deployments/production "$CI_TOKEN" '{"version":"'$VERSION'"}'

step "Drift of a production window whose tenure shifted"
call POST "/versions/$VERSION/drift-reports" "$CI_TOKEN" '{"environment":"production","rows":'"$(rows 30)"'}' >/dev/null
body | field '({status: v.status, driftedShare: v.driftedShare, columns: v.report.columns.map(c => c.column + " " + c.method + " " + (c.drifted ? "drifted" : "ok"))})'

step "Status for the service tab, in one call"
curl -s -X POST "$API/model-hub/status" -H "Authorization: Bearer $CI_TOKEN" -H 'Content-Type: application/json' \
  --data '{"entityRefs":["model:'$MODEL'"]}' | field 'v.items[0]'

step "Four eyes: the guest publishes $VERSION-g and cannot approve it: 403"
call POST /versions "$GUEST_TOKEN" "${PUBLISH/\"$VERSION\"/\"$VERSION-g\"}"
call POST "/versions/$VERSION-g/reviews" "$GUEST_TOKEN" '{}' >/dev/null
REVIEW2=$(body | field 'v.id')
call POST "/reviews/$REVIEW2/decisions" "$GUEST_TOKEN" '{"decision":"APPROVED"}' >/dev/null; body | field 'v.error.message'

step "Audit trail (latest 5)"
call GET "/audit-events?limit=5" "$CI_TOKEN" >/dev/null; body | field 'v.items.map(e => e.occurredAt + " " + e.actor + " " + e.action).join("\n")'
