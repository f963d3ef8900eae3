import type { Message } from "./types.js";

const empty = new Uint8Array(0);

/**
 * Builds a message with every field it does not name at its zero value (0, empty, null, false).
 * Messages are plain, fully populated data so the transport can encode them without knowing which
 * fields a type uses, and handlers can read any field without checking that it is present.
 */
export function makeMessage(fields: Partial<Message> & Pick<Message, "type" | "from" | "to">): Message {
  return {
    term: 0,
    logIndex: 0,
    logTerm: 0,
    entries: [],
    commit: 0,
    reject: false,
    rejectHint: 0,
    rejectTerm: 0,
    index: 0,
    snapshot: null,
    context: empty,
    ...fields,
  };
}
