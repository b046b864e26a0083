namespace OpenDaemon.Plugins.Metrics.History;

/// <summary>
/// One instance's history: its last <c>capacity</c> samples, delta-encoded. A sample is stored as the
/// difference to the one before it: one byte saying which figures changed, the seconds since the previous
/// sample, and each changed figure's difference as a variable-length integer. An idle app's sample takes two
/// bytes and a busy one's about eight, where a fixed ring took 28 for each (20 KB per instance for an hour at
/// 5 s, allocated at its first pass; with 1,000 apps that was a third of the daemon's memory). CPU is kept in
/// hundredths of a percent, the precision the history's points are rounded to anyway.
/// </summary>
/// <remarks>
/// Samples go into blocks of <see cref="BlockSamples"/>; each block starts from an all-zero sample, so it can
/// be decoded alone, and a full block is trimmed to its length. The oldest block is dropped once the others
/// hold <c>capacity</c> samples, so between <c>capacity</c> and <c>capacity + BlockSamples</c> are kept and
/// <see cref="ToArray"/> returns exactly the last <c>capacity</c>. Concurrency as <see cref="SampleRing{T}"/>:
/// one writer (the collector) and rare readers share a small lock.
/// </remarks>
internal sealed class ProcessSeries(int capacity)
{
    /// <summary>Samples per block.</summary>
    public const int BlockSamples = 64;

    private const int NoCpu = -1;
    private const int FirstBlockBytes = 32;

    private readonly Lock _lock = new();
    private readonly Queue<Block> _full = new();
    private Block _open = new();
    private int _fullSamples;

    public int Capacity => capacity;

    /// <summary>Bytes the encoded samples take (the blocks' arrays).</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                long bytes = _open.Data.Length;
                foreach (var block in _full)
                {
                    bytes += block.Data.Length;
                }

                return bytes;
            }
        }
    }

    public void Add(ProcessSample sample)
    {
        lock (_lock)
        {
            _open.Append(Encoded.Of(sample));
            if (_open.Count < BlockSamples)
            {
                return;
            }

            _open.Trim();
            _full.Enqueue(_open);
            _fullSamples += _open.Count;
            _open = new Block();
            while (_full.Count > 0 && _fullSamples - _full.Peek().Count >= capacity)
            {
                _fullSamples -= _full.Dequeue().Count;
            }
        }
    }

    /// <summary>The last <see cref="Capacity"/> samples (or fewer), oldest first.</summary>
    public ProcessSample[] ToArray()
    {
        lock (_lock)
        {
            var all = new List<ProcessSample>(_fullSamples + _open.Count);
            foreach (var block in _full)
            {
                block.DecodeInto(all);
            }

            _open.DecodeInto(all);
            return all.Count <= capacity ? [.. all] : [.. all.GetRange(all.Count - capacity, capacity)];
        }
    }

    // A sample's figures as integers: CPU in hundredths of a percent (NoCpu when unknown).
    private readonly record struct Encoded(int AtSeconds, int CpuHundredths, int MemoryKiB, int OpenFiles, int Threads, int IoReadKiB, int IoWriteKiB)
    {
        public const int Figures = 6;

        public static Encoded Of(ProcessSample sample) => new(
            sample.AtSeconds,
            float.IsNaN(sample.CpuPercent) ? NoCpu : (int)Math.Clamp(Math.Round(sample.CpuPercent * 100.0), 0, int.MaxValue),
            sample.MemoryKiB,
            sample.OpenFiles,
            sample.Threads,
            sample.IoReadKiB,
            sample.IoWriteKiB);

        public ProcessSample ToSample() => new(
            AtSeconds, CpuHundredths == NoCpu ? float.NaN : CpuHundredths / 100f, MemoryKiB, OpenFiles, Threads, IoReadKiB, IoWriteKiB);

        public int Figure(int index) => index switch
        {
            0 => CpuHundredths,
            1 => MemoryKiB,
            2 => OpenFiles,
            3 => Threads,
            4 => IoReadKiB,
            _ => IoWriteKiB,
        };

        public static Encoded From(int atSeconds, ReadOnlySpan<int> figures) =>
            new(atSeconds, figures[0], figures[1], figures[2], figures[3], figures[4], figures[5]);
    }

    private sealed class Block
    {
        private Encoded _last;
        private int _length;

        public byte[] Data { get; private set; } = [];

        public int Count { get; private set; }

        public void Append(Encoded sample)
        {
            Span<byte> scratch = stackalloc byte[1 + (11 * (Encoded.Figures + 1))];
            int length = 1;
            byte changed = 0;
            length += WriteVarint(scratch[length..], ZigZag((long)sample.AtSeconds - _last.AtSeconds));
            for (var i = 0; i < Encoded.Figures; i++)
            {
                long delta = (long)sample.Figure(i) - _last.Figure(i);
                if (delta != 0)
                {
                    changed |= (byte)(1 << i);
                    length += WriteVarint(scratch[length..], ZigZag(delta));
                }
            }

            scratch[0] = changed;
            if (_length + length > Data.Length)
            {
                var data = Data;
                Array.Resize(ref data, Math.Max(FirstBlockBytes, Math.Max(_length + length, Data.Length * 2)));
                Data = data;
            }

            scratch[..length].CopyTo(Data.AsSpan(_length));
            _length += length;
            _last = sample;
            Count++;
        }

        public void Trim()
        {
            var data = Data;
            Array.Resize(ref data, _length);
            Data = data;
        }

        public void DecodeInto(List<ProcessSample> samples)
        {
            Span<int> figures = stackalloc int[Encoded.Figures];
            var at = 0;
            var data = Data.AsSpan(0, _length);
            var offset = 0;
            while (offset < data.Length)
            {
                byte changed = data[offset++];
                at += (int)UnZigZag(ReadVarint(data, ref offset));
                for (var i = 0; i < Encoded.Figures; i++)
                {
                    if ((changed & (1 << i)) != 0)
                    {
                        figures[i] += (int)UnZigZag(ReadVarint(data, ref offset));
                    }
                }

                samples.Add(Encoded.From(at, figures).ToSample());
            }
        }

        private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

        private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

        private static int WriteVarint(Span<byte> destination, ulong value)
        {
            var written = 0;
            while (value >= 0x80)
            {
                destination[written++] = (byte)(value | 0x80);
                value >>= 7;
            }

            destination[written++] = (byte)value;
            return written;
        }

        private static ulong ReadVarint(ReadOnlySpan<byte> source, ref int offset)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                byte next = source[offset++];
                value |= (ulong)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
