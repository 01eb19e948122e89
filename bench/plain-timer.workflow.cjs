// The deadline storm's baseline: a workflow that only waits for one timer to an instant (the sandbox's
// setTimeout is a durable timer) and ends. No imports, so it bundles from outside any package.
exports.plainTimer = async function plainTimer(untilMs) {
  await new Promise((resolve) => setTimeout(resolve, untilMs - Date.now()));
};
