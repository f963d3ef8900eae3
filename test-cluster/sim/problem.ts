// What a property check of the cluster simulator found.

/** A problem a check found: the property's name and what was seen. */
export interface Problem {
  /** The property. */
  readonly property: string;
  /** What was seen. */
  readonly detail: string;
}
