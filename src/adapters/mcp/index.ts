// The MCP proxy (docs/mcp.md): an MCP server to the agent, an MCP client to the real server, and
// Countersign's decision on every tools/call in between.
export { createProxyServer, VERSION, type ProxyOptions } from './proxy.js';
export { connectUpstream } from './upstream.js';
export { listenHttp, type HttpProxy } from './http.js';
export { countersignApi, type Api } from './api.js';
export { gate, type Asker, type GateOptions, type GateVerdict } from './gate.js';
export { ToolWatch, type ToolsChange, type ToolDef } from './tool-watch.js';
