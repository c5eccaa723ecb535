package io.lotse.server.engage;

/**
 * A message rendered for one person.
 *
 * @param subject the subject line
 * @param html    the HTML body, links rewritten for click tracking
 * @param text    the plain-text body
 */
record RenderedMessage(String subject, String html, String text) {}
