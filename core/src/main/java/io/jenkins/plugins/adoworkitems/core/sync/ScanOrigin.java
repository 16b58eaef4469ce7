package io.jenkins.plugins.adoworkitems.core.sync;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a scan came from, as far as the sync needs to know (docs/sync.md, "Scope"): the target to assume for
 * reports that name none, and the branch and pull request of the build.
 *
 * @param target a {@code ScanTarget} name for findings whose report names no target; empty for none
 * @param branch the branch the build scanned, for people reading the log; empty when unknown
 * @param pullRequest the pull (merge) request the build is for, empty for a branch build: such builds only plan,
 *                    unless the template allows them to write
 */
public record ScanOrigin(String target, String branch, String pullRequest) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final ScanOrigin NONE = new ScanOrigin("", "", "");

    public ScanOrigin {
        target = Objects.requireNonNullElse(target, "").trim();
        branch = Objects.requireNonNullElse(branch, "").trim();
        pullRequest = Objects.requireNonNullElse(pullRequest, "").trim();
    }

    public boolean isPullRequest() {
        return !pullRequest.isEmpty();
    }
}
