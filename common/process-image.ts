// The image form of a process task. The process executor runs host programs, so a task meant for
// it must say so in a form no container image reference can take: "process://redis-server" (a
// program found in PATH) or "process:///opt/app/bin/server" (an absolute path). A registry
// reference never contains "://", so a stack written for containers ("postgres:15-alpine") can
// never start a host program by accident.

/** The scheme that marks a process task's image. */
export const processImagePrefix = "process://";

/** Longest program name or path after the prefix. */
export const processProgramLengthMax = 4096;

// A bare program name, or an absolute path of plain path characters (no spaces, no "..").
const programPattern = /^(?:[A-Za-z0-9_+.-]+|\/[A-Za-z0-9_+.\-/]*)$/;

/** Whether `image` names a host program rather than a container image. */
export function isProcessImage(image: string): boolean {
  return image.startsWith(processImagePrefix);
}

/**
 * The program a process image names ("process://redis-server" → "redis-server"), or undefined
 * when the text after the prefix is not a program name or an absolute path.
 */
export function programOfProcessImage(image: string): string | undefined {
  if (!isProcessImage(image)) return undefined;
  const program = image.slice(processImagePrefix.length);
  if (program === "" || program.length > processProgramLengthMax) return undefined;
  if (!programPattern.test(program) || program.split("/").includes("..")) return undefined;
  return program;
}
