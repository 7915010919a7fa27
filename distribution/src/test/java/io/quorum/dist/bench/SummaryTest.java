package io.quorum.dist.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void oddCountHasTheMiddleValueAsMedian() {
        Summary s = Summary.of(List.of(5.0, 1.0, 3.0));

        assertThat(s).isEqualTo(new Summary(3, 1.0, 3.0, 5.0, 5.0));
    }

    @Test
    void evenCountAveragesTheMiddleTwo() {
        assertThat(Summary.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void p90IsTheNearestRank() {
        List<Double> tenValues = List.of(10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0);
        List<Double> elevenValues = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0);

        // rank ceil(0.9 * 10) = 9 and ceil(0.9 * 11) = 10
        assertThat(Summary.of(tenValues).p90()).isEqualTo(9.0);
        assertThat(Summary.of(elevenValues).p90()).isEqualTo(10.0);
        assertThat(Summary.of(List.of(42.0)).p90()).isEqualTo(42.0);
    }

    @Test
    void quartilesForTheBoxPlot() {
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);

        assertThat(Summary.q1(values)).isEqualTo(2.0);
        assertThat(Summary.q3(values)).isEqualTo(6.0);
    }

    @Test
    void refusesAnEmptySampleAndNaN() {
        assertThatThrownBy(() -> Summary.of(List.of())).hasMessageContaining("no values");
        assertThatThrownBy(() -> Summary.of(List.of(1.0, Double.NaN))).hasMessageContaining("NaN");
    }
}
