package io.lotse.engine.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of an identifier, such as a user id, an email address or a custom id from {@code context.externalIds}.
 *
 * <p>Built-in types have fixed names; custom ids are named {@code ext:<type>} after the external id's type.
 *
 * @param name lower-case name, letters, digits, {@code _ - . :} only
 */
public record IdentityType(String name) {

    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9_.:-]{1,64}");
    private static final Pattern VALID_EXTERNAL_TYPE = Pattern.compile("[a-z0-9_.-]+");

    public static final IdentityType USER_ID = new IdentityType("user_id");
    public static final IdentityType EMAIL = new IdentityType("email");
    public static final IdentityType PHONE = new IdentityType("phone");
    public static final IdentityType DEVICE_ID = new IdentityType("device_id");
    public static final IdentityType ANONYMOUS_ID = new IdentityType("anonymous_id");

    public IdentityType {
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid identity type name: '" + name + "'");
        }
    }

    // Spelled out for the same reason as Identifier's: a hash key on the hot path.
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof IdentityType that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** Parses a stored type name. */
    public static IdentityType of(String name) {
        return switch (name) {
            case "user_id" -> USER_ID;
            case "email" -> EMAIL;
            case "phone" -> PHONE;
            case "device_id" -> DEVICE_ID;
            case "anonymous_id" -> ANONYMOUS_ID;
            default -> new IdentityType(name);
        };
    }

    /**
     * The type of a custom id from {@code context.externalIds}, e.g. {@code ext:crm_id}.
     *
     * @throws IllegalArgumentException if the external type has characters outside letters, digits and {@code _ - .}
     */
    public static IdentityType external(String externalType) {
        String type = externalType.trim().toLowerCase(Locale.ROOT);
        if (!VALID_EXTERNAL_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("invalid external id type: '" + externalType + "'");
        }
        return new IdentityType("ext:" + type);
    }

    /**
     * How strongly this type identifies one person; the profile owning the strongest identifier of an
     * observation receives it. Higher is stronger.
     */
    public int strength() {
        return switch (name) {
            case "user_id" -> 100;
            case "email" -> 80;
            case "phone" -> 70;
            case "device_id" -> 20;
            case "anonymous_id" -> 10;
            default -> 60; // custom ids are chosen by the company as person keys
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
