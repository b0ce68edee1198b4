using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace TouchpointPipeline.Storage.Sqlite;

/// <summary>
/// The one connection that writes to the database, with group commit: writes from every store and every concurrent
/// caller queue up, and whatever is queued when the writer is free runs in one immediate transaction, in queue
/// order. SQLite allows one writer at a time anyway; serializing in-process replaces the busy-wait (sleeps of up
/// to 100 ms inside <c>busy_timeout</c>) between pooled connections with a queue, and the commit, its WAL append and its
/// fsync are paid once per group instead of once per write.
/// </summary>
/// <remarks>
/// A write's task completes only after its transaction committed, so a caller never acts on a write that could still
/// roll back. A write that throws fails alone (the rest of the group runs again without it); a failed commit fails the whole group
/// (every caller sees the exception and its batch is retried). A write whose token is cancelled while it waits is
/// skipped; once started it runs to the commit.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxWritesPerTransaction = 1_000;

    private readonly SqliteConnections _connections;
    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private SqliteConnection? _connection;

    public SqliteWriter(SqliteConnections connections)
    {
        _connections = connections;
        _loop = Task.Run(RunAsync);
    }

    private interface IWrite
    {
        bool TryStart();

        void Execute(SqliteWriteScope scope);

        void Complete();

        void Fail(Exception exception);
    }

    /// <summary>Queues <paramref name="work"/>; the task completes with its result once its transaction committed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteWriteScope, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new Write<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(write), this);

        return write.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        CloseConnection();
    }

    private async Task RunAsync()
    {
        var group = new List<IWrite>(64);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxWritesPerTransaction && _queue.Reader.TryRead(out var write))
            {
                if (write.TryStart())
                {
                    group.Add(write);
                }
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitAsync(group);
            }
#pragma warning disable CA1031 // Every exception is handed to the callers whose writes it failed; the loop must go on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                // The transaction may be half-done or the connection broken: start the next group on a fresh one.
                CloseConnection();
                foreach (var write in group)
                {
                    write.Fail(exception);
                }
            }

            group.Clear();
        }
    }

    private async Task CommitAsync(List<IWrite> group)
    {
        _connection ??= await _connections.OpenAsync(CancellationToken.None);

        // No savepoint per write (each would cost two more statements): a write that throws rolls the whole group
        // back, fails alone, and the others run again in a fresh transaction (a write is a pure function of the
        // database state, so running it again is the same as running it once).
        var pending = group;
        while (true)
        {
            IWrite? failed = null;
            Exception? failure = null;
            using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                var scope = new SqliteWriteScope(_connection, transaction, _commands);
                foreach (var write in pending)
                {
                    try
                    {
                        write.Execute(scope);
                    }
#pragma warning disable CA1031 // The write's own failure goes to its caller; the rest of the group is retried.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        failed = write;
                        failure = exception;
                        break;
                    }
                }

                if (failed is null)
                {
                    transaction.Commit();
                    break;
                }

                transaction.Rollback();
            }

            failed.Fail(failure!);
            pending = pending.Where(w => !ReferenceEquals(w, failed)).ToList();
            if (pending.Count == 0)
            {
                return;
            }
        }

        foreach (var write in pending)
        {
            write.Complete();
        }
    }

    private void CloseConnection()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    private sealed class Write<T> : IWrite
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Cancelled = 2;

        private readonly Func<SqliteWriteScope, T> _work;
        private readonly CancellationToken _cancellationToken;
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _registration;
        private int _state;
        private T _result = default!;

        public Write(Func<SqliteWriteScope, T> work, CancellationToken cancellationToken)
        {
            _work = work;
            _cancellationToken = cancellationToken;
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.Register(static state => ((Write<T>)state!).Cancel(), this);
            }
        }

        public Task<T> Task => _completion.Task;

        public bool TryStart()
        {
            _registration.Dispose();
            return Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;
        }

        public void Execute(SqliteWriteScope scope) => _result = _work(scope);

        public void Complete() => _completion.TrySetResult(_result);

        public void Fail(Exception exception) => _completion.TrySetException(exception);

        private void Cancel()
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                _completion.TrySetCanceled(_cancellationToken);
            }
        }
    }
}
