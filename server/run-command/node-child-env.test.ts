import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeChildEnv } from "./node-child-env";

test("a node child gets the server's environment without a CA bundle to parse or the shell's NODE_OPTIONS", () => {
  const saved = { ca: process.env.NODE_EXTRA_CA_CERTS, options: process.env.NODE_OPTIONS };
  process.env.NODE_EXTRA_CA_CERTS = "/etc/ssl/certs/ca-certificates.crt";
  process.env.NODE_OPTIONS = "--inspect";
  try {
    const env = nodeChildEnv({ LC_ALL: "C" });
    assert.equal(env.NODE_EXTRA_CA_CERTS, undefined);
    assert.equal(env.NODE_OPTIONS, undefined);
    assert.equal(env.LC_ALL, "C");
    assert.equal(env.PATH, process.env.PATH);
    assert.equal(process.env.NODE_EXTRA_CA_CERTS, "/etc/ssl/certs/ca-certificates.crt", "the server's own is untouched");
  } finally {
    for (const [key, value] of [["NODE_EXTRA_CA_CERTS", saved.ca], ["NODE_OPTIONS", saved.options]] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  }
});
