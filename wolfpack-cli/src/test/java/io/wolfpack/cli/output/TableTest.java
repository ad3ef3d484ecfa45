package io.wolfpack.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {
    @Test
    void alignsColumnsToTheWidestCellWithoutTrailingBlanks() {
        String text = Table.of("NAME", "STATE", "MESSAGE")
                .row("web-k3x9q2", "running", "")
                .row("a", "backoff", "exited with code 1")
                .render();

        assertThat(text).isEqualTo("""
                NAME        STATE    MESSAGE
                web-k3x9q2  running  -
                a           backoff  exited with code 1
                """);
    }

    @Test
    void nullAndEmptyCellsPrintAsDashSoEveryLineHasTheSameFieldCount() {
        String text = Table.of("A", "B", "C").row(null, "", 7).render();

        assertThat(text.lines().skip(1).findFirst().orElseThrow().split("\\s+")).containsExactly("-", "-", "7");
    }

    @Test
    void headerOnlyWhenThereAreNoRows() {
        assertThat(Table.of("NAME", "STATE").render()).isEqualTo("NAME  STATE\n");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells but the table has 2 columns");
    }
}
