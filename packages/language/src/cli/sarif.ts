// SARIF 2.1.0 for GitHub code scanning: one run, one rule per code, results with 1-based regions and related
// locations; witnesses go into the message and properties.

import type { CliDiagnostic } from './diagnostics.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export interface SarifInput extends CliDiagnostic {
    witnessText?: string;
    scenarioText?: string;
    related?: string[];
}

const uri = (file: string) => file.replace(/\\/g, '/');

export function toSarif(diagnostics: readonly SarifInput[], version: string): string {
    const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
    const run = {
        tool: {
            driver: {
                name: 'latch', version, informationUri: 'https://github.com/latch/latch',
                rules: codes.map((id) => ({ id, shortDescription: { text: id.replace(/-/g, ' ') }, helpUri: `https://github.com/latch/latch/blob/main/docs/analysis.md#${id}` })),
            },
        },
        results: diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: codes.indexOf(d.code),
            level: LEVEL[d.severity],
            message: { text: d.witnessText ? `${d.message}\nWitness: ${d.witnessText}` : d.message },
            locations: [{
                physicalLocation: {
                    artifactLocation: { uri: uri(d.file) },
                    region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: Math.max(d.endColumn, d.column) },
                },
            }],
            ...(d.witnessText || d.related?.length ? { properties: { witness: d.witnessText, relatedPolicies: d.related, scenario: d.scenarioText } } : {}),
        })),
    };
    return JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2);
}
