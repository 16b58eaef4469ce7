package io.jenkins.plugins.adoworkitems.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    @Test
    void readsTheUnitsPeopleType() {
        assertThat(DurationConverter.parse("50ms")).isEqualTo(Duration.ofMillis(50));
        assertThat(DurationConverter.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationConverter.parse("5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> DurationConverter.parse("soon")).hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("-1s")).isInstanceOf(IllegalArgumentException.class);
    }
}
