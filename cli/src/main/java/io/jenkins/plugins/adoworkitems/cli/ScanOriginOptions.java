package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.finding.ScanTarget;
import io.jenkins.plugins.adoworkitems.core.sync.ScanOrigin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What was scanned and for which build: the target of reports that name none, and the branch and pull request,
 * read from the CI's own variables when not given (docs/cli.md, "Scope").
 */
final class ScanOriginOptions {
    /** The variables each CI sets in pull-request builds, in the order they are tried. */
    static final List<String> PULL_REQUEST_VARIABLES = List.of("CHANGE_ID", "SYSTEM_PULLREQUEST_PULLREQUESTID",
            "CI_MERGE_REQUEST_IID");
    static final List<String> BRANCH_VARIABLES = List.of("BRANCH_NAME", "GITHUB_HEAD_REF", "GITHUB_REF_NAME",
            "BUILD_SOURCEBRANCHNAME", "CI_COMMIT_REF_NAME");
    private static final Pattern GITHUB_PULL_REF = Pattern.compile("refs/pull/(\\d+)/.*");

    @Option(names = "--target", paramLabel = "NAME",
            description = "The scan target of reports that name none: image:NAME, repo:URL, site:URL, path:DIR or any "
                    + "name. A sync resolves only items of the targets its reports covered.")
    String target;

    @Option(names = "--branch", paramLabel = "NAME",
            description = "The branch that was scanned (default: from BRANCH_NAME, GITHUB_HEAD_REF, GITHUB_REF_NAME, "
                    + "BUILD_SOURCEBRANCHNAME or CI_COMMIT_REF_NAME).")
    String branch;

    @Option(names = "--pull-request", paramLabel = "ID",
            description = "The pull request the build is for; such a sync only plans, unless the template has "
                    + "pullRequests: true. Default: from CHANGE_ID, SYSTEM_PULLREQUEST_PULLREQUESTID, "
                    + "CI_MERGE_REQUEST_IID or GitHub's pull_request event. --pull-request '' for a branch build.")
    String pullRequest;

    ScanOrigin origin(Map<String, String> environment) {
        return new ScanOrigin(target == null ? "" : ScanTarget.parse(target),
                branch != null ? branch : first(environment, BRANCH_VARIABLES),
                pullRequest != null ? pullRequest : pullRequest(environment));
    }

    private static String pullRequest(Map<String, String> environment) {
        String id = first(environment, PULL_REQUEST_VARIABLES);
        if (!id.isEmpty()) {
            return id;
        }
        String event = environment.getOrDefault("GITHUB_EVENT_NAME", "");
        Matcher ref = GITHUB_PULL_REF.matcher(environment.getOrDefault("GITHUB_REF", ""));
        return event.startsWith("pull_request") && ref.matches() ? ref.group(1) : "";
    }

    private static String first(Map<String, String> environment, List<String> names) {
        return names.stream().map(name -> environment.getOrDefault(name, "").trim()).filter(value -> !value.isEmpty())
                .findFirst().orElse("");
    }
}
