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

    // equals and hashCode are spelled out: identifiers are hash keys on the hot path of identity resolution, and
    // the generated ones go through a method-handle bootstrap that costs more until the JIT has caught up.
    @Override
    public boolean equals(Object other) {
        return other instanceof Identifier that && type.equals(that.type) && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + value.hashCode();
    }

    @Override
    public String toString() {
        return type.name() + ":" + value;
    }
}
