// The confirmation every action goes through: a modal dialog that says what will happen, takes
// the one value some actions need (replicas, an image), shows the exact swarmctl command that will
// run (rebuilt as the operator types), runs it, and shows its error in one line if it fails.
import { createContext, type JSX } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { type Action, ActionError, commandLineOf } from "../../shared/actions.js";
import type { NodeView, ServiceView } from "../../shared/view-models.js";
import { ApiError, runAction } from "../api.js";
import { nodeFullName } from "../node-labels.js";
import { ErrorLine } from "./bits.js";

/** What an operator asked to do, before confirming. */
export type ActionRequest =
  | {
      readonly kind: "scale" | "update-image" | "rollback" | "force-update" | "remove-service";
      readonly service: ServiceView;
    }
  | { readonly kind: "availability"; readonly node: NodeView; readonly availability: "active" | "pause" | "drain" }
  | { readonly kind: "promote" | "demote"; readonly node: NodeView };

/** What the views need to ask for an action. */
export interface Actions {
  /** Opens the dialog for a request. */
  readonly ask: (request: ActionRequest) => void;
}

/** The actions of the page. */
export const ActionsContext = createContext<Actions>({ ask: () => undefined });

/** The action context, for the views' buttons. */
export function useActions(): Actions {
  return useContext(ActionsContext);
}

/** Title and explanation of a request. */
function wordsOf(request: ActionRequest): { title: string; text: string; verb: string; danger: boolean } {
  switch (request.kind) {
    case "scale":
      return {
        title: `Scale ${request.service.name}`,
        text: "Set how many replicas run.",
        verb: "Scale",
        danger: false,
      };
    case "update-image":
      return {
        title: `Update the image of ${request.service.name}`,
        text: "Replaces every task with one of the new image, as the service's update settings say.",
        verb: "Update",
        danger: false,
      };
    case "rollback":
      return {
        title: `Roll back ${request.service.name}`,
        text: "Restores the service's previous spec and replaces its tasks with tasks of that spec.",
        verb: "Roll back",
        danger: true,
      };
    case "force-update":
      return {
        title: `Force an update of ${request.service.name}`,
        text: "Replaces every task of the service, even though nothing changed.",
        verb: "Force update",
        danger: false,
      };
    case "remove-service":
      return {
        title: `Remove ${request.service.name}`,
        text: "Removes the service and stops all of its tasks. This cannot be undone.",
        verb: "Remove",
        danger: true,
      };
    case "availability":
      return {
        title: `${request.availability === "drain" ? "Drain" : request.availability === "pause" ? "Pause" : "Activate"} ${nodeFullName(request.node)}`,
        text:
          request.availability === "drain"
            ? "No new tasks go to the node, and its tasks are moved to other nodes."
            : request.availability === "pause"
              ? "No new tasks go to the node; its tasks keep running."
              : "The node takes new tasks again.",
        verb: request.availability === "drain" ? "Drain" : request.availability === "pause" ? "Pause" : "Activate",
        danger: request.availability === "drain",
      };
    case "promote":
      return {
        title: `Promote ${nodeFullName(request.node)}`,
        text: "The node becomes a manager and joins the raft group.",
        verb: "Promote",
        danger: false,
      };
    case "demote":
      return {
        title: `Demote ${nodeFullName(request.node)}`,
        text: "The node leaves the raft group and becomes a worker. Keep an odd number of managers.",
        verb: "Demote",
        danger: true,
      };
  }
}

/** The action a request and the dialog's input make. */
function actionOf(request: ActionRequest, input: string): Action {
  switch (request.kind) {
    case "scale":
      if (!/^\d+$/.test(input.trim())) throw new ActionError("replicas", "must be a whole number");
      return { kind: "scale", service: request.service.name, replicas: Number(input.trim()) };
    case "update-image":
      return { kind: "update-image", service: request.service.name, image: input };
    case "rollback":
    case "force-update":
    case "remove-service":
      return { kind: request.kind, service: request.service.name };
    case "availability":
      return { kind: "availability", node: request.node.id, availability: request.availability };
    case "promote":
    case "demote":
      return { kind: request.kind, node: request.node.id };
  }
}

function initialInput(request: ActionRequest): string {
  if (request.kind === "scale") return String(request.service.replicas.desired);
  if (request.kind === "update-image") return request.service.image;
  return "";
}

/** The dialog; `request` null keeps it closed. */
export function ActionDialog(props: {
  request: ActionRequest | null;
  connectionArgs: readonly string[];
  onClose: () => void;
  onDone: (command: string) => void;
}): JSX.Element {
  const { request, connectionArgs } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [input, setInput] = useState("");
  const [error, setError] = useState("");
  const [running, setRunning] = useState(false);

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (request) {
      setInput(initialInput(request));
      setError("");
      setRunning(false);
      if (!el.open) el.showModal();
    } else if (el.open) el.close();
  }, [request]);

  if (!request) return <dialog ref={dialog} class="action-dialog" />;
  const words = wordsOf(request);
  let action: Action | null = null;
  let invalid = "";
  try {
    action = actionOf(request, input);
    commandLineOf(action, connectionArgs);
  } catch (e) {
    action = null;
    invalid = e instanceof ActionError ? e.message : String(e);
  }
  const command = action ? commandLineOf(action, connectionArgs) : "";

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!action || running) return;
    setRunning(true);
    setError("");
    try {
      const result = await runAction(action);
      if (result.ok) props.onDone(result.command);
      else setError(result.error);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      class="action-dialog"
      aria-labelledby="action-title"
      aria-describedby="action-text"
      onClose={props.onClose}
      onCancel={props.onClose}
    >
      <form method="dialog" onSubmit={(e) => void submit(e)}>
        <h2 id="action-title">{words.title}</h2>
        <p id="action-text">{words.text}</p>
        {request.kind === "scale" && (
          <label class="field">
            Replicas
            <input
              type="number"
              min={0}
              inputMode="numeric"
              value={input}
              onInput={(e) => setInput(e.currentTarget.value)}
              autoFocus
              required
            />
          </label>
        )}
        {request.kind === "update-image" && (
          <label class="field">
            Image
            <input
              type="text"
              value={input}
              spellcheck={false}
              autoComplete="off"
              onInput={(e) => setInput(e.currentTarget.value)}
              autoFocus
              required
            />
          </label>
        )}
        <p class="command-label" id="action-command-label">
          This runs:
        </p>
        <pre class="command" aria-labelledby="action-command-label" data-testid="action-command">
          <code>{command || `(${invalid})`}</code>
        </pre>
        {error && <ErrorLine text={error} />}
        <div class="dialog-buttons">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            class={`button ${words.danger ? "button-danger" : "button-primary"}`}
            disabled={!action || running}
          >
            {running ? "Running…" : words.verb}
          </button>
        </div>
      </form>
    </dialog>
  );
}
