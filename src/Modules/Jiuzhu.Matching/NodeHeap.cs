namespace Jiuzhu.Matching;

/// <summary>
/// A binary min-heap of (distance, node) for Dijkstra with lazy deletion: a node may be in it more than once, stale
/// entries are skipped by the caller. Parallel arrays, no comparer calls: this is the solver's innermost loop.
/// </summary>
internal sealed class NodeHeap
{
    private long[] _keys = new long[64];
    private int[] _nodes = new int[64];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(int node, long key)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        var at = Count++;
        while (at > 0)
        {
            var up = (at - 1) >> 1;
            if (_keys[up] <= key)
            {
                break;
            }

            _keys[at] = _keys[up];
            _nodes[at] = _nodes[up];
            at = up;
        }

        _keys[at] = key;
        _nodes[at] = node;
    }

    public bool TryPop(out int node, out long key)
    {
        if (Count == 0)
        {
            (node, key) = (-1, 0);
            return false;
        }

        node = _nodes[0];
        key = _keys[0];
        var lastKey = _keys[--Count];
        var lastNode = _nodes[Count];
        var at = 0;
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (_keys[child] >= lastKey)
            {
                break;
            }

            _keys[at] = _keys[child];
            _nodes[at] = _nodes[child];
            at = child;
        }

        _keys[at] = lastKey;
        _nodes[at] = lastNode;
        return true;
    }
}
