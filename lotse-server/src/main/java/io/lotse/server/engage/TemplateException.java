package io.lotse.server.engage;

/** A template that cannot be compiled, with the reason and where in the text. */
class TemplateException extends IllegalArgumentException {

    TemplateException(String message) {
        super(message);
    }
}
