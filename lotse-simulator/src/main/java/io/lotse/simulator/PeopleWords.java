package io.lotse.simulator;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Names, places, email domains and devices people are composed from. */
final class PeopleWords {

    private PeopleWords() {}

    /**
     * A country of the shop's customers.
     *
     * @param code          ISO 3166-1 alpha-2
     * @param share         share of customers
     * @param germanShare   share who use the shop in German
     * @param namesDe       how the CRM may write the country (code, German and English names)
     * @param female        female first names
     * @param male          male first names
     * @param last          last names
     */
    record Country(String code, double share, double germanShare, List<String> namesDe, List<String> female,
            List<String> male, List<String> last) {
    }

    private static final List<String> GERMAN_FEMALE = List.of("Anna", "Maria", "Sophie", "Laura", "Julia", "Lea",
            "Lena", "Hannah", "Sarah", "Katharina", "Johanna", "Emma", "Mia", "Lina", "Clara", "Charlotte", "Marie",
            "Leonie", "Franziska", "Sabine", "Petra", "Monika", "Andrea", "Claudia", "Susanne", "Stefanie", "Nicole",
            "Birgit", "Ursula", "Gabriele", "Heike", "Anja", "Jana", "Melanie", "Christina", "Helga", "Ingrid",
            "Renate", "Karin", "Elke", "Ayşe", "Zeynep");
    private static final List<String> GERMAN_MALE = List.of("Lukas", "Leon", "Jonas", "Felix", "Paul", "Maximilian",
            "Elias", "Noah", "Finn", "Ben", "Jan", "Tobias", "Florian", "Sebastian", "Alexander", "Michael", "Thomas",
            "Andreas", "Stefan", "Christian", "Markus", "Frank", "Jürgen", "Uwe", "Klaus", "Wolfgang", "Peter",
            "Matthias", "Daniel", "Martin", "Dirk", "Torsten", "Kai", "Tim", "Niklas", "Moritz", "Philipp",
            "Johannes", "Hans", "Günter", "Mehmet", "Can");
    private static final List<String> GERMAN_LAST = List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber",
            "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
            "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
            "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
            "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller",
            "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger",
            "Winkler", "Roth", "Beck", "Lorenz", "Yılmaz", "Öztürk", "Nowak", "Kowalski", "Nguyen", "Haddad");

    static final List<Country> COUNTRIES = List.of(
            new Country("DE", 0.78, 0.96, List.of("DE", "Deutschland", "Germany", "D"), GERMAN_FEMALE, GERMAN_MALE,
                    GERMAN_LAST),
            new Country("AT", 0.08, 0.97, List.of("AT", "Österreich", "Austria"), GERMAN_FEMALE, GERMAN_MALE,
                    List.of("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
                            "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz",
                            "Maier", "Schneider", "Reiter", "Brunner")),
            new Country("NL", 0.03, 0.15, List.of("NL", "Niederlande", "Netherlands"),
                    List.of("Emma", "Sophie", "Julia", "Anna", "Lisa", "Sanne", "Fleur", "Eva", "Anouk", "Lotte"),
                    List.of("Daan", "Sem", "Lucas", "Jesse", "Thijs", "Bram", "Ruben", "Lars", "Milan", "Sven"),
                    List.of("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
                            "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters")),
            new Country("FR", 0.025, 0.05, List.of("FR", "Frankreich", "France"),
                    List.of("Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Julie", "Claire", "Élodie", "Amélie"),
                    List.of("Lucas", "Hugo", "Louis", "Jules", "Thomas", "Nicolas", "Julien", "Mathieu", "Antoine",
                            "Pierre"),
                    List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                            "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia")),
            new Country("IE", 0.02, 0.02, List.of("IE", "Irland", "Ireland"),
                    List.of("Aoife", "Ciara", "Niamh", "Sinéad", "Siobhán", "Emma", "Sarah", "Róisín", "Orla", "Grace"),
                    List.of("Seán", "Conor", "Cian", "Darragh", "Liam", "Patrick", "Jack", "Oisín", "Eoin", "Ciarán"),
                    List.of("Murphy", "Kelly", "O'Sullivan", "Walsh", "Smith", "O'Brien", "Byrne", "Ryan", "O'Connor",
                            "O'Neill", "Doyle", "McCarthy", "Gallagher", "Kennedy", "Lynch")),
            new Country("IT", 0.02, 0.05, List.of("IT", "Italien", "Italy"),
                    List.of("Giulia", "Chiara", "Francesca", "Sara", "Martina", "Alessia", "Elena", "Valentina",
                            "Federica", "Sofia"),
                    List.of("Marco", "Luca", "Alessandro", "Matteo", "Andrea", "Francesco", "Lorenzo", "Davide",
                            "Simone", "Giuseppe"),
                    List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
                            "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa")),
            new Country("ES", 0.02, 0.04, List.of("ES", "Spanien", "Spain"),
                    List.of("María", "Lucía", "Paula", "Laura", "Marta", "Carmen", "Elena", "Sara", "Ana", "Cristina"),
                    List.of("Javier", "Daniel", "Alejandro", "Pablo", "David", "Adrián", "Sergio", "Carlos", "Manuel",
                            "Diego"),
                    List.of("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
                            "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno")),
            new Country("BE", 0.015, 0.2, List.of("BE", "Belgien", "Belgium"),
                    List.of("Lotte", "Marie", "Elise", "Julie", "Louise", "Nina", "Hanne", "Laura", "Emma", "Lore"),
                    List.of("Wout", "Arne", "Jens", "Thomas", "Pieter", "Maxime", "Arthur", "Victor", "Louis", "Lars"),
                    List.of("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
                            "Wouters", "Dubois", "Lambert", "Dupont", "De Smet", "Hermans", "Vermeulen")),
            new Country("LU", 0.01, 0.5, List.of("LU", "Luxemburg", "Luxembourg"),
                    List.of("Emma", "Léa", "Sophie", "Claire", "Anne", "Julie", "Sarah", "Laura", "Marie", "Lisa"),
                    List.of("Luc", "Marc", "Paul", "Tom", "Ben", "Max", "Jean", "Pierre", "Yves", "Gilles"),
                    List.of("Schmit", "Muller", "Weber", "Wagner", "Hoffmann", "Thill", "Schroeder", "Klein", "Reuter",
                            "Kremer", "Meyer", "Schiltz", "Kieffer", "Welter", "Hansen")));

    /**
     * A German state.
     *
     * @param code  ISO 3166-2 code
     * @param name  German name
     * @param share share of the population
     */
    record State(String code, String name, double share) {
    }

    static final List<State> STATES = List.of(new State("DE-NW", "Nordrhein-Westfalen", 21.5),
            new State("DE-BY", "Bayern", 15.9), new State("DE-BW", "Baden-Württemberg", 13.4),
            new State("DE-NI", "Niedersachsen", 9.6), new State("DE-HE", "Hessen", 7.6),
            new State("DE-SN", "Sachsen", 4.9), new State("DE-RP", "Rheinland-Pfalz", 4.9),
            new State("DE-BE", "Berlin", 4.4), new State("DE-SH", "Schleswig-Holstein", 3.5),
            new State("DE-BB", "Brandenburg", 3.1), new State("DE-ST", "Sachsen-Anhalt", 2.6),
            new State("DE-TH", "Thüringen", 2.6), new State("DE-HH", "Hamburg", 2.2),
            new State("DE-MV", "Mecklenburg-Vorpommern", 1.9), new State("DE-SL", "Saarland", 1.2),
            new State("DE-HB", "Bremen", 0.8));

    static final Map<String, String> COUNTRY_NAMES = Map.of("DE", "Deutschland", "AT", "Österreich",
            "NL", "Niederlande", "FR", "Frankreich", "IE", "Irland", "IT", "Italien", "ES", "Spanien", "BE", "Belgien",
            "LU", "Luxemburg");

    /** Browser locales by country for German-speaking and English-speaking users. */
    static String locale(String country, String language) {
        if ("de".equals(language)) {
            return switch (country) {
                case "AT" -> "de-AT";
                case "LU" -> "de-LU";
                case "BE" -> "de-BE";
                default -> "de-DE";
            };
        }
        return switch (country) {
            case "IE" -> "en-IE";
            case "NL" -> "nl-NL";
            case "FR" -> "fr-FR";
            case "IT" -> "it-IT";
            case "ES" -> "es-ES";
            case "BE" -> "nl-BE";
            case "LU" -> "fr-LU";
            default -> "en-GB";
        };
    }

    /** Free-mail style domains under the reserved {@code .example} top-level domain. */
    static final List<String> PRIMARY_DOMAINS_DE = List.of("postfach.example", "webpost.example",
            "netzpost.example", "briefkasten.example", "mailbox.example", "freemail.example");
    static final List<String> PRIMARY_DOMAINS_EN = List.of("inbox.example", "mailbox.example", "webmail.example",
            "post.example", "freemail.example");
    /** Work and university addresses: the second email some people use. Disjoint from the primary domains. */
    static final List<String> SECOND_DOMAINS = List.of("firma.example", "arbeit.example", "buero.example",
            "work.example", "office.example", "uni.example");
    /** Addresses people move to (mentioned in change-email messages). */
    static final List<String> NEW_DOMAINS = List.of("neupost.example", "newmail.example");

    static final List<String> DE_MOBILE_PREFIXES = List.of("151", "152", "157", "159", "160", "162", "163", "170",
            "171", "172", "173", "174", "175", "176", "177", "178", "179");
    static final List<String> AT_MOBILE_PREFIXES = List.of("650", "660", "664", "676", "680", "688", "699");

    /**
     * A device model.
     *
     * @param type      desktop, mobile or tablet
     * @param platform  web, ios or android
     * @param os        operating system
     * @param userAgent user agent string
     */
    record DeviceModel(String type, String platform, String os, String userAgent) {
    }

    static final List<DeviceModel> DESKTOPS = List.of(
            new DeviceModel("desktop", "web", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            new DeviceModel("desktop", "web", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) "
                    + "Gecko/20100101 Firefox/133.0"),
            new DeviceModel("desktop", "web", "Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
            new DeviceModel("desktop", "web", "macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) "
                    + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"),
            new DeviceModel("desktop", "web", "Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 "
                    + "Firefox/133.0"));
    static final List<DeviceModel> MOBILE_WEB = List.of(
            new DeviceModel("mobile", "web", "iOS", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
                    + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            new DeviceModel("mobile", "web", "Android", "Mozilla/5.0 (Linux; Android 14; SM-S921B) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
            new DeviceModel("mobile", "web", "Android", "Mozilla/5.0 (Linux; Android 15; Pixel 8) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"));
    static final List<DeviceModel> MOBILE_APP = List.of(
            new DeviceModel("mobile", "ios", "iOS", "LotseShop/4.12.0 (iPhone; iOS 18.1; Scale/3.00)"),
            new DeviceModel("mobile", "android", "Android", "LotseShop/4.12.0 (Linux; Android 14; SM-A546B)"));
    static final List<DeviceModel> TABLETS = List.of(
            new DeviceModel("tablet", "web", "iPadOS", "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) "
                    + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            new DeviceModel("tablet", "web", "Android", "Mozilla/5.0 (Linux; Android 14; SM-X710) "
                    + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));

    /** Lower-case ASCII for email local parts: umlauts spelled out, other accents dropped, no blanks. */
    static String ascii(String name) {
        String spelled = name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("ß", "ss").replace("ı", "i").replace("ş", "s");
        String stripped = Normalizer.normalize(spelled, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.replaceAll("[^a-z]", "");
    }
}
