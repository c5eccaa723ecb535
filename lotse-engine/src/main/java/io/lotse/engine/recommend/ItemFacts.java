package io.lotse.engine.recommend;

/**
 * What the rules need to know about each item.
 *
 * @param categoryOf each item's category index, or -1
 * @param categories how many categories there are
 * @param active     whether the item is offered at all
 * @param inStock    whether it can be delivered now
 */
public record ItemFacts(int[] categoryOf, int categories, boolean[] active, boolean[] inStock) {

    public ItemFacts {
        if (categoryOf.length != active.length || categoryOf.length != inStock.length) {
            throw new IllegalArgumentException("one category, activity and stock flag per item needed");
        }
        for (int category : categoryOf) {
            if (category < -1 || category >= categories) {
                throw new IllegalArgumentException("category " + category + " outside -1.." + (categories - 1));
            }
        }
    }

    /** Every item active and in stock. */
    public static ItemFacts allAvailable(int[] categoryOf, int categories) {
        boolean[] yes = new boolean[categoryOf.length];
        java.util.Arrays.fill(yes, true);
        return new ItemFacts(categoryOf, categories, yes, yes.clone());
    }

    public int items() {
        return categoryOf.length;
    }

    public int categoryOf(int item) {
        return categoryOf[item];
    }
}
