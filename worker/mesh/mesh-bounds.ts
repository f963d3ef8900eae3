// The routing mesh's bounds, in one place so the data path, its tests and its README agree.

/** How long a connect to an endpoint may take before the next endpoint is tried. */
export const connectTimeoutMs = 1000;

/** How long an endpoint that refused or timed out is passed over while others can take traffic. */
export const failedBackoffMs = 2000;

/** How long the open connections of an endpoint that left the set live on before they are closed. */
export const removedEndpointGraceMs = 2000;

/** How long a UDP flow may stay silent before its upstream socket is closed (conntrack's UDP default). */
export const udpFlowIdleMs = 30_000;

/** Most UDP flows one published port keeps at once; a datagram that would open one more is dropped. */
export const udpFlowsMax = 4096;

/** How long after a failed bind (port in use) the listener tries again. */
export const bindRetryMs = 2000;
