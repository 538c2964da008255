import { expect, operatorApi, test } from "./support/fixtures";
import type { ClassView } from "../lib/contracts/classroom";
import { E2E_LAB_ID } from "./support/e2e-env";
import { VIEWER_STORAGE_STATE } from "./support/operator-session";
import { ClassGridPage, screenshot, startClass, StudentLabPage } from "./support/classroom-pages";

// A class of two on the seed scenario (their labs on OVSLAB_CLASS_NET), made through the API and ended after.
let klass: ClassView;
let endClass: (() => Promise<void>) | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  ({ view: klass, end: endClass } = await startClass(operatorApi(), ["Ada Lovelace", "Brian Kernighan"], "e2e-classroom"));
});

test.afterAll(async () => {
  test.setTimeout(200_000);
  // The presenter's selection on the e2e lab is cleared, so later specs' viewer pages have nothing to follow.
  await operatorApi().presenterSet({ body: { cell: null, node: null, panel: null, step: null } }).catch(() => undefined);
  await endClass?.();
});

test("three pages at once: the teacher's grid turns green as a student fixes the seed fault, and a viewer follows the presenter", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const [ada, brian] = klass.students;
  const teacher = new ClassGridPage(page, klass.classId);
  await teacher.open();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ping works, TCP does not");
  await expect(teacher.grade(ada.labId, "c1-tx-off")).toHaveAttribute("data-status", "failed");
  await expect(teacher.grade(ada.labId, "tcp-c1-server")).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(page.getByRole("textbox", { name: "Ada Lovelace's link" })).toHaveValue(new RegExp(`/labs/${ada.labId}\\?student=`));
  await expect(page.getByRole("link", { name: "View Ada Lovelace's lab read-only" })).toHaveAttribute("href", `/labs/${ada.labId}?view=viewer`);

  // Neither the student nor the viewer has the operator's cookie.
  const studentContext = await browser.newContext({ storageState: VIEWER_STORAGE_STATE });
  const viewerContext = await browser.newContext({ storageState: VIEWER_STORAGE_STATE });
  const presenter = await page.context().newPage();
  try {
    const student = new StudentLabPage(await studentContext.newPage());
    await test.step("the student's link opens their own lab, with the task beside it", async () => {
      await student.open(ada.link, ada.labId);
      const { page: sp } = student;
      await expect(sp.getByTestId("student-badge")).toHaveText("student · Ada Lovelace · your lab");
      await expect(sp.getByTestId("lab-title")).toHaveAttribute("data-lab", ada.labId);
      await expect(sp.getByTestId("student-panel")).toContainText("Ping works, TCP does not: find out why");
      await expect(sp.getByTestId("student-step-symptoms").locator("strong", { hasText: "Run tests" })).toBeVisible();
      await expect(sp.getByTestId("student-step-evidence").locator("code", { hasText: "c1:eth0" })).toBeVisible();
      await expect(sp.getByTestId("countdown")).toHaveText(/^(29|30):\d\d left$/);
      await expect(student.check("c1-tx-off")).toHaveAttribute("data-status", "failed");
      // The task's column does not crowd the graph out: the whole lab is in view beside it.
      await expect(sp.getByTestId("node-server")).toBeInViewport({ ratio: 1 });
      // What the scenario allows is enabled; the rest is disabled, saying why.
      await expect(student.txBadge("c1:eth0")).toBeEnabled();
      await expect(sp.getByRole("button", { name: "Run tests" })).toBeEnabled();
      await sp.getByRole("button", { name: "Show details of interface c1:eth0" }).click();
      await expect(sp.getByRole("button", { name: "Set MTU" })).toBeDisabled();
      await expect(sp.getByRole("button", { name: "Set MTU" })).toHaveAttribute("title", /^student: a student may change only their own lab/);
      await expect(sp.getByRole("button", { name: "Start capture" })).toBeEnabled();
    });

    const viewer = await viewerContext.newPage();
    await test.step("the presenter points at a cell; the viewer's page of that lab highlights it", async () => {
      await viewer.goto(`/labs/${E2E_LAB_ID}`);
      await expect(viewer.getByTestId("read-only-badge")).toBeVisible();
      await expect(viewer.getByTestId("lab-title")).toHaveAttribute("data-lab", E2E_LAB_ID);
      await presenter.goto(`/labs/${E2E_LAB_ID}/present`);
      await expect(presenter.getByTestId("presenter-view")).toBeVisible();
      await presenter.getByRole("button", { name: "Run tests" }).click();
      await expect(presenter.getByTestId("cell-tcp-c1-server")).toHaveAttribute("data-status", /^(ok|fail)$/, { timeout: 20_000 });
      await presenter.getByTestId("cell-tcp-c1-server").click();
      await expect(presenter.getByTestId("cell-tcp-c1-server")).toHaveAttribute("data-selected", "true");
      await expect(viewer.getByTestId("cell-tcp-c1-server")).toHaveAttribute("data-selected", "true", { timeout: 5_000 });
      await expect(viewer.getByTestId("follow-control")).toContainText("Following the presenter");
      // The step and the interface follow too.
      await presenter.getByRole("combobox", { name: "Scenario" }).selectOption("seed-story");
      await presenter.getByRole("button", { name: "First step ›" }).click();
      await expect(viewer.getByTestId("presenter-step")).toContainText("See the symptom");
      await presenter.getByRole("button", { name: "Show details of interface c1:eth0" }).click();
      await expect(viewer.getByTestId("offload-panel")).toContainText("c1:eth0");
    });

    await test.step("the student turns TX offload off on c1 and c2; the teacher's grid turns green live", async () => {
      const clicked = Date.now();
      await student.txBadge("c1:eth0").click();
      await expect(student.txBadge("c1:eth0")).toHaveText("TX off");
      await expect(teacher.grade(ada.labId, "c1-tx-off")).toHaveAttribute("data-status", "passed", { timeout: 10_000 });
      console.log(`[classroom e2e] c1 fixed -> teacher's grid green in ${Date.now() - clicked} ms`);
      await student.txBadge("c2:eth0").click();
      await expect(student.txBadge("c2:eth0")).toHaveText("TX off");
      await expect(teacher.grade(ada.labId, "c2-tx-off")).toHaveAttribute("data-status", "passed", { timeout: 10_000 });
      await expect(teacher.grade(ada.labId, "tcp-c1-server")).toHaveAttribute("data-status", "passed", { timeout: 30_000 });
      await expect(teacher.percent(ada.labId)).toHaveText("100%", { timeout: 30_000 });
      await expect(teacher.grade(ada.labId, "tcp-c1-server")).toHaveAttribute("title", /first passed \d+ (min \d+ )?s after the start/);
      // Brian did nothing: his row stays red.
      await expect(teacher.grade(brian.labId, "c1-tx-off")).toHaveAttribute("data-status", "failed");
      await expect(student.check("all-fixed")).toHaveAttribute("data-status", "passed", { timeout: 10_000 });
      await expect(student.page.getByTestId("student-percent")).toHaveText("100%");
    });

    await test.step("a viewer can detach from the presenter and rejoin", async () => {
      await viewer.getByRole("button", { name: "Detach" }).click();
      await presenter.getByTestId("cell-udp-c2-c1").click();
      await expect(presenter.getByTestId("cell-udp-c2-c1")).toHaveAttribute("data-selected", "true");
      await expect(viewer.getByTestId("follow-control")).toContainText("Detached from the presenter");
      await expect(viewer.getByTestId("cell-udp-c2-c1")).not.toHaveAttribute("data-selected");
      await viewer.getByRole("button", { name: "Follow the presenter" }).click();
      await expect(viewer.getByTestId("cell-udp-c2-c1")).toHaveAttribute("data-selected", "true");
      await expect(viewer.getByTestId("cell-tcp-c1-server")).not.toHaveAttribute("data-selected");
    });

    await screenshot(page, "classroom-teacher-grid");
    await screenshot(student.page, "classroom-student");
    await screenshot(viewer, "classroom-viewer-following");
    await screenshot(presenter, "classroom-presenter");
  } finally {
    await presenter.close();
    await studentContext.close();
    await viewerContext.close();
  }
});

test("the lab list shows every lab with its health and the class's labs; the classes page lists the class; a viewer gets neither", async ({ page, browser }) => {
  const [ada, brian] = klass.students;
  await page.goto("/labs");
  for (const labId of [E2E_LAB_ID, ada.labId, brian.labId]) await expect(page.getByTestId(`lab-row-${labId}`)).toBeVisible();
  await expect(page.getByTestId(`lab-row-${E2E_LAB_ID}`)).toContainText("default");
  await expect(page.getByTestId(`lab-row-${ada.labId}`)).toHaveAttribute("data-health", /^(ok|failing|unknown)$/);
  await expect(page.getByTestId(`lab-row-${ada.labId}`).getByRole("link", { name: `class ${klass.classId}` })).toBeVisible();
  await expect(page.getByTestId(`lab-row-${ada.labId}`).getByRole("button", { name: "Close" })).toBeEnabled();
  await screenshot(page, "classroom-lab-list");

  await page.goto("/classes");
  await expect(page.getByTestId(`class-row-${klass.classId}`)).toContainText("seed-story");
  await expect(page.getByRole("combobox", { name: "Scenario" })).toContainText("Ping works, TCP does not");
  await screenshot(page, "classroom-classes");

  const viewerContext = await browser.newContext({ storageState: VIEWER_STORAGE_STATE });
  try {
    const viewer = await viewerContext.newPage();
    await viewer.goto("/classes");
    await expect(viewer.getByTestId("classes-refused")).toContainText("only the operator can change the lab");
    await expect(viewer.getByTestId("class-form")).toHaveCount(0);
    await viewer.goto("/labs");
    await expect(viewer.getByTestId(`lab-row-${ada.labId}`)).toBeVisible();
    await expect(viewer.getByRole("button", { name: "Close" })).toHaveCount(0);
  } finally {
    await viewerContext.close();
  }
});
