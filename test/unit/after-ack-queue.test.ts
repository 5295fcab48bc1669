import { AfterAckQueue, type Leave } from '../../src/slack/after-ack';

/** Lets every pending turn of the event loop run (`enter` yields one before anything). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the queue acknowledged requests wait in', () => {
  it('lets at most `limit` work at once, first come first served, and the next starts when one leaves', async () => {
    const queue = new AfterAckQueue(2, 60_000);
    const started: number[] = [];
    const leaves: Leave[] = [];
    for (const n of [1, 2, 3, 4])
      void queue.enter().then((leave) => {
        started.push(n);
        leaves.push(leave);
      });
    await settle();
    expect(started).toEqual([1, 2]);
    expect(queue.queued).toBe(2);
    leaves[0]!();
    leaves[0]!(); // leaving twice frees one turn, not two
    await settle();
    expect(started).toEqual([1, 2, 3]);
    leaves[1]!();
    await settle();
    expect(started).toEqual([1, 2, 3, 4]);
    expect(queue.queued).toBe(0);
  });

  it('a newcomer never overtakes work already waiting', async () => {
    const queue = new AfterAckQueue(1, 60_000);
    const order: string[] = [];
    const first = await queue.enter();
    void queue.enter().then((leave) => {
      order.push('waiting');
      leave();
    });
    await settle();
    first();
    void queue.enter().then((leave) => {
      order.push('newcomer');
      leave();
    });
    await settle();
    expect(order).toEqual(['waiting', 'newcomer']);
  });

  it('work that has waited too long starts whatever the limit (a modal must still open in time)', async () => {
    let now = 0;
    const queue = new AfterAckQueue(1, 40, () => now);
    await queue.enter(); // holds the only turn and never leaves
    let started = false;
    void queue.enter().then(() => (started = true));
    await settle();
    expect(started).toBe(false);
    now = 40;
    while (!started) await settle();
    expect(queue.queued).toBe(0);
  });
});
