import { test } from "node:test";
import assert from "node:assert/strict";
import { identifyCaller } from "./caller";
import { SESSION_COOKIE, sessionValue } from "./session-cookie";
import { authorize, AccessError } from "./authorize";

const TOKEN = "a-token-of-enough-length-1234";
const cookie = (v: string) => `theme=dark; ${SESSION_COOKIE}=${v}`;

test("no credential is a viewer with no credential", () => {
  assert.deepEqual(identifyCaller({}, TOKEN), { role: "viewer", credential: "none", viewingAsViewer: false });
});

test("the right bearer token, socket auth token or session cookie is the operator", () => {
  assert.equal(identifyCaller({ authorization: `Bearer ${TOKEN}` }, TOKEN).role, "operator");
  assert.equal(identifyCaller({ authorization: `bearer   ${TOKEN}` }, TOKEN).role, "operator");
  assert.equal(identifyCaller({ token: TOKEN }, TOKEN).role, "operator");
  assert.deepEqual(identifyCaller({ cookie: cookie(sessionValue(TOKEN)) }, TOKEN), { role: "operator", credential: "cookie", viewingAsViewer: false });
});

test("a wrong token or cookie is an invalid credential, never the operator", () => {
  assert.deepEqual(identifyCaller({ authorization: "Bearer nope" }, TOKEN), { role: "viewer", credential: "invalid", viewingAsViewer: false });
  assert.equal(identifyCaller({ cookie: cookie(sessionValue("another-token-1234567")) }, TOKEN).credential, "invalid");
  // The cookie is not the token: a token pasted as the cookie does not pass.
  assert.equal(identifyCaller({ cookie: cookie(TOKEN) }, TOKEN).role, "viewer");
  assert.equal(identifyCaller({ authorization: `Basic ${TOKEN}` }, TOKEN).credential, "none");
});

test("a bearer header is read before the cookie: a wrong header is not rescued by a right cookie", () => {
  assert.equal(identifyCaller({ authorization: "Bearer nope", cookie: cookie(sessionValue(TOKEN)) }, TOKEN).credential, "invalid");
});

test("the viewer link turns an operator into a viewer", () => {
  assert.deepEqual(identifyCaller({ cookie: cookie(sessionValue(TOKEN)), viewAsViewer: true }, TOKEN), { role: "viewer", credential: "cookie", viewingAsViewer: true });
});

test("authorize: viewers read; only the operator changes; each refusal says what to do", () => {
  const viewer = identifyCaller({}, TOKEN);
  const operator = identifyCaller({ token: TOKEN }, TOKEN);
  assert.doesNotThrow(() => authorize("viewer", viewer, "topology"));
  assert.doesNotThrow(() => authorize("operator", operator, "lab up"));
  const refusal = (caller: Parameters<typeof authorize>[1]) => {
    try {
      authorize("operator", caller, "lab up");
    } catch (err) {
      assert.ok(err instanceof AccessError);
      return { code: err.code, message: err.message };
    }
    assert.fail("not refused");
  };
  assert.equal(refusal(viewer).code, "unauthenticated");
  assert.match(refusal(viewer).message, /operator link printed by npm run up/);
  assert.equal(refusal(identifyCaller({ token: "wrong" }, TOKEN)).code, "forbidden");
  const preview = refusal(identifyCaller({ token: TOKEN, viewAsViewer: true }, TOKEN));
  assert.equal(preview.code, "forbidden");
  assert.match(preview.message, /only the operator can change the lab/);
});
