// Polls until `fn` returns a truthy value (shared by the desktop suite and e2e/run-e2e.mjs).
async function until(what, fn, ms = 30_000) {
    const end = Date.now() + ms;
    for (;;) {
        const value = await fn();
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
    }
}

module.exports = { until };
