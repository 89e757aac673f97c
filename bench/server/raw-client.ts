// A lean HTTP/1.1 keep-alive client for the benchmark: one socket per agent, one request in flight
// on it (an agent waits for its answer before proposing the next action), requests written as one
// pre-built buffer and answers parsed only as far as the status line and Content-Length.
// node:http's client costs more CPU per request than the server's whole decision path did once
// that path got lean, and the load generator shares the machine's two cores with the server: a
// heavy client would measure itself. It speaks only what `countersign serve` answers (Content-Length
// bodies, no chunked encoding); anything else is an error, never a silent success.
import { connect, type Socket } from 'node:net';

export type Answer = { status: number; body: string };

export class RawConnection {
  private sock: Socket;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;
  private readonly head: string;

  private constructor(sock: Socket, url: URL, token: string) {
    this.sock = sock;
    this.head = `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n`;
    sock.setNoDelay(true);
    sock.on('data', (d: Buffer) => this.onData(d));
    const fail = (e: Error): void => {
      const w = this.waiting;
      this.waiting = null;
      w?.reject(e);
    };
    sock.on('error', fail);
    sock.on('close', () => fail(new Error('the server closed the connection')));
  }

  static open(url: URL, token: string): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const sock = connect(Number(url.port), url.hostname, () => resolve(new RawConnection(sock, url, token)));
      sock.once('error', reject);
    });
  }

  /** POSTs `body` (JSON text) and resolves with the status and the answer's text. */
  post(body: string): Promise<Answer> {
    if (this.waiting) return Promise.reject(new Error('one request at a time per connection'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.sock.write(`${this.head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.sock.destroy();
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!m || !Number.isFinite(status)) {
      this.sock.destroy(new Error(`unexpected answer head: ${head.slice(0, 200)}`));
      return;
    }
    const total = end + 4 + Number(m[1]);
    if (this.buf.length < total) return;
    const body = this.buf.toString('utf8', end + 4, total);
    this.buf = this.buf.subarray(total);
    const w = this.waiting;
    this.waiting = null;
    w?.resolve({ status, body });
  }
}
