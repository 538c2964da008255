import { expect, test } from "./support/fixtures";
import { DashboardPage } from "./support/dashboard-page";

test("the classroom link /?view=viewer shows the live lab but can change nothing", async ({ page }) => {
  const dash = new DashboardPage(page);
  await page.goto("/?view=viewer");
  await expect(dash.node("c1")).toBeVisible();
  await expect(page.getByTestId("read-only-badge")).toHaveText("read-only view");
  await expect(dash.txBadge("c1:eth0")).toBeDisabled();
  await expect(page.getByRole("button", { name: /run tests/i })).toBeDisabled();
  // The server refuses it too, whatever the page would send.
  const refused = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/socket.io/?EIO=4&transport=websocket&view=viewer`);
        ws.onmessage = (m) => {
          const text = String(m.data);
          if (text.startsWith("0")) ws.send("40");
          else if (text.startsWith("40")) ws.send('421["offload:set",{"interfaceId":"c1:eth0","changes":{"tx":false}}]');
          else if (text.startsWith("431")) resolve(text);
        };
      }),
  );
  expect(refused).toContain("this view is read-only");
});
