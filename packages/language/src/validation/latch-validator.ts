import type { ValidationChecks } from 'langium';
import type { LatchAstType } from '../generated/ast.js';
import type { LatchServices } from '../latch-module.js';
import { DeviceFilterChecks } from './device-filter-checks.js';
import { LiteralChecks } from './literal-checks.js';
import { NameChecks } from './name-checks.js';
import { PolicyChecks } from './policy-checks.js';
import { ScenarioChecks } from './scenario-checks.js';
import { registerAnalysisChecks } from '../analysis/finding-diagnostics.js';

/** Holds one instance of each check family; registration binds their methods. */
export class LatchValidator {
    readonly literals = new LiteralChecks();
    readonly policies = new PolicyChecks();
    readonly devices = new DeviceFilterChecks();
    readonly scenarios = new ScenarioChecks();
    readonly names: NameChecks;

    constructor(services: LatchServices) {
        this.names = new NameChecks(services);
    }
}

export function registerValidationChecks(services: LatchServices): void {
    const registry = services.validation.ValidationRegistry;
    const v = services.validation.LatchValidator;
    const { literals, policies, devices, scenarios, names } = v;
    const checks: ValidationChecks<LatchAstType> = {
        Document: names.checkDocument.bind(names),
        Location: literals.checkLocation.bind(literals),
        IpInput: literals.checkIpInput.bind(literals),
        CountryInput: literals.checkCountryInput.bind(literals),
        DuringClause: literals.checkDuring.bind(literals),
        AtInput: literals.checkAt.bind(literals),
        SignInFrequencySetting: [literals.checkDuration.bind(literals), literals.checkSignInFrequency.bind(literals)],
        AfterStep: literals.checkDuration.bind(literals),
        ExpectRevokedAt: literals.checkDuration.bind(literals),
        Policy: [policies.checkPolicy.bind(policies), policies.checkRegisterDeviceConditions.bind(policies)],
        DevicesClause: devices.checkDevicesClause.bind(devices),
        DeviceInput: devices.checkDeviceInput.bind(devices),
        ExpectNotApplies: scenarios.checkNotApplies.bind(scenarios),
        Scenario: scenarios.checkScenario.bind(scenarios),
        Strength: scenarios.checkStrength.bind(scenarios),
        UserInput: scenarios.checkUserInput.bind(scenarios),
        AuthContext: scenarios.checkAuthContext.bind(scenarios),
    };
    registry.register(checks);
    registerAnalysisChecks(services); // workspace analysis findings (docs/analysis.md)
}
