package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import picocli.CommandLine.Option;

/** Links the CI knows and the scan does not, for the work items' descriptions. */
final class LinkOptions {
    @Option(names = "--build-url", paramLabel = "URL", description = "The CI build that ran the scan; linked from each item.")
    String buildUrl;

    @Option(names = "--build-name", paramLabel = "NAME", description = "How to show the build, e.g. 'app #42'.")
    String buildName;

    @Option(names = "--source-url", paramLabel = "URL",
            description = "Where source files can be viewed: a prefix (https://github.com/o/r/blob/SHA) or a pattern "
                    + "with {path} and {line}.")
    String sourceUrl;

    LinkContext links() {
        return new LinkContext(buildUrl, buildName, sourceUrl);
    }
}
