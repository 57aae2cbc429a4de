// The seeded conflict shared with e2e/run-e2e.mjs: a grant policy always overridden by CA001 (shadowed-by-block).
module.exports = {
    SEEDED_FILE: 'seeded-problem.latch',
    SEEDED_TEXT: `// Seeded by the e2e test: a grant policy that a block policy (CA001, legacy authentication) always overrides.
policy SEEDED1 "Seeded: Finance on Exchange ActiveSync needs MFA" {
  state on
  users include Finance
  apps include all
  clients exchangeActiveSync
  grant mfa
}
`,
    SEEDED_MESSAGE: 'never takes effect: every sign-in it applies to is blocked by CA001',
};
