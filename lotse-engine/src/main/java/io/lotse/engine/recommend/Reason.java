package io.lotse.engine.recommend;

/**
 * Why an item is recommended, in a form a marketer can read once rendered with names: the kind and the item or
 * category it refers to.
 *
 * @param kind     what kind of reason
 * @param item     the product the reason names ("because you viewed X"), or -1
 * @param category the category the reason names ("popular in Z"), or -1
 */
public record Reason(Kind kind, int item, int category) {

    /** The kinds of reasons, each rendered with its own sentence. */
    public enum Kind {
        /** "Because you viewed X": the live session. */
        VIEWED,
        /** "Because you bought X": the purchase history. */
        BOUGHT,
        /** "Customers who bought X also bought this": the product in view. */
        SIMILAR,
        /** "You buy this regularly": repeat purchase. */
        BUY_AGAIN,
        /** "Bought together with Y". */
        BOUGHT_TOGETHER,
        /** "Popular in Z". */
        POPULAR_IN,
        /** "Popular right now". */
        TRENDING,
        /** "Popular". */
        POPULAR
    }

    public Reason {
        boolean needsItem = kind == Kind.VIEWED || kind == Kind.BOUGHT || kind == Kind.SIMILAR
                || kind == Kind.BUY_AGAIN || kind == Kind.BOUGHT_TOGETHER;
        if (needsItem && item < 0) {
            throw new IllegalArgumentException(kind + " needs the item it refers to");
        }
        if (kind == Kind.POPULAR_IN && category < 0) {
            throw new IllegalArgumentException("POPULAR_IN needs a category");
        }
    }

    public static Reason aboutItem(Kind kind, int item) {
        return new Reason(kind, item, -1);
    }

    public static Reason popularIn(int category) {
        return new Reason(Kind.POPULAR_IN, -1, category);
    }

    public static Reason of(Kind kind) {
        return new Reason(kind, -1, -1);
    }
}
