// Writing answers as Docker's daemon writes them. Every response carries `Api-Version`, `Ostype`
// and `Docker-Experimental`; JSON bodies have the Content-Type `application/json` exactly (the
// docker CLI parses an error body only then: with a charset parameter it prints the raw JSON);
// errors are `{"message": …}`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiVersionMax, formatApiVersion } from "../api-version.js";
import { HttpError } from "../http-error.js";

/** The JSON content type, with no parameters. */
export const jsonContentType = "application/json";

/** Largest request body accepted (a config of 1000 KiB in base64 inside its JSON fits). */
export const requestBodyBytesMax = 4 * 1024 * 1024;

/** Headers on every answer. */
export function commonHeaders(serverName: string): Record<string, string> {
  return {
    "Api-Version": formatApiVersion(apiVersionMax),
    "Docker-Experimental": "false",
    Ostype: "linux",
    Server: serverName,
  };
}

/** Sends a JSON body (Go's encoder ends it with a newline). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, { "Content-Type": jsonContentType, "Content-Length": Buffer.byteLength(text) }).end(text);
}

/** Sends an empty answer. */
export function sendEmpty(response: ServerResponse, status: number): void {
  response.writeHead(status, { "Content-Length": 0 }).end();
}

/** Sends a Docker error body; when the headers already went out (a stream), just ends the response. */
export function sendError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, error.status, { message: error.message });
}

/** Reads and parses a JSON request body, bounded; an empty body reads as null. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > requestBodyBytesMax) throw new HttpError(413, `request body exceeds ${requestBodyBytesMax} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}
