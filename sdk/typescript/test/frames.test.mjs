import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameDecoder, FrameType, ProtocolError, encodeFrame } from '../dist/index.js';

test('encodeFrame writes type, big-endian length and payload', () => {
  const frame = encodeFrame(FrameType.Request, '{"a":1}');
  assert.equal(frame[0], 0x01);
  assert.equal(frame.readUInt32BE(1), 7);
  assert.equal(frame.subarray(5).toString(), '{"a":1}');
});

test('FrameDecoder cuts frames split anywhere and joined together', () => {
  const bytes = Buffer.concat([
    encodeFrame(FrameType.Response, '{"id":1}'),
    encodeFrame(FrameType.Binary, Buffer.from([0, 0, 0, 7, 65])),
    encodeFrame(FrameType.Heartbeat, Buffer.from([1])),
  ]);
  for (let split = 1; split < bytes.length; split++) {
    const decoder = new FrameDecoder();
    const frames = [...decoder.push(bytes.subarray(0, split)), ...decoder.push(bytes.subarray(split))];
    assert.deepEqual(frames.map((f) => f.type), [FrameType.Response, FrameType.Binary, FrameType.Heartbeat], `split at ${split}`);
    assert.equal(frames[0].payload.toString(), '{"id":1}');
    assert.deepEqual([...frames[1].payload], [0, 0, 0, 7, 65]);
    assert.equal(decoder.pendingBytes, 0);
  }
});

test('FrameDecoder refuses an unknown type and an oversized length from the header alone', () => {
  assert.throws(() => new FrameDecoder().push(Buffer.from([0x09, 0, 0, 0, 1])), ProtocolError);
  const header = Buffer.from([0x02, 0, 0, 0, 0]);
  header.writeUInt32BE(2048, 1);
  assert.throws(() => new FrameDecoder(1024).push(header), /exceeds the limit of 1024 bytes/);
});
