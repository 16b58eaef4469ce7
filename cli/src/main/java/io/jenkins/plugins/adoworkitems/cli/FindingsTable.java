package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;

import java.io.PrintWriter;
import java.util.List;

/** The human table of findings. */
final class FindingsTable {
    private FindingsTable() {
    }

    static void print(PrintWriter out, List<Finding> findings) {
        out.printf("%-8s %-14s %-28s %-50s %s%n", "SEVERITY", "TOOL", "RULE", "WHERE", "FINGERPRINT");
        for (Finding finding : findings) {
            out.printf("%-8s %-14s %-28s %-50s %s%n", finding.severity().label(),
                    Text.cut(finding.tool().name(), 14), Text.cut(finding.rule().id(), 28),
                    Text.cut(where(finding), 50), finding.fingerprint().value());
        }
        out.printf("%d finding(s)%n", findings.size());
    }

    /** The location for code findings; package and version, or URL, for the others. */
    static String where(Finding finding) {
        Asset asset = finding.asset();
        if (asset.isPackage()) {
            String fixed = asset.fixedVersion().isEmpty() ? "" : " -> " + asset.fixedVersion();
            return asset.packageName() + " " + asset.installedVersion() + fixed;
        }
        if (asset.isEndpoint()) {
            return (asset.method().isEmpty() ? "" : asset.method() + " ") + asset.url();
        }
        return finding.primaryLocation().display();
    }
}
