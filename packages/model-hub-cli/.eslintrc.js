module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The generated Model Hub client's methods are HTTP verbs (openapi-fetch).
    'new-cap': ['error', { capIsNewExceptions: ['GET', 'POST', 'PUT'] }],
  },
});
