package io.jenkins.plugins.adoworkitems.core.sync;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per Azure DevOps project, so that two syncs in one JVM (two Jenkins builds at once) never plan against
 * the same items at the same time. The owner (the Jenkins plugin, the CLI process) keeps one instance; syncs in
 * other processes are covered by the re-check after create (docs/sync.md).
 */
public final class SyncLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReentrantLock lockFor(String targetUrl, String project) {
        return locks.computeIfAbsent((targetUrl + "|" + project).toLowerCase(Locale.ROOT), key -> new ReentrantLock());
    }
}
