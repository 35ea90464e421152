// A port on 127.0.0.1 that nothing listens on (bound, read, released): a refused connection.
import { createServer } from "node:net";

/** Resolves with a port nothing listens on. */
export function closedPort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
