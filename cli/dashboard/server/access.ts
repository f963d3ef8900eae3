// Who may use the dashboard. It acts with the operator's credentials, so it must not act for
// anyone else: not for another user of the machine (every port on loopback is theirs to reach
// too), nor for a web page the operator happens to visit (a browser sends requests to loopback
// on any site's behalf). So, as Jupyter does, each run makes a random token and prints a URL
// holding it; the page that opens it trades it for a cookie bound to this port, sent only with
// same-site requests. Requests must name this server in their Host header (a rebound DNS name
// does not), and writes must come as JSON from this origin (a form on another site cannot).
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** Random bytes in a token. */
export const tokenBytes = 24;

/** A new token (URL-safe). */
export function newToken(): string {
  return randomBytes(tokenBytes).toString("base64url");
}

/** The access rules of one running dashboard. */
export class Access {
  /** Name of this dashboard's cookie: one per port, since cookies do not tell ports apart. */
  readonly cookieName: string;
  private readonly tokenBuffer: Buffer;

  constructor(
    readonly token: string,
    private readonly port: number,
    /** Host names the Host header may give: the listen address, plus the loopback names when on loopback. */
    private readonly hostNames: ReadonlySet<string>,
  ) {
    this.cookieName = `swarm_dashboard_${port}`;
    this.tokenBuffer = Buffer.from(token);
  }

  /** Whether `text` is the token (in constant time). */
  isToken(text: string | null | undefined): boolean {
    if (!text) return false;
    const given = Buffer.from(text);
    return given.length === this.tokenBuffer.length && timingSafeEqual(given, this.tokenBuffer);
  }

  /** Whether the request names this server in its Host header. */
  hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? "").toLowerCase();
    const m = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/.exec(host);
    if (!m) return false;
    const port = Number(m[2] ?? 80);
    return port === this.port && (this.hostNames.has(m[1]!) || this.hostNames.has("*"));
  }

  /** Whether the request carries the token, in its cookie or as a bearer token. */
  authorized(req: IncomingMessage): boolean {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer) return this.isToken(bearer);
    return this.isToken(cookieValue(req.headers.cookie ?? "", this.cookieName));
  }

  /** Whether a write comes from this origin, as JSON (which a cross-site form cannot send). */
  writeAllowed(req: IncomingMessage): boolean {
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json") return false;
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host ?? ""}`;
  }

  /** The Set-Cookie header that admits the browser that brought the token. */
  cookieHeader(): string {
    return `${this.cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

/** A cookie's value in a Cookie header, or undefined. */
export function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
