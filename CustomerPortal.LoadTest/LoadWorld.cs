namespace CustomerPortal.LoadTest;

/// <summary>One simulated person with one hub connection: a portal user on their customer's job thread, or staff following many threads.</summary>
public sealed class LoadPeer(int index, bool isStaff, string email)
{
    public int Index { get; } = index;
    public bool IsStaff { get; } = isStaff;
    public string Email { get; } = email;

    /// <summary>The single-use sign-in link a portal user signs in with (staff use their password).</summary>
    public string? LinkToken { get; set; }

    /// <summary>The sign-in cookie(s) as a Cookie header, once signed in.</summary>
    public string Cookie { get; set; } = "";

    /// <summary>Indexes into <see cref="LoadWorld.Threads"/> this peer follows.</summary>
    public List<int> Threads { get; } = [];
}

/// <summary>A customer's job and, once the messaging scenario has asked for it, the job's message thread.</summary>
public sealed class LoadThread(int index, int customerId, int jobId)
{
    public int Index { get; } = index;
    public int CustomerId { get; } = customerId;
    public int JobId { get; } = jobId;
    public int ThreadId { get; set; }

    /// <summary>Indexes into <see cref="LoadWorld.Peers"/> of everyone following this thread.</summary>
    public List<int> Followers { get; } = [];
}

public sealed class LoadWorld
{
    public const string StaffPassword = "Load-Test-pass-1";

    public List<LoadPeer> Peers { get; } = [];
    public List<LoadThread> Threads { get; } = [];

    /// <summary>
    /// The first <paramref name="connections"/> people (all staff first, then portal users in thread order) and the
    /// threads they are on, signed in as they are here: one seeded world serves each step of the scale mode.
    /// </summary>
    public LoadWorld FirstPeople(int connections)
    {
        var part = new LoadWorld();
        var threadCount = Threads.Count(t => t.Followers.Any(f => f < connections && !Peers[f].IsStaff));
        foreach (var thread in Threads.Take(threadCount))
        {
            var copy = new LoadThread(thread.Index, thread.CustomerId, thread.JobId) { ThreadId = thread.ThreadId };
            copy.Followers.AddRange(thread.Followers.Where(f => f < connections));
            part.Threads.Add(copy);
        }
        foreach (var peer in Peers.Take(connections))
        {
            var copy = new LoadPeer(peer.Index, peer.IsStaff, peer.Email) { LinkToken = peer.LinkToken, Cookie = peer.Cookie };
            copy.Threads.AddRange(peer.Threads.Where(t => t < threadCount));
            part.Peers.Add(copy);
        }
        return part;
    }
}
