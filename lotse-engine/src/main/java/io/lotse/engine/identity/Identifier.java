package io.lotse.engine.identity;

/**
 * A normalised identifier of a person: a type and a value in canonical form.
 *
 * <p>Instances are created through {@link IdentifierNormaliser} so that equal identifiers compare equal.
 */
public record Identifier(IdentityType type, String value) {

    public Identifier {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("identifier value must not be empty");
        }
    }

    @Override
    public String toString() {
        return type.name() + ":" + value;
    }
}
