package io.jenkins.plugins.adoworkitems.core.finding;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintSetTest {
    @Test
    void holdsExactlyTheFingerprintsAddedWhateverTheirOrderAndRepeats() {
        Random random = new Random(17);
        Set<String> added = new HashSet<>();
        FingerprintSet.Builder builder = FingerprintSet.builder();
        for (int i = 0; i < 5_000; i++) {
            String fingerprint = String.format("%016x%016x", random.nextLong(), random.nextLong());
            added.add(fingerprint);
            builder.add(fingerprint).add(fingerprint);
        }
        // The ends of the unsigned order, which a signed comparison would put elsewhere.
        List.of("0".repeat(32), "f".repeat(32), "8" + "0".repeat(31), "7" + "f".repeat(31)).forEach(fingerprint -> {
            added.add(fingerprint);
            builder.add(fingerprint);
        });

        FingerprintSet set = builder.build();

        assertThat(set.size()).isEqualTo(added.size());
        assertThat(added).allSatisfy(fingerprint -> assertThat(set.contains(fingerprint)).as(fingerprint).isTrue());
        assertThat(set.contains("1".repeat(32))).isFalse();
        assertThat(set.contains("not a fingerprint")).isFalse();
        assertThat(set.with(set)).isEqualTo(set);
        assertThat(new FingerprintSet(set.values())).isEqualTo(set);
    }

    @Test
    void refusesWhatIsNotAFingerprint() {
        assertThatThrownBy(() -> FingerprintSet.builder().add("ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FingerprintSet(new long[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
