import { randomFillSync } from 'node:crypto';
import type { IdGenerator } from '../../domain/shared/id-generator.port.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits. Within one process
 * ids are strictly increasing (a 12-bit counter in rand_a, the "method 1" of §6.2),
 * which is what makes them a stable keyset-pagination order.
 */
export class UuidV7IdGenerator implements IdGenerator {
  private lastMs = 0;
  private counter = 0;
  private readonly pool = Buffer.alloc(16 * 256);
  private poolOffset = this.pool.length;

  next(): string {
    let ms = Date.now();
    if (ms <= this.lastMs) {
      this.counter += 1;
      if (this.counter > 0xfff) {
        this.lastMs += 1; // borrow from the next millisecond rather than go backwards
        this.counter = 0;
      }
      ms = this.lastMs;
    } else {
      this.lastMs = ms;
      this.counter = this.randomByte() & 0x7f; // random start leaves room to count up
    }
    const b = this.random16();
    b[0] = Math.floor(ms / 2 ** 40) & 0xff;
    b[1] = Math.floor(ms / 2 ** 32) & 0xff;
    b[2] = (ms >>> 24) & 0xff;
    b[3] = (ms >>> 16) & 0xff;
    b[4] = (ms >>> 8) & 0xff;
    b[5] = ms & 0xff;
    b[6] = 0x70 | ((this.counter >>> 8) & 0x0f);
    b[7] = this.counter & 0xff;
    b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
    const h = (i: number) => HEX[b[i] ?? 0];
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
  }

  private random16(): Buffer {
    if (this.poolOffset + 16 > this.pool.length) {
      randomFillSync(this.pool);
      this.poolOffset = 0;
    }
    const out = this.pool.subarray(this.poolOffset, this.poolOffset + 16);
    this.poolOffset += 16;
    return out;
  }

  private randomByte(): number {
    return this.random16()[15] ?? 0;
  }
}
