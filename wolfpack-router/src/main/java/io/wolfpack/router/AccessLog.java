package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The access log, kept off the request path: event loops only offer an {@link AccessLogEntry} to a
 * bounded queue; one background thread formats and writes the lines, and flushes whenever the queue
 * runs empty (so lines show up promptly when quiet and are batched when busy). When the queue is
 * full the line is dropped and counted: a slow disk must never slow down or stall the proxy.
 */
final class AccessLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final AccessLog DISABLED = new AccessLog();
    /** How often the idle writer looks whether it should stop. */
    private static final long POLL_MILLIS = 200;

    private final BlockingQueue<AccessLogEntry> queue;
    private final Counter dropped;
    private final Writer out;
    private final boolean closeOut;
    private final String name;
    private final Thread thread;
    private volatile boolean stopping;
    private boolean failing; // writer thread only

    private AccessLog() {
        queue = null;
        dropped = null;
        out = null;
        closeOut = false;
        name = "off";
        thread = null;
    }

    /** Writes to {@code out}; closes it on {@link #close} only when {@code closeOut}. */
    AccessLog(OutputStream out, boolean closeOut, String name, int queueLines, Counter dropped) {
        this.queue = new ArrayBlockingQueue<>(queueLines);
        this.dropped = dropped;
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.closeOut = closeOut;
        this.name = name;
        this.thread = new Thread(this::run, "wolfpack-router-access-log");
        thread.setDaemon(true); // never the reason the JVM stays up; Router.close drains it
        thread.start();
    }

    /** An access log that takes nothing. */
    static AccessLog disabled() {
        return DISABLED;
    }

    /** Opens the log {@code config} names (appending to a file), or returns the disabled one. */
    static AccessLog open(AccessLogConfig config, Counter dropped) {
        if (!config.enabled()) return DISABLED;
        if (config.toStdout()) return new AccessLog(System.out, false, "standard output", config.queueLines(), dropped);
        try {
            return new AccessLog(new FileOutputStream(config.destination(), true), true, config.destination(),
                    config.queueLines(), dropped);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the access log " + config.destination() + ": " + e.getMessage()
                    + " (does its directory exist, and may this user write there?)", e);
        }
    }

    boolean enabled() {
        return thread != null;
    }

    /** Queues one line; never blocks. A full queue drops it and counts the drop. */
    void log(AccessLogEntry entry) {
        if (thread == null) return;
        if (!queue.offer(entry)) dropped.increment();
    }

    private void run() {
        while (!stopping || !queue.isEmpty()) {
            try {
                AccessLogEntry e = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (e == null) continue;
                do {
                    write(e);
                } while ((e = queue.poll()) != null);
                flush();
            } catch (InterruptedException e) {
                stopping = true; // finish what is queued, then stop
            } catch (Throwable t) {
                // a writer thread that died quietly would lose every line from then on
                log.warn("access log {}: unexpected error; continuing", name, t);
            }
        }
    }

    private void write(AccessLogEntry e) {
        try {
            out.write(e.format());
            out.write('\n');
            failing = false;
        } catch (IOException ex) {
            writeFailed(ex);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException ex) {
            writeFailed(ex);
        }
    }

    private void writeFailed(IOException ex) {
        // once per outage, not once per line
        if (!failing) log.warn("access log {}: write failed, lines are being lost until it works again: {}", name, ex.toString());
        failing = true;
    }

    /** Writes what is queued, then stops the writer and closes the file. */
    @Override
    public void close() {
        if (thread == null) return;
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (closeOut) out.close();
            else out.flush();
        } catch (IOException e) {
            log.warn("access log {}: closing failed: {}", name, e.toString());
        }
    }
}
