package io.lotse.engine.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds order numbers, email addresses, amounts, dates and products in a message (German and English). Order
 * numbers match a configurable pattern (by default shop numbers like {@code LS-2026-000123}, or digits after
 * words such as "Bestellung"/"order"); products are names from a catalogue, matched case-insensitively, longest
 * first. Immutable and thread-safe.
 */
public final class EntityExtractor {

    /** Shop order numbers such as {@code LS-2026-000123} or {@code LS-2026-LK3F9A01}. */
    public static final String DEFAULT_ORDER_NUMBER = "\\b[A-Za-z]{2,4}-\\d{4}-[A-Za-z0-9]{4,12}\\b";

    private static final Pattern ORDER_AFTER_KEYWORD = Pattern.compile(
            "(?iu)\\b(?:bestellung|bestellnummer|auftrag|auftragsnummer|order|order number)\\s*(?:nr\\.?|no\\.?|"
                    + "number|nummer|#)?\\s*:?\\s*#?(\\d{5,12})\\b");
    private static final Pattern EMAIL = Pattern.compile(
            "(?i)\\b[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+\\b");
    private static final String NUMBER = "\\d{1,3}(?:[.,' ]\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
    private static final Pattern AMOUNT_BEFORE = Pattern.compile(
            "(?iu)(€|\\$|£|\\b(?:EUR|USD|GBP|CHF)\\b)\\s?(" + NUMBER + ")");
    private static final Pattern AMOUNT_AFTER = Pattern.compile(
            "(?iu)\\b(" + NUMBER + ")\\s?(€|\\$|£|\\b(?:EUR|USD|GBP|CHF|euro|euros)\\b)");
    private static final Pattern NUMERIC_DATE = Pattern.compile("\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2}|\\d{4})\\b");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH = "(januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|"
            + "oktober|november|dezember|january|february|march|may|june|july|october|december|jan|feb|mar|apr|"
            + "jun|jul|aug|sep|sept|oct|okt|nov|dec|dez)";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?iu)\\b(\\d{1,2})\\.?\\s+" + MONTH + "\\.?\\s+(\\d{4})\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?iu)\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");

    private final Pattern orderNumber;
    private final List<String> products;

    /**
     * @param orderNumberPattern regular expression of the shop's order numbers
     * @param productNames       catalogue names to recognise
     */
    public EntityExtractor(String orderNumberPattern, List<String> productNames) {
        this.orderNumber = Pattern.compile(orderNumberPattern);
        this.products = productNames.stream().filter(name -> name.strip().length() >= 3).map(String::strip)
                .distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Default order numbers, no catalogue. */
    public static EntityExtractor withoutCatalogue() {
        return new EntityExtractor(DEFAULT_ORDER_NUMBER, List.of());
    }

    /** This extractor with another catalogue. */
    public EntityExtractor withProducts(List<String> productNames) {
        return new EntityExtractor(orderNumber.pattern(), productNames);
    }

    /** The entities of a message, in order of appearance; overlapping matches of one kind are dropped. */
    public List<Entity> extract(String text) {
        List<Entity> found = new ArrayList<>();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            found.add(new Entity(EntityType.EMAIL, m.group(), m.start(), m.end(), m.group().toLowerCase(Locale.ROOT)));
        }
        m = orderNumber.matcher(text);
        while (m.find()) {
            if (!inside(found, m.start(), EntityType.EMAIL)) {
                found.add(new Entity(EntityType.ORDER_NUMBER, m.group(), m.start(), m.end(),
                        m.group().toUpperCase(Locale.ROOT)));
            }
        }
        m = ORDER_AFTER_KEYWORD.matcher(text);
        while (m.find()) {
            if (!overlaps(found, m.start(1), m.end(1))) {
                found.add(new Entity(EntityType.ORDER_NUMBER, m.group(1), m.start(1), m.end(1), m.group(1)));
            }
        }
        amounts(text, found);
        dates(text, found);
        productsIn(text, found);
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    private static void amounts(String text, List<Entity> found) {
        for (Pattern pattern : List.of(AMOUNT_BEFORE, AMOUNT_AFTER)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (overlaps(found, m.start(), m.end())) {
                    continue;
                }
                boolean before = pattern == AMOUNT_BEFORE;
                String number = before ? m.group(2) : m.group(1);
                String currency = currency(before ? m.group(1) : m.group(2));
                String value = decimal(number);
                if (value != null) {
                    found.add(new Entity(EntityType.AMOUNT, m.group(), m.start(), m.end(), value + " " + currency));
                }
            }
        }
    }

    private static void dates(String text, List<Entity> found) {
        Matcher m = NUMERIC_DATE.matcher(text);
        while (m.find()) {
            int year = Integer.parseInt(m.group(3));
            addDate(found, m, year < 100 ? 2000 + year : year, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(1)));
        }
        m = ISO_DATE.matcher(text);
        while (m.find()) {
            addDate(found, m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = DAY_MONTH_YEAR.matcher(text);
        while (m.find()) {
            addDate(found, m, Integer.parseInt(m.group(3)), MONTHS.get(m.group(2).toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group(1)));
        }
        m = MONTH_DAY_YEAR.matcher(text);
        while (m.find()) {
            addDate(found, m, Integer.parseInt(m.group(3)), MONTHS.get(m.group(1).toLowerCase(Locale.ROOT)),
                    Integer.parseInt(m.group(2)));
        }
    }

    private static void addDate(List<Entity> found, Matcher m, int year, int month, int day) {
        if (overlaps(found, m.start(), m.end())) {
            return;
        }
        try {
            found.add(new Entity(EntityType.DATE, m.group(), m.start(), m.end(),
                    LocalDate.of(year, month, day).toString()));
        } catch (DateTimeException notADate) {
            // 31.02.2026 and the like are no dates; the text stays unrecognised.
        }
    }

    private void productsIn(String text, List<Entity> found) {
        if (products.isEmpty()) {
            return;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String product : products) {
            String needle = product.toLowerCase(Locale.ROOT);
            int from = 0;
            int at;
            while ((at = lower.indexOf(needle, from)) >= 0) {
                int end = at + needle.length();
                boolean wordStart = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
                boolean wordEnd = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
                if (wordStart && wordEnd && !overlaps(found, at, end)) {
                    found.add(new Entity(EntityType.PRODUCT, text.substring(at, end), at, end, product));
                }
                from = end;
            }
        }
    }

    private static boolean overlaps(List<Entity> found, int start, int end) {
        for (Entity entity : found) {
            if (start < entity.end() && entity.start() < end) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(List<Entity> found, int position, EntityType type) {
        for (Entity entity : found) {
            if (entity.type() == type && position >= entity.start() && position < entity.end()) {
                return true;
            }
        }
        return false;
    }

    private static String currency(String symbol) {
        return switch (symbol.toLowerCase(Locale.ROOT)) {
            case "$", "usd" -> "USD";
            case "£", "gbp" -> "GBP";
            case "chf" -> "CHF";
            default -> "EUR";
        };
    }

    /** {@code 1.234,56}, {@code 1,234.56}, {@code 12,5} and {@code 12.50} as a plain decimal with two places. */
    static @Nullable String decimal(String number) {
        String digits = number.replace(" ", "").replace("'", "");
        int comma = digits.lastIndexOf(',');
        int dot = digits.lastIndexOf('.');
        int separator = Math.max(comma, dot);
        String whole;
        String fraction = "";
        if (separator >= 0 && digits.length() - separator - 1 <= 2) {
            whole = digits.substring(0, separator).replace(".", "").replace(",", "");
            fraction = digits.substring(separator + 1);
        } else {
            whole = digits.replace(".", "").replace(",", "");
        }
        if (whole.isEmpty()) {
            whole = "0";
        }
        try {
            return new java.math.BigDecimal(whole + (fraction.isEmpty() ? "" : "." + fraction))
                    .setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Integer> months() {
        Map<String, Integer> months = new java.util.HashMap<>();
        String[][] names = {
            {"januar", "jänner", "january", "jan"}, {"februar", "february", "feb"}, {"märz", "maerz", "march", "mar"},
            {"april", "apr"}, {"mai", "may"}, {"juni", "june", "jun"}, {"juli", "july", "jul"}, {"august", "aug"},
            {"september", "sep", "sept"}, {"oktober", "october", "oct", "okt"}, {"november", "nov"},
            {"dezember", "december", "dec", "dez"}};
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                months.put(name, i + 1);
            }
        }
        return Map.copyOf(months);
    }
}
