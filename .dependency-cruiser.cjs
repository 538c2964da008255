// The layering of ovs-lab, checked on every `npm run lint` (docs: dependency-cruiser's rules-reference).
// Paths are relative to the repository root; a folder that does not exist yet simply matches nothing.
const DRIVERS = "^server/(ovs|docker|netns|probes|capture|run-command|offload|host)/";
// The legacy server/api and server/realtime count as transport until they are gone.
const TRANSPORT = "^server/(transport|api|realtime)/";
const UI = "^(app|components)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "ui-not-to-server",
      severity: "error",
      comment: "app/ and components/ run in the browser: they never import server/ (share types through lib/).",
      from: { path: UI },
      to: { path: "^server/" },
    },
    {
      name: "lib-not-to-server-or-ui",
      severity: "error",
      comment: "lib/ is shared by the browser and the server: it never imports server/, app/ or components/.",
      from: { path: "^lib/" },
      to: { path: "^(server|app|components)/" },
    },
    {
      name: "drivers-not-to-upper-layers",
      severity: "error",
      comment:
        "Host drivers (ovs, docker, netns, probes, capture, run-command, offload, host) know nothing of " +
        "transport, operations, auth, the CLI or the UI.",
      from: { path: DRIVERS },
      to: { path: "^(server/(transport|api|realtime|app|operations|auth|cli)|app|components)/" },
    },
    {
      name: "transport-not-to-drivers",
      severity: "error",
      comment:
        "Transport (HTTP, sockets) calls operations, server/auth and lib/; it never reaches a host driver " +
        "directly, so every rule about who may do what lives in the operation.",
      from: { path: TRANSPORT },
      to: { path: `${DRIVERS}|^server/(cli|app)/|${UI}` },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles between files.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-dev-dep",
      severity: "error",
      comment:
        "Production code does not import devDependencies (they are not installed in production); " +
        "unit tests beside the code, tests/, e2e/, bench/ and scripts/ may. Type-only imports are erased and allowed.",
      from: { path: "^(app|components|lib|server)/", pathNot: "\\.test\\.tsx?$" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"], pathNot: "node_modules/@types/" },
    },
    {
      name: "no-non-package-json",
      severity: "error",
      comment: "Every npm package that code imports is listed in package.json (not just present by luck).",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every import resolves to a file or a package.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|\\.next-[^/]+|dist|lib/generated|test-results|playwright-report|\\.cache|data)/" },
    // Type-only imports count for the layers: the browser must not even borrow server types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
