import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export const TOKEN_FILE_NAME = "operator-token";
const MIN_TOKEN_LENGTH = 16;

export interface OperatorToken {
  token: string;
  /** Where it came from: OVSLAB_TOKEN, the file of an earlier start, or made now. */
  source: "env" | "file" | "generated";
  file: string;
}

export const tokenFilePath = (dataDir: string) => path.join(dataDir, TOKEN_FILE_NAME);

/** The token file's content, or null when there is none (the CLI reads it by itself). */
export async function readTokenFile(dataDir: string): Promise<string | null> {
  const text = await readFile(tokenFilePath(dataDir), "utf8").catch(() => null);
  const token = text?.trim();
  return token && token.length >= MIN_TOKEN_LENGTH ? token : null;
}

/**
 * OVSLAB_TOKEN when set; otherwise the token kept in `<dataDir>/operator-token` (0600), made on the
 * first start from 256 random bits and reused after every restart.
 */
export async function resolveOperatorToken(dataDir: string, fromEnv: string | null): Promise<OperatorToken> {
  const file = tokenFilePath(dataDir);
  if (fromEnv !== null) {
    if (fromEnv.length < MIN_TOKEN_LENGTH) throw new Error(`OVSLAB_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (it is the operator's password)`);
    return { token: fromEnv, source: "env", file };
  }
  const kept = await readTokenFile(dataDir);
  if (kept) {
    await chmod(file, 0o600);
    return { token: kept, source: "file", file };
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString("base64url");
  await writeFile(file, token + "\n", { mode: 0o600 });
  await chmod(file, 0o600);
  return { token, source: "generated", file };
}
