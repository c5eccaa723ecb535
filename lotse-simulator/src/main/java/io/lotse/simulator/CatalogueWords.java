package io.lotse.simulator;

import java.util.List;

/** The word lists product names are composed from, in German and English. */
final class CatalogueWords {

    private CatalogueWords() {}

    /**
     * A category definition.
     *
     * @param id          stable key
     * @param nameDe      German name
     * @param nameEn      English name
     * @param medianPrice median gross price in euros (the log-normal's e^μ)
     * @param priceSpread σ of the log price
     * @param weight      how many people favour the category, relative
     * @param nouns       product nouns as {@code "Deutsch/English"} pairs
     */
    record CategoryWords(String id, String nameDe, String nameEn, double medianPrice, double priceSpread,
            double weight, List<String> nouns) {
    }

    static final List<CategoryWords> CATEGORIES = List.of(
            category("hiking-shoes", "Wanderschuhe", "Hiking shoes", 119, 0.35, 1.3,
                    "Wanderschuh/Hiking boot", "Trekkingschuh/Trekking shoe", "Bergstiefel/Mountain boot",
                    "Zustiegsschuh/Approach shoe"),
            category("running-shoes", "Laufschuhe", "Running shoes", 99, 0.3, 1.2,
                    "Laufschuh/Running shoe", "Trailschuh/Trail shoe", "Wettkampfschuh/Racing shoe"),
            category("jackets", "Jacken", "Jackets", 149, 0.45, 1.4,
                    "Regenjacke/Rain jacket", "Softshelljacke/Softshell jacket", "Daunenjacke/Down jacket",
                    "Fleecejacke/Fleece jacket", "Windjacke/Windbreaker"),
            category("trousers", "Hosen", "Trousers", 79, 0.35, 1.1,
                    "Wanderhose/Hiking trousers", "Jeans/Jeans", "Chinohose/Chinos", "Zip-off-Hose/Convertible trousers"),
            category("shirts", "Shirts", "Shirts", 29, 0.4, 1.3,
                    "T-Shirt/T-shirt", "Funktionsshirt/Performance tee", "Polohemd/Polo shirt", "Langarmshirt/Long-sleeve top"),
            category("knitwear", "Pullover", "Knitwear", 69, 0.4, 0.9,
                    "Strickpullover/Knitted jumper", "Kapuzenpullover/Hoodie", "Strickjacke/Cardigan"),
            category("backpacks", "Rucksäcke", "Backpacks", 89, 0.5, 1.0,
                    "Rucksack/Backpack", "Tagesrucksack/Daypack", "Trekkingrucksack/Trekking pack",
                    "Laptoprucksack/Laptop backpack"),
            category("tents", "Zelte", "Tents", 229, 0.55, 0.5,
                    "Kuppelzelt/Dome tent", "Tunnelzelt/Tunnel tent", "Trekkingzelt/Backpacking tent"),
            category("sleeping-bags", "Schlafsäcke", "Sleeping bags", 129, 0.5, 0.5,
                    "Schlafsack/Sleeping bag", "Hüttenschlafsack/Sleeping bag liner", "Isomatte/Sleeping mat"),
            category("camp-kitchen", "Campingküche", "Camp kitchen", 39, 0.6, 0.6,
                    "Gaskocher/Gas stove", "Topfset/Cookware set", "Thermoskanne/Vacuum flask", "Trinkflasche/Water bottle"),
            category("bike-accessories", "Fahrradzubehör", "Bike accessories", 45, 0.6, 0.8,
                    "Fahrradhelm/Bike helmet", "Fahrradlicht/Bike light", "Fahrradschloss/Bike lock",
                    "Satteltasche/Pannier"),
            category("kitchen", "Küche", "Kitchen", 49, 0.6, 1.1,
                    "Bratpfanne/Frying pan", "Kochtopf/Saucepan", "Kochmesser/Chef's knife", "Schneidebrett/Chopping board"),
            category("coffee-tea", "Kaffee & Tee", "Coffee & tea", 35, 0.65, 1.0,
                    "Kaffeemühle/Coffee grinder", "Teekanne/Teapot", "Espressokocher/Moka pot", "Kaffeebereiter/French press"),
            category("home-textiles", "Heimtextilien", "Home textiles", 45, 0.5, 1.0,
                    "Bettwäsche/Bed linen", "Handtuch/Towel", "Kuscheldecke/Throw blanket", "Kissenbezug/Cushion cover"),
            category("lighting", "Leuchten", "Lighting", 79, 0.6, 0.7,
                    "Stehleuchte/Floor lamp", "Tischleuchte/Table lamp", "Lichterkette/String lights", "Wandleuchte/Wall light"),
            category("garden", "Garten", "Garden", 35, 0.7, 0.8,
                    "Gartenschere/Pruning shears", "Gießkanne/Watering can", "Pflanzkübel/Planter", "Gartenhandschuhe/Garden gloves"),
            category("tools", "Werkzeug", "Tools", 69, 0.7, 0.7,
                    "Akkuschrauber/Cordless drill", "Werkzeugkoffer/Toolbox", "Wasserwaage/Spirit level", "Zangenset/Pliers set"),
            category("headphones", "Kopfhörer", "Headphones", 89, 0.6, 0.9,
                    "Kopfhörer/Headphones", "Ohrhörer/Earbuds", "Sportkopfhörer/Sports earphones"),
            category("phone-accessories", "Handyzubehör", "Phone accessories", 25, 0.55, 1.0,
                    "Handyhülle/Phone case", "Ladegerät/Charger", "Powerbank/Power bank", "Ladekabel/Charging cable"),
            category("watches", "Uhren", "Watches", 159, 0.6, 0.5,
                    "Armbanduhr/Wristwatch", "Sportuhr/Sports watch", "Taschenuhr/Pocket watch"),
            category("bags", "Taschen", "Bags", 59, 0.55, 0.9,
                    "Umhängetasche/Shoulder bag", "Geldbörse/Wallet", "Reisetasche/Duffel bag", "Gürteltasche/Belt bag"),
            category("toys", "Spielzeug", "Toys", 29, 0.6, 0.8,
                    "Holzeisenbahn/Wooden train set", "Puzzle/Jigsaw puzzle", "Bausteine/Building blocks",
                    "Kuscheltier/Soft toy"),
            category("books", "Bücher", "Books", 18, 0.35, 1.0,
                    "Kochbuch/Cookbook", "Reiseführer/Travel guide", "Wanderführer/Hiking guide", "Bildband/Picture book"),
            category("personal-care", "Körperpflege", "Personal care", 12, 0.45, 1.1,
                    "Duschgel/Shower gel", "Handcreme/Hand cream", "Sonnencreme/Sun cream", "Lippenpflege/Lip balm"),
            category("sunglasses", "Sonnenbrillen", "Sunglasses", 69, 0.5, 0.6,
                    "Sonnenbrille/Sunglasses", "Sportbrille/Sports glasses", "Gletscherbrille/Glacier glasses"),
            category("hats-gloves", "Mützen & Handschuhe", "Hats & gloves", 25, 0.4, 0.9,
                    "Mütze/Beanie", "Handschuhe/Gloves", "Schal/Scarf", "Sonnenhut/Sun hat"),
            category("fitness", "Yoga & Fitness", "Yoga & fitness", 35, 0.6, 0.8,
                    "Yogamatte/Yoga mat", "Hantelset/Dumbbell set", "Springseil/Skipping rope", "Faszienrolle/Foam roller"),
            category("swimwear", "Bademode", "Swimwear", 39, 0.4, 0.6,
                    "Badehose/Swim shorts", "Badeanzug/Swimsuit", "Schwimmbrille/Swimming goggles", "Bikini/Bikini"),
            category("pet-supplies", "Heimtierbedarf", "Pet supplies", 25, 0.6, 0.7,
                    "Hundeleine/Dog lead", "Katzenbett/Cat bed", "Futternapf/Food bowl", "Hundemantel/Dog coat"),
            category("stationery", "Schreibwaren", "Stationery", 15, 0.6, 0.8,
                    "Notizbuch/Notebook", "Füllhalter/Fountain pen", "Kalender/Planner", "Schreibtischunterlage/Desk pad"));

    /** Series names as {@code "Deutsch/English"} pairs: the second word of a product name. */
    static final List<String> SERIES = List.of("Alpin/Alpine", "Gipfel/Summit", "Wald/Forest", "Küste/Coast",
            "Sturm/Storm", "Nebel/Mist", "Fluss/River", "Stadt/City", "Sommer/Summer", "Winter/Winter",
            "Herbst/Autumn", "Frühling/Spring", "Leicht/Light", "Komfort/Comfort", "Expedition/Expedition",
            "Tour/Tour", "Basis/Basic", "Premium/Premium", "Eiche/Oak", "Birke/Birch", "Fjord/Fjord", "Heide/Heath",
            "Falke/Falcon", "Luchs/Lynx", "Adler/Eagle", "Wolf/Wolf", "Bär/Bear", "Fuchs/Fox", "Polar/Polar",
            "Sonne/Sun", "Mond/Moon", "Stern/Star", "Welle/Wave", "Feder/Feather", "Granit/Granite", "Kiesel/Pebble",
            "Ahorn/Maple", "Tanne/Fir", "Gletscher/Glacier", "Düne/Dune", "Klassik/Classic", "Urban/Urban",
            "Weite/Horizon", "Brise/Breeze", "Quelle/Spring Water", "Lichtung/Clearing");

    /** Colours as {@code "Deutsch/English"} pairs. */
    static final List<String> COLOURS = List.of("Schwarz/black", "Weiß/white", "Grau/grey", "Blau/blue", "Rot/red",
            "Grün/green", "Gelb/yellow", "Beige/beige", "Braun/brown", "Marine/navy", "Oliv/olive",
            "Anthrazit/anthracite");

    /** Invented brands. */
    static final List<String> BRANDS = List.of("Bergwerk", "Nordlicht", "Fernweh", "Talgrund", "Kompass & Co.",
            "Seeblick", "Hochland", "Ostwind", "Lotsenhaus", "Wegmarke", "Steinbock", "Morgentau", "Heimathafen",
            "Kiefernhain", "Sturmfest", "Feldweg");

    private static CategoryWords category(String id, String nameDe, String nameEn, double medianPrice,
            double priceSpread, double weight, String... nouns) {
        return new CategoryWords(id, nameDe, nameEn, medianPrice, priceSpread, weight, List.of(nouns));
    }

    /** The German half of a {@code "Deutsch/English"} pair. */
    static String german(String pair) {
        return pair.substring(0, pair.indexOf('/'));
    }

    /** The English half of a {@code "Deutsch/English"} pair. */
    static String english(String pair) {
        return pair.substring(pair.indexOf('/') + 1);
    }
}
