// opendaemon: the Node.js SDK of OpenDaemon (spec §9.1). No runtime dependencies.
export { OpenDaemon } from './client.js';
export type { AppDefinition, CallOptions, LogsOptions, OpenDaemonOptions, Targets } from './options.js';
export { ErrorCode, OpenDaemonError, type ErrorInfo } from './errors.js';
export { LiveStream } from './live-stream.js';
export { RpcMethods, type RpcMethod } from './methods.js';
export { resolveSocketPath, type SocketPathOptions } from './paths.js';
export { FrameDecoder, FrameType, ProtocolError, encodeFrame, type Frame } from './frames.js';
export type * from './contracts.js';
