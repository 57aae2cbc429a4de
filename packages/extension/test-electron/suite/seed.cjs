// The seeded problem shared with e2e/run-e2e.mjs (a grant mixing `and` and `or`: validation error mixed-and-or).
module.exports = {
    SEEDED_FILE: 'seeded-problem.latch',
    SEEDED_TEXT: `// Seeded by the e2e test: a grant mixing 'and' and 'or'.
policy SEEDED1 "Seeded: mixed grant" {
  state off
  users include Finance
  apps include all
  grant mfa or compliantDevice and approvedApp
}
`,
    SEEDED_MESSAGE: "Mixed 'and' and 'or' in one grant: Entra allows one operator per policy",
};
