// The page's calls to its server's JSON API. Every failure becomes one line to show.
import type { Action } from "../shared/actions.js";
import { type ActionResult, apiPaths, type ErrorBody, type JoinCommandBody, type SessionInfo } from "../shared/wire.js";

/** A failed call: its one line. */
export class ApiError extends Error {}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: "same-origin", ...init });
  } catch {
    throw new ApiError("the dashboard server does not answer: is `swarmctl dashboard` still running?");
  }
  const body = (await response.json().catch(() => ({ error: `HTTP ${response.status}` }))) as T | ErrorBody;
  if (!response.ok) throw new ApiError((body as ErrorBody).error || `HTTP ${response.status}`);
  return body as T;
}

/** What the server says about itself. */
export function fetchSession(): Promise<SessionInfo> {
  return call<SessionInfo>(apiPaths.session);
}

/** The join command of a role (with its token). */
export async function fetchJoinCommand(role: "worker" | "manager"): Promise<string> {
  return (await call<JoinCommandBody>(`${apiPaths.joinCommand}?role=${role}`)).command;
}

/** Runs an action; resolves with how its command ended. */
export function runAction(action: Action): Promise<ActionResult> {
  return call<ActionResult>(apiPaths.actions, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(action),
  });
}
