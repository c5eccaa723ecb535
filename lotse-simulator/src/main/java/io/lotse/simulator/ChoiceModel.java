package io.lotse.simulator;

import io.lotse.simulator.model.NextItemSample;
import io.lotse.simulator.model.Product;
import io.lotse.simulator.model.OrderLine;
import io.lotse.simulator.model.Customer;
import io.lotse.simulator.stats.Distributions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.random.RandomGenerator;

/**
 * How people choose products: a category from their preference vector (or, within a session, mostly the
 * session's focus category), then a product in proportion to popularity × price fit, where price fit is
 * exp(-priceSensitivity · standardised log price). Only products available at the time are chosen.
 */
final class ChoiceModel {

    /** Probability that the next product view stays in the session's focus category. */
    static final double FOCUS_STAY = 0.75;

    private final Catalogue catalogue;
    /** Per category, the first moment one of its products is available. */
    private final long[] firstAvailable;

    ChoiceModel(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.firstAvailable = new long[catalogue.byCategory.length];
        for (int c = 0; c < firstAvailable.length; c++) {
            long first = Long.MAX_VALUE;
            for (int product : catalogue.byCategory[c]) {
                if (catalogue.products.get(product).stock() > 0) {
                    first = Math.min(first, catalogue.availableFrom[product]);
                }
            }
            firstAvailable[c] = first;
        }
    }

    /** Choice weights of the products of category {@code category}, in catalogue order within the category. */
    double[] productWeights(int category, double priceSensitivity, long millis) {
        int[] members = catalogue.byCategory[category];
        double[] weights = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            int product = members[i];
            if (catalogue.available(product, millis)) {
                weights[i] = catalogue.products.get(product).popularity()
                        * Math.exp(-priceSensitivity * catalogue.priceScore[product]);
            }
        }
        return weights;
    }

    /** Preferences restricted to categories with an available product, renormalised. */
    double[] effectivePreferences(double[] preferences, long millis) {
        double[] result = new double[preferences.length];
        double sum = 0;
        for (int c = 0; c < preferences.length; c++) {
            if (hasAvailable(c, millis)) {
                result[c] = preferences[c];
                sum += preferences[c];
            }
        }
        if (sum <= 0) {
            for (int c = 0; c < preferences.length; c++) {
                result[c] = hasAvailable(c, millis) ? 1 : 0;
                sum += result[c];
            }
        }
        for (int c = 0; c < result.length; c++) {
            result[c] /= sum;
        }
        return result;
    }

    private boolean hasAvailable(int category, long millis) {
        return firstAvailable[category] <= millis;
    }

    int chooseCategory(RandomGenerator random, double[] preferences, long millis) {
        return Distributions.weighted(random, effectivePreferences(preferences, millis));
    }

    int chooseProduct(RandomGenerator random, int category, double priceSensitivity, long millis) {
        double[] weights = productWeights(category, priceSensitivity, millis);
        return catalogue.byCategory[category][Distributions.weighted(random, weights)];
    }

    /** The next product view in a session with the given focus: the mixture of {@link #nextDistribution}. */
    int chooseNext(RandomGenerator random, int[] focus, double[] preferences, double priceSensitivity, long millis) {
        if (!Distributions.chance(random, FOCUS_STAY)) {
            focus[0] = chooseCategory(random, preferences, millis);
        }
        return chooseProduct(random, focus[0], priceSensitivity, millis);
    }

    /** The full next-view distribution, P(j) = stay · P(j | focus) + (1 - stay) · Σ_c pref_c · P(j | c). */
    double[] nextDistribution(int focus, double[] preferences, double priceSensitivity, long millis) {
        double[] probabilities = new double[catalogue.products.size()];
        double[] effective = effectivePreferences(preferences, millis);
        for (int c = 0; c < effective.length; c++) {
            double mass = (1 - FOCUS_STAY) * effective[c] + (c == focus ? FOCUS_STAY : 0);
            if (mass == 0) {
                continue;
            }
            double[] weights = productWeights(c, priceSensitivity, millis);
            double sum = 0;
            for (double weight : weights) {
                sum += weight;
            }
            if (sum == 0) {
                continue;
            }
            int[] members = catalogue.byCategory[c];
            for (int i = 0; i < members.length; i++) {
                probabilities[members[i]] += mass * weights[i] / sum;
            }
        }
        return probabilities;
    }

    /** The {@code limit} most likely products of a distribution, best first (ties by catalogue order). */
    List<NextItemSample.ItemProbability> top(double[] probabilities, int limit) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) {
                indices.add(i);
            }
        }
        indices.sort(Comparator.comparingDouble((Integer i) -> -probabilities[i]).thenComparingInt(i -> i));
        List<NextItemSample.ItemProbability> result = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, indices.size()); i++) {
            int product = indices.get(i);
            result.add(new NextItemSample.ItemProbability(catalogue.products.get(product).id(),
                    Math.round(probabilities[product] * 1e8) / 1e8));
        }
        return result;
    }

    /** Products chosen by the person's preferences until the basket is close to the target value. */
    List<OrderLine> basket(Person person, long time, double target) {
        RandomGenerator random = person.random;
        Customer customer = person.customer;
        double[] preferences = customer.traits().categoryPreferences();
        double sensitivity = customer.traits().priceSensitivity();
        Map<Integer, Integer> quantities = new LinkedHashMap<>();
        double remaining = target;
        int category = chooseCategory(random, preferences, time);
        int cheapest = -1;
        for (int attempt = 0; attempt < 25 && quantities.size() < 6; attempt++) {
            if (!quantities.isEmpty() && Distributions.chance(random, 0.4)) {
                category = chooseCategory(random, preferences, time);
            }
            int product = chooseProduct(random, category, sensitivity, time);
            double price = catalogue.products.get(product).price();
            if (cheapest < 0 || price < catalogue.products.get(cheapest).price()) {
                cheapest = product;
            }
            if (price > remaining * 1.3) {
                continue;
            }
            int quantity = price < remaining / 3 && Distributions.chance(random, 0.2) ? 2 : 1;
            quantities.merge(product, quantity, Integer::sum);
            remaining -= price * quantity;
            if (remaining < Math.max(0.12 * target, 4)) {
                break;
            }
        }
        if (quantities.isEmpty()) {
            quantities.put(cheapest, 1);
        }
        List<OrderLine> lines = new ArrayList<>();
        quantities.forEach((product, quantity) -> {
            Product item = catalogue.products.get(product);
            lines.add(new OrderLine(item.id(), item.name(customer.language()), item.category().id(), quantity,
                    item.priceCents()));
        });
        return List.copyOf(lines);
    }
}
