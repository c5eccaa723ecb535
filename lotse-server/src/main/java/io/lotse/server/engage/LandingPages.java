package io.lotse.server.engage;

import io.lotse.engine.experiment.AbTestAnalysis;
import io.lotse.engine.experiment.BayesianAbTest;
import io.lotse.engine.experiment.ThompsonSampling;
import io.lotse.engine.experiment.VariantCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Landing pages served by Lotse: HTML with the tokens of email templates, personalised for visitors who come with
 * their token from a message ({@code {{landing.KEY}}}) and shown plainly to anonymous ones, optionally with a form.
 * A page with variants is an experiment: each person who comes by their link keeps the variant they first saw
 * (anonymous visitors carry no cookie, so each of their views is assigned afresh), assigned by an even split
 * or by a Thompson-sampling bandit over the share of visitors who submitted the page's form.
 */
@Service
class LandingPages {

    /** The name of the page's own HTML among its variants. */
    static final String CONTROL = "control";
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    private static final String COLUMNS = "key, title, html, form_key, variants::text, experiment_mode, updated_at";

    /** A variant of the page. */
    record Variant(String name, String html) {}

    /**
     * A landing page.
     *
     * @param variants alternatives to the page's own HTML; empty for no experiment
     * @param mode     how visitors are split among the variants, null without variants
     */
    record Page(String key, String title, String html, @Nullable String formKey, List<Variant> variants,
                ExperimentPlan.@Nullable Mode mode, Instant updatedAt) {

        /** Every variant, the page's own HTML first as the control. */
        List<Variant> allVariants() {
            List<Variant> all = new ArrayList<>();
            all.add(new Variant(CONTROL, html));
            all.addAll(variants);
            return all;
        }
    }

    /** A rendered view of a page. */
    record View(long id, String variant, String title, String html) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Forms forms;
    private final FormHtml formHtml;
    private final People people;
    private final MessageRenderer renderer;
    private final Tokens tokens;
    private final SplittableRandom random = new SplittableRandom();

    LandingPages(JdbcClient jdbc, JsonMapper json, Forms forms, FormHtml formHtml, People people,
                 MessageRenderer renderer, Tokens tokens) {
        this.jdbc = jdbc;
        this.json = json;
        this.forms = forms;
        this.formHtml = formHtml;
        this.people = people;
        this.renderer = renderer;
        this.tokens = tokens;
    }

    /**
     * Creates or replaces a page.
     *
     * @param variants {@code [{"name": "b", "html": "..."}]}, or null for none
     * @param mode     {@code ab} or {@code bandit} when there are variants
     * @throws IllegalArgumentException naming what is wrong
     * @throws TemplateException        when an HTML does not compile
     */
    Page save(String key, String title, String html, @Nullable String formKey, @Nullable JsonNode variants,
              @Nullable String mode) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A page key has 1 to 60 lower-case letters, digits and '-', was '"
                    + key + "'.");
        }
        if (title.isBlank() || html.isBlank()) {
            throw new IllegalArgumentException("A landing page needs a title and HTML.");
        }
        String form = formKey == null || formKey.isBlank() ? null : formKey.strip();
        if (form != null && forms.find(form).isEmpty()) {
            throw new IllegalArgumentException("There is no form '" + form + "'.");
        }
        List<Variant> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>(Set.of(CONTROL));
        if (variants != null && !variants.isNull()) {
            if (!variants.isArray()) {
                throw new IllegalArgumentException("'variants' must be a list of {\"name\", \"html\"}.");
            }
            for (JsonNode variant : variants) {
                String name = variant.path("name").asString("").strip();
                if (name.isEmpty() || name.length() > 60 || !names.add(name)) {
                    throw new IllegalArgumentException("Each variant needs its own name of 1 to 60 characters other "
                            + "than 'control'; '" + name + "' is not.");
                }
                parsed.add(new Variant(name, variant.path("html").asString("")));
            }
        }
        if (parsed.size() > 7) {
            throw new IllegalArgumentException("A page has at most 7 variants besides its own HTML.");
        }
        ExperimentPlan.Mode experiment = null;
        if (!parsed.isEmpty()) {
            try {
                experiment = ExperimentPlan.Mode.parse(mode == null ? "ab" : mode);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'mode' must be ab or bandit, was '" + mode + "'.");
            }
        }
        Content.compile("", html, "");
        for (Variant variant : parsed) {
            if (variant.html().isBlank()) {
                throw new IllegalArgumentException("Variant '" + variant.name() + "' has no HTML.");
            }
            Content.compile("", variant.html(), "");
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO engage_landing_pages (key, title, html, form_key, variants, experiment_mode, created_at,
                                                  updated_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET title = excluded.title, html = excluded.html,
                    form_key = excluded.form_key, variants = excluded.variants,
                    experiment_mode = excluded.experiment_mode, updated_at = excluded.updated_at""")
                .params(key, title.strip(), html, form, json.writeValueAsString(parsed),
                        experiment == null ? null : experiment.wire(), now, now)
                .update();
        return find(key).orElseThrow();
    }

    Optional<Page> find(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_landing_pages WHERE key = ?").param(key).query(this::map)
                .optional();
    }

    List<Page> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM engage_landing_pages ORDER BY key").query(this::map).list();
    }

    /**
     * Renders the page for a visitor and records the view.
     *
     * @param visitorToken the token from a message's {@code {{landing.KEY}}} link, or null
     * @param anonymousView an id for this view of an anonymous visitor, used when the token is absent or invalid
     * @throws NotFoundException for an unknown page
     */
    View view(String key, @Nullable String visitorToken, String anonymousView, Locale locale) {
        Page page = find(key).orElseThrow(() -> new NotFoundException("landing page", key));
        long profileId = visitorToken == null ? 0 : tokens.verify(Tokens.Purpose.VISITOR, visitorToken).orElse(0L);
        String visitor = profileId > 0 ? "p:" + profileId : "v:" + anonymousView;
        Variant variant = chooseVariant(page, visitor);
        long viewId = jdbc.sql("""
                INSERT INTO engage_landing_views (page_key, variant, visitor, profile_id, viewed_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(key, variant.name(), visitor, profileId > 0 ? profileId : null, Timestamp.from(Instant.now()))
                .query(Long.class).single();
        Content content = Content.compile("", variant.html(), "");
        Person person = profileId > 0 ? people.one(profileId, content.segmentKeys()) : null;
        if (person == null) {
            person = new Person(0, null, "", JsonNodeFactory.instance.objectNode(), false, Map.of(), List.of(),
                    Set.of());
        }
        String form = "";
        if (page.formKey() != null) {
            Forms.Form found = forms.find(page.formKey()).orElse(null);
            if (found != null) {
                form = formHtml.render(found, PublicLinks.PREFIX + "f/" + found.key(),
                        forms.consentText(found, locale).orElse(null), Map.of(), Map.of(),
                        Map.of(Forms.LANDING_VIEW, tokens.token(Tokens.Purpose.LANDING_VIEW, viewId)),
                        locale);
            }
        }
        return new View(viewId, variant.name(), page.title(), renderer.renderPage(content, person, form));
    }

    /** The same variant as on the visitor's earlier view; else by an even split or the bandit. */
    private Variant chooseVariant(Page page, String visitor) {
        List<Variant> all = page.allVariants();
        if (all.size() == 1) {
            return all.get(0);
        }
        Optional<String> earlier = jdbc.sql("""
                SELECT variant FROM engage_landing_views WHERE page_key = ? AND visitor = ? ORDER BY id LIMIT 1""")
                .params(page.key(), visitor).query(String.class).optional();
        if (earlier.isPresent()) {
            for (Variant variant : all) {
                if (variant.name().equals(earlier.get())) {
                    return variant;
                }
            }
        }
        if (page.mode() == ExperimentPlan.Mode.BANDIT) {
            List<VariantCounts> counts = counts(page);
            synchronized (random) {
                return all.get(ThompsonSampling.choose(counts, random));
            }
        }
        return all.get(Math.floorMod((page.key() + "|" + visitor).hashCode(), all.size()));
    }

    /** The page a signed view token belongs to; empty for an invalid token. */
    Optional<String> pageOfView(String viewToken) {
        return tokens.verify(Tokens.Purpose.LANDING_VIEW, viewToken).flatMap(id -> jdbc.sql(
                "SELECT page_key FROM engage_landing_views WHERE id = ?").param(id).query(String.class).optional());
    }

    /** Marks the view a form submission came from as converted; an invalid token or a second time changes nothing. */
    void converted(String viewToken) {
        tokens.verify(Tokens.Purpose.LANDING_VIEW, viewToken).ifPresent(id -> jdbc.sql(
                        "UPDATE engage_landing_views SET converted_at = ? WHERE id = ? AND converted_at IS NULL")
                .params(Timestamp.from(Instant.now()), id).update());
    }

    /** Visitors and visitors who converted, per variant, the control first. */
    List<VariantCounts> counts(Page page) {
        Map<String, long[]> byVariant = new HashMap<>();
        jdbc.sql("""
                SELECT variant, count(DISTINCT visitor), count(DISTINCT visitor) FILTER (WHERE converted_at IS NOT NULL)
                FROM engage_landing_views WHERE page_key = ? GROUP BY variant""")
                .param(page.key())
                .query((rs, n) -> byVariant.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list();
        List<VariantCounts> counts = new ArrayList<>();
        for (Variant variant : page.allVariants()) {
            long[] c = byVariant.getOrDefault(variant.name(), new long[2]);
            counts.add(new VariantCounts(variant.name(), c[0], c[1]));
        }
        return counts;
    }

    /** The Bayesian analysis of the page's variants (chance to beat the control, credible interval of the lift). */
    AbTestAnalysis analysis(Page page) {
        return BayesianAbTest.analyse(counts(page), CONTROL, page.key().hashCode());
    }

    private Page map(ResultSet rs, int row) throws SQLException {
        List<Variant> variants = new ArrayList<>();
        for (JsonNode variant : json.readTree(rs.getString(5))) {
            variants.add(new Variant(variant.path("name").asString(), variant.path("html").asString()));
        }
        String mode = rs.getString(6);
        return new Page(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), List.copyOf(variants),
                mode == null ? null : ExperimentPlan.Mode.parse(mode), rs.getTimestamp(7).toInstant());
    }
}
