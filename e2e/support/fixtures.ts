import { test as base } from "@playwright/test";
import { createApiClient, type ApiClient } from "../../lib/api-client/api-client";
import { E2E_BASE_URL, E2E_TOKEN } from "./e2e-env";

/** `api`: the typed client as the operator (Bearer token), for setting up and checking what a page shows. */
export const test = base.extend<{ api: ApiClient }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  api: async ({}, use) => use(operatorApi()),
});
export { expect } from "@playwright/test";

export function operatorApi(baseUrl = E2E_BASE_URL, token = E2E_TOKEN): ApiClient {
  return createApiClient({ baseUrl, token });
}
