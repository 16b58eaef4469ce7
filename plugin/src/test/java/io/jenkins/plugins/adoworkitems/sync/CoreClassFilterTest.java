package io.jenkins.plugins.adoworkitems.sync;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.FingerprintSet;
import io.jenkins.plugins.adoworkitems.core.parse.ReadResult;
import io.jenkins.plugins.adoworkitems.core.parse.ReportOutline;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoreClassFilterTest {
    private final CoreClassFilter filter = new CoreClassFilter();

    @Test
    void permitsWhatAReportScannerSendsBack() {
        assertThat(filter.permits(ScreenedScan.class)).isTrue();
        assertThat(filter.permits(ReportOutline.class)).isTrue();
        assertThat(filter.permits(FingerprintSet.class)).isTrue();
        assertThat(filter.permits(Finding.class)).isTrue();
    }

    @Test
    void leavesEverythingElseToJenkins() {
        assertThat(filter.permits(SyncResult.class)).isNull();
        // Every finding of every report: no longer sent back, since the agent filters.
        assertThat(filter.permits(ReadResult.class)).isNull();
        // Same packages, but never sent back: permitted before the list was exact.
        assertThat(filter.permits(io.jenkins.plugins.adoworkitems.core.parse.ReportInput.class)).isNull();
        assertThat(filter.permits(io.jenkins.plugins.adoworkitems.core.finding.Fingerprints.class)).isNull();
        assertThat(filter.permits(String.class)).isNull();
        assertThat(filter.permits(java.util.concurrent.ConcurrentHashMap.class)).isNull();
    }
}
