// The label that ties objects to a stack, as `docker stack deploy` writes it.

/** Label that names the stack an object belongs to. */
export const stackLabel = "com.docker.stack.namespace";
