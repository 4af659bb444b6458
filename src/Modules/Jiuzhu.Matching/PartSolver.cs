using System.Diagnostics;

namespace Jiuzhu.Matching;

/// <summary>
/// Solves one connected part of the feasible graph. The part is a flow network source → need → resource → sink with
/// an arc source → need of cost −W(priority) (W1 ≫ W2 ≫ W3 ≫ any total distance) and need → resource arcs costing the
/// distance. Needs are added one at a time, priority 1 first; after adding the arc source → i, the optimal flow
/// changes by at most the cheapest cycle through that arc, which is either the shortest path from i to a resource with
/// room (serving one more need always beats any distance), or, when no such path exists, the shortest path from i to an
/// assigned need of the same priority that then gives up its place (a swap, taken when it shortens the total). Needs of
/// higher priority are never displaced, so W is never written down: every number is a distance in millimetres.
/// Shortest paths use Dijkstra on reduced costs with node potentials kept valid after every augmentation.
/// </summary>
internal sealed class PartSolver(MatchingProblem problem, int[] capacities, int[] localOfResource, int[] resourceOut, long[] millimetresOut)
{
    private const int Unassigned = -1;

    // Local graph: needs 0..cn-1, resources cn..cn+cm-1 (as nodes), the sink t = cn+cm.
    private int[] _rowStart = new int[16];
    private int[] _edgeTo = new int[16]; // local resource index 0..cm-1
    private long[] _edgeMm = new long[16];
    private int[] _capacity = new int[16];
    private int[] _slotStart = new int[16];
    private int[] _load = new int[16];
    private int[] _slots = new int[16];
    private bool[] _closed = new bool[16];
    private int[] _assigned = new int[16];
    private long[] _assignedMm = new long[16];
    private int[] _position = new int[16];
    private long[] _potential = new long[16];
    private long[] _distance = new long[16];
    private int[] _parent = new int[16];
    private int[] _parentEdge = new int[16];
    private int[] _seen = new int[16];
    private int[] _done = new int[16];
    private byte[] _priority = new byte[16];
    private readonly long[] _lowestPotential = new long[MatchingProblem.LowestPriority + 1];
    private int[] _region = new int[16];
    private long[] _regionLowest = new long[64];
    private readonly List<int> _settled = [];
    private readonly NodeHeap _heap = new();
    private int _stamp;

    /// <summary>Solves the part; true when it was trivial (every need's nearest resource had room).</summary>
    public bool Solve(ArraySegment<int> needs, ArraySegment<int> resources)
    {
        var cn = needs.Count;
        var cm = resources.Count;
        var nodes = cn + cm + 1;
        for (var r = 0; r < cm; r++)
        {
            localOfResource[resources[r]] = r;
        }

        Build(needs, resources);
        if (SolveTrivially(needs, resources))
        {
            return true;
        }

        Grow(ref _potential, nodes);
        Grow(ref _distance, nodes);
        Grow(ref _parent, nodes);
        Grow(ref _parentEdge, nodes);
        Grow(ref _seen, nodes);
        Grow(ref _done, nodes);
        Grow(ref _closed, cm);
        Grow(ref _assigned, cn);
        Grow(ref _assignedMm, cn);
        Grow(ref _position, cn);
        Array.Clear(_potential, 0, nodes);
        Array.Clear(_seen, 0, nodes);
        Array.Clear(_done, 0, nodes);
        Array.Clear(_closed, 0, cm);
        Array.Fill(_assigned, Unassigned, 0, cn);
        Array.Clear(_load, 0, cm);
        _stamp = 0;

        // Priority first; within a priority the needs nearest to a resource first, which makes later swaps rarer.
        var priorities = problem.Priorities;
        var keys = new (int Priority, long Nearest, int Need)[cn];
        for (var a = 0; a < cn; a++)
        {
            keys[a] = (priorities[needs[a]], _edgeMm[_rowStart[a]], a);
        }

        Array.Sort(keys);
        Grow(ref _priority, cn);
        for (var a = 0; a < cn; a++)
        {
            _priority[a] = priorities[needs[a]];
        }

        Array.Fill(_lowestPotential, long.MaxValue);
        Grow(ref _region, cm);
        Grow(ref _regionLowest, cm * Slots);
        for (var r = 0; r < cm; r++)
        {
            _region[r] = r;
        }

        Array.Fill(_regionLowest, long.MaxValue, 0, cm * Slots);
        foreach (var (priority, _, i) in keys)
        {
            Add(i, priority, cn, cm);
        }

        for (var a = 0; a < cn; a++)
        {
            var r = _assigned[a];
            resourceOut[needs[a]] = r == Unassigned ? -1 : resources[r];
            millimetresOut[needs[a]] = r == Unassigned ? 0 : _assignedMm[a];
        }

        return false;
    }

    private void Build(ArraySegment<int> needs, ArraySegment<int> resources)
    {
        var cm = resources.Count;
        var start = problem.EdgeStart;
        var to = problem.EdgeResource;
        var mm = problem.EdgeMillimetres;
        var cn = needs.Count;
        Grow(ref _rowStart, cn + 1);
        Grow(ref _capacity, cm);
        Grow(ref _load, cm);
        Array.Clear(_capacity, 0, cm);
        var count = 0;
        foreach (var i in needs)
        {
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                count += capacities[to[k]] > 0 ? 1 : 0;
            }
        }

        Grow(ref _edgeTo, count);
        Grow(ref _edgeMm, count);
        count = 0;
        for (var a = 0; a < cn; a++)
        {
            _rowStart[a] = count;
            var i = needs[a];
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                if (capacities[to[k]] > 0)
                {
                    var r = localOfResource[to[k]];
                    _edgeTo[count] = r;
                    _edgeMm[count] = mm[k];
                    _capacity[r]++; // degree for now
                    count++;
                }
            }
        }

        _rowStart[cn] = count;

        // A resource never holds more needs than it has edges, so slots are capped at the degree.
        var slots = 0;
        Grow(ref _slotStart, cm + 1);
        for (var r = 0; r < cm; r++)
        {
            _capacity[r] = Math.Min(_capacity[r], capacities[resources[r]]);
            _slotStart[r] = slots;
            slots += _capacity[r];
        }

        _slotStart[cm] = slots;
        Grow(ref _slots, slots);
    }

    private bool SolveTrivially(ArraySegment<int> needs, ArraySegment<int> resources)
    {
        var cm = resources.Count;
        Array.Clear(_load, 0, cm);
        for (var a = 0; a < needs.Count; a++)
        {
            if (++_load[_edgeTo[_rowStart[a]]] > _capacity[_edgeTo[_rowStart[a]]])
            {
                return false;
            }
        }

        for (var a = 0; a < needs.Count; a++)
        {
            resourceOut[needs[a]] = resources[_edgeTo[_rowStart[a]]];
            millimetresOut[needs[a]] = _edgeMm[_rowStart[a]];
        }

        return true;
    }

    private bool AllClosed(int i)
    {
        for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
        {
            if (!_closed[_edgeTo[k]])
            {
                return false;
            }
        }

        return true;
    }

    private void Add(int i, int priority, int cn, int cm)
    {
        var t = cn + cm;
        var potential = _potential;

        // A fresh node: the least potential that makes all its arcs' reduced costs non-negative.
        var pi = long.MinValue;
        for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
        {
            pi = Math.Max(pi, potential[cn + _edgeTo[k]] - _edgeMm[k]);
        }

        potential[i] = pi;

        // A swap with an assigned need v of the same priority costs (raw) δ(v) + π(v) − π(i) ≥ lowest π − π(i), so when
        // π(i) is at most the lowest potential of the needs it can reach, no swap can shorten the total. Needs whose
        // resources are all cut off from free room reach only the needs of those resources' closed regions.
        var noSwap = pi <= _lowestPotential[priority];
        if (AllClosed(i))
        {
            var lowest = long.MaxValue;
            for (var k = _rowStart[i]; k < _rowStart[i + 1]; k++)
            {
                lowest = Math.Min(lowest, _regionLowest[(Region(_edgeTo[k]) * Slots) + priority]);
            }

            if (pi <= lowest)
            {
                return; // no path to free room, and no swap worth making
            }

            var (best, bound) = SearchSwap(i, cn, pi - lowest);
            if (best >= 0)
            {
                // Once placed, i links the regions of all its resources: they become one.
                for (var k = _rowStart[i] + 1; k < _rowStart[i + 1]; k++)
                {
                    Merge(Region(_edgeTo[_rowStart[i]]), Region(_edgeTo[k]));
                }

                Settle(bound, cn);
                Swap(i, best, cn);
            }

            return;
        }

        if (ShortestPaths(i, cn, t, out var furthest))
        {
            Settle(_distance[t], cn);
            Augment(_parent[t] - cn, cn);
            return;
        }

        // No free room reachable: everything reached stays cut off from free room for good.
        var chosen = -1;
        var chosenRaw = 0L;
        Close(cn);
        foreach (var v in _settled)
        {
            if (v < cn && v != i && _priority[v] == priority && !noSwap)
            {
                var raw = _distance[v] - pi + potential[v];
                if (raw < chosenRaw)
                {
                    (chosen, chosenRaw) = (v, raw);
                }
            }
        }

        if (chosen >= 0)
        {
            Settle(furthest, cn);
            Swap(i, chosen, cn);
        }
    }

    private const int Slots = MatchingProblem.LowestPriority + 1;

    /// <summary>
    /// The resources settled by a search that found no free room are cut off from free room for good (any later path
    /// into them stays inside them); they become one closed region, which remembers the lowest potential of the needs
    /// placed at its resources, per priority.
    /// </summary>
    private void Close(int cn)
    {
        var root = -1;
        foreach (var v in _settled)
        {
            if (v < cn)
            {
                continue;
            }

            var r = v - cn;
            if (!_closed[r])
            {
                _closed[r] = true;
                for (var s = _slotStart[r]; s < _slotStart[r] + _load[r]; s++)
                {
                    var a = _slots[s];
                    ref var lowest = ref _regionLowest[(r * Slots) + _priority[a]];
                    lowest = Math.Min(lowest, _potential[a]);
                }
            }

            var other = Region(r);
            if (root < 0)
            {
                root = other;
            }
            else
            {
                Merge(root, other);
            }
        }
    }

    /// <summary>Joins region <paramref name="other"/> into <paramref name="root"/> (both roots).</summary>
    private void Merge(int root, int other)
    {
        if (other == root)
        {
            return;
        }

        _region[other] = root;
        for (var p = 0; p < Slots; p++)
        {
            _regionLowest[(root * Slots) + p] = Math.Min(_regionLowest[(root * Slots) + p], _regionLowest[(other * Slots) + p]);
        }
    }

    private int Region(int r)
    {
        while (_region[r] != r)
        {
            _region[r] = _region[_region[r]];
            r = _region[r];
        }

        return r;
    }

    /// <summary>Keeps the lowest potentials (per priority, in the part and in a closed region) at most that of placed need a.</summary>
    private void NoteLowest(int a)
    {
        ref var lowest = ref _lowestPotential[_priority[a]];
        lowest = Math.Min(lowest, _potential[a]);
        var r = _assigned[a];
        if (_closed[r])
        {
            ref var regional = ref _regionLowest[(Region(r) * Slots) + _priority[a]];
            regional = Math.Min(regional, _potential[a]);
        }
    }

    /// <summary>Need <paramref name="best"/> gives up its place; the path from i to it shifts every need on it.</summary>
    private void Swap(int i, int best, int cn)
    {
        Debug.Assert(best != i, "a need cannot swap with itself");
        var from = _assigned[best];
        Remove(best, from);
        Augment(from, cn);
    }

    /// <summary>Dijkstra from need <paramref name="source"/> on reduced costs; stops when the sink is settled.</summary>
    private bool ShortestPaths(int source, int cn, int t, out long furthest)
    {
        Start(source);
        furthest = 0;
        while (_heap.TryPop(out var u, out var du))
        {
            if (_done[u] == _stamp || du != _distance[u])
            {
                continue;
            }

            if (u == t)
            {
                return true;
            }

            if (u >= cn && t >= 0 && _load[u - cn] < _capacity[u - cn] && _potential[u] == _potential[t])
            {
                // A resource with room whose arc to the sink is tight: the sink is at the same distance, and no node
                // can be nearer, so stop before relaxing the resource's other arcs.
                _done[u] = _stamp;
                _settled.Add(u);
                _distance[t] = du;
                _parent[t] = u;
                return true;
            }

            SettleNode(u, du, cn, t);
            furthest = du;
        }

        return false;
    }

    /// <summary>
    /// Dijkstra from need <paramref name="source"/> whose resources are all cut off from free room: looks for the assigned
    /// need of the same priority whose giving up its place saves the most, and stops as soon as no node left can beat
    /// the best found (raw cost of v ≥ δ(v) − <paramref name="gap"/>). Returns it (or -1) and the bound for
    /// <see cref="Settle"/>.
    /// </summary>
    private (int Best, long Bound) SearchSwap(int source, int cn, long gap)
    {
        Start(source);
        var priority = _priority[source];
        var potential = _potential;
        var best = -1;
        var bestRaw = 0L;
        var bound = 0L;
        while (_heap.TryPop(out var u, out var du))
        {
            if (_done[u] == _stamp || du != _distance[u])
            {
                continue;
            }

            bound = du;
            if (du - gap >= bestRaw)
            {
                return (best, du);
            }

            SettleNode(u, du, cn, -1);
            if (u < cn && u != source && _priority[u] == priority)
            {
                var raw = du - potential[source] + potential[u];
                if (raw < bestRaw)
                {
                    (best, bestRaw) = (u, raw);
                }
            }
        }

        return (best, bound);
    }

    private void Start(int source)
    {
        var stamp = ++_stamp;
        _heap.Clear();
        _settled.Clear();
        _distance[source] = 0;
        _seen[source] = stamp;
        _parent[source] = -1;
        _heap.Push(source, 0);
    }

    /// <summary>Settles <paramref name="u"/> and relaxes its residual arcs (to the sink only when <paramref name="t"/> ≥ 0).</summary>
    private void SettleNode(int u, long du, int cn, int t)
    {
        var stamp = _stamp;
        var potential = _potential;
        _done[u] = stamp;
        _settled.Add(u);
        if (u < cn)
        {
            var at = _assigned[u];
            for (var k = _rowStart[u]; k < _rowStart[u + 1]; k++)
            {
                var r = _edgeTo[k];
                if (r != at)
                {
                    Relax(u, cn + r, du + _edgeMm[k] + potential[u] - potential[cn + r], k, stamp);
                }
            }
        }
        else
        {
            var r = u - cn;
            if (t >= 0 && _load[r] < _capacity[r])
            {
                Relax(u, t, du + potential[u] - potential[t], -1, stamp);
            }

            for (var s = _slotStart[r]; s < _slotStart[r] + _load[r]; s++)
            {
                var a = _slots[s];
                Relax(u, a, du - _assignedMm[a] + potential[u] - potential[a], -1, stamp);
            }
        }
    }

    private void Relax(int from, int to, long candidate, int edge, int stamp)
    {
        Debug.Assert(candidate >= _distance[from], "reduced costs must stay non-negative");
        if (_done[to] == stamp || (_seen[to] == stamp && _distance[to] <= candidate))
        {
            return;
        }

        _seen[to] = stamp;
        _distance[to] = candidate;
        _parent[to] = from;
        _parentEdge[to] = edge;
        _heap.Push(to, candidate);
    }

    /// <summary>
    /// Moves the potentials of the settled nodes (all within <paramref name="bound"/>, every other node at least that
    /// far) so the shortest paths become tight; potentials only fall, so the lowest per priority stays a lower bound.
    /// </summary>
    private void Settle(long bound, int cn)
    {
        foreach (var v in _settled)
        {
            Debug.Assert(_distance[v] <= bound, "settled nodes lie within the bound");
            _potential[v] += _distance[v] - bound;
            if (v < cn && _assigned[v] != Unassigned)
            {
                NoteLowest(v);
            }
        }
    }

    /// <summary>Walks the path back from resource <paramref name="r"/>: each need on it moves to the resource after it.</summary>
    private void Augment(int r, int cn)
    {
        while (true)
        {
            var node = cn + r;
            var a = _parent[node];
            var mm = _edgeMm[_parentEdge[node]];
            var old = _assigned[a];
            if (old != Unassigned)
            {
                Remove(a, old);
            }

            Place(a, r, mm);
            if (old == Unassigned)
            {
                return;
            }

            r = old;
        }
    }

    private void Place(int a, int r, long mm)
    {
        Debug.Assert(_load[r] < _capacity[r], "capacity must never be exceeded");
        _slots[_slotStart[r] + _load[r]] = a;
        _position[a] = _load[r]++;
        _assigned[a] = r;
        _assignedMm[a] = mm;
        NoteLowest(a);
    }

    private void Remove(int a, int r)
    {
        var last = _slots[_slotStart[r] + --_load[r]];
        _slots[_slotStart[r] + _position[a]] = last;
        _position[last] = _position[a];
        _assigned[a] = Unassigned;
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
