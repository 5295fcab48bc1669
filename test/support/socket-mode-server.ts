import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * A stand-in for Slack's Socket Mode websocket (RFC 6455, text frames only), enough for the bot's client:
 * it completes the upgrade, says hello as Slack does, answers pings, and records what the bot sends.
 * `drop()` cuts every connection without a close frame, as a network failure would.
 */
export class SocketModeServer {
  /** Each connection the bot opened, in order. */
  readonly connections: Socket[] = [];
  /** JSON messages the bot sent (acknowledgements), in order. */
  readonly received: Record<string, unknown>[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<SocketModeServer> {
    const server = http.createServer((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain' });
      res.end('websocket only');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const instance = new SocketModeServer(server, `ws://127.0.0.1:${port}/link/`);
    server.on('upgrade', (req, socket: Socket) => instance.accept(req, socket));
    return instance;
  }

  /** Sends a Socket Mode envelope (for example a slash command) on the newest connection. */
  send(envelope: Record<string, unknown>): void {
    const socket = this.connections.at(-1);
    if (!socket || socket.destroyed) throw new Error('no open Socket Mode connection');
    socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
  }

  drop(): void {
    for (const socket of this.connections) socket.destroy();
  }

  async stop(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(req: http.IncomingMessage, socket: Socket): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + WEBSOCKET_GUID)
      .digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.connections.push(socket);
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const parsed = readFrame(buffered);
        if (!parsed) break;
        buffered = buffered.subarray(parsed.length);
        if (parsed.opcode === 0x9) socket.write(frame(0xa, parsed.payload));
        else if (parsed.opcode === 0x8) socket.end(frame(0x8, parsed.payload.subarray(0, 2)));
        else if (parsed.opcode === 0x1) this.received.push(JSON.parse(parsed.payload.toString('utf8')));
      }
    });
    socket.write(
      frame(
        0x1,
        Buffer.from(
          JSON.stringify({
            type: 'hello',
            num_connections: 1,
            debug_info: { host: 'emulated', approximate_connection_time: 18060 },
            connection_info: { app_id: 'A0TEST' },
          }),
        ),
      ),
    );
  }
}

/** An unmasked server frame (servers never mask). */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

/** One client frame (always masked) from the start of `data`, or undefined when it hasn't all arrived. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (data.length < offset + length) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (masked) {
    for (let i = 0; i < payload.length; i += 1) payload[i] = payload[i]! ^ data[maskOffset + (i % 4)]!;
  }
  return { opcode, payload, length: offset + length };
}
