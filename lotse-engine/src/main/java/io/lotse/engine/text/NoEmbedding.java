package io.lotse.engine.text;

/** The empty embedding: zero dimensions. */
final class NoEmbedding implements SentenceEmbedder {

    static final NoEmbedding INSTANCE = new NoEmbedding();

    private static final float[] EMPTY = new float[0];

    private NoEmbedding() {}

    @Override
    public int dimension() {
        return 0;
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public float[] embed(String text) {
        return EMPTY;
    }
}
