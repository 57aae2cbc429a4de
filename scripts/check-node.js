// Every script must run on Node >= 22 (langium generate needs Object.groupBy); the root devDependency `node@22`
// puts it first on PATH inside npm scripts. Fail early and clearly otherwise.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`latch: Node ${process.versions.node} found, Node >= 22 required (run scripts through npm so node_modules/.bin/node is used)`);
  process.exit(1);
}
