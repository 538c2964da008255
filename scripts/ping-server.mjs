// Exit 0 when an ovs-lab server answers at the URL; with "up-seed", also bring the seed lab up there.
const [url, action] = process.argv.slice(2);
try {
  const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
  if (!health.ok) process.exit(1);
  if (action === "up-seed") {
    const res = await fetch(`${url}/api/lab/up`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"template":"seed"}' });
    if (!res.ok) {
      console.error(`[ovs-lab] seed lab up failed: ${await res.text()}`);
      process.exit(1);
    }
  }
  process.exit(0);
} catch {
  process.exit(1);
}
