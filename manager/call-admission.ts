// Admission of calls on the manager's port, decided before a byte of the request is read. The port
// must admit connections without a client certificate (joining nodes reach the CA service with a
// token only), so whatever such a caller sends costs memory before any handler can look at it.
// Each call is therefore checked by a grpc-js server interceptor as it opens, while its HTTP/2
// stream is still paused:
//
//   call opens ─▶ its service's policy ─▶ receive limit lowered to what the service needs
//              ├▶ service needs a role: the connection's verified certificate checked now;
//              │    refused ─▶ PERMISSION_DENIED, the body never read
//              └▶ no verified certificate (the CA service's joiners): at most anonymousCallsMax
//                   at once, each for at most anonymousCallMsMax; over ─▶ RESOURCE_EXHAUSTED
//
// The handlers' own guards (service-guards.ts) still check every call; this only moves the first
// refusal ahead of the body, and bounds what the anonymous part of the port can hold.
import * as grpc from "@grpc/grpc-js";
import { type Clock, realClock } from "../common/index.js";
import type { PeerCall } from "./ca/index.js";
import { ConnectionAuthCall, connectionAuthContext } from "./connection-auth.js";
import { limitReceiveBytes } from "./grpc-receive-limit.js";

/** Who may call a service: a role check on the certificate, or anyone (the CA service). */
export type CallAudience = "anyone" | "managers" | "operators" | "nodes" | "raft";

/** What the port admits of one service. */
export interface ServicePolicy {
  /** Who may call it. */
  readonly audience: CallAudience;
  /** Largest request message of its methods, refused at the message's length prefix. */
  readonly receiveBytesMax: number;
  /** Per method (by its name in the path, e.g. "StreamSnapshot"), a different largest request message. */
  readonly methodReceiveBytesMax?: Readonly<Record<string, number>>;
}

/** Most calls without a verified client certificate in progress at once, on one manager. */
export const anonymousCallsMax = 64;
/** Longest a call without a verified client certificate may take before it is ended. */
export const anonymousCallMsMax = 30_000;
/** Largest request of a service the policies do not name (fail closed: small, managers only). */
export const unlistedServiceBytesMax = 64 * 1024;

/** Options of {@link callAdmission}. */
export interface CallAdmissionOptions {
  /** Policies by full service name, e.g. "swarm.v1.CA". */
  readonly services: ReadonlyMap<string, ServicePolicy>;
  /**
   * Why a caller may not call a service of the audience (checked on its certificate), or null when
   * it may. Absent (a server without TLS, in tests): every caller may.
   */
  readonly refusal?: (call: PeerCall, audience: Exclude<CallAudience, "anyone">) => Partial<grpc.StatusObject> | null;
  /**
   * Whether the call's connection presented a verified client certificate. Absent (no TLS): every
   * caller counts as identified, and no anonymous bound applies.
   */
  readonly identified?: (call: PeerCall) => boolean;
  /** Bound of anonymous calls in progress (default anonymousCallsMax). */
  readonly anonymousCallsMax?: number;
  /** Time bound of one anonymous call (default anonymousCallMsMax). */
  readonly anonymousCallMsMax?: number;
  /** Timers (default: the real clock). */
  readonly clock?: Clock;
}

/** Counters of an admission interceptor, for tests and metrics. */
export interface AdmissionStats {
  /** Anonymous calls in progress. */
  readonly anonymousInFlight: number;
  /** Calls refused before their request was read, by status name. */
  readonly refused: Readonly<Record<string, number>>;
  /** Calls whose receive limit could not be lowered (grpc-js internals not found). */
  readonly unlimited: number;
  /** Calls whose peer certificate was read for the call alone, not once for its connection (grpc-js internals not found). */
  readonly authPerCall: number;
}

/** The service name and method name of a call path "/swarm.v1.CA/IssueNodeCertificate". */
function splitPath(path: string): { service: string; method: string } {
  const [, service = "", method = ""] = path.split("/");
  return { service, method };
}

/**
 * The admission interceptor of a server: give it as the server's first interceptor
 * (`new grpc.Server({ interceptors: [admission.interceptor] })`), since only the first one receives
 * grpc-js's own call object, whose receive limit can still be lowered.
 */
export class CallAdmission {
  private anonymous = 0;
  private unlimitedCalls = 0;
  private authPerCallCalls = 0;
  private readonly refusedCalls: Record<string, number> = {};
  private readonly callsMax: number;
  private readonly callMsMax: number;

  constructor(private readonly options: CallAdmissionOptions) {
    this.callsMax = options.anonymousCallsMax ?? anonymousCallsMax;
    this.callMsMax = options.anonymousCallMsMax ?? anonymousCallMsMax;
  }

  /** The interceptor. */
  readonly interceptor: grpc.ServerInterceptor = (descriptor, call) => this.admit(descriptor.path, call);

  /** Counters. */
  stats(): AdmissionStats {
    return {
      anonymousInFlight: this.anonymous,
      refused: { ...this.refusedCalls },
      unlimited: this.unlimitedCalls,
      authPerCall: this.authPerCallCalls,
    };
  }

  private admit(path: string, call: grpc.ServerInterceptingCallInterface): grpc.ServerInterceptingCall {
    const { service, method } = splitPath(path);
    const policy = this.options.services.get(service) ?? {
      audience: "managers",
      receiveBytesMax: unlistedServiceBytesMax,
    };
    const bytes = policy.methodReceiveBytesMax?.[method] ?? policy.receiveBytesMax;
    if (!limitReceiveBytes(call, bytes)) this.unlimitedCalls++;
    // The caller's certificate, read once per connection (connection-auth.ts): the checks below,
    // the service's guard and every later interceptor and handler ask the call returned here.
    const auth = connectionAuthContext(call);
    if (!auth.cached) this.authPerCallCalls++;
    let release: (() => void) | null = null;
    const end = (): void => {
      release?.();
      release = null;
    };
    const admitted: grpc.ServerInterceptingCall = new ConnectionAuthCall(
      call,
      {
        start: (next) => {
          const refusal = this.refusal(admitted, policy.audience);
          if (refusal) {
            this.count(refusal.code);
            call.sendStatus({ metadata: new grpc.Metadata(), details: "", ...refusal, code: refusal.code });
            return;
          }
          if (this.options.identified && !this.options.identified(admitted)) {
            if (this.anonymous >= this.callsMax) {
              this.count(grpc.status.RESOURCE_EXHAUSTED);
              call.sendStatus({
                code: grpc.status.RESOURCE_EXHAUSTED,
                details: `too many calls without a client certificate in progress (${this.callsMax}); retry later`,
                metadata: new grpc.Metadata(),
              });
              return;
            }
            release = this.holdAnonymous(call);
          }
          next({ onCancel: end });
        },
        sendStatus: (status, next) => {
          end();
          next(status);
        },
      },
      auth.context,
    );
    return admitted;
  }

  private refusal(call: PeerCall, audience: CallAudience): (Partial<grpc.StatusObject> & { code: grpc.status }) | null {
    if (audience === "anyone" || !this.options.refusal) return null;
    const status = this.options.refusal(call, audience);
    return status ? { ...status, code: status.code ?? grpc.status.PERMISSION_DENIED } : null;
  }

  /** Counts an anonymous call until it ends, and ends it if it outlives the time bound. */
  private holdAnonymous(call: grpc.ServerInterceptingCallInterface): () => void {
    this.anonymous++;
    const cancel = (this.options.clock ?? realClock).after(this.callMsMax, () => {
      this.count(grpc.status.DEADLINE_EXCEEDED);
      call.sendStatus({
        code: grpc.status.DEADLINE_EXCEEDED,
        details: `a call without a client certificate may take at most ${this.callMsMax} ms`,
        metadata: new grpc.Metadata(),
      });
    });
    return () => {
      cancel();
      this.anonymous--;
    };
  }

  private count(code: grpc.status): void {
    const name = grpc.status[code] ?? String(code);
    this.refusedCalls[name] = (this.refusedCalls[name] ?? 0) + 1;
  }
}
