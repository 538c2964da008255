import { FAULT_KINDS } from "../../lib/scenarios/fault-kinds";
import { readLink, setLinkUp } from "../netns/link-edits";
import type { FaultModule } from "./fault-module";
import { endpointOf, hostEndOf, ownNamespaceOf, type EndpointTarget } from "./lab-target";
import type { LinkEnd } from "../../lib/scenarios/fault-kinds";

const side = (e: EndpointTarget, end: LinkEnd) => (end === "inner" ? { ifname: e.ifname, netns: ownNamespaceOf(e), id: `${e.name}:${e.ifname}` } : { ifname: hostEndOf(e), netns: null, id: `host:${hostEndOf(e)}` });

/** One end of an endpoint's link administratively down (`ip link set dev IF down`). */
export const linkDownFault: FaultModule<"link-down"> = {
  kind: "link-down",
  fixOperation: FAULT_KINDS["link-down"].fixOperation,
  plant: async (_ctx, lab, fault) => {
    const s = side(endpointOf(lab, fault.endpoint), fault.end);
    await setLinkUp(s.ifname, s.netns, false);
  },
  detect: async (_ctx, lab, fault) => {
    const s = side(endpointOf(lab, fault.endpoint), fault.end);
    const link = await readLink(s.ifname, s.netns);
    return { present: !link?.up, evidence: `${s.id} is ${link ? (link.up ? "up" : "administratively down") : "missing"}` };
  },
};
