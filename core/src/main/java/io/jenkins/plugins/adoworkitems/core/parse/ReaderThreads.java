package io.jenkins.plugins.adoworkitems.core.parse;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads that read reports. */
public final class ReaderThreads {
    private ReaderThreads() {
    }

    /** Daemon threads, so a reader that is abandoned never keeps the JVM (a CLI, a Jenkins agent) from exiting. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
