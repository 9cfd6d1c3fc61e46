import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createMcpServer, type McpDeps } from "../../api/mcp/create-mcp-server.js";

/**
 * An MCP client connected over the SDK's in-memory transport to a fresh agentweb MCP server for a
 * session of `scope`: the real server and protocol, no sockets.
 *
 * @example const client = await connectMcpClient({ index, jobs: undefined, egress, version: "test" }, "admin");
 */
export async function connectMcpClient(deps: McpDeps, scope: "read" | "admin"): Promise<Client> {
  const server = createMcpServer(deps, { scope });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "1" });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}
