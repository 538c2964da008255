import { runCommand } from "../run-command/run-command";

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

const ruleArgs = (bridge: string, labId: string) => ["FORWARD", "-i", bridge, "-o", bridge, "-m", "comment", "--comment", `ovs-lab:${labId}`, "-j", "ACCEPT"];

/**
 * An ACCEPT rule for frames bridged within one lab's Linux bridge only, ahead of
 * Docker's chains and the DROP policy. Returns its remover; the caller must call it.
 */
export async function addBridgeAcceptRule(bridge: string, labId: string): Promise<{ rule: string; remove: () => Promise<void> }> {
  if (!IFNAME.test(bridge)) throw new Error(`not an interface name: ${bridge}`);
  const args = ruleArgs(bridge, labId);
  await runCommand("iptables", ["-I", ...args.slice(0, 1), "1", ...args.slice(1)]);
  return {
    rule: `iptables -I ${args.join(" ")}`,
    remove: async () => {
      // -C then -D, so a rule someone already removed is not an error.
      const present = await runCommand("iptables", ["-C", ...args], { okExitCodes: [1] });
      if (present.exitCode === 0) await runCommand("iptables", ["-D", ...args]);
    },
  };
}
