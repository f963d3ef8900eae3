// The processes of the mesh benchmark, each on its own so none shares a core with another:
//   server PORT                      a node http server on 127.0.0.1:PORT with a tiny fixed response
//   mesh ADDR PUBLISHED TARGET [--kernel]   an IngressMesh on ADDR:PUBLISHED forwarding to 127.0.0.1:TARGET
// Each prints "ready" on stdout once it serves, and runs until killed.
import { createServer } from "node:http";
import { IngressMesh } from "../../worker/index.js";

/** The response body every request gets. */
const body = Buffer.from("ok\n");

async function main(argv: readonly string[]): Promise<void> {
  const [mode, ...rest] = argv;
  if (mode === "server") {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(Number(rest[0]), "127.0.0.1", resolve));
  } else if (mode === "mesh") {
    const [addr = "", published, target] = rest;
    const mesh = new IngressMesh({ bindAddr: addr, kernel: rest.includes("--kernel"), log: () => {} });
    await mesh.update([
      {
        serviceId: "bench",
        name: "bench",
        balancing: "round-robin",
        ports: [{ protocol: "tcp", publishedPort: Number(published), targetPort: 80 }],
        endpoints: [{ taskId: "t1", addr: "127.0.0.1", ports: { 80: Number(target) }, draining: false }],
      },
    ]);
    const stop = (): void => void mesh.close().then(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    process.stdout.write(`${JSON.stringify({ kernelPorts: mesh.stats().kernelPorts })}\n`);
  } else {
    throw new Error(`unknown mode ${String(mode)}`);
  }
  process.stdout.write("ready\n");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`mesh-bench-main: ${String(error)}\n`);
  process.exit(1);
});
