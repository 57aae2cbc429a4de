import * as vscode from 'vscode';

export type WhatIfMode = 'strict' | 'lenient';

/** `latch.whatIf.mode`: how missing sign-in input is treated by What If and scenario runs. */
export function whatIfMode(): WhatIfMode {
    return vscode.workspace.getConfiguration('latch').get<WhatIfMode>('whatIf.mode', 'strict') === 'lenient' ? 'lenient' : 'strict';
}
