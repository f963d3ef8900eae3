// What travels between the dashboard server and the page: the server-sent events of the live
// stream (a snapshot first, then deltas), and the bodies of the JSON API.
import type {
  ChartPoint,
  ClusterView,
  CollectionName,
  Collections,
  EventView,
  ServiceDetail,
  TaskView,
} from "./view-models.js";

/** Where the server reaches the cluster, and whether it does right now. */
export interface LinkStatus {
  /** The manager the dashboard talks to: "unix:///…/control.sock" or "host:port". */
  readonly target: string;
  /** Whether the watch stream is live. */
  readonly connected: boolean;
  /** Why it is not, in one line as swarmctl prints it ("" when connected). */
  readonly error: string;
}

/** The service on show in a stream: its row and spec, and its tasks. */
export interface DetailSnapshot extends ServiceDetail {
  readonly tasks: readonly TaskView[];
}

/** The first message of every stream: everything the page shows. */
export interface SnapshotMessage {
  readonly type: "snapshot";
  /** Store version (raft index) the views reflect. */
  readonly version: number;
  readonly link: LinkStatus;
  readonly collections: Collections;
  readonly cluster: ClusterView | null;
  /** The newest events, oldest first. */
  readonly events: readonly EventView[];
  readonly chart: readonly ChartPoint[];
  /** The service the stream was opened for: null when there is none, or it does not exist. */
  readonly detail: DetailSnapshot | null;
}

/** Changes to the service on show. */
export interface DetailDelta {
  /** The service's new row and spec, or null once it is removed; absent when unchanged. */
  readonly service?: ServiceDetail | null;
  readonly upsertTasks?: readonly TaskView[];
  readonly removeTasks?: readonly string[];
}

/** What changed since the previous message: rows to add or replace and keys to drop, by collection. */
export interface DeltaMessage {
  readonly type: "delta";
  readonly version: number;
  readonly upsert?: { readonly [K in CollectionName]?: Collections[K] };
  readonly remove?: { readonly [K in CollectionName]?: readonly string[] };
  readonly cluster?: ClusterView | null;
  /** New events, oldest first. */
  readonly events?: readonly EventView[];
  /** New chart samples. */
  readonly chart?: readonly ChartPoint[];
  readonly detail?: DetailDelta;
}

/** The link to the cluster changed (lost, or back). */
export interface LinkMessage {
  readonly type: "link";
  readonly link: LinkStatus;
}

/** Any message of the live stream (the SSE event name is its type). */
export type StreamMessage = SnapshotMessage | DeltaMessage | LinkMessage;

/** `GET /api/session`: what the page needs to know about its server. */
export interface SessionInfo {
  /** swarmctl's connection flags this dashboard was started with, appended to every command it shows. */
  readonly connectionArgs: readonly string[];
  readonly target: string;
  /** The swarm-ts version of the server. */
  readonly version: string;
}

/** `POST /api/actions` answer: the command that ran and how it ended. */
export interface ActionResult {
  /** The command line, as the dialog showed it. */
  readonly command: string;
  readonly ok: boolean;
  /** What the command printed on stdout. */
  readonly output: string;
  /** The one error line swarmctl printed (without "Error: "), when it failed. */
  readonly error: string;
}

/** A JSON API error: one line. */
export interface ErrorBody {
  readonly error: string;
}

/** `GET /api/join-command?role=worker|manager`. */
export interface JoinCommandBody {
  readonly role: "worker" | "manager";
  readonly command: string;
}

/** One log line of `GET /api/logs` (the SSE event "lines" carries an array of them). */
export interface LogLine {
  readonly atMs: number;
  readonly taskId: string;
  /** "web.1@node-2", as `swarmctl service logs` prefixes lines (without the task id). */
  readonly source: string;
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

/** Paths of the JSON API. */
export const apiPaths = {
  session: "/api/session",
  stream: "/api/stream",
  actions: "/api/actions",
  joinCommand: "/api/join-command",
  logs: "/api/logs",
} as const;
