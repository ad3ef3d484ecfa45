package io.wolfpack.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Group commit for ZooKeeper transactions. Every committed batch waits here; a committer thread
 * writes whatever arrived while the previous transaction was in flight as a single multi (one
 * log write, one fsync), then answers each caller. A caller still returns only once its own
 * operations are durable, exactly as if it had written alone. Many concurrent writers (API
 * calls, agent reports, the controller) then cost ZooKeeper a few large transactions instead of
 * one small transaction each.
 *
 * <p>A multi is all or nothing, so one caller's conflict (a stale version, a node that already
 * exists) would fail every batch grouped with it: ZooKeeper's result names the failed operation,
 * the batch holding it alone gets the failure, and the others are written again without it
 * (each alone, when the result names none).
 *
 * @param <T> one operation of a transaction
 */
final class CommitQueue<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommitQueue.class);

    /** Writes operations in one transaction; throws what ZooKeeper answered. */
    interface Writer<T> {
        void write(List<T> ops) throws Exception;

        /** The index of the operation that made a transaction fail, or -1 when the failure does not say. */
        int failedOp(Exception failure);
    }

    private record Pending<T>(List<T> ops, long bytes, CompletableFuture<Void> done) {
    }

    private final Writer<T> writer;
    private final int maxOps;
    private final long maxBytes;
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running = true;
    private long transactions;
    private long batches;

    /**
     * @param maxOps   most operations grouped into one transaction (a single larger batch still goes alone)
     * @param maxBytes most data grouped into one transaction, well under ZooKeeper's request limit (jute.maxbuffer, 1 MB)
     * @param inFlight transactions in flight at once (committer threads); one suffices: the next
     *                 group gathers while the last is being logged
     */
    CommitQueue(String name, Writer<T> writer, int maxOps, long maxBytes, int inFlight) {
        this.writer = writer;
        this.maxOps = maxOps;
        this.maxBytes = maxBytes;
        for (int i = 0; i < inFlight; i++) {
            Thread t = new Thread(this::run, name + "-" + i);
            t.setDaemon(true);
            committers.add(t);
            t.start();
        }
    }

    /** Writes {@code ops} in a transaction, possibly together with other callers', and returns once it is durable. */
    void commit(List<T> ops, long bytes) throws Exception {
        CompletableFuture<Void> done = submit(ops, bytes);
        try {
            done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Queues {@code ops} for a transaction; the future completes once they are durable, or with
     * what ZooKeeper answered. It completes on a committer thread: callers must not block there.
     */
    CompletableFuture<Void> submit(List<T> ops, long bytes) {
        Pending<T> p = new Pending<>(List.copyOf(ops), bytes, new CompletableFuture<>());
        synchronized (queue) {
            if (!running) return CompletableFuture.failedFuture(new IllegalStateException("the ZooKeeper store is closed"));
            queue.addLast(p);
            queue.notifyAll();
        }
        return p.done();
    }

    /** Transactions written and batches committed so far (their ratio is the grouping achieved). */
    synchronized long[] counts() {
        return new long[]{transactions, batches};
    }

    private void run() {
        while (running) {
            List<Pending<T>> group;
            try {
                group = take();
            } catch (InterruptedException e) {
                break;
            }
            try {
                write(group);
            } catch (RuntimeException | Error e) {
                log.error("group commit failed unexpectedly", e);
                group.forEach(p -> p.done().completeExceptionally(e));
            }
        }
        failRemaining();
    }

    /** Everything queued, up to the size limits; blocks until there is something. */
    private List<Pending<T>> take() throws InterruptedException {
        synchronized (queue) {
            while (queue.isEmpty()) queue.wait();
            List<Pending<T>> group = new ArrayList<>();
            int ops = 0;
            long bytes = 0;
            while (!queue.isEmpty()) {
                Pending<T> next = queue.peekFirst();
                if (!group.isEmpty() && (ops + next.ops().size() > maxOps || bytes + next.bytes() > maxBytes)) break;
                group.add(queue.pollFirst());
                ops += next.ops().size();
                bytes += next.bytes();
            }
            return group;
        }
    }

    private void write(List<Pending<T>> group) {
        List<Pending<T>> left = new ArrayList<>(group);
        while (left.size() > 1) {
            List<T> all = new ArrayList<>();
            for (Pending<T> p : left) all.addAll(p.ops());
            try {
                writer.write(all);
                count(1, left.size());
                left.forEach(p -> p.done().complete(null));
                return;
            } catch (Exception grouped) {
                // All or nothing: nothing was written. The batch holding the failed operation
                // gets the failure; the others are written again without it.
                Pending<T> culprit = holding(left, writer.failedOp(grouped));
                if (culprit == null) {
                    log.debug("a group of {} batches failed ({}); writing them one by one", left.size(), grouped.toString());
                    left.forEach(this::writeAlone);
                    return;
                }
                culprit.done().completeExceptionally(grouped);
                left.remove(culprit);
            }
        }
        if (left.size() == 1) writeAlone(left.get(0));
    }

    private static <T> Pending<T> holding(List<Pending<T>> group, int op) {
        if (op < 0) return null;
        int end = 0;
        for (Pending<T> p : group) {
            end += p.ops().size();
            if (op < end) return p;
        }
        return null;
    }

    private void writeAlone(Pending<T> p) {
        try {
            writer.write(p.ops());
            count(1, 1);
            p.done().complete(null);
        } catch (Exception e) {
            p.done().completeExceptionally(e);
        }
    }

    private synchronized void count(long tx, long committed) {
        transactions += tx;
        batches += committed;
    }

    private void failRemaining() {
        synchronized (queue) {
            running = false;
            IllegalStateException closed = new IllegalStateException("the ZooKeeper store was closed before the write");
            queue.forEach(p -> p.done().completeExceptionally(closed));
            queue.clear();
        }
    }

    @Override
    public void close() {
        running = false;
        committers.forEach(Thread::interrupt);
        failRemaining();
    }
}
