package io.lotse.simulator.model;

import java.time.LocalDate;

/**
 * A catalogue item.
 *
 * @param index      position in the catalogue, 0-based
 * @param id         article number, e.g. {@code ART-10042}
 * @param category   its category
 * @param nameDe     German name, e.g. {@code Wanderschuh Alpin}
 * @param nameEn     English name, e.g. {@code Hiking boot Alpine}
 * @param brand      brand name
 * @param colourDe   German colour name
 * @param colourEn   English colour name
 * @param priceCents gross price in euro cents
 * @param stock      units in stock when the catalogue was exported; 0 means sold out for the whole simulation
 * @param launchDate first day the product can be viewed and bought
 * @param popularity latent attractiveness (truth): choice weight within the category before price fit
 */
public record Product(int index, String id, Category category, String nameDe, String nameEn, String brand,
        String colourDe, String colourEn, long priceCents, int stock, LocalDate launchDate, double popularity) {

    /** The name in {@code de} or {@code en}. */
    public String name(String language) {
        return "de".equals(language) ? nameDe : nameEn;
    }

    /** Price in euros. */
    public double price() {
        return priceCents / 100.0;
    }
}
