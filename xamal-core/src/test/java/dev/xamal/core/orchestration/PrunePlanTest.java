package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrunePlanTest {
    private static final String MARK = "#xamal:";

    /** An inventory as the host prints it: releases v1..v7 each with a shared runtime layer and its own app layer. */
    private static String inventory(List<String> releasesListed, List<String> history, String current, String... slots) {
        StringBuilder out = new StringBuilder(MARK + "releases\n");
        releasesListed.forEach(v -> out.append(v).append(" rt app-").append(v).append('\n'));
        out.append(MARK).append("history\n");
        history.forEach(v -> out.append("2026-11-26T08:00:00Z\tlocalhost:2201\tweb\t4000\t").append(v)
                .append("\tdeploy\n"));
        out.append(MARK).append("current\n").append(current.isEmpty() ? "" : "releases/" + current + "\n");
        out.append(MARK).append("slots\n");
        for (String slot : slots) {
            out.append(slot).append('\n');
        }
        out.append(MARK).append("layers\nrt\n");
        releasesListed.forEach(v -> out.append("app-").append(v).append('\n'));
        out.append(MARK).append("active_port\n4000\n").append(MARK).append("maintenance\n");
        return out.toString();
    }

    @Test
    void keepsTheActiveAndTheRetainedNewestByHistoryWhateverOrderTheHostListsThem() {
        // Listed in reverse name order (as a host sorting by shuffled mtimes might): history decides.
        List<String> listed = List.of("v7", "v1", "v6", "v2", "v5", "v3", "v4");
        AppInventory inv = AppInventory.parse(inventory(listed, List.of("v1", "v2", "v3", "v4", "v5", "v6", "v7"), "v7",
                "4000 ../releases/v7", "4001 ../releases/v6"));
        PrunePlan plan = PrunePlan.of(inv, 3);
        assertThat(plan.keep()).containsExactly("v7", "v6", "v5", "v4");
        assertThat(plan.removeReleases()).containsExactly("v3", "v2", "v1");
        assertThat(plan.removeLayers()).containsExactlyInAnyOrder("app-v1", "app-v2", "app-v3");
    }

    @Test
    void aRedeployOfAnOldVersionMakesItNewAndARollbackKeepsThePreviousOne() {
        // v2 deployed again last (a rollback): the active is v2, the previous v5.
        AppInventory inv = AppInventory.parse(inventory(List.of("v1", "v2", "v3", "v4", "v5"),
                List.of("v1", "v2", "v3", "v4", "v5", "v2"), "v2"));
        PrunePlan plan = PrunePlan.of(inv, 1);
        assertThat(plan.keep()).containsExactly("v2", "v5");
        assertThat(plan.removeReleases()).containsExactly("v4", "v3", "v1");
    }

    @Test
    void neverRemovesAReleaseASlotPointsAt() {
        AppInventory inv = AppInventory.parse(inventory(List.of("v1", "v2", "v3"), List.of("v1", "v2", "v3"), "v3",
                "worker ../releases/v1"));
        PrunePlan plan = PrunePlan.of(inv, 1);
        assertThat(plan.keep()).containsExactly("v3", "v2", "v1");
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void releasesTheHistoryNeverNamedAreKeptAndNotCountedAsRetained() {
        // Delivered but not booted yet: by build-deliver, or by a deploy whose pre-deploy hook runs
        // a nested deploy (that one's prune must not take the outer release away).
        AppInventory inv = AppInventory.parse(inventory(List.of("delivered", "v0", "v1", "v2"),
                List.of("v0", "v1", "v2"), "v2"));
        assertThat(PrunePlan.newestFirst(inv)).containsExactly("v2", "v1", "v0", "delivered");
        PrunePlan plan = PrunePlan.of(inv, 1);
        assertThat(plan.keep()).containsExactly("v2", "v1", "delivered");
        assertThat(plan.removeReleases()).containsExactly("v0");
    }

    @Test
    void anIncompleteKeptReleaseKeepsEveryLayer() {
        String text = inventory(List.of("v1", "v2"), List.of("v1", "v2"), "v2").replace("v2 rt app-v2\n", "v2 ?\n");
        AppInventory inv = AppInventory.parse(text);
        assertThat(inv.complete()).containsExactly("v1");
        PrunePlan plan = PrunePlan.of(inv, 5);
        assertThat(plan.removeLayers()).isEmpty();
    }

    @Test
    void nothingDeployedIsNothingToPrune() {
        AppInventory inv = AppInventory.parse(MARK + "absent\n");
        assertThat(inv.present()).isFalse();
        assertThat(PrunePlan.of(inv, 5).isEmpty()).isTrue();
    }

    @Test
    void inventoryReadsPortMaintenanceAndLinks() {
        String text = inventory(List.of("v1"), List.of("v1"), "v1", "4000 ../releases/v1")
                .replace(MARK + "maintenance\n", MARK + "maintenance\nretry_after 30\nmessage Back soon\n");
        AppInventory inv = AppInventory.parse(text);
        assertThat(inv.activePort()).hasValue(4000);
        assertThat(inv.current()).hasValue("v1");
        assertThat(inv.slots()).containsEntry("4000", "v1");
        assertThat(inv.maintenance()).hasValue("retry_after 30\nmessage Back soon\n");
        assertThat(MaintenanceState.parse(inv.maintenance().get())).hasValueSatisfying(m -> {
            assertThat(m.message()).isEqualTo("Back soon");
            assertThat(m.retryAfterSeconds()).isEqualTo(30);
            assertThat(m.page()).isEmpty();
        });
    }

    @Test
    void sizesReadForPeople() {
        assertThat(Prune.size(999)).isEqualTo("999 bytes");
        assertThat(Prune.size(1_234_567)).isEqualTo("1.2 MB (1234567 bytes)");
    }
}
