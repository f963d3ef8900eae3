// The size of the largest gRPC message a manager sends (its server's send limit). Every client of
// a manager accepts answers up to it: grpc-js clients refuse anything over 4 MB by default, so an
// answer the manager sent in full (a long list, a node's complete set of assignments) would fail
// in the client with RESOURCE_EXHAUSTED, even for a write that committed.

/** Largest message a manager sends, and so the receive limit of every client of a manager. */
export const managerMessageBytesMax = 64 * 1024 * 1024;

/** Channel options that let a client of a manager receive every answer the manager may send. */
export const managerAnswerChannelOptions = {
  "grpc.max_receive_message_length": managerMessageBytesMax,
} as const;
