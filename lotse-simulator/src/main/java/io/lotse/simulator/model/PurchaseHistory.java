package io.lotse.simulator.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The BG/NBD outcome of a customer from their first purchase to the end of the simulation (truth).
 *
 * @param repeatPurchaseMillis       times of the repeat purchases, epoch milliseconds, ascending; do not modify
 * @param droppedOutAt               time of the purchase after which the customer dropped out; null if alive
 * @param repeatPurchasesBeforeStart repeat purchases before the tracked window
 */
public record PurchaseHistory(long[] repeatPurchaseMillis, @Nullable Instant droppedOutAt,
        int repeatPurchasesBeforeStart) {

    /** All repeat purchases until the end of the simulation. */
    public int repeatPurchases() {
        return repeatPurchaseMillis.length;
    }

    /** Whether the customer is still alive at the end. */
    public boolean aliveAtEnd() {
        return droppedOutAt == null;
    }
}
