// Watch messages as mirror changes: the kind of each event's object (the set field of the
// StoreObject oneof) and its action in words.
import { swarm } from "../../../proto/index.js";
import { type MirrorAction, type MirrorKind, mirrorKinds, type MirrorObjects } from "./store-mirror.js";

/** One event of a watch message, ready for {@link StoreMirror.apply}. */
export interface WatchChange {
  readonly kind: MirrorKind;
  readonly action: MirrorAction;
  readonly object: MirrorObjects[MirrorKind];
}

/** The events of a watch message that name an object the mirror holds. */
export function watchChanges(message: swarm.v1.IWatchMessage): WatchChange[] {
  const changes: WatchChange[] = [];
  for (const event of message.events ?? []) {
    const holder = event.object as Partial<Record<MirrorKind, MirrorObjects[MirrorKind] | null>> | null | undefined;
    const kind = mirrorKinds.find((k) => holder?.[k]);
    if (!kind || !holder) continue;
    changes.push({ kind, action: actionName(event.action), object: holder[kind]! });
  }
  return changes;
}

/** A watch action's word. */
export function actionName(action: number | null | undefined): MirrorAction {
  const A = swarm.v1.WatchAction;
  const a = Number(action ?? 0);
  return a === Number(A.WATCH_ACTION_CREATE) ? "create" : a === Number(A.WATCH_ACTION_REMOVE) ? "remove" : "update";
}
