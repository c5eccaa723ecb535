package io.lotse.simulator.model;

/**
 * A product category.
 *
 * @param id     stable key, e.g. {@code hiking-shoes}
 * @param nameDe German name
 * @param nameEn English name
 */
public record Category(String id, String nameDe, String nameEn) {

    /** The name in {@code de} or {@code en}. */
    public String name(String language) {
        return "de".equals(language) ? nameDe : nameEn;
    }
}
