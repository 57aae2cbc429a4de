import { isOperationCancelled, type AstNode, type ValidationAcceptor, type ValidationCheck, ValidationRegistry } from 'langium';

/**
 * Langium wraps every check in two async functions, so each check on each node costs a few promises and microtask
 * turns even though Latch's checks are synchronous; on a 195-policy file that is a measurable share of a keystroke.
 * This wrapper calls the check directly and only goes asynchronous when the check itself returns a promise. Errors
 * are reported exactly as Langium does (console + an error diagnostic on the node); cancellation still propagates.
 */
export class LatchValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        const fail = (err: unknown, node: AstNode, accept: ValidationAcceptor) => {
            if (isOperationCancelled(err)) throw err;
            console.error('An error occurred during validation:', err);
            if (err instanceof Error && err.stack) console.error(err.stack);
            accept('error', `An error occurred during validation: ${err instanceof Error ? err.message : String(err)}`, { node });
        };
        return (node, accept, token) => {
            try {
                const r = check.call(thisObj, node, accept, token);
                if (r instanceof Promise) return r.catch((err: unknown) => fail(err, node, accept));
                return undefined;
            } catch (err) {
                fail(err, node, accept);
                return undefined;
            }
        };
    }
}
