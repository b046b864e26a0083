import { EventEmitter } from 'node:events';

// Overview: a stream of items pushed by the daemon (log entries, events), readable two ways: as an event
// emitter ('data', 'end', 'error') and as an async iterator (`for await`). Items are queued only for an
// iterator that has been asked for, so an emitter-only user holds nothing in memory; an iterator that
// reads slower than the daemon sends queues in memory (the daemon's own bounded queues protect it, and
// say so: a log follower that falls behind gets a "lines were not sent" entry, an event subscriber a
// `subscription:closed` event). Every way out (close(), the iterator's break/return, the daemon ending
// it, the connection failing) ends the stream exactly once.

/** A live stream of items from the daemon: an event emitter AND an async iterable. */
export class LiveStream<T> extends EventEmitter implements AsyncIterable<T> {
  private readonly readyPromise: Promise<void>;
  private readyObserved = false;
  private isReady = false;

  private readonly queue: T[] = [];
  private readonly waiters: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  private iterating = false;
  private finished = false;
  private failure: unknown;
  private closing: Promise<void> | undefined;
  private resolveReady!: () => void;
  private rejectReady!: (error: unknown) => void;

  /** @internal */
  constructor(private readonly stop: () => Promise<void>) {
    super();
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.resolveReady = () => {
        this.isReady = true;
        resolve();
      };
      this.rejectReady = reject;
    });
    // A stream used without awaiting `ready` reports its failure through 'error' or the iterator instead.
    this.readyPromise.catch(() => undefined);
  }

  /**
   * Resolves once the daemon accepted the stream (items can arrive from then on: subscribe, await `ready`,
   * then act); rejects when the daemon refused it, which then is not thrown as an 'error' nobody listens for.
   */
  get ready(): Promise<void> {
    this.readyObserved = true;
    return this.readyPromise;
  }

  /** True once the stream ended, by close(), by the daemon, or with an error. */
  get ended(): boolean {
    return this.finished;
  }

  /** Ends the stream: the daemon stops sending, and 'end' is emitted. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.stop();
      } finally {
        this.end();
      }
    })();
    return this.closing;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    this.iterating = true;
    return {
      next: () => {
        const item = this.queue.shift();
        if (item !== undefined) {
          return Promise.resolve({ value: item, done: false });
        }

        if (this.finished) {
          return this.failure === undefined ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(this.failure);
        }

        return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
      },
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  /** @internal The daemon accepted the stream. */
  started(): void {
    this.resolveReady();
  }

  /** @internal One item arrived. */
  push(item: T): void {
    if (this.finished) {
      return;
    }

    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve({ value: item, done: false });
    } else if (this.iterating) {
      this.queue.push(item);
    }

    this.emit('data', item);
  }

  /** @internal The stream ended normally. */
  end(): void {
    if (this.finished) {
      return;
    }

    this.finished = true;
    this.resolveReady();
    for (const waiter of this.waiters.splice(0)) {
      waiter.resolve({ value: undefined, done: true });
    }

    this.emit('end');
  }

  /** @internal The stream failed (the daemon refused it, or the connection broke). */
  fail(error: unknown): void {
    if (this.finished) {
      return;
    }

    this.finished = true;
    this.failure = error;
    const reportedByReady = this.readyObserved && !this.isReady;
    this.rejectReady(error);
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(error);
    }

    // As Node's streams do, an 'error' nobody listens for is thrown, unless an iterator or an awaited
    // `ready` reports it.
    if (this.listenerCount('error') > 0 || (!this.iterating && !reportedByReady)) {
      this.emit('error', error);
    }
  }
}
