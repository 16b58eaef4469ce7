package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.sync.Action;
import io.jenkins.plugins.adoworkitems.core.sync.SyncResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {
    @Test
    void theTotalsSayWhenDuplicatesOfAConcurrentRunWereCleanedUp() {
        SyncResult cleaned = new SyncResult(List.of(), Map.of(Action.CREATE, 3), Map.of(), 12, false, List.of(), 2);
        SyncResult clean = new SyncResult(List.of(), Map.of(Action.CREATE, 3), Map.of(), 12, false, List.of(), 0);

        assertThat(ResultTable.totals(cleaned))
                .isEqualTo("create 3; 12 HTTP request(s); cleaned up 2 duplicate(s) created by a concurrent run");
        assertThat(ResultTable.totals(clean)).isEqualTo("create 3; 12 HTTP request(s)");
    }
}
