import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/** Keeps STRING's JSON escapes and strips the quotes of device-filter single-quoted strings. */
export class LatchValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING') {
            try {
                return JSON.parse(input) as string;
            } catch {
                return input.slice(1, -1);
            }
        }
        if (rule.name === 'SQ_STRING') {
            return input.slice(1, -1).replace(/\\(.)/g, '$1');
        }
        return super.runConverter(rule, input, cstNode);
    }
}
