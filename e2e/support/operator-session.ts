import { sessionValue, SESSION_COOKIE } from "../../server/auth/session-cookie";
import { E2E_TOKEN } from "./e2e-env";

type StorageState = { cookies: { name: string; value: string; domain: string; path: string; expires: number; httpOnly: boolean; secure: boolean; sameSite: "Strict" }[]; origins: [] };

/** The browser state after the operator link was opened: the HttpOnly session cookie for the e2e server. */
export function operatorStorageState(): StorageState {
  return {
    cookies: [{ name: SESSION_COOKIE, value: sessionValue(E2E_TOKEN), domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Strict" }],
    origins: [],
  };
}

/** A browser that never opened the operator link: a viewer. */
export const VIEWER_STORAGE_STATE: { cookies: never[]; origins: never[] } = { cookies: [], origins: [] };
