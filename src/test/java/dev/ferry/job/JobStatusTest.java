package dev.ferry.job;

import static dev.ferry.job.JobStatus.CANCELLED;
import static dev.ferry.job.JobStatus.COMPLETED;
import static dev.ferry.job.JobStatus.FAILED;
import static dev.ferry.job.JobStatus.PROCESSING;
import static dev.ferry.job.JobStatus.QUEUED;
import static dev.ferry.job.JobStatus.RETRYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    /**
     * The state machine, written out independently of the enum. Rows are the status moved from, columns the status
     * moved to, in declaration order; X marks an allowed transition.
     */
    private static final List<JobStatus> COLUMNS = List.of(QUEUED, PROCESSING, RETRYING, COMPLETED, FAILED, CANCELLED);
    private static final String[] TABLE = {
            //            queued processing retrying completed failed cancelled
            "queued     :   .       X          .        .        .       X",
            "processing :   .       .          X        X        X       X",
            "retrying   :   .       X          .        .        .       X",
            "completed  :   .       .          .        .        .       .",
            "failed     :   X       .          .        .        .       .",
            "cancelled  :   .       .          .        .        .       .",
    };

    @Test
    void allowsExactlyTheTransitionsOfTheTableAndRefusesEveryOther() {
        assertThat(TABLE).hasSize(JobStatus.values().length);
        SoftAssertions softly = new SoftAssertions();
        for (String row : TABLE) {
            String[] halves = row.split(":");
            JobStatus from = JobStatus.fromWire(halves[0].trim());
            String[] marks = halves[1].trim().split("\\s+");
            assertThat(marks).hasSize(COLUMNS.size());
            for (int i = 0; i < COLUMNS.size(); i++) {
                JobStatus to = COLUMNS.get(i);
                boolean allowed = marks[i].equals("X");
                softly.assertThat(from.canMoveTo(to)).as("canMoveTo %s -> %s", from, to).isEqualTo(allowed);
                if (allowed) {
                    softly.assertThat(from.moveTo(to)).as("moveTo %s -> %s", from, to).isEqualTo(to);
                } else {
                    softly.assertThatThrownBy(() -> from.moveTo(to)).as("moveTo %s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void completedFailedAndCancelledAreTheOnlyTerminalStatuses() {
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal))
                .containsExactlyInAnyOrder(COMPLETED, FAILED, CANCELLED);
    }

    @Test
    void wireValuesAreLowerCaseNamesThatParseBack() {
        for (JobStatus status : JobStatus.values()) {
            assertThat(status.wire()).isEqualTo(status.name().toLowerCase());
            assertThat(JobStatus.fromWire(status.wire())).isSameAs(status);
        }
        assertThatThrownBy(() -> JobStatus.fromWire("PROCESSING")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobStatus.fromWire("done")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("done");
    }

    @Test
    void databaseCheckListsExactlyTheEnumsWireValues() throws IOException {
        String sql = Files.readString(Path.of("db/migration/V1__jobs.sql"));
        Matcher table = Pattern.compile("create table job \\((.*?)\\n\\);", Pattern.DOTALL).matcher(sql);
        assertThat(table.find()).as("create table job in V1__jobs.sql").isTrue();
        Matcher check = Pattern.compile("check \\(status in \\(([^)]*)\\)\\)").matcher(table.group(1));
        assertThat(check.find()).as("status CHECK of table job").isTrue();

        List<String> inDatabase = Arrays.stream(check.group(1).split(","))
                .map(value -> value.trim().replace("'", ""))
                .toList();

        assertThat(inDatabase).containsExactlyInAnyOrder(Arrays.stream(JobStatus.values()).map(JobStatus::wire)
                .toArray(String[]::new));
    }
}
