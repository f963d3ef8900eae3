// The stop signals a service may name, as Docker parses them for Linux containers: a name with or
// without "SIG", in any case ("TERM", "sigterm", "SIGRTMIN+3"), or a number from 1 to 64. The
// manager checks against this fixed table rather than its own platform's signals, since the task
// runs on whatever node the scheduler picks.

/** Linux signal names, without "SIG", as Docker's signal map has them. */
const linuxSignalNames: ReadonlySet<string> = new Set([
  "ABRT",
  "ALRM",
  "BUS",
  "CHLD",
  "CLD",
  "CONT",
  "FPE",
  "HUP",
  "ILL",
  "INT",
  "IO",
  "IOT",
  "KILL",
  "PIPE",
  "POLL",
  "PROF",
  "PWR",
  "QUIT",
  "SEGV",
  "STKFLT",
  "STOP",
  "SYS",
  "TERM",
  "TRAP",
  "TSTP",
  "TTIN",
  "TTOU",
  "UNUSED",
  "URG",
  "USR1",
  "USR2",
  "VTALRM",
  "WINCH",
  "XCPU",
  "XFSZ",
  "RTMIN",
  "RTMAX",
]);

/** Highest signal number on Linux (SIGRTMAX). */
export const signalNumberMax = 64;
/** Real-time signals are named RTMIN+n and RTMAX-n up to this offset, as in Docker. */
const realtimeOffsetMax = 15;

/** Whether `text` names a Linux signal as Docker accepts it ("" is not a signal). */
export function isKnownSignal(text: string): boolean {
  if (/^\d+$/.test(text)) return Number(text) >= 1 && Number(text) <= signalNumberMax;
  const upper = text.toUpperCase();
  const name = upper.startsWith("SIG") ? upper.slice(3) : upper;
  if (linuxSignalNames.has(name)) return true;
  const realtime = /^RT(MIN\+|MAX-)(\d{1,2})$/.exec(name);
  return realtime !== null && Number(realtime[2]) >= 1 && Number(realtime[2]) <= realtimeOffsetMax;
}
