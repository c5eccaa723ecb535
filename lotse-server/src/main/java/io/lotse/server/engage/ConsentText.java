package io.lotse.server.engage;

/**
 * One version of the text a person agrees to, e.g. for the newsletter.
 *
 * @param id      its id, stored with every proof of consent
 * @param purpose the consent purpose, e.g. {@code email}
 * @param version the version number; a changed text is a new version
 * @param locale  its language
 * @param text    the text exactly as shown
 */
record ConsentText(long id, String purpose, int version, String locale, String text) {}
