package io.jenkins.plugins.adoworkitems.bench;

import io.jenkins.plugins.adoworkitems.core.finding.Asset;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Fingerprints;
import io.jenkins.plugins.adoworkitems.core.finding.Location;
import io.jenkins.plugins.adoworkitems.core.parse.FindingsReader;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * N distinct findings made from real scanner reports: every finding of the Trivy and SARIF samples as the tools
 * wrote it, then copies of them as if the same code and dependencies lived in further services of a monorepo
 * ({@code svc-2/…}, {@code svc-3/…}), which gives each copy its own fingerprint. The first {@code n} findings of a
 * larger set are the same as those of a smaller one, so a prefix of a run is a smaller run.
 */
final class SyncFindings {
    private final List<Report> samples;

    private SyncFindings(List<Report> samples) {
        this.samples = samples;
    }

    /** Reads every Trivy and SARIF sample that parses; the others (the deliberately broken ones) are skipped. */
    static SyncFindings fromSamples(Path samplesDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String format : List.of("trivy", "sarif")) {
            try (Stream<Path> listing = Files.list(samplesDir.resolve(format))) {
                listing.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        List<Report> reports = new ArrayList<>();
        for (Path file : files) {
            try {
                Report report = new FindingsReader().read(ReportInput.of(file), Optional.empty());
                List<Finding> kept = report.findings().stream().filter(finding -> !finding.suppressed()).toList();
                if (!kept.isEmpty()) {
                    reports.add(new Report(report.source(), report.format(), kept, report.summary()));
                }
            } catch (ReportException e) {
                System.err.println("skipping sample " + file.getFileName() + ": " + e.getMessage());
            }
        }
        if (reports.isEmpty()) {
            throw new IOException("No findings in the samples under " + samplesDir);
        }
        return new SyncFindings(reports);
    }

    /** The first {@code n} distinct findings, in one report per sample they came from. */
    List<Report> reports(int n) {
        List<List<Finding>> bySample = new ArrayList<>();
        samples.forEach(sample -> bySample.add(new ArrayList<>()));
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (int copy = 1; count < n; copy++) {
            int before = count;
            for (int s = 0; s < samples.size(); s++) {
                for (Finding original : samples.get(s).findings()) {
                    if (count == n) {
                        break;
                    }
                    Finding finding = copy == 1 ? original : inService(original, copy);
                    if (seen.add(finding.fingerprint().value())) {
                        bySample.get(s).add(finding);
                        count++;
                    }
                }
            }
            if (count == before) {
                throw new IllegalStateException("the samples give no new findings after " + count);
            }
        }
        List<Report> reports = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) {
            Report sample = samples.get(s);
            if (!bySample.get(s).isEmpty()) {
                reports.add(new Report(sample.source(), sample.format(), bySample.get(s), sample.summary()));
            }
        }
        return reports;
    }

    static int count(List<Report> reports) {
        return reports.stream().mapToInt(report -> report.findings().size()).sum();
    }

    /**
     * The finding as it would be reported in service number {@code copy}: its paths and scan target moved under
     * {@code svc-<copy>/}. The fingerprint is computed again from the moved parts, as a parser would.
     */
    private static Finding inService(Finding finding, int copy) {
        String prefix = "svc-" + copy + "/";
        List<Location> locations = finding.locations().stream().map(location -> moved(location, prefix)).toList();
        Asset asset = finding.asset();
        if (asset.isPackage()) {
            String target = asset.target().isEmpty() ? asset.image() : asset.target();
            asset = new Asset(asset.packageName(), asset.installedVersion(), asset.fixedVersion(), asset.ecosystem(),
                    asset.image(), prefix + target, asset.url(), asset.method(), asset.parameter());
        }
        if (locations.isEmpty()) {
            locations = List.of(Location.of(prefix, 0));
        }
        return new Finding(finding.tool(), finding.rule(), finding.severity(), finding.originalSeverity(),
                finding.score(), finding.level(), finding.kind(), finding.message(), locations,
                finding.relatedLocations(), asset, finding.identifiers(), false, finding.baselineState(),
                Fingerprints.of(finding.tool(), finding.rule(), asset, locations, finding.message(), Map.of()),
                finding.properties(), finding.target());
    }

    private static Location moved(Location location, String prefix) {
        return new Location(prefix + location.path(), location.startLine(), location.startColumn(), location.endLine(),
                location.endColumn(), location.snippet(), location.message());
    }
}
