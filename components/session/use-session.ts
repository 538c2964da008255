"use client";
import { useEffect, useState } from "react";
import type { SessionInfo } from "@/lib/contracts/access";
import { api } from "../snapshots/snapshot-client";

/** Who this page is to the server (pages without a socket ask once); null until it answers. */
export function useSession(): SessionInfo | null {
  const [session, setSession] = useState<SessionInfo | null>(null);
  useEffect(() => {
    let live = true;
    api.session().then(
      (s) => live && setSession(s),
      () => live && setSession({ role: "viewer", credential: "none", viewingAsViewer: false }),
    );
    return () => {
      live = false;
    };
  }, []);
  return session;
}
