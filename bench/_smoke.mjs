import { analyzePolicySet, describeSignIn } from '@latch/engine';
import { loadContoso, loadJ0eyv } from '/work/main/bench/sets.js';
for (const load of [loadContoso, loadJ0eyv]) {
  const { set, key } = await load();
  const t0 = performance.now();
  const r = analyzePolicySet(set);
  const t1 = performance.now();
  const r2 = analyzePolicySet(set);
  const t2 = performance.now();
  console.log(key, set.policies.length, 'ms', (t1-t0).toFixed(1), (t2-t1).toFixed(1), 'unconfirmed', r.unconfirmed, 'dims', r.context.space.layout.sizes.join(','));
  const counts = {};
  for (const f of r.findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
  console.log(counts);
  for (const f of r.findings.filter(f => f.severity !== 'info')) console.log(' ', f.severity, f.code, f.policy ?? '', f.message.slice(0, 200), f.witnesses[0] ? '\n      ' + describeSignIn(set, f.witnesses[0].signIn) + ' => ' + f.witnesses[0].outcome : '');
}
